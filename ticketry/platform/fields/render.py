"""Wire shapes of the field and option APIs."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from ticketry.core.context import RequestContext
from ticketry.core.pagination import page
from ticketry.platform.fields.models import CustomFieldOption

EMPTY_CONFIG: dict[str, Any] = {"scope": {"projects": [], "projects2": [], "global": {}}, "attributes": []}


def issue_field_option_json(option: CustomFieldOption, *, config: bool = True) -> dict[str, Any]:
    """The Issue Field Option shape: id (a number), value, properties and config."""
    body: dict[str, Any] = {"id": option.id, "value": option.value, "properties": option.properties or {}}
    if config:
        body["config"] = option.config or EMPTY_CONFIG
    return body


def custom_field_option_json(ctx: RequestContext, option: CustomFieldOption) -> dict[str, Any]:
    """GET /customFieldOption/{id}."""
    return {"self": ctx.api(f"customFieldOption/{option.id}"), "value": option.value}


def option_page(ctx: RequestContext, path: str, values: list[dict[str, Any]], *, start_at: int,
                max_results: int, total: int, params: dict[str, Any] | None = None) -> dict[str, Any]:
    """A Page of Issue Field Option with self and (when there is more) nextPage."""
    extra = {k: v for k, v in (params or {}).items() if v is not None}

    def url(start: int) -> str:
        return ctx.api(f"{path}?{urlencode({'startAt': start, 'maxResults': max_results, **extra})}")

    body = page(values, start_at=start_at, max_results=max_results, total=total, self_url=url(start_at))
    if not body["isLast"] and max_results > 0:
        body = {"self": body["self"], "nextPage": url(start_at + max_results),
                **{k: v for k, v in body.items() if k != "self"}}
    return body

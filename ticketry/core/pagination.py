"""Both pagination styles: platform (startAt/maxResults) and Service Desk (start/limit)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from ticketry.core.errors import BadRequest


def check_window(start_at: int, max_results: int, *, cap: int = 1000) -> tuple[int, int]:
    if start_at < 0:
        raise BadRequest(errors={"startAt": "The value of startAt must not be negative."})
    if start_at > 2**63 - 1:
        raise BadRequest(errors={"startAt": "The value of startAt must not exceed 9223372036854775807."})
    if max_results < 0:
        raise BadRequest(errors={"maxResults": "The value of maxResults must not be negative."})
    return start_at, min(max_results, cap)


def page(values: Sequence[Any], *, start_at: int, max_results: int, total: int,
         self_url: str | None = None) -> dict[str, Any]:
    body: dict[str, Any] = {}
    if self_url is not None:
        body["self"] = self_url
    body.update({
        "maxResults": max_results,
        "startAt": start_at,
        "total": total,
        "isLast": start_at + len(values) >= total,
        "values": list(values),
    })
    return body


def servicedesk_page(values: Sequence[Any], *, start: int, limit: int, is_last: bool,
                     base_url: str, path: str) -> dict[str, Any]:
    links: dict[str, str] = {"base": base_url, "context": ""}
    if not is_last:
        links["next"] = f"{base_url}{path}?start={start + limit}&limit={limit}"
    if start > 0:
        links["prev"] = f"{base_url}{path}?start={max(start - limit, 0)}&limit={limit}"
    return {
        "_expands": [],
        "size": len(values),
        "start": start,
        "limit": limit,
        "isLastPage": is_last,
        "_links": links,
        "values": list(values),
    }

"""Application properties, advanced settings, the base URL, navigator columns and the global configuration."""

from __future__ import annotations

from typing import Annotated, Any

import orjson
from fastapi import APIRouter, Depends, Request, Response
from pydantic import BaseModel, ConfigDict

from ticketry.core.deps import AdminCtx, UserCtx
from ticketry.core.errors import BadRequest
from ticketry.core.routing import JiraRoute
from ticketry.platform.appsettings import service
from ticketry.platform.appsettings.baseurl import BASE_URL_KEY
from ticketry.platform.appsettings.render import columns_json, configuration_json, property_json
from ticketry.platform.appsettings.validation import validate_base_url
from ticketry.platform.auditing import config as audit

router = APIRouter(route_class=JiraRoute, prefix="/rest/api/2", tags=["application properties"])


class SimpleApplicationProperty(BaseModel):
    model_config = ConfigDict(extra="ignore")

    id: str | None = None
    value: str | bool | int | float | None = None


@router.get("/application-properties", response_model=None)
def application_properties(
    ctx: AdminCtx, key: str | None = None, permissionLevel: str | None = None,  # noqa: N803 (Jira's names)
    keyFilter: str | None = None,  # noqa: N803
) -> dict[str, Any] | list[dict[str, Any]]:
    if key is not None:
        return property_json(service.definition(key), service.get_property_value(ctx.db, key))
    return [property_json(p, v) for p, v in service.editable_properties(ctx.db, permissionLevel, keyFilter)]


@router.get("/application-properties/advanced-settings")
def advanced_settings(ctx: AdminCtx) -> list[dict[str, Any]]:
    return [property_json(p, v) for p, v in service.advanced_settings(ctx.db)]


@router.put("/application-properties/{id}")
def set_application_property(ctx: AdminCtx, request: Request, id: str,  # noqa: A002 (Jira's name)
                             body: SimpleApplicationProperty) -> dict[str, Any]:
    prop = service.definition(id)
    value = _as_text(body.value)
    before = service.get_property_value(ctx.db, prop.key)
    stored = service.set_property_value(ctx.db, prop.key, value)
    audit.property_changed(ctx, prop.key, before, stored)
    if prop.key == BASE_URL_KEY:
        _base_url_changed(ctx.db, request)
    return property_json(prop, stored)


async def _raw_body(request: Request) -> bytes:
    return await request.body()


async def _columns_from(request: Request) -> list[str]:
    """Form fields `columns` (repeated or comma-separated), or a JSON list of field ids / {"value": id}."""
    content_type = request.headers.get("content-type", "").lower()
    if content_type.startswith("application/x-www-form-urlencoded"):
        form = await request.form()
        return [part for item in form.getlist("columns") if isinstance(item, str) for part in item.split(",")]
    try:
        data = orjson.loads(await request.body())
    except orjson.JSONDecodeError as exc:
        raise BadRequest("The columns must be form fields 'columns' or a JSON list of field ids.") from exc
    if isinstance(data, dict):
        data = data.get("columns")
    if not isinstance(data, list):
        raise BadRequest("The columns must be form fields 'columns' or a JSON list of field ids.")
    columns = [item.get("value") if isinstance(item, dict) else item for item in data]
    if not all(isinstance(c, str) for c in columns):
        raise BadRequest(errors={"columns": "Each column must be the id of a field, such as 'summary'."})
    return [c for c in columns if isinstance(c, str)]


RawBody = Annotated[bytes, Depends(_raw_body)]
Columns = Annotated[list[str], Depends(_columns_from)]


@router.put("/settings/baseUrl", status_code=204)
def set_base_url(ctx: AdminCtx, request: Request, body: RawBody) -> Response:
    raw: object = body.decode("utf-8", errors="replace").strip()
    if isinstance(raw, str) and raw.startswith('"'):
        try:
            raw = orjson.loads(raw)
        except orjson.JSONDecodeError as exc:
            raise BadRequest("The request body is not a valid JSON string.") from exc
    if not isinstance(raw, str) or not raw.strip():
        raise BadRequest("You must specify the base URL, such as https://jira.example.com.")
    try:
        url = validate_base_url(raw)
    except ValueError as exc:
        raise BadRequest(str(exc)) from exc
    before = service.get_property_value(ctx.db, BASE_URL_KEY)
    audit.property_changed(ctx, BASE_URL_KEY, before, service.set_property_value(ctx.db, BASE_URL_KEY, url))
    _base_url_changed(ctx.db, request)
    return Response(status_code=204)


@router.get("/settings/columns")
def navigator_columns(ctx: AdminCtx) -> list[dict[str, str]]:
    return columns_json(service.navigator_columns(ctx.db))


@router.put("/settings/columns")
def set_navigator_columns(ctx: AdminCtx, columns: Columns) -> Response:
    before = ", ".join(service.navigator_columns(ctx.db))
    after = ", ".join(service.set_navigator_columns(ctx.db, columns))
    audit.property_changed(ctx, service.NAVIGATOR_COLUMNS_KEY, before, after)
    return Response(status_code=200)



@router.get("/configuration")
def configuration(ctx: UserCtx) -> dict[str, Any]:
    return configuration_json(ctx.db)


def _as_text(value: str | bool | int | float | None) -> str:
    if value is None:
        raise BadRequest(errors={"value": "You must specify a value for 'value'."})
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def _base_url_changed(db: Any, request: Request) -> None:
    """Self links must change with the next request: commit now (the new configuration generation tells
    every process's cache)."""
    db.commit()


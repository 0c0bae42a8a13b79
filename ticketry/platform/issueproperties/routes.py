"""HTTP of issue properties: list keys, get, set (201 created, 200 replaced), delete."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Response

from ticketry.core.deps import Ctx
from ticketry.core.routing import JiraRoute
from ticketry.platform.issueproperties import service
from ticketry.platform.properties.body import JsonValue
from ticketry.platform.properties.service import keys_json, property_json

router = APIRouter(route_class=JiraRoute, prefix="/rest/api/2", tags=["issue properties"])


@router.get("/issue/{issueIdOrKey}/properties")
def property_keys(issueIdOrKey: str, ctx: Ctx) -> dict[str, Any]:  # noqa: N803
    issue = service.issue_of(ctx, issueIdOrKey)
    return keys_json(ctx.api(f"issue/{issue.key}/properties"), service.keys(ctx.db, issue))


@router.get("/issue/{issueIdOrKey}/properties/{propertyKey}")
def get_property(issueIdOrKey: str, propertyKey: str, ctx: Ctx) -> dict[str, Any]:  # noqa: N803
    issue = service.issue_of(ctx, issueIdOrKey)
    return property_json(service.get_property(ctx.db, issue, propertyKey))


@router.put("/issue/{issueIdOrKey}/properties/{propertyKey}")
def set_property(issueIdOrKey: str, propertyKey: str, value: JsonValue, ctx: Ctx) -> Response:  # noqa: N803
    issue = service.editable_issue(ctx, issueIdOrKey)
    created = service.set_property(ctx.db, issue, propertyKey, value)
    return Response(status_code=201 if created else 200)


@router.delete("/issue/{issueIdOrKey}/properties/{propertyKey}", status_code=204)
def delete_property(issueIdOrKey: str, propertyKey: str, ctx: Ctx) -> Response:  # noqa: N803
    issue = service.editable_issue(ctx, issueIdOrKey)
    service.delete_property(ctx.db, issue, propertyKey)
    return Response(status_code=204)

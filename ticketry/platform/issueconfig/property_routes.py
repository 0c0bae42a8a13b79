"""Entity properties of issue types: anyone logged in reads them, administrators change them."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Response

from ticketry.core.deps import AdminCtx, UserCtx
from ticketry.core.routing import JiraRoute
from ticketry.platform.issueconfig import service
from ticketry.platform.properties import service as properties
from ticketry.platform.properties.body import JsonValue

router = APIRouter(route_class=JiraRoute)
ENTITY = "issuetype"


@router.get("/issuetype/{issueTypeId}/properties")
def property_keys(issueTypeId: str, ctx: UserCtx) -> dict[str, Any]:  # noqa: N803
    issue_type = service.get_issue_type(ctx.db, issueTypeId)
    keys = properties.list_keys(ctx.db, ENTITY, issue_type.id)
    return properties.keys_json(ctx.api(f"issuetype/{issue_type.id}/properties"), keys)


@router.get("/issuetype/{issueTypeId}/properties/{propertyKey}")
def get_property(issueTypeId: str, propertyKey: str, ctx: UserCtx) -> dict[str, Any]:  # noqa: N803
    issue_type = service.get_issue_type(ctx.db, issueTypeId)
    return properties.property_json(properties.get_property(ctx.db, ENTITY, issue_type.id, propertyKey))


@router.put("/issuetype/{issueTypeId}/properties/{propertyKey}")
def set_property(issueTypeId: str, propertyKey: str, value: JsonValue, ctx: AdminCtx) -> Response:  # noqa: N803
    issue_type = service.get_issue_type(ctx.db, issueTypeId)
    created = properties.set_property(ctx.db, ENTITY, issue_type.id, propertyKey, value)
    return Response(status_code=201 if created else 200)


@router.delete("/issuetype/{issueTypeId}/properties/{propertyKey}", status_code=204)
def delete_property(issueTypeId: str, propertyKey: str, ctx: AdminCtx) -> Response:  # noqa: N803
    issue_type = service.get_issue_type(ctx.db, issueTypeId)
    properties.delete_property(ctx.db, ENTITY, issue_type.id, propertyKey)
    return Response(status_code=204)

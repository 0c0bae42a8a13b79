"""User entity properties (/user/properties) and the current user's legacy /userProperties.

Documents are kept by the generic properties service under the user's key (stable across renames).
Anyone logged in may read a user's properties; the user and administrators may change them.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import quote

import orjson
from fastapi import APIRouter, Request, Response

from ticketry.core.context import RequestContext
from ticketry.core.deps import UserCtx
from ticketry.core.errors import BadRequest, Forbidden
from ticketry.core.responses import JiraJSONResponse
from ticketry.core.routing import JiraRoute
from ticketry.platform.properties import service as properties
from ticketry.platform.users.inputs import RawBody, parse_body
from ticketry.platform.users.models import User
from ticketry.platform.users.schemas import LegacyUserProperty
from ticketry.platform.users.service import LEGACY_PROPERTY_ENTITY as LEGACY_ENTITY
from ticketry.platform.users.service import USER_PROPERTY_ENTITY, is_admin, resolve_user

router = APIRouter(route_class=JiraRoute)


def _owner(ctx: RequestContext, user_key: str | None, username: str | None, account_id: str | None) -> User:
    return resolve_user(ctx.db, username, user_key, account_id)


def _require_editor(ctx: RequestContext, user: User) -> None:
    assert ctx.user is not None
    if ctx.user.id != user.id and not is_admin(ctx.db, ctx.user):
        raise Forbidden("You do not have the permission to edit the properties of this user.")


@router.get("/user/properties")
def property_keys(ctx: UserCtx, userKey: str | None = None, username: str | None = None,  # noqa: N803
                  accountId: str | None = None) -> dict[str, Any]:  # noqa: N803
    user = _owner(ctx, userKey, username, accountId)
    keys = properties.list_keys(ctx.db, USER_PROPERTY_ENTITY, user.key)
    body = properties.keys_json(ctx.api("user/properties"), keys)
    for item in body["keys"]:
        item["self"] = ctx.api(f"user/properties/{quote(item['key'])}?userKey={quote(user.key)}")
    return body


@router.get("/user/properties/{propertyKey}")
def get_property(ctx: UserCtx, propertyKey: str, userKey: str | None = None,  # noqa: N803
                 username: str | None = None, accountId: str | None = None) -> dict[str, Any]:  # noqa: N803
    user = _owner(ctx, userKey, username, accountId)
    return properties.property_json(properties.get_property(ctx.db, USER_PROPERTY_ENTITY, user.key, propertyKey))


@router.put("/user/properties/{propertyKey}")
async def put_property(request: Request, ctx: UserCtx, propertyKey: str, userKey: str | None = None,  # noqa: N803
                       username: str | None = None, accountId: str | None = None) -> Response:  # noqa: N803
    value = _json_body(await request.body())
    user = _owner(ctx, userKey, username, accountId)
    _require_editor(ctx, user)
    created = properties.set_property(ctx.db, USER_PROPERTY_ENTITY, user.key, propertyKey, value)
    return Response(status_code=201 if created else 200)


def _json_body(raw: bytes) -> Any:
    if not raw.strip():
        raise BadRequest("The property value must be a JSON document; the request body is empty.")
    try:
        value = orjson.loads(raw)
    except orjson.JSONDecodeError:
        raise BadRequest("The property value must be a valid JSON document.") from None
    if b"\\u0000" in raw:
        raise BadRequest("The property value must not contain NUL characters.")
    return value


@router.delete("/user/properties/{propertyKey}", status_code=204)
def delete_property(ctx: UserCtx, propertyKey: str, userKey: str | None = None,  # noqa: N803
                    username: str | None = None, accountId: str | None = None) -> Response:  # noqa: N803
    user = _owner(ctx, userKey, username, accountId)
    _require_editor(ctx, user)
    properties.delete_property(ctx.db, USER_PROPERTY_ENTITY, user.key, propertyKey)
    return Response(status_code=204)


def _me(ctx: RequestContext) -> str:
    assert ctx.user is not None
    return ctx.user.key


def _require_key(key: str | None) -> str:
    if not key or not key.strip() or "\x00" in key:
        raise BadRequest(errors={"key": "You must specify the key of the property."})
    return key


@router.get("/userProperties")
@router.get("//userProperties", include_in_schema=False)
def legacy_get(ctx: UserCtx, key: str | None = None) -> dict[str, Any]:
    prop = properties.get_property(ctx.db, LEGACY_ENTITY, _me(ctx), _require_key(key))
    return {"key": prop.key, "value": prop.value}


@router.post("/userProperties")
@router.post("//userProperties", include_in_schema=False)
def legacy_set(ctx: UserCtx, raw: RawBody) -> JiraJSONResponse:
    body = parse_body(LegacyUserProperty, raw)
    key = _require_key(body.key)
    if body.value is None or isinstance(body.value, dict | list) or "\x00" in str(body.value):
        raise BadRequest(errors={"value": "The value must be a string without NUL characters."})
    value = body.value if isinstance(body.value, str) else orjson.dumps(body.value).decode()
    created = properties.set_property(ctx.db, LEGACY_ENTITY, _me(ctx), key, value)
    status = "created" if created else "updated"
    return JiraJSONResponse({"key": key, "value": value, "status": status}, status_code=201 if created else 200)


@router.delete("/userProperties", status_code=204)
@router.delete("//userProperties", status_code=204, include_in_schema=False)
def legacy_delete(ctx: UserCtx, key: str | None = None) -> Response:
    properties.delete_property(ctx.db, LEGACY_ENTITY, _me(ctx), _require_key(key))
    return Response(status_code=204)

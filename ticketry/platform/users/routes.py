"""/rest/api/2/user and /myself: read, create, update, delete; plus the user's groups and columns.

The other user resources (searches, pickers, properties, application roles) live in sibling
modules whose routers are included here, so the feature exposes one `router`.
"""

from __future__ import annotations

from typing import Any

import orjson
from fastapi import APIRouter, Depends, Request, Response

from ticketry.core.context import RequestContext
from ticketry.core.deps import AdminCtx, UserCtx
from ticketry.core.errors import BadRequest, NotAuthenticated
from ticketry.core.expand import Expand
from ticketry.core.routing import JiraRoute
from ticketry.platform.auditing import people as audit
from ticketry.platform.users import columns as columns_service
from ticketry.platform.users.approle_routes import router as approle_router
from ticketry.platform.users.approles import roles_of_user
from ticketry.platform.users.inputs import RawBody, parse_body, reject_nul
from ticketry.platform.users.models import User
from ticketry.platform.users.property_routes import router as property_router
from ticketry.platform.users.render import group_ref, user_json
from ticketry.platform.users.schemas import UserWrite
from ticketry.platform.users.search_routes import router as search_router
from ticketry.platform.users.service import (
    UserChanges,
    delete_user,
    group_count,
    group_names,
    is_admin,
    register_user,
    resolve_user,
    update_user,
)

api = APIRouter(route_class=JiraRoute, tags=["users"], dependencies=[Depends(reject_nul)])


def full_user(ctx: RequestContext, user: User, expand: str | None = None) -> dict[str, Any]:
    wanted = Expand(expand)
    roles = roles_of_user(ctx.db, user)
    return user_json(
        ctx,
        user,
        wanted,
        groups=group_names(ctx.db, user) if "groups" in wanted else None,
        group_count=group_count(ctx.db, user),
        application_roles=[{"key": r.key, "name": r.name} for r in roles] if "applicationRoles" in wanted else None,
        role_count=len(roles),
    )


def caller(ctx: RequestContext) -> User:
    if ctx.user is None:
        raise NotAuthenticated("You are not authenticated. Authentication required to perform this operation.")
    user = ctx.db.get(User, ctx.user.id)
    if user is None:
        raise NotAuthenticated("You are not authenticated. Authentication required to perform this operation.")
    return user


@api.get("/myself")
def myself(ctx: UserCtx, expand: str | None = None) -> dict[str, Any]:
    return full_user(ctx, caller(ctx), expand)


@api.get("/user")
@api.get("/user/", include_in_schema=False)
def get_user(ctx: UserCtx, username: str | None = None, key: str | None = None, accountId: str | None = None,  # noqa: N803
             expand: str | None = None) -> dict[str, Any]:
    return full_user(ctx, resolve_user(ctx.db, username, key, accountId), expand)


@api.post("/user", status_code=201)
def post_user(ctx: AdminCtx, raw: RawBody) -> dict[str, Any]:
    body = parse_body(UserWrite, raw)
    user = register_user(
        ctx.db,
        name=body.name or "",
        email=(body.emailAddress or "").strip(),
        display_name=body.displayName or "",
        password=body.password or None,
        application_keys=body.applicationKeys,
    )
    audit.user_created(ctx, user, group_names(ctx.db, user))
    return full_user(ctx, user)


@api.put("/user")
@api.put("/user/", include_in_schema=False)
def put_user(ctx: AdminCtx, raw: RawBody, username: str | None = None,
             key: str | None = None, accountId: str | None = None) -> dict[str, Any]:  # noqa: N803
    body = parse_body(UserWrite, raw)
    user = resolve_user(ctx.db, username, key, accountId)
    changes = UserChanges(name=body.name, email=body.emailAddress, display_name=body.displayName, active=body.active)
    before = audit.user_snapshot(user)
    update_user(ctx.db, caller(ctx), user, changes)
    audit.user_updated(ctx, before, user)
    return full_user(ctx, user)


@api.delete("/user", status_code=204)
@api.delete("/user/", status_code=204, include_in_schema=False)
def remove_user(ctx: AdminCtx, username: str | None = None, key: str | None = None,
                accountId: str | None = None) -> Response:  # noqa: N803
    user = resolve_user(ctx.db, username, key, accountId)
    user_key, user_name = user.key, user.name
    delete_user(ctx.db, caller(ctx), user)
    audit.user_deleted(ctx, user_key, user_name)
    return Response(status_code=204)



@api.get("/user/groups")
def user_groups(ctx: UserCtx, username: str | None = None, key: str | None = None,
                accountId: str | None = None) -> list[dict[str, Any]]:  # noqa: N803
    user = resolve_user(ctx.db, username, key, accountId)
    return [group_ref(ctx, name) for name in group_names(ctx.db, user)]


def _columns_owner(ctx: RequestContext, username: str | None, account_id: str | None = None) -> User:
    """The caller, or (for administrators only) the named user."""
    me = caller(ctx)
    if not username and not account_id:
        return me
    user = resolve_user(ctx.db, username, None, account_id)
    if user.id != me.id and not is_admin(ctx.db, me):
        raise NotAuthenticated("You are not permitted to access the columns of another user.")
    return user


@api.get("/user/columns")
def get_columns(ctx: UserCtx, username: str | None = None, accountId: str | None = None  # noqa: N803
                ) -> list[dict[str, str]]:
    user = _columns_owner(ctx, username, accountId)
    return [{"label": columns_service.label_of(c), "value": c} for c in columns_service.columns_of(user)]


@api.put("/user/columns")
async def put_columns(request: Request, ctx: UserCtx) -> Response:
    columns, username = await _read_columns(request)
    user = _columns_owner(ctx, username or request.query_params.get("username"),
                          request.query_params.get("accountId"))
    columns_service.set_columns(ctx.db, user, columns)
    return Response(status_code=200)


async def _read_columns(request: Request) -> tuple[list[str], str | None]:
    """Form fields `columns` (repeated) and `username`, or a JSON list (or {"columns": [...]})."""
    content_type = request.headers.get("content-type", "")
    if "json" in content_type:
        try:
            data = orjson.loads(await request.body() or b"null")
        except orjson.JSONDecodeError:
            raise BadRequest("Unexpected character in the request body: the body is not valid JSON.") from None
        username = None
        if isinstance(data, dict):
            username, data = data.get("username"), data.get("columns")
        if not isinstance(data, list) or not all(isinstance(c, str) for c in data):
            raise BadRequest(errors={"columns": "The columns must be a list of field ids."})
        return data, username if isinstance(username, str) else None
    form = await request.form()
    columns = [str(v) for v in form.getlist("columns")]
    username = form.get("username")
    return columns, str(username) if username else None


@api.delete("/user/columns", status_code=204)
def delete_columns(ctx: UserCtx, username: str | None = None, accountId: str | None = None  # noqa: N803
                   ) -> Response:
    columns_service.reset_columns(ctx.db, _columns_owner(ctx, username, accountId))
    return Response(status_code=204)


api.include_router(search_router)
api.include_router(property_router)
api.include_router(approle_router)

# /rest/api/latest reaches these routes through the alias in core/middleware.py.
router = APIRouter(route_class=JiraRoute)
router.include_router(api, prefix="/rest/api/2")

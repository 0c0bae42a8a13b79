"""Finding users: search, picker, assignable/browse/permission searches, bulk lookup."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query

from ticketry.core.context import RequestContext
from ticketry.core.deps import BrowseUsersCtx, UserCtx
from ticketry.core.errors import BadRequest
from ticketry.core.pagination import page
from ticketry.core.routing import JiraRoute
from ticketry.platform.users import access
from ticketry.platform.users.inputs import window
from ticketry.platform.users.models import User
from ticketry.platform.users.query import parse_user_query, property_filter
from ticketry.platform.users.render import user_json, user_picker_json, user_refs
from ticketry.platform.users.search import (
    PICKER_LIMIT,
    UserQuery,
    bulk_users,
    find_users,
    group_counts,
    role_counts,
    search_users,
)

router = APIRouter(route_class=JiraRoute)


def users_json(ctx: RequestContext, users: list[User]) -> list[dict[str, Any]]:
    """Full users with unexpanded groups and application roles (their sizes, no items)."""
    groups, roles = group_counts(ctx.db, users), role_counts(ctx.db, users)
    return [
        user_json(ctx, u, group_count=groups.get(u.id, 0), role_count=roles.get(u.id, 0)) for u in users
    ]


@router.get("/user/search")
def user_search(
    ctx: BrowseUsersCtx,
    username: str | None = None,
    query: str | None = None,
    startAt: int = 0,  # noqa: N803
    maxResults: int = 50,  # noqa: N803
    includeActive: bool = True,  # noqa: N803
    includeInactive: bool = False,  # noqa: N803
    property: str | None = None,
) -> list[dict[str, Any]]:
    text = username if username is not None else query
    if (not text or not text.strip()) and not property:
        raise BadRequest(errors={"username": "The username query parameter was not provided"})
    start, limit = window(startAt, maxResults)
    conditions = [property_filter(ctx.db, property)] if property else []
    found = find_users(ctx.db, UserQuery(text or ".", includeActive, includeInactive, conditions), start, limit)
    return users_json(ctx, found)


@router.get("/user/search/query")
def user_search_query(ctx: BrowseUsersCtx, query: str | None = None, startAt: int = 0,  # noqa: N803
                      maxResults: int = 100) -> dict[str, Any]:  # noqa: N803
    start, limit = window(startAt, maxResults)
    condition = parse_user_query(ctx.db, query)
    users, total = search_users(ctx.db, UserQuery(".", True, True, [condition]), start, limit)
    return page(users_json(ctx, users), start_at=start, max_results=limit, total=total)


@router.get("/user/picker")
def user_picker(
    ctx: BrowseUsersCtx,
    query: str | None = None,
    maxResults: int = 50,  # noqa: N803
    showAvatar: bool = False,  # noqa: N803
    exclude: Annotated[list[str] | None, Query()] = None,
) -> dict[str, Any]:
    _, limit = window(0, maxResults, cap=PICKER_LIMIT)
    return picker_body(ctx, query or "", limit, exclude or [])


def picker_body(ctx: RequestContext, text: str, limit: int, exclude: list[str]) -> dict[str, Any]:
    if not text.strip():
        return user_picker_json(ctx, [], 0, text)
    users, total = search_users(ctx.db, UserQuery(text, exclude=exclude), 0, limit)
    return user_picker_json(ctx, users, total, text.strip())


def _permitted(
    ctx: RequestContext, text: str | None, permissions: list[str], scope: access.Scope, start: int, limit: int
) -> list[dict[str, Any]]:
    return users_json(ctx, _permitted_users(ctx, text, permissions, scope, start, limit))


@router.get("/user/assignable/search")
def assignable_search(
    ctx: UserCtx,
    username: str | None = None,
    project: str | None = None,
    issueKey: str | None = None,  # noqa: N803
    startAt: int = 0,  # noqa: N803
    maxResults: int = 50,  # noqa: N803
    actionDescriptorId: int | None = None,  # noqa: N803
) -> list[dict[str, Any]]:
    start, limit = window(startAt, maxResults)
    scope = access.resolve_scope(ctx, project, issueKey, "project")
    return _permitted(ctx, username, ["ASSIGNABLE_USER"], scope, start, limit)


@router.get("/user/assignable/multiProjectSearch")
def assignable_multi_project(
    ctx: UserCtx,
    username: str | None = None,
    projectKeys: str | None = None,  # noqa: N803
    startAt: int = 0,  # noqa: N803
    maxResults: int = 50,  # noqa: N803
) -> list[dict[str, Any]]:
    start, limit = window(startAt, maxResults)
    scope = access.resolve_projects(ctx, projectKeys)
    return user_refs(ctx, _permitted_users(ctx, username, ["ASSIGNABLE_USER"], scope, start, limit))


def _permitted_users(
    ctx: RequestContext, text: str | None, permissions: list[str], scope: access.Scope, start: int, limit: int
) -> list[User]:
    condition = access.permitted_users(permissions, scope)
    return find_users(ctx.db, UserQuery(text or "", conditions=[condition]), start, limit)


@router.get("/user/viewissue/search")
def viewissue_search(
    ctx: UserCtx,
    username: str | None = None,
    issueKey: str | None = None,  # noqa: N803
    projectKey: str | None = None,  # noqa: N803
    startAt: int = 0,  # noqa: N803
    maxResults: int = 50,  # noqa: N803
) -> list[dict[str, Any]]:
    start, limit = window(startAt, maxResults)
    scope = access.resolve_scope(ctx, projectKey, issueKey)
    if not username or not username.strip():
        return []
    return user_refs(ctx, _permitted_users(ctx, username, ["BROWSE_PROJECTS"], scope, start, limit))


@router.get("/user/permission/search")
def permission_search(
    ctx: UserCtx,
    permissions: str | None = None,
    username: str | None = None,
    issueKey: str | None = None,  # noqa: N803
    projectKey: str | None = None,  # noqa: N803
    startAt: int = 0,  # noqa: N803
    maxResults: int = 50,  # noqa: N803
) -> list[dict[str, Any]]:
    start, limit = window(startAt, maxResults)
    wanted = access.parse_permissions(permissions)
    scope = access.resolve_scope(ctx, projectKey, issueKey)
    access.require_project_admin(ctx, scope)
    return user_refs(ctx, _permitted_users(ctx, username, wanted, scope, start, limit))


@router.get("/user/bulk")
def user_bulk(
    ctx: UserCtx,
    username: Annotated[list[str] | None, Query()] = None,
    key: Annotated[list[str] | None, Query()] = None,
    startAt: int = 0,  # noqa: N803
    maxResults: int = 10,  # noqa: N803
) -> dict[str, Any]:
    start, limit = window(startAt, maxResults, cap=200)
    users, total = bulk_users(ctx.db, username or [], key or [], start, limit)
    return page(users_json(ctx, users), start_at=start, max_results=limit, total=total)

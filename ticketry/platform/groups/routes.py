"""/rest/api/2/group, /group/member, /group/user, /groups/picker and /groupuserpicker."""

from __future__ import annotations

import re
from typing import Annotated, Any
from urllib.parse import urlencode

from fastapi import APIRouter, Depends, Query, Response

from ticketry.core.context import RequestContext
from ticketry.core.deps import AdminCtx, BrowseUsersCtx
from ticketry.core.errors import BadRequest
from ticketry.core.pagination import page
from ticketry.core.routing import JiraRoute
from ticketry.platform.auditing import people as audit
from ticketry.platform.groups import service
from ticketry.platform.users.inputs import MAX_START, RawBody, parse_body, reject_nul, window
from ticketry.platform.users.models import Group
from ticketry.platform.users.render import group_json, group_picker_json, user_refs
from ticketry.platform.users.routes import caller
from ticketry.platform.users.schemas import GroupMemberWrite, GroupWrite
from ticketry.platform.users.search_routes import picker_body

api = APIRouter(route_class=JiraRoute, tags=["groups"], dependencies=[Depends(reject_nul)])

USERS_PAGE = 50
MEMBER_PAGE_MAX = 50
PICKER_MAX = 1000
USERS_RANGE = re.compile(r"users\[(\d+):(\d+)\]")


def users_window(expand: str | None) -> tuple[bool, int, int]:
    """expand=users or users[start:end] (0-based, inclusive, at most 50 users a page)."""
    for part in (p.strip() for p in (expand or "").split(",")):
        if part == "users":
            return True, 0, USERS_PAGE
        if match := USERS_RANGE.fullmatch(part):
            start, end = int(match.group(1)), int(match.group(2))
            if start > MAX_START:
                raise BadRequest(errors={"expand": f"The start index of users[start:end] must not exceed {MAX_START}."})
            if end < start:
                raise BadRequest(errors={"expand": "The end index of users[start:end] must not precede the start."})
            return True, start, min(end - start + 1, USERS_PAGE)
    return False, 0, USERS_PAGE


def group_body(ctx: RequestContext, group: Group, expand: str | None = None) -> dict[str, Any]:
    expanded, start, limit = users_window(expand)
    users, total = service.members(ctx.db, group, include_inactive=False, start=start, limit=limit)
    return group_json(ctx, group, users if expanded else [], total=total, start=start, max_results=limit)


@api.get("/group")
def get_group(ctx: AdminCtx, groupname: str | None = None, expand: str | None = None) -> dict[str, Any]:
    return group_body(ctx, service.get_group(ctx.db, groupname), expand)


@api.post("/group", status_code=201)
def create_group(ctx: AdminCtx, raw: RawBody) -> dict[str, Any]:
    body = parse_body(GroupWrite, raw)
    group = service.create_group(ctx.db, body.name)
    audit.group_created(ctx, group)
    return group_body(ctx, group, "users")


@api.delete("/group")
def delete_group(ctx: AdminCtx, groupname: str | None = None, swapGroup: str | None = None  # noqa: N803
                 ) -> Response:
    name = service.get_group(ctx.db, groupname).name
    service.delete_group(ctx.db, groupname, swapGroup)
    audit.group_deleted(ctx, name)
    return Response(status_code=200)


@api.get("/group/member")
def group_members(
    ctx: AdminCtx,
    groupname: str | None = None,
    includeInactiveUsers: bool = False,  # noqa: N803
    startAt: int = 0,  # noqa: N803
    maxResults: int = 50,  # noqa: N803
) -> dict[str, Any]:
    group = service.get_group(ctx.db, groupname)
    start, limit = window(startAt, maxResults, cap=MEMBER_PAGE_MAX)
    users, total = service.members(ctx.db, group, include_inactive=includeInactiveUsers, start=start, limit=limit)
    url = _member_url(ctx, group, includeInactiveUsers, start, limit)
    body = page(user_refs(ctx, users), start_at=start, max_results=limit, total=total, self_url=url)
    if not body["isLast"]:
        body = {"self": url, "nextPage": _member_url(ctx, group, includeInactiveUsers, start + limit, limit),
                **{k: v for k, v in body.items() if k != "self"}}
    return body


def _member_url(ctx: RequestContext, group: Group, inactive: bool, start: int, limit: int) -> str:
    query = urlencode({"groupname": group.name, "includeInactiveUsers": str(inactive).lower(),
                       "startAt": start, "maxResults": limit})
    return ctx.api(f"group/member?{query}")


@api.post("/group/user", status_code=201)
def add_user_to_group(ctx: AdminCtx, raw: RawBody, groupname: str | None = None) -> dict[str, Any]:
    body = parse_body(GroupMemberWrite, raw)
    group = service.get_group(ctx.db, groupname)
    user = service.member_user(ctx.db, body.name, body.accountId)
    service.add_member(ctx.db, group, user)
    audit.member_added(ctx, group.name, user)
    return group_body(ctx, group)


@api.delete("/group/user")
def remove_user_from_group(ctx: AdminCtx, groupname: str | None = None, username: str | None = None,
                           accountId: str | None = None) -> Response:  # noqa: N803
    group = service.get_group(ctx.db, groupname)
    if not username and not accountId:
        raise BadRequest(errors={"username": "You must specify a user name or an accountId."})
    user = service.member_user(ctx.db, username, accountId)
    service.remove_member(ctx.db, caller(ctx), group, user)
    audit.member_removed(ctx, group.name, user)
    return Response(status_code=200)



def groups_picker_body(ctx: RequestContext, query: str, exclude: list[str], limit: int,
                       user_name: str | None = None) -> dict[str, Any]:
    groups, total = service.pick_groups(ctx.db, query.strip(), exclude, limit, user_name)
    return group_picker_json(groups, total, query.strip())


@api.get("/groups/picker")
def groups_picker(
    ctx: BrowseUsersCtx,
    query: str | None = None,
    exclude: Annotated[list[str] | None, Query()] = None,
    maxResults: int = service.PICKER_DEFAULT,  # noqa: N803
    userName: str | None = None,  # noqa: N803
) -> dict[str, Any]:
    _, limit = window(0, maxResults, cap=PICKER_MAX)
    return groups_picker_body(ctx, query or "", exclude or [], limit, userName)


@api.get("/groupuserpicker")
def group_user_picker(
    ctx: BrowseUsersCtx,
    query: str | None = None,
    maxResults: int = 50,  # noqa: N803
    showAvatar: bool = False,  # noqa: N803
    fieldId: str | None = None,  # noqa: N803
    projectId: Annotated[list[str] | None, Query()] = None,  # noqa: N803
    issueTypeId: Annotated[list[str] | None, Query()] = None,  # noqa: N803
    avatarSize: str | None = None,  # noqa: N803
    caseInsensitive: bool = False,  # noqa: N803
    excludeConnectAddons: bool = False,  # noqa: N803
) -> dict[str, Any]:
    _, limit = window(0, maxResults, cap=PICKER_MAX)
    text = query or ""
    return {"users": picker_body(ctx, text, limit, []), "groups": groups_picker_body(ctx, text, [], limit)}


# /rest/api/latest reaches these routes through the alias in core/middleware.py.
router = APIRouter(route_class=JiraRoute)
router.include_router(api, prefix="/rest/api/2")

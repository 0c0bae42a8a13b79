"""Wire shapes of users and groups."""

from __future__ import annotations

from typing import Any
from urllib.parse import quote

from ticketry.core.context import RequestContext
from ticketry.core.expand import Expand
from ticketry.platform.users.models import Group, User

AVATAR_SIZES = (("48x48", "large"), ("24x24", "small"), ("16x16", "xsmall"), ("32x32", "medium"))


def avatar_urls(ctx: RequestContext, user: User) -> dict[str, str]:
    avatar = f"&avatarId={user.avatar_id}" if user.avatar_id else ""
    owner = quote(user.name)
    return {
        label: ctx.url(f"/secure/useravatar?size={size}&ownerId={owner}{avatar}") for label, size in AVATAR_SIZES
    }


def user_self(ctx: RequestContext, user: User) -> str:
    return ctx.api(f"user?username={quote(user.name)}")


def user_ref(ctx: RequestContext, user: User | None) -> dict[str, Any] | None:
    """The short user shape embedded in other entities (lead, assignee, author, ...)."""
    if user is None:
        return None
    return {
        "self": user_self(ctx, user),
        "name": user.name,
        "key": user.key,
        "accountId": user.account_id,
        "emailAddress": user.email,
        "avatarUrls": avatar_urls(ctx, user),
        "displayName": user.display_name,
        "active": user.active,
        "timeZone": user.time_zone,
    }


def user_json(
    ctx: RequestContext,
    user: User,
    expand: Expand | None = None,
    *,
    groups: list[str] | None = None,
    application_roles: list[dict[str, Any]] | None = None,
) -> dict[str, Any]:
    body = user_ref(ctx, user) or {}
    body["locale"] = user.locale
    body["deleted"] = False
    body["groups"] = _list_wrapper([group_ref(ctx, name) for name in groups] if groups is not None else None)
    body["applicationRoles"] = _list_wrapper(application_roles)
    body["expand"] = "groups,applicationRoles"
    return body


def _list_wrapper(items: list[dict[str, Any]] | None) -> dict[str, Any]:
    if items is None:
        return {"size": 0, "items": []}
    return {"size": len(items), "items": items}


def group_ref(ctx: RequestContext, name: str) -> dict[str, Any]:
    return {"name": name, "self": ctx.api(f"group?groupname={quote(name)}")}


def group_json(ctx: RequestContext, group: Group) -> dict[str, Any]:
    return group_ref(ctx, group.name)

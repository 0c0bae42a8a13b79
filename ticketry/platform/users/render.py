"""Wire shapes of users, groups, pickers and application roles (field order as Jira sends them)."""

from __future__ import annotations

import html
from typing import Any
from urllib.parse import quote

from ticketry.core.context import RequestContext
from ticketry.core.expand import Expand
from ticketry.platform.users.models import Group, User

AVATAR_SIZES = (("48x48", "large"), ("24x24", "small"), ("16x16", "xsmall"), ("32x32", "medium"))


def avatar_url(ctx: RequestContext, user: User, size: str) -> str:
    avatar = f"&avatarId={user.avatar_id}" if user.avatar_id else ""
    return ctx.url(f"/secure/useravatar?size={size}&ownerId={quote(user.name)}{avatar}")


def avatar_urls(ctx: RequestContext, user: User) -> dict[str, str]:
    return {label: avatar_url(ctx, user, size) for label, size in AVATAR_SIZES}


def user_self(ctx: RequestContext, user: User) -> str:
    return ctx.api(f"user?username={quote(user.name)}")


def user_ref(ctx: RequestContext, user: User | None) -> dict[str, Any] | None:
    """The short user shape embedded in other entities (lead, assignee, author, ...)."""
    if user is None:
        return None
    return {
        "self": user_self(ctx, user),
        "key": user.key,
        "accountId": user.account_id,
        "name": user.name,
        "emailAddress": user.email,
        "avatarUrls": avatar_urls(ctx, user),
        "displayName": user.display_name,
        "active": user.active,
        "timeZone": user.time_zone,
    }


def user_refs(ctx: RequestContext, users: list[User]) -> list[dict[str, Any]]:
    return [user_ref(ctx, user) or {} for user in users]


def user_json(
    ctx: RequestContext,
    user: User,
    expand: Expand | None = None,
    *,
    groups: list[str] | None = None,
    application_roles: list[dict[str, Any]] | None = None,
    group_count: int | None = None,
    role_count: int | None = None,
) -> dict[str, Any]:
    """The full user. Unexpanded lists carry their size and no items, as Jira sends them."""
    ref = user_ref(ctx, user) or {}
    body: dict[str, Any] = {}
    for name, value in ref.items():
        body[name] = value
        if name == "active":
            body["deleted"] = False
    body["locale"] = user.locale
    body["groups"] = _list_wrapper(
        [group_ref(ctx, name) for name in groups] if groups is not None else None, group_count
    )
    body["applicationRoles"] = _list_wrapper(application_roles, role_count)
    body["expand"] = "groups,applicationRoles"
    return body


def _list_wrapper(items: list[dict[str, Any]] | None, count: int | None) -> dict[str, Any]:
    if items is None:
        return {"size": count or 0, "items": []}
    return {"size": len(items), "items": items}


def group_ref(ctx: RequestContext, name: str) -> dict[str, Any]:
    return {"name": name, "self": ctx.api(f"group?groupname={quote(name)}")}


def group_json(
    ctx: RequestContext, group: Group, members: list[User], *, total: int, start: int, max_results: int
) -> dict[str, Any]:
    """A group with the paged list wrapper of its (active) users."""
    end = start + max(len(members) - 1, 0)
    body = group_ref(ctx, group.name)
    body["users"] = {
        "size": total,
        "items": user_refs(ctx, members),
        "max-results": max_results,
        "start-index": start,
        "end-index": end,
    }
    body["expand"] = "users"
    return body


def highlight(text: str, query: str, tag: str = "b") -> str:
    """HTML-escaped text with the first case-insensitive match of the query in bold."""
    if not query:
        return html.escape(text)
    pos = text.lower().find(query.lower())
    if pos < 0:
        return html.escape(text)
    end = pos + len(query)
    return f"{html.escape(text[:pos])}<{tag}>{html.escape(text[pos:end])}</{tag}>{html.escape(text[end:])}"


def _highlight_prefix(text: str, query: str) -> str:
    words = text.split(" ")
    return " ".join(
        highlight(w, query, "strong") if query and w.lower().startswith(query.lower()) else html.escape(w)
        for w in words
    )


def picker_user(ctx: RequestContext, user: User, query: str) -> dict[str, Any]:
    shown = f"{_highlight_prefix(user.display_name, query)} - {_highlight_prefix(user.email, query)}"
    return {
        "name": user.name,
        "key": user.key,
        "html": f"{shown} ({_highlight_prefix(user.name, query)})",
        "displayName": user.display_name,
        "avatarUrl": avatar_url(ctx, user, "small"),
    }


def user_picker_json(ctx: RequestContext, users: list[User], total: int, query: str) -> dict[str, Any]:
    return {
        "users": [picker_user(ctx, user, query) for user in users],
        "total": total,
        "header": f"Showing {len(users)} of {total} matching users",
    }


def group_picker_json(groups: list[Group], total: int, query: str) -> dict[str, Any]:
    return {
        "header": f"Showing {len(groups)} of {total} matching groups",
        "total": total,
        "groups": [{"name": g.name, "html": highlight(g.name, query), "labels": []} for g in groups],
    }

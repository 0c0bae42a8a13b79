"""Wire shapes of watchers and votes: the sub-resources and the issue's "watches"/"votes" fields."""

from __future__ import annotations

from typing import Any

from ticketry.core.context import RequestContext
from ticketry.platform.issues.models import Issue
from ticketry.platform.users.models import User
from ticketry.platform.users.render import user_refs


def watchers_self(ctx: RequestContext, issue: Issue) -> str:
    return ctx.api(f"issue/{issue.key}/watchers")


def votes_self(ctx: RequestContext, issue: Issue) -> str:
    return ctx.api(f"issue/{issue.key}/votes")


def watches_field(ctx: RequestContext, issue: Issue, count: int, watching: bool) -> dict[str, Any]:
    return {"self": watchers_self(ctx, issue), "watchCount": count, "isWatching": watching}


def votes_field(ctx: RequestContext, issue: Issue, count: int, voted: bool) -> dict[str, Any]:
    return {"self": votes_self(ctx, issue), "votes": count, "hasVoted": voted}


def watchers_json(ctx: RequestContext, issue: Issue, watchers: list[User], visible: bool) -> dict[str, Any]:
    """The watcher list; without "View Voters and Watchers" only the count and the caller's flag."""
    watching = ctx.user is not None and any(w.id == ctx.user.id for w in watchers)
    shown = watchers if visible else []
    return {**watches_field(ctx, issue, len(watchers), watching), "watchers": user_refs(ctx, shown)}


def votes_json(ctx: RequestContext, issue: Issue, voters: list[User], visible: bool) -> dict[str, Any]:
    voted = ctx.user is not None and any(v.id == ctx.user.id for v in voters)
    shown = voters if visible else []
    return {**votes_field(ctx, issue, len(voters), voted), "voters": user_refs(ctx, shown)}

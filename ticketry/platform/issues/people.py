"""The users a rendering names (authors, assignees...), loaded once per request however many parts ask.

Comments, worklogs and the issue's own people are rendered by different packages; this keeps one
request from asking for the same user twice, and renders each user's short shape once.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from sqlalchemy import bindparam, select

from ticketry.core.context import RequestContext
from ticketry.platform.users.models import User
from ticketry.platform.users.render import user_ref

_USERS = "people.users"
_REFS = "people.refs"
_PENDING = "people.pending"
_USERS_BY_ID = select(User).where(User.id.in_(bindparam("ids", expanding=True)))


def _known(ctx: RequestContext) -> dict[int, User]:
    found = ctx.extras.get(_USERS)
    if not isinstance(found, dict):
        found = {}
        ctx.extras[_USERS] = found
    return found


def remember(ctx: RequestContext, users: Iterable[User]) -> None:
    """Users loaded elsewhere in this request (the issues' assignees, reporters...)."""
    known = _known(ctx)
    for user in users:
        known.setdefault(user.id, user)


def expect(ctx: RequestContext, ids: Iterable[int | None]) -> None:
    """Users a later part of the request will ask for: the next load fetches them too."""
    pending = ctx.extras.setdefault(_PENDING, set())
    assert isinstance(pending, set)
    pending.update(i for i in ids if i is not None)


def users_by_id(ctx: RequestContext, ids: Iterable[int | None]) -> dict[int, User]:
    """The users with these ids (missing ones left out), in at most one query for those not seen yet."""
    known = _known(ctx)
    wanted = {i for i in ids if i is not None}
    missing = wanted - known.keys()
    if missing:
        pending = ctx.extras.pop(_PENDING, set())
        assert isinstance(pending, set)
        for user in ctx.db.scalars(_USERS_BY_ID, {"ids": sorted(missing | (pending - known.keys()))}):
            known[user.id] = user
    return {i: known[i] for i in wanted if i in known}


def person(ctx: RequestContext, user: User | None) -> dict[str, Any] | None:
    """user_ref, made once per user and request (the same dict is shared by every place naming them)."""
    if user is None:
        return None
    refs = ctx.extras.get(_REFS)
    if not isinstance(refs, dict):
        refs = {}
        ctx.extras[_REFS] = refs
    ref = refs.get(user.id)
    if ref is None:
        ref = refs[user.id] = user_ref(ctx, user)
    return ref  # type: ignore[no-any-return]

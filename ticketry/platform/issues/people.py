"""The users a rendering names (authors, assignees...), loaded once per request however many parts ask.

Comments, worklogs and the issue's own people are rendered by different packages; this keeps one
request from asking for the same user twice, and renders each user's short shape once.

Users are configuration (`ticketry.db.generation`: a change of what renders them bumps the generation), so
the users a process has loaded, and their short shapes, are kept for the generation: a page of issues
names the same few hundred people again and again.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable
from typing import Any

from sqlalchemy import bindparam, select, union_all

from ticketry.core.config_cache import cached, transient_rows
from ticketry.core.context import RequestContext
from ticketry.db.id_lists import id_in
from ticketry.db.inline import constant
from ticketry.platform.users.models import User
from ticketry.platform.users.render import user_ref

_USERS = "people.users"
_REFS = "people.refs"
_PENDING = "people.pending"
_SHARED = "people"
_SHARED_LIMIT = 50000  # users and shapes a process keeps at most (about 100 MB); then it starts again
_WARMED = ("people", "warmed")  # the last user id loaded in bulk (None once every user was)
_WARM_ROWS = 2000
_WARMING = threading.Lock()  # one request thread of the process loads the next users at a time
_USER_COLUMNS = User.__table__.c
_USERS_ONLY = select(*_USER_COLUMNS, constant(False).label("warming")).where(id_in(_USER_COLUMNS.id, "ids"))
_NEXT = (select(*_USER_COLUMNS).where(_USER_COLUMNS.id > bindparam("after")).order_by(_USER_COLUMNS.id)
         .limit(bindparam("rows")).subquery("next_users"))
_USERS_AND_NEXT = union_all(_USERS_ONLY, select(*_NEXT.c, constant(True)))


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


def _shared(ctx: RequestContext) -> dict[Any, Any]:
    """The process's users (detached copies) and short shapes, for this configuration generation: a dict
    filled as requests meet people; an entry, once made, never changes."""
    shared: dict[Any, Any] = cached(ctx.db, _SHARED, lambda _db: {})
    if len(shared) > _SHARED_LIMIT:
        shared.clear()
    return shared


def users_by_id(ctx: RequestContext, ids: Iterable[int | None]) -> dict[int, User]:
    """The users with these ids (missing ones left out), in at most one query for those not seen yet."""
    known = _known(ctx)
    wanted = {i for i in ids if i is not None}
    missing = wanted - known.keys()
    if missing:
        pending = ctx.extras.pop(_PENDING, set())
        assert isinstance(pending, set)
        shared = _shared(ctx)
        unknown = []
        for user_id in missing | (pending - known.keys()):
            found = shared.get(user_id)
            if found is None:
                unknown.append(user_id)
            else:
                known[user_id] = found
        if unknown:
            for user in _load(ctx, shared, unknown):
                known[user.id] = shared.setdefault(user.id, user)
    return {i: known[i] for i in wanted if i in known}


def _load(ctx: RequestContext, shared: dict[Any, Any], unknown: list[int]) -> list[User]:
    """The unknown users, and with them the next `_WARM_ROWS` users by id the process has not loaded in bulk
    yet, while the kept users fill at most half the limit (their short shapes take the rest). A process
    meets its people a page at a time: at L (21 000 users) nearly every page named someone new, and a
    statement of its own loading them cost 12 % of a GET issue; this way a few statements hold them all,
    as Jira keeps its users in memory. One thread loads the next users at a time; the others meanwhile load
    only their own (at L, the request threads of a new process all loaded the same 2 000 users at once: 53
    bulk loads in its first seconds where 22 hold every user)."""
    warm = len(shared) < _SHARED_LIMIT // 2 and shared.get(_WARMED, 0) is not None
    if not warm or not _WARMING.acquire(blocking=False):
        return _rows(ctx.db.execute(_USERS_ONLY, {"ids": sorted(unknown)}))
    try:
        after = shared.get(_WARMED, 0)  # another thread may have moved it on meanwhile
        if after is None:
            return _rows(ctx.db.execute(_USERS_ONLY, {"ids": sorted(unknown)}))
        rows = ctx.db.execute(_USERS_AND_NEXT, {"ids": sorted(unknown), "after": after, "rows": _WARM_ROWS}).all()
        warmed = [row.id for row in rows if row.warming]
        shared[_WARMED] = max(warmed) if len(warmed) == _WARM_ROWS else None  # None: all loaded
    finally:
        _WARMING.release()
    return transient_rows(User, rows)


def _rows(rows: Any) -> list[User]:
    return transient_rows(User, list(rows))


def person(ctx: RequestContext, user: User | None) -> dict[str, Any] | None:
    """user_ref, made once per user, generation and base URL (the same dict is shared by every place naming
    them: nothing may change it)."""
    if user is None:
        return None
    refs = ctx.extras.get(_REFS)
    if not isinstance(refs, dict):
        refs = {}
        ctx.extras[_REFS] = refs
    ref = refs.get(user.id)
    if ref is None:
        shared = _shared(ctx)
        ref = shared.get((ctx.base_url, user.id))
        if ref is None:
            ref = shared[(ctx.base_url, user.id)] = user_ref(ctx, user)
        refs[user.id] = ref
    return ref  # type: ignore[no-any-return]

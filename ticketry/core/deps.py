"""FastAPI dependencies shared by every route: the transaction, the caller, the context.

The session commits before the response is sent (scope="function"), so a failed commit
is an error response, never a 2xx for data that was not stored.

The transaction and the caller are async dependencies: FastAPI runs every sync dependency in a
worker thread of its own, and those hops (enter, context, exit, then the endpoint) cost more than
serverInfo itself. What they do on the event loop only reads (sessions open lazily; a remembered
password, a token or a session row); argon2 and failure counts go to a worker thread. A writing request
commits in its endpoint's thread (`core.routing._commit_in_this_thread`); here only when the endpoint left
its transaction open (an endpoint FastAPI encodes itself, an async one), in a worker thread of its own. A
request then costs one hop: its endpoint.
"""

from __future__ import annotations

import asyncio
import weakref
from collections.abc import AsyncIterator, Callable
from typing import Annotated

from anyio import CapacityLimiter, to_thread
from fastapi import Depends, Request
from sqlalchemy.orm import Session
from starlette.concurrency import run_in_threadpool

from ticketry.core.context import RequestContext
from ticketry.core.errors import Forbidden, NotAuthenticated
from ticketry.platform.auth.service import AUTH_FAILED, SESSION_COOKIE, SlowCheck
from ticketry.platform.users.models import User
from ticketry.platform.users.service import is_admin

READ_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
# POSTs that only read (their bodies are too big for a query string). On SQLite a write transaction
# would queue them behind every writer, so they take the read engine like GETs.
READ_ONLY_POSTS = frozenset({"/rest/api/2/search", "/rest/api/2/jql/parse", "/rest/api/2/permissions/project"})


def _reads_only(request: Request) -> bool:
    if request.method in READ_METHODS:
        return True
    return request.method == "POST" and request.url.path.rstrip("/") in READ_ONLY_POSTS


async def _db(request: Request) -> AsyncIterator[Session]:
    state = request.app.state
    reads = _reads_only(request)
    async with _gate(request):
        db = (state.read_sessions if reads else state.write_sessions)()
        try:
            yield db
            if reads or not db.in_transaction():
                db.commit()
            else:  # may wait on the disk (and for PostgreSQL's WAL flush): not on the event loop
                await _ending(db.commit)
        except BaseException:
            if reads or not db.in_transaction():
                db.rollback()
            else:
                await _ending(db.rollback)
            raise
        finally:
            db.close()


def _gate(request: Request) -> asyncio.Semaphore:
    """At most `Settings.request_threads` requests of the process hold sessions at once; the rest wait
    here, on the event loop, before touching the database. Besides sparing threads the fight for
    Python's lock, it keeps the loop from ever waiting for a pooled connection: the caller is read on
    the loop, and with every connection held by requests that need the loop to finish, it would wait
    for good."""
    state = request.app.state
    loop = asyncio.get_running_loop()
    gate: asyncio.Semaphore | None = state.request_gates.get(loop)
    if gate is None:
        gate = state.request_gates[loop] = asyncio.Semaphore(state.settings.request_threads)
    return gate


async def _ending(end: Callable[[], None]) -> None:
    """Commits and rollbacks of writing transactions take threads of their own, not the requests'
    (`Settings.request_threads`): on SQLite a writer holds the write lock until it commits, while other
    writers wait for that lock holding request threads; if the commit needed one of those, it would wait
    for them as they wait for it."""
    loop = asyncio.get_running_loop()
    limiter = _ENDINGS.get(loop)
    if limiter is None:
        limiter = _ENDINGS[loop] = CapacityLimiter(64)
    await to_thread.run_sync(end, limiter=limiter)


_ENDINGS: weakref.WeakKeyDictionary[asyncio.AbstractEventLoop, CapacityLimiter] = weakref.WeakKeyDictionary()


async def _context(request: Request, db: Annotated[Session, Depends(_db, scope="function")]) -> RequestContext:
    state = request.app.state
    # On SQLite a writing request's session stays untouched until the endpoint runs (its first statement
    # takes the write lock): it reads the caller and the base URL in one read session of its own. Reads, and
    # on PostgreSQL (no lock taken at BEGIN) writes too, share the request's transaction: a transaction and
    # the configuration generation's read fewer.
    own = None if _reads_only(request) or not state.write_lock_at_begin else state.read_sessions()
    reader = db if own is None else own
    try:
        user = await _caller(request, reader)
        base_url = state.base_url_for(request, reader)
    finally:
        if own is not None:
            own.close()
    request.state.username = user.name if user is not None else "anonymous"
    ctx = RequestContext(db=db, settings=state.settings, base_url=base_url, user=user)
    if request.client is not None:
        ctx.extras["remote_address"] = request.client.host
    return ctx


async def _caller(request: Request, reader: Session) -> User | None:
    authenticator = request.app.state.authenticator
    authorization, cookie = request.headers.get("authorization"), request.cookies.get(SESSION_COOKIE)
    try:
        return authenticator.from_headers(authorization, cookie, reader, quick=True)  # type: ignore[no-any-return]
    except SlowCheck:
        return await run_in_threadpool(authenticator.from_headers, authorization, cookie, reader)  # type: ignore[no-any-return]


Ctx = Annotated[RequestContext, Depends(_context, scope="function")]


async def _user_context(ctx: Ctx) -> RequestContext:
    if ctx.user is None:
        raise NotAuthenticated(AUTH_FAILED)
    return ctx


UserCtx = Annotated[RequestContext, Depends(_user_context, scope="function")]


def _admin_context(ctx: UserCtx) -> RequestContext:
    if not is_admin(ctx.db, ctx.user):
        raise Forbidden("You are not authorized to perform this operation. Please log in.")
    return ctx


AdminCtx = Annotated[RequestContext, Depends(_admin_context, scope="function")]


def _browse_users_context(ctx: UserCtx) -> RequestContext:
    """Jira's Browse Users global permission guards the user and group finders."""
    from ticketry.platform.permissions.engine import access

    if not access(ctx).has_global("USER_PICKER"):
        raise Forbidden("You do not have the permission to browse users and groups.")
    return ctx


BrowseUsersCtx = Annotated[RequestContext, Depends(_browse_users_context, scope="function")]

"""create_app(settings) -> the ASGI app, with every feature's router mounted."""

from __future__ import annotations

import gc
import weakref
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI

from ticketry.core import handlers
from ticketry.core.middleware import JiraHeadersMiddleware
from ticketry.core.responses import JiraJSONResponse
from ticketry.core.routing import install_route_index
from ticketry.db.engine import make_engine, make_session_factory
from ticketry.jobs.worker import lifespan as job_workers
from ticketry.platform.appsettings.baseurl import BaseUrlResolver
from ticketry.platform.auth.service import Authenticator
from ticketry.routers import ROUTERS
from ticketry.settings import Settings


@asynccontextmanager
async def _lifespan(app: FastAPI) -> AsyncIterator[None]:
    # What is alive once the server starts (modules, classes, mappers) lives as long as it: moved out of
    # the cyclic collector's sight, its full collections stop walking it (in process at L: GET project
    # 15.6 -> 11.8-13.4 ms; GET issue 6.2 -> 4.9-6.6 ms, within noise).
    gc.collect()
    gc.freeze()
    async with job_workers(app):
        yield


def create_app(settings: Settings | None = None, *, prepare: bool = True) -> FastAPI:
    settings = settings or Settings()
    app = FastAPI(
        title="Ticketry",
        version="0.1.0",
        description="A self-hosted issue tracker that speaks Jira's REST APIs.",
        default_response_class=JiraJSONResponse,
        lifespan=_lifespan,
    )
    write_engine = make_engine(settings, for_writes=True)
    read_engine = make_engine(settings, for_writes=False)
    if prepare:
        from ticketry.bootstrap import prepare_database

        prepare_database(write_engine, settings)
    app.state.settings = settings
    app.state.request_gates = weakref.WeakKeyDictionary()  # per event loop: see core/deps._gate
    app.state.write_engine = write_engine
    app.state.read_engine = read_engine
    app.state.write_lock_at_begin = write_engine.dialect.name == "sqlite"  # see db/engine.py
    app.state.write_sessions = make_session_factory(write_engine)
    app.state.read_sessions = make_session_factory(read_engine)
    app.state.authenticator = Authenticator(settings, app.state.read_sessions, app.state.write_sessions)
    app.state.base_url_for = BaseUrlResolver(settings, app.state.read_sessions)
    handlers.install(app)
    for router in ROUTERS:
        app.include_router(router)
    install_route_index(app)
    app.add_middleware(JiraHeadersMiddleware)
    return app

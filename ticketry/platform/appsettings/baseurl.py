"""The base URL of self links: the configured `jira.baseurl`, else the setting, else the request's host."""

from __future__ import annotations

from sqlalchemy.orm import Session, sessionmaker
from starlette.requests import Request

from ticketry.platform.appsettings.service import stored_values
from ticketry.settings import Settings

BASE_URL_KEY = "jira.baseurl"


class BaseUrlResolver:
    """Reads the stored value through the configuration cache: it is needed on every request and changes
    almost never, and a change made by any process reaches every process on its next request."""

    def __init__(self, settings: Settings, read_sessions: sessionmaker[Session]) -> None:
        self.settings = settings
        self.read_sessions = read_sessions

    def __call__(self, request: Request, db: Session | None = None) -> str:
        """`db`: the request's session if it only reads. A writing request's session must not start its
        transaction here: on SQLite that takes the write lock before authentication, whose failure count
        is written from a session of its own."""
        if db is None:
            with self.read_sessions() as own:
                stored = stored_values(own).get(BASE_URL_KEY)
        else:
            stored = stored_values(db).get(BASE_URL_KEY)
        configured = (stored or "").rstrip("/") or (self.settings.base_url or "").rstrip("/")
        if configured:
            return configured
        return str(request.base_url).rstrip("/")

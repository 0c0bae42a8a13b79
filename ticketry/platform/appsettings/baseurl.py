"""The base URL of self links: the configured `jira.baseurl`, else the setting, else the request's host."""

from __future__ import annotations

import time

from sqlalchemy.orm import Session, sessionmaker
from starlette.requests import Request

from ticketry.platform.appsettings.models import ApplicationProperty
from ticketry.settings import Settings

BASE_URL_KEY = "jira.baseurl"


class BaseUrlResolver:
    """Caches the stored value briefly: it is read on every request and changes almost never."""

    def __init__(self, settings: Settings, sessions: sessionmaker[Session]) -> None:
        self.settings = settings
        self.ttl_seconds = settings.base_url_cache_seconds
        self.sessions = sessions
        self._stored: str | None = None
        self._read_at = -1e9

    def invalidate(self) -> None:
        self._read_at = -1e9

    def stored(self) -> str | None:
        if time.monotonic() - self._read_at > self.ttl_seconds:
            with self.sessions() as db:
                prop = db.get(ApplicationProperty, BASE_URL_KEY)
                self._stored = prop.value.rstrip("/") if prop and prop.value else None
            self._read_at = time.monotonic()
        return self._stored

    def __call__(self, request: Request) -> str:
        configured = self.stored() or (self.settings.base_url or "").rstrip("/")
        if configured:
            return configured
        return str(request.base_url).rstrip("/")

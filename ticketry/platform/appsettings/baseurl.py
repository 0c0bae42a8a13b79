"""The base URL of self links: the configured `jira.baseurl`, else the setting, else the request's host."""

from __future__ import annotations

from sqlalchemy.orm import Session
from starlette.requests import Request

from ticketry.platform.appsettings.service import stored_values
from ticketry.settings import Settings

BASE_URL_KEY = "jira.baseurl"


class BaseUrlResolver:
    """Reads the stored value through the configuration cache: it is needed on every request and changes
    almost never, and a change made by any process reaches every process on its next request."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings

    def __call__(self, request: Request, db: Session) -> str:
        stored = (stored_values(db).get(BASE_URL_KEY) or "").rstrip("/")
        configured = stored or (self.settings.base_url or "").rstrip("/")
        if configured:
            return configured
        return str(request.base_url).rstrip("/")

"""What a request carries through the services: the database session, the caller and URLs."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from sqlalchemy.orm import Session

from ticketry.settings import Settings

if TYPE_CHECKING:
    from ticketry.platform.users.models import User


@dataclass
class RequestContext:
    db: Session
    settings: Settings
    base_url: str
    user: User | None = None
    extras: dict[str, object] = field(default_factory=dict)

    def url(self, path: str) -> str:
        """Absolute URL for a path such as /rest/api/2/project/10000."""
        return self.base_url + path

    def api(self, path: str) -> str:
        return self.base_url + "/rest/api/2/" + path.lstrip("/")

    def once(self, key: str, load: Callable[[], list[Any]]) -> list[Any]:
        """Rows read at most once per request (a copy each time): meta shows a project's versions for several
        fields and every issue type, and each version or project picker lists them again."""
        found = self.extras.get(key)
        if not isinstance(found, list):
            found = load()
            self.extras[key] = found
        return list(found)

"""The default share scope of new filters, kept among the user's preferences (User.preferences)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from ticketry.core.errors import BadRequest
from ticketry.platform.users.models import User

SCOPES = ("GLOBAL", "AUTHENTICATED", "PRIVATE")
PREFERENCE_KEY = "user.default.share.scope"
# Jira shares new filters with nobody until the user chooses otherwise.
DEFAULT_SCOPE = "PRIVATE"


def default_share_scope(db: Session, user: User) -> str:
    # Read from this request's session: the caller's object may come from the authenticator's cache.
    preferences = db.scalar(select(User.preferences).where(User.id == user.id))
    stored = (preferences or {}).get(PREFERENCE_KEY)
    return stored if stored in SCOPES else DEFAULT_SCOPE


def set_default_share_scope(db: Session, user: User, scope: Any) -> str:
    if not isinstance(scope, str) or scope.upper() not in SCOPES:
        raise BadRequest(errors={"scope": f"The scope '{scope}' is not valid. Valid scopes are: "
                                          + ", ".join(SCOPES) + "."})
    stored = db.get(User, user.id)
    if stored is None:
        raise BadRequest("The user could not be found.")
    stored.preferences = {**(stored.preferences or {}), PREFERENCE_KEY: scope.upper()}
    db.flush()
    return scope.upper()

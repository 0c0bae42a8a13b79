"""Who is calling: Basic (password or API token), bearer tokens and session cookies.

Failed logins are counted in the database (so every app server sees them) and, past
`login_max_failures` consecutive failures, further attempts are refused for
`login_lockout_seconds` whether or not the password is right.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import threading
import time
from datetime import timedelta

from sqlalchemy import select, update
from sqlalchemy.orm import Session, make_transient_to_detached, sessionmaker

from ticketry.core.config_cache import cached, detached_copy
from ticketry.core.errors import Forbidden, NotAuthenticated
from ticketry.core.passwords import hash_token, new_token, verify_password
from ticketry.db.base import utcnow
from ticketry.platform.auth.models import ApiToken, LoginSession
from ticketry.platform.users.models import User
from ticketry.platform.users.service import find_user
from ticketry.settings import Settings

SESSION_COOKIE = "JSESSIONID"
AUTH_FAILED = "You are not authenticated. Authentication required to perform this operation."


class SlowCheck(Exception):
    """Raised by a quick check (`quick=True`) where settling the caller needs argon2 or a write: the
    caller runs the full check in a worker thread instead of on the event loop."""


class VerifiedCredentials:
    """Remembers recent successful password checks: argon2 is slow by design, requests are not.

    Keyed on the stored hash too, so a password change invalidates the entry on every server.
    """

    def __init__(self, ttl_seconds: int) -> None:
        self.ttl = ttl_seconds
        self._seen: dict[str, float] = {}
        self._lock = threading.Lock()

    @staticmethod
    def _key(user: User, password: str) -> str:
        return hashlib.sha256(f"{user.id}\0{user.password_hash}\0{password}".encode()).hexdigest()

    def contains(self, user: User, password: str) -> bool:
        expiry = self._seen.get(self._key(user, password))
        return expiry is not None and expiry > time.monotonic()

    def add(self, user: User, password: str) -> None:
        with self._lock:
            if len(self._seen) > 10000:
                self._seen.clear()
            self._seen[self._key(user, password)] = time.monotonic() + self.ttl


class RememberedCallers:
    """Callers whose password was verified, by the name and password they gave, so that their next requests
    read no user row: a copy of the row is kept for the configuration generation, at most `ttl` seconds.

    Everything that could refuse them moves the generation: every write of a user row does (users are
    configuration, `ticketry.db.generation`), a failed login recorded for them included. Only callers
    without failures pending are remembered, so the throttle has nothing to say about them until a
    failure, which makes every process forget them."""

    _NAME = "auth.callers"
    _LIMIT = 10000

    def __init__(self, ttl_seconds: int) -> None:
        self.ttl = ttl_seconds

    @staticmethod
    def _key(username: str, password: str) -> tuple[str, str]:
        return username, hashlib.sha256(password.encode()).hexdigest()

    @classmethod
    def _callers(cls, db: Session) -> dict[tuple[str, str], tuple[float, User]]:
        return cached(db, cls._NAME, lambda _db: {})

    def find(self, db: Session, username: str, password: str) -> User | None:
        """The remembered caller, as a row of the session (no query), or None."""
        if self.ttl <= 0:
            return None
        found = self._callers(db).get(self._key(username, password))
        if found is None or found[0] < time.monotonic():
            return None
        return db.merge(found[1], load=False)

    def add(self, db: Session, username: str, password: str, user: User) -> None:
        if self.ttl <= 0 or user.failed_logins:
            return
        callers = self._callers(db)
        if len(callers) >= self._LIMIT:
            callers.clear()
        copy = detached_copy(user)
        make_transient_to_detached(copy)  # a clean row the session can take in without loading it
        callers[self._key(username, password)] = (time.monotonic() + self.ttl, copy)


class Authenticator:
    """Runs outside the request's transaction: failure counts must survive its rollback, and on
    SQLite a write from a second connection would wait on the request's own write lock."""

    def __init__(
        self, settings: Settings, read_sessions: sessionmaker[Session], write_sessions: sessionmaker[Session]
    ) -> None:
        self.settings = settings
        self.read_sessions = read_sessions
        self.sessions = write_sessions
        self.verified = VerifiedCredentials(settings.auth_cache_seconds)
        self.remembered = RememberedCallers(settings.auth_cache_seconds)

    def from_headers(self, authorization: str | None, cookie_token: str | None,
                     db: Session | None = None, *, quick: bool = False) -> User | None:
        """The calling user, None for anonymous, or an error. A request that only reads passes its own
        session (one transaction fewer); otherwise the user is read in a session of its own and detached.

        `quick`: only reads (a remembered password, a token, a session), else `SlowCheck`."""
        if not authorization and not cookie_token:
            return None
        if db is not None:
            return self._from_headers(db, authorization, cookie_token, quick)
        with self.read_sessions() as own:
            return self._from_headers(own, authorization, cookie_token, quick)

    def _from_headers(self, db: Session, authorization: str | None, cookie_token: str | None,
                      quick: bool) -> User | None:
        if authorization:
            scheme, _, value = authorization.partition(" ")
            if scheme.lower() == "basic":
                username, password = _decode_basic(value.strip())
                return self.check_password(db, username, password, allow_token=True, quick=quick)
            if scheme.lower() == "bearer":
                return self.check_token(db, value.strip())
            raise NotAuthenticated(AUTH_FAILED)
        if cookie_token:
            return session_user(db, cookie_token)
        return None

    def login(self, username: str, password: str) -> User:
        """Password login for the session resource (API tokens are not passwords there)."""
        with self.read_sessions() as db:
            return self.check_password(db, username, password, allow_token=False)

    def check_password(self, db: Session, username: str, password: str, *, allow_token: bool,
                       quick: bool = False) -> User:
        remembered = self.remembered.find(db, username, password)
        if remembered is not None:
            return remembered
        user = find_user(db, username)
        if user is None or not user.active:
            raise NotAuthenticated(AUTH_FAILED, headers=_failed_headers())
        self._refuse_if_throttled(user)
        if self.verified.contains(user, password):
            if not user.failed_logins:
                self.remembered.add(db, username, password, user)
            elif quick:
                raise SlowCheck
            else:  # a right password ends a run of failures, remembered or not
                self._reset_failures(user.id)
            return user
        if quick:
            raise SlowCheck
        if verify_password(user.password_hash, password):
            self.verified.add(user, password)
            if user.failed_logins:
                self._reset_failures(user.id)
            return user
        if allow_token:
            token_user = token_owner(db, password)
            if token_user is not None and token_user.id == user.id:
                return user
        self._record_failure(user.id)
        raise NotAuthenticated(AUTH_FAILED, headers=_failed_headers())

    def check_token(self, db: Session, token: str) -> User:
        user = token_owner(db, token)
        if user is None or not user.active:
            raise NotAuthenticated(AUTH_FAILED, headers=_failed_headers())
        return user

    def _refuse_if_throttled(self, user: User) -> None:
        if user.failed_logins < self.settings.login_max_failures or user.last_failed_login is None:
            return
        if utcnow() - user.last_failed_login < timedelta(seconds=self.settings.login_lockout_seconds):
            raise Forbidden(
                "Login denied: too many failed login attempts. Try again later.",
                headers={"X-Seraph-LoginReason": "AUTHENTICATION_DENIED", "X-Authentication-Denied-Reason":
                         "CAPTCHA_CHALLENGE"},
            )

    def _record_failure(self, user_id: int) -> None:
        with self.sessions.begin() as db:
            db.execute(
                update(User)
                .where(User.id == user_id)
                .values(
                    failed_logins=User.failed_logins + 1,
                    total_failed_logins=User.total_failed_logins + 1,
                    last_failed_login=utcnow(),
                )
            )

    def _reset_failures(self, user_id: int) -> None:
        with self.sessions.begin() as db:
            db.execute(update(User).where(User.id == user_id).values(failed_logins=0))


def _failed_headers() -> dict[str, str]:
    return {"X-Seraph-LoginReason": "AUTHENTICATED_FAILED", "WWW-Authenticate": 'Basic realm="protected-area"'}


def _decode_basic(value: str) -> tuple[str, str]:
    try:
        decoded = base64.b64decode(value, validate=True).decode("utf-8")
    except (binascii.Error, UnicodeDecodeError):
        raise NotAuthenticated(AUTH_FAILED) from None
    username, sep, password = decoded.partition(":")
    if not sep:
        raise NotAuthenticated(AUTH_FAILED)
    return username, password


def token_owner(db: Session, token: str) -> User | None:
    row = db.execute(
        select(ApiToken, User).join(User, User.id == ApiToken.user_id).where(ApiToken.token_hash == hash_token(token))
    ).first()
    if row is None:
        return None
    api_token, user = row
    if api_token.expires is not None and api_token.expires < utcnow():
        return None
    return user


def create_api_token(db: Session, user: User, name: str, expires_in_days: int | None = None) -> tuple[ApiToken, str]:
    token = new_token()
    expires = utcnow() + timedelta(days=expires_in_days) if expires_in_days else None
    api_token = ApiToken(user_id=user.id, name=name, token_hash=hash_token(token), expires=expires)
    db.add(api_token)
    db.flush()
    return api_token, token


def session_user(db: Session, cookie_token: str) -> User | None:
    """The user of a session cookie; an unknown or expired cookie is simply anonymous, as in Jira."""
    row = db.execute(
        select(LoginSession, User)
        .join(User, User.id == LoginSession.user_id)
        .where(LoginSession.token_hash == hash_token(cookie_token))
    ).first()
    if row is None or row[0].expires < utcnow() or not row[1].active:
        return None
    return row[1]


def start_session(db: Session, user: User, days: int) -> str:
    token = new_token()
    db.add(LoginSession(token_hash=hash_token(token), user_id=user.id, expires=utcnow() + timedelta(days=days)))
    db.execute(
        update(User)
        .where(User.id == user.id)
        .values(previous_login=User.last_login, last_login=utcnow(), login_count=User.login_count + 1)
    )
    return token


def end_session(db: Session, cookie_token: str) -> None:
    session = db.get(LoginSession, hash_token(cookie_token))
    if session is not None:
        db.delete(session)

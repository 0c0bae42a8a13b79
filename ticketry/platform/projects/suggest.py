"""/projectvalidate: checking a key, and suggesting an unused valid key or name."""

from __future__ import annotations

import re

from sqlalchemy.orm import Session

from ticketry.platform.projects import rules

FALLBACK_KEY = "PROJ"
MAX_ATTEMPTS = 1000


def key_errors(db: Session, key: str | None) -> dict[str, str]:
    problem = rules.key_error(db, key)
    return {"projectKey": problem} if problem else {}


def _key_base(text: str) -> str:
    """Upper-case letters and digits from the text; for several words (a name), their initials."""
    words = [w for w in text.split() if re.search(r"[A-Za-z]", w)]
    if len(words) > 1:
        initials = "".join(re.sub(r"[^A-Za-z]", "", w)[0] for w in words).upper()
        if len(initials) >= 2:
            text = initials
    cleaned = re.sub(r"[^A-Z0-9]", "", text.upper()).lstrip("0123456789")
    cleaned = cleaned[: rules.MAX_KEY_LENGTH]
    if len(cleaned) < 2:
        cleaned = (cleaned + FALLBACK_KEY)[: max(len(cleaned), 2)] if cleaned else FALLBACK_KEY
    return cleaned


def valid_key(db: Session, key: str | None) -> str:
    """The key itself when it is valid and unused, else a valid unused key derived from it."""
    if key and rules.key_error(db, key) is None:
        return key
    base = _key_base(key or "")
    if rules.key_error(db, base) is None:
        return base
    for n in range(1, MAX_ATTEMPTS):
        suffix = str(n)
        candidate = base[: rules.MAX_KEY_LENGTH - len(suffix)] + suffix
        if rules.key_error(db, candidate) is None:
            return candidate
    return ""


def valid_name(db: Session, name: str | None) -> str:
    """The name when valid and unused, else an unused variant ("Name 2"), or "" if none can be made."""
    text = (name or "").strip()
    if len(text) < rules.MIN_NAME_LENGTH:
        return ""
    text = text[: rules.MAX_NAME_LENGTH]
    if rules.name_error(db, text) is None:
        return text
    for n in range(2, MAX_ATTEMPTS):
        suffix = f" {n}"
        candidate = text[: rules.MAX_NAME_LENGTH - len(suffix)] + suffix
        if rules.name_error(db, candidate) is None:
            return candidate
    return ""

"""Reading references in Jira's input formats: {"id"}, {"name"}, {"key"}, {"accountId"} or bare strings."""

from __future__ import annotations

from typing import Any


class FieldError(Exception):
    """A field-level validation error; collected into {"errors": {field: message}}."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def ref_id(raw: Any) -> str | None:
    if isinstance(raw, dict):
        value = raw.get("id")
        return str(value) if value is not None else None
    if isinstance(raw, int) and not isinstance(raw, bool):
        return str(raw)
    return None


def ref_name(raw: Any, *names: str) -> str | None:
    if isinstance(raw, str):
        return raw
    if isinstance(raw, dict):
        for name in names or ("name",):
            value = raw.get(name)
            if isinstance(value, str):
                return value
    return None


def as_int(text: str | None) -> int | None:
    if text is None or not text.strip().isdigit() or len(text.strip()) > 9:
        return None
    return int(text.strip())


def user_identifier(raw: Any) -> str | None:
    """A user reference: {"name"}, {"accountId"}, {"key"} or a bare name."""
    if isinstance(raw, str):
        return raw
    if isinstance(raw, dict):
        for name in ("name", "accountId", "key", "id"):
            value = raw.get(name)
            if value is not None:
                return str(value)
    return None

"""Validating a new value of an application property: by its type, allowed values and its own rules."""

from __future__ import annotations

import re
from collections.abc import Callable
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ticketry.core.errors import BadRequest
from ticketry.platform.appsettings.registry import LINK_SORT_FIELDS, NAVIGABLE_FIELDS, PropertyDef

MAX_VALUE_LENGTH = 4000
_COLOUR = re.compile(r"#(?:[0-9a-fA-F]{3}|[0-9a-fA-F]{6})")
_UINT_MAX = 2**31 - 1
_NUMBER = re.compile(r"[0-9]{1,6}(\.[0-9]{1,6})?")


def invalid(message: str) -> BadRequest:
    return BadRequest(errors={"value": message})


def check_value(db: Session, prop: PropertyDef, value: str) -> str:
    """Returns the value normalised for storage, or raises BadRequest with errors["value"]."""
    if len(value) > MAX_VALUE_LENGTH:
        raise invalid(f"The value must not be longer than {MAX_VALUE_LENGTH} characters.")
    normalized = _TYPE_CHECKS.get(prop.type, _check_string)(prop, value)
    rule = _RULES.get(prop.key)
    return rule(db, normalized) if rule else normalized


def validate_base_url(value: str) -> str:
    """An absolute http(s) URL without a trailing slash; raises ValueError with the reason."""
    text = value.strip()
    parts = urlsplit(text)
    if (
        parts.scheme.lower() not in ("http", "https") or not parts.hostname or any(c.isspace() for c in text)
        or parts.query or parts.fragment or parts.username is not None
    ):
        raise ValueError(f"The base URL '{value}' is not valid: it must be an absolute http or https URL, such "
                         "as https://jira.example.com.")
    try:
        _ = parts.port
    except ValueError as exc:
        raise ValueError(f"The base URL '{value}' is not valid: the port is not a number.") from exc
    return text.rstrip("/")


# Checks by type


def _check_string(prop: PropertyDef, value: str) -> str:
    return value


def _check_boolean(prop: PropertyDef, value: str) -> str:
    text = value.strip().lower()
    if text not in ("true", "false"):
        raise invalid(f"The value '{value}' is not valid for {prop.key}: it must be true or false.")
    return text


def _check_uint(prop: PropertyDef, value: str) -> str:
    text = value.strip()
    if not text.isdigit() or not text.isascii() or int(text) > _UINT_MAX:
        raise invalid(f"The value '{value}' is not valid for {prop.key}: it must be a whole number from 0 to "
                      f"{_UINT_MAX}.")
    return str(int(text))


def _check_number(prop: PropertyDef, value: str) -> str:
    text = value.strip()
    if not _NUMBER.fullmatch(text):
        raise invalid(f"The value '{value}' is not valid for {prop.key}: it must be a positive number.")
    return text


def _check_enum(prop: PropertyDef, value: str) -> str:
    text = value.strip()
    if text not in prop.allowed:
        raise invalid(f"The value '{value}' is not valid for {prop.key}. The allowed values are: "
                      f"{', '.join(prop.allowed)}.")
    return text


def _check_colour(prop: PropertyDef, value: str) -> str:
    text = value.strip()
    if not _COLOUR.fullmatch(text):
        raise invalid(f"The value '{value}' is not a colour: use the format #rgb or #rrggbb.")
    return text.lower()


def _check_list(prop: PropertyDef, value: str) -> str:
    items = [part.strip() for part in value.split(",") if part.strip()]
    if not items:
        raise invalid(f"The value of {prop.key} must list at least one item.")
    return ", ".join(items)


_TYPE_CHECKS: dict[str, Callable[[PropertyDef, str], str]] = {
    "string": _check_string,
    "boolean": _check_boolean,
    "uint": _check_uint,
    "number": _check_number,
    "enum": _check_enum,
    "colour": _check_colour,
    "list<string>": _check_list,
}


# Rules of particular properties


def _title(db: Session, value: str) -> str:
    text = value.strip()
    if not text:
        raise invalid("The application title must not be empty.")
    if len(text) > 255:
        raise invalid("The application title must not be longer than 255 characters.")
    return text


def _base_url(db: Session, value: str) -> str:
    if not value.strip():
        return ""
    try:
        return validate_base_url(value)
    except ValueError as exc:
        raise invalid(str(exc)) from exc


def _time_zone(db: Session, value: str) -> str:
    text = value.strip()
    try:
        ZoneInfo(text)
    except (ValueError, KeyError, OSError) as exc:
        raise invalid(f"'{value}' is not a valid time zone.") from exc
    return text


def _not_empty(db: Session, value: str) -> str:
    if not value.strip():
        raise invalid("The value must not be empty.")
    return value.strip()


def _hours_per_day(db: Session, value: str) -> str:
    if not 0 < float(value) <= 24:
        raise invalid("The number of working hours per day must be more than 0 and at most 24.")
    return value


def _days_per_week(db: Session, value: str) -> str:
    if not 0 < float(value) <= 7:
        raise invalid("The number of working days per week must be more than 0 and at most 7.")
    return value


def _project_keys(db: Session) -> list[str]:
    from ticketry.platform.projects.models import Project

    return list(db.scalars(select(Project.key)))


def _project_key_pattern(db: Session, value: str) -> str:
    text = value.strip()
    try:
        pattern = re.compile(text)
    except re.error as exc:
        raise invalid(f"The project key pattern is not a valid regular expression: {exc}.") from exc
    if not text:
        raise invalid("The project key pattern must not be empty.")
    if any(not pattern.fullmatch(key) for key in _project_keys(db)):
        raise invalid("An existing project contains a key that cannot be matched with the pattern.")
    return text


def _project_key_max_length(db: Session, value: str) -> str:
    # Project keys are stored in a column of 10 characters.
    length = int(value)
    if not 2 <= length <= 10:
        raise invalid("The maximum project key size must be from 2 to 10.")
    from ticketry.platform.projects.models import Project

    longest = db.scalar(select(func.max(func.length(Project.key)))) or 0
    if length < longest:
        raise invalid(f"An existing project has a key of {longest} characters, longer than {length}.")
    return value


def _navigable_fields(db: Session, value: str) -> str:
    unknown = [f for f in (p.strip() for p in value.split(",")) if f not in NAVIGABLE_FIELDS]
    if unknown:
        raise invalid(f"The field '{unknown[0]}' is not a navigable field.")
    return value


def _link_sort_fields(db: Session, value: str) -> str:
    unknown = [f for f in (p.strip() for p in value.split(",")) if f not in LINK_SORT_FIELDS]
    if unknown:
        raise invalid(f"'{unknown[0]}' is not a field issue links can be sorted by. The fields are: "
                      f"{', '.join(LINK_SORT_FIELDS)}.")
    return value


_RULES: dict[str, Callable[[Session, str], str]] = {
    "jira.title": _title,
    "jira.baseurl": _base_url,
    "jira.default.timezone": _time_zone,
    "jira.timetracking.hours.per.day": _hours_per_day,
    "jira.timetracking.days.per.week": _days_per_week,
    "jira.projectkey.pattern": _project_key_pattern,
    "jira.projectkey.maxlength": _project_key_max_length,
    "jira.table.cols.subtasks": _navigable_fields,
    "jira.table.cols.navigator": _navigable_fields,
    "jira.view.issue.links.sort.order": _link_sort_fields,
    "jira.date.picker.java.format": _not_empty,
    "jira.date.picker.javascript.format": _not_empty,
    "jira.date.time.picker.java.format": _not_empty,
    "jira.date.time.picker.javascript.format": _not_empty,
    "jira.lf.date.time": _not_empty,
    "jira.lf.date.day": _not_empty,
    "jira.lf.date.complete": _not_empty,
    "jira.lf.date.dmy": _not_empty,
    "jira.i18n.language.index": _not_empty,
}

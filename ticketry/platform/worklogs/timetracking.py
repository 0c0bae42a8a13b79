"""Time tracking configuration: the provider (Jira's own, or disabled) and its options."""

from __future__ import annotations

from typing import Any

from sqlalchemy.orm import Session

from ticketry.core.errors import BadRequest, NotFound
from ticketry.platform.appsettings.service import get_bool, set_property_value, values_of

PROVIDER_KEY = "JIRA"
PROVIDER_NAME = "JIRA provided time tracking"
ENABLED = "jira.option.timetracking"
OPTIONS = {
    "workingHoursPerDay": "jira.timetracking.hours.per.day",
    "workingDaysPerWeek": "jira.timetracking.days.per.week",
    "timeFormat": "jira.timetracking.format",
    "defaultUnit": "jira.timetracking.default.unit",
}
TIME_FORMATS = ("pretty", "days", "hours")
UNITS = ("minute", "hour", "day", "week")


def provider(db: Session) -> dict[str, str] | None:
    """The selected provider, or None when time tracking is disabled."""
    return provider_json() if get_bool(db, ENABLED) else None


def provider_json() -> dict[str, str]:
    return {"key": PROVIDER_KEY, "name": PROVIDER_NAME, "url": "/secure/admin/TimeTrackingAdmin.jspa"}


def select_provider(db: Session, data: Any) -> None:
    key = data.get("key") if isinstance(data, dict) else None
    if not isinstance(key, str) or not key.strip():
        raise BadRequest(errors={"key": "The time tracking provider key must be given."})
    if key != PROVIDER_KEY:
        raise NotFound(f"The time tracking provider '{key}' does not exist.")
    set_property_value(db, ENABLED, "true")


def disable(db: Session) -> None:
    set_property_value(db, ENABLED, "false")


def options(db: Session) -> dict[str, Any]:
    stored = values_of(db, OPTIONS.values())
    return {
        "workingHoursPerDay": _number(stored[OPTIONS["workingHoursPerDay"]]),
        "workingDaysPerWeek": _number(stored[OPTIONS["workingDaysPerWeek"]]),
        "timeFormat": stored[OPTIONS["timeFormat"]],
        "defaultUnit": stored[OPTIONS["defaultUnit"]],
    }


def _number(text: str) -> float:
    try:
        return float(text)
    except ValueError:
        return 0.0


def set_options(db: Session, data: Any) -> dict[str, Any]:
    if not isinstance(data, dict):
        raise BadRequest("The time tracking options must be a JSON object.")
    values = _checked(data)
    for name, value in values.items():
        set_property_value(db, OPTIONS[name], value)
    return options(db)


def _checked(data: dict[str, Any]) -> dict[str, str]:
    errors: dict[str, str] = {}
    values: dict[str, str] = {}
    for name, limit in (("workingHoursPerDay", 24), ("workingDaysPerWeek", 7)):
        raw = data.get(name)
        if isinstance(raw, bool) or not isinstance(raw, int | float) or not 0 < raw <= limit:
            errors[name] = f"The value must be a number greater than 0 and at most {limit}."
        else:
            values[name] = _text(raw)
    for name, allowed in (("timeFormat", TIME_FORMATS), ("defaultUnit", UNITS)):
        raw = data.get(name)
        if raw not in allowed:
            errors[name] = f"The value must be one of: {', '.join(allowed)}."
        else:
            values[name] = str(raw)
    if errors:
        raise BadRequest(errors=errors)
    return values


def _text(number: float) -> str:
    return str(int(number)) if float(number).is_integer() else str(number)

"""Wire shapes of application properties, the global configuration and navigator columns."""

from __future__ import annotations

from typing import Any

from sqlalchemy.orm import Session

from ticketry.platform.appsettings.registry import NAVIGABLE_FIELDS, PropertyDef
from ticketry.platform.appsettings.service import values_of


def property_json(prop: PropertyDef, value: str) -> dict[str, Any]:
    body: dict[str, Any] = {"id": prop.key, "key": prop.key, "value": value, "name": prop.display_name}
    if prop.desc:
        body["desc"] = prop.desc
    body["type"] = prop.type
    body["defaultValue"] = prop.default
    if prop.allowed:
        body["allowedValues"] = list(prop.allowed)
    return body


_FEATURES = {
    "votingEnabled": "jira.option.voting",
    "watchingEnabled": "jira.option.watching",
    "unassignedIssuesAllowed": "jira.option.allowunassigned",
    "subTasksEnabled": "jira.option.allowsubtasks",
    "issueLinkingEnabled": "jira.option.issuelinking",
    "timeTrackingEnabled": "jira.option.timetracking",
    "attachmentsEnabled": "jira.option.allowattachments",
}
_TIME_TRACKING = {
    "workingHoursPerDay": "jira.timetracking.hours.per.day",
    "workingDaysPerWeek": "jira.timetracking.days.per.week",
    "timeFormat": "jira.timetracking.format",
    "defaultUnit": "jira.timetracking.default.unit",
}


def configuration_json(db: Session) -> dict[str, Any]:
    values = values_of(db, [*_FEATURES.values(), *_TIME_TRACKING.values()])
    body: dict[str, Any] = {name: values[key].lower() == "true" for name, key in _FEATURES.items()}
    if body["timeTrackingEnabled"]:
        body["timeTrackingConfiguration"] = {
            "workingHoursPerDay": float(values[_TIME_TRACKING["workingHoursPerDay"]]),
            "workingDaysPerWeek": float(values[_TIME_TRACKING["workingDaysPerWeek"]]),
            "timeFormat": values[_TIME_TRACKING["timeFormat"]],
            "defaultUnit": values[_TIME_TRACKING["defaultUnit"]],
        }
    return body


def columns_json(columns: list[str]) -> list[dict[str, str]]:
    return [{"label": NAVIGABLE_FIELDS.get(c, c), "value": c} for c in columns]

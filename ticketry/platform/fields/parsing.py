"""Jira's input formats of custom field values, one element at a time, with Jira's error messages."""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any
from urllib.parse import urlparse

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ticketry.core.timefmt import parse_date, parse_datetime
from ticketry.platform.fields.models import CustomField, CustomFieldOption
from ticketry.platform.fields.types import FieldType
from ticketry.platform.projects.models import Project
from ticketry.platform.users.models import Group
from ticketry.platform.users.service import find_user
from ticketry.platform.versions.models import Version

TEXT_LIMIT = 255
TEXTAREA_LIMIT = 32767


class ValueError_(Exception):
    """A value Jira refuses; the message is Jira's."""


@dataclass(frozen=True)
class Element:
    """One stored element of a value: the typed column, the stored value, changelog id and string."""

    column: str
    value: Any
    key: str | None
    display: str


@dataclass
class ParseContext:
    db: Session
    field: CustomField
    kind: FieldType
    project_id: int | None = None


def _string(raw: Any) -> str:
    if not isinstance(raw, str):
        raise ValueError_("Operation value must be a string")
    return raw


def _limited(limit: int) -> Callable[[ParseContext, Any], Element | None]:
    def parse(pc: ParseContext, raw: Any) -> Element | None:
        text = _string(raw)
        if not text.strip():
            return None
        if len(text) > limit:
            raise ValueError_(f"The entered text is too long. It exceeds the allowed limit of {limit:,} characters.")
        return Element(pc.kind.column, text, None, text)
    return parse


def _url(pc: ParseContext, raw: Any) -> Element | None:
    text = _string(raw).strip()
    if not text:
        return None
    parsed = urlparse(text)
    if not parsed.scheme or not (parsed.netloc or parsed.scheme in ("mailto", "file")) or len(text) > TEXT_LIMIT:
        raise ValueError_("Not a valid URL")
    return Element(pc.kind.column, text, None, text)


def _number(pc: ParseContext, raw: Any) -> Element | None:
    if isinstance(raw, bool) or not isinstance(raw, int | float):
        raise ValueError_("Operation value must be a number")
    number = float(raw)
    if math.isnan(number) or math.isinf(number):
        raise ValueError_("Operation value must be a number")
    return Element(pc.kind.column, number, format_number(number), format_number(number))


def format_number(number: float) -> str:
    return str(int(number)) if number.is_integer() and abs(number) < 1e15 else repr(number)


def _date(pc: ParseContext, raw: Any) -> Element | None:
    text = _string(raw).strip()
    if not text:
        return None
    try:
        day = parse_date(text)
    except ValueError:
        raise ValueError_(f"Error parsing date string: {text}") from None
    return Element(pc.kind.column, day, day.isoformat(), format_user_date(day))


def format_user_date(day: date) -> str:
    return day.strftime("%d/%b/%y")


def _datetime(pc: ParseContext, raw: Any) -> Element | None:
    text = _string(raw).strip()
    if not text:
        return None
    try:
        instant = parse_datetime(text)
    except ValueError:
        raise ValueError_(f"Error parsing date string: {text}") from None
    return Element(pc.kind.column, instant, format_changelog_instant(instant), format_user_instant(instant))


def format_changelog_instant(instant: datetime) -> str:
    return instant.strftime("%Y-%m-%d %H:%M:%S.") + str(instant.microsecond // 100000)


def format_user_instant(instant: datetime) -> str:
    return instant.strftime("%d/%b/%y %I:%M %p")


def _object(raw: Any) -> dict[str, Any]:
    if not isinstance(raw, dict):
        raise ValueError_("data was not an object")
    return raw


def find_option(pc: ParseContext, raw: Any, parent: CustomFieldOption | None = None) -> CustomFieldOption:
    """An enabled option by {"id"} or {"value"} (children of cascading parents under that parent)."""
    body = _object(raw)
    query = select(CustomFieldOption).where(
        CustomFieldOption.field_id == pc.field.id, CustomFieldOption.disabled.is_(False),
        CustomFieldOption.parent_id.is_(None) if parent is None else CustomFieldOption.parent_id == parent.id,
    )
    if body.get("id") is not None:
        ref = str(body["id"])
        option = pc.db.scalars(query.where(CustomFieldOption.id == int(ref))).first() if _is_id(ref) else None
        if option is None:
            raise ValueError_(f"Option id '{ref}' is not valid")
        return option
    if body.get("value") is None:
        raise ValueError_("Could not find valid 'id' or 'value' in the Parent Option object.")
    value = str(body["value"])
    option = pc.db.scalars(query.where(CustomFieldOption.value == value)).first()
    if option is None:
        raise ValueError_(f"Option value '{value}' is not valid")
    return option


def _is_id(text: str) -> bool:
    return text.isdigit() and len(text) < 18


def _option(pc: ParseContext, raw: Any) -> Element | None:
    option = find_option(pc, raw)
    return Element("option_id", option.id, str(option.id), option.value)


def _cascading_parts(pc: ParseContext, raw: Any) -> list[Element]:
    parent = find_option(pc, raw)
    parts = [Element("option_id", parent.id, str(parent.id), f"Parent values: {parent.value}({parent.id})")]
    child_raw = raw.get("child")
    if child_raw is not None:
        try:
            child = find_option(pc, child_raw, parent)
        except ValueError_ as error:
            raise ValueError_(f"{error} for parent '{parent.value}'") from None
        parts.append(Element("option_id", child.id, str(child.id), f"Level 1 values: {child.value}({child.id})"))
    return parts


def _user(pc: ParseContext, raw: Any) -> Element | None:
    body = _object(raw)
    ref = body.get("name") or body.get("accountId") or body.get("key")
    if not isinstance(ref, str) or not ref:
        raise ValueError_("User name, key or accountId must be specified.")
    user = find_user(pc.db, ref)
    if user is None:
        raise ValueError_(f"User '{ref}' does not exist.")
    return Element("user_id", user.id, user.key, user.display_name)


def _group(pc: ParseContext, raw: Any) -> Element | None:
    name = _object(raw).get("name")
    if not isinstance(name, str) or not name:
        raise ValueError_("Group name must be specified.")
    group = pc.db.scalars(select(Group).where(Group.lower_name == name.lower())).first()
    if group is None:
        raise ValueError_(f"Group '{name}' does not exist.")
    return Element("group_name", group.name, group.name, group.name)


def _label(pc: ParseContext, raw: Any) -> Element | None:
    label = _string(raw).strip()
    if not label:
        return None
    if any(c.isspace() for c in label):
        raise ValueError_(f"The label '{label}' contains spaces which is invalid.")
    if len(label) > TEXT_LIMIT:
        raise ValueError_(f"The label '{label[:20]}...' exceeds the maximum length for a label of 255 characters.")
    return Element("string_value", label, None, label)


def _version(pc: ParseContext, raw: Any) -> Element | None:
    body = _object(raw)
    query = select(Version)
    if pc.project_id is not None:
        query = query.where(Version.project_id == pc.project_id)
    if body.get("id") is not None:
        ref = str(body["id"])
        version = pc.db.scalars(query.where(Version.id == int(ref))).first() if _is_id(ref) else None
        if version is None:
            raise ValueError_(f"Version id '{ref}' is not valid")
    elif body.get("name") is not None:
        ref = str(body["name"])
        version = pc.db.scalars(query.where(Version.name == ref).order_by(Version.id)).first()
        if version is None:
            raise ValueError_(f"Version name '{ref}' is not valid")
    else:
        raise ValueError_("Version id or name must be specified.")
    return Element("version_id", version.id, str(version.id), version.name)


def _project(pc: ParseContext, raw: Any) -> Element | None:
    body = _object(raw)
    query = select(Project)
    if body.get("id") is not None:
        ref = str(body["id"])
        project = pc.db.scalars(query.where(Project.id == int(ref))).first() if _is_id(ref) else None
    elif body.get("key") is not None:
        ref = str(body["key"])
        project = pc.db.scalars(query.where(func.upper(Project.key) == ref.upper())).first()
    else:
        raise ValueError_("Project id or key must be specified.")
    if project is None:
        raise ValueError_(f"Could not find project by id or key '{ref}'.")
    return Element("project_id", project.id, str(project.id), project.name)


ITEM_PARSERS: dict[str, Callable[[ParseContext, Any], Element | None]] = {
    "textfield": _limited(TEXT_LIMIT),
    "textarea": _limited(TEXTAREA_LIMIT),
    "url": _url,
    "float": _number,
    "datepicker": _date,
    "datetime": _datetime,
    "select": _option,
    "radiobuttons": _option,
    "multiselect": _option,
    "multicheckboxes": _option,
    "userpicker": _user,
    "multiuserpicker": _user,
    "grouppicker": _group,
    "multigrouppicker": _group,
    "labels": _label,
    "version": _version,
    "multiversion": _version,
    "project": _project,
}


def parse_elements(pc: ParseContext, raw: Any) -> list[Element]:
    """The elements of a whole value (null and empty clear the field)."""
    if raw is None:
        return []
    if pc.kind.key == "cascadingselect":
        return _cascading_parts(pc, raw)
    if not pc.kind.multi:
        element = ITEM_PARSERS[pc.kind.key](pc, raw)
        return [element] if element is not None else []
    if not isinstance(raw, list):
        raise ValueError_("data was not an array")
    return dedupe([e for e in (ITEM_PARSERS[pc.kind.key](pc, item) for item in raw) if e is not None])


def parse_one(pc: ParseContext, raw: Any) -> Element | None:
    return ITEM_PARSERS[pc.kind.key](pc, raw)


def dedupe(elements: list[Element]) -> list[Element]:
    seen: set[Any] = set()
    kept = []
    for element in elements:
        if element.value not in seen:
            seen.add(element.value)
            kept.append(element)
    return kept


"""Custom field values of issues: parse Jira's input, store typed rows, compare for the changelog.

The interface the issues package calls (docs/design/issues.md): parse_value, parse_item, is_multi,
add_values, remove_values, save_value, load_values, field_metadata.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from ticketry.core.errors import BadRequest
from ticketry.platform.fields.catalog import find_custom_field
from ticketry.platform.fields.metadata import field_metadata
from ticketry.platform.fields.models import CustomField, CustomFieldValue
from ticketry.platform.fields.parsing import Element, ParseContext, ValueError_, dedupe, parse_elements, parse_one
from ticketry.platform.fields.rendering import VALUE_ROWS, load_values
from ticketry.platform.fields.types import FieldType, field_type

__all__ = [
    "VALUE_ROWS", "Change", "Element", "ParsedValue", "add_values", "current_value", "field_metadata", "is_multi",
    "load_values", "parse_item", "parse_value", "remove_values", "save_value",
]


@dataclass
class ParsedValue:
    """A whole value of one custom field, as the elements to store (empty: the field is cleared)."""

    field_id: str
    elements: list[Element] = field(default_factory=list)

    @property
    def is_empty(self) -> bool:
        return not self.elements


@dataclass
class Change:
    """One changelog item of a custom field (fieldtype 'custom')."""

    field_name: str
    from_value: str | None
    from_string: str | None
    to_value: str | None
    to_string: str | None
    field_id: str = ""
    field_type: str = "custom"


def _field(db: Session, field_id: str) -> tuple[CustomField, FieldType]:
    custom = find_custom_field(db, field_id)
    kind = field_type(custom.type_key) if custom is not None else None
    if custom is None or kind is None:
        raise BadRequest(errors={field_id: f"Field '{field_id}' cannot be set. It is not on the appropriate "
                                            "screen, or unknown."})
    return custom, kind


def _context(db: Session, field_id: str, project_id: int | None) -> ParseContext:
    custom, kind = _field(db, field_id)
    return ParseContext(db=db, field=custom, kind=kind, project_id=project_id)


def parse_value(db: Session, field_id: str, raw: Any, *, project_id: int | None = None) -> ParsedValue:
    """A whole value in Jira's input format; BadRequest(errors={field_id: Jira's message}) if refused.

    project_id (the issue's project) limits version fields to that project's versions.
    """
    pc = _context(db, field_id, project_id)
    try:
        return ParsedValue(_key(pc.field), parse_elements(pc, raw))
    except ValueError_ as error:
        raise BadRequest(errors={field_id: str(error)}) from None


def parse_item(db: Session, field_id: str, raw: Any, *, project_id: int | None = None) -> Element | None:
    """One element of a multi-value field (for the update verbs add and remove)."""
    pc = _context(db, field_id, project_id)
    try:
        return parse_one(pc, raw)
    except ValueError_ as error:
        raise BadRequest(errors={field_id: str(error)}) from None


def is_multi(db: Session, field_id: str) -> bool:
    custom = find_custom_field(db, field_id)
    kind = field_type(custom.type_key) if custom is not None else None
    return kind is not None and kind.multi


def _key(custom: CustomField) -> str:
    return f"customfield_{custom.id}"


def _rows(db: Session, issue_id: int, custom: CustomField) -> list[CustomFieldValue]:
    return list(db.scalars(
        select(CustomFieldValue)
        .where(CustomFieldValue.issue_id == issue_id, CustomFieldValue.field_id == custom.id)
        .order_by(CustomFieldValue.position)
    ))


def current_value(db: Session, issue_id: int, field_id: str) -> ParsedValue:
    """The stored value as elements (display strings resolved), for add/remove and changelogs."""
    custom, kind = _field(db, field_id)
    from ticketry.platform.fields.rendering import elements_of_rows

    return ParsedValue(_key(custom), elements_of_rows(db, kind, _rows(db, issue_id, custom)))


def add_values(db: Session, issue_id: int, field_id: str, items: list[Element]) -> ParsedValue:
    """The current value with the items added (update verb 'add')."""
    current = current_value(db, issue_id, field_id)
    return ParsedValue(current.field_id, dedupe(current.elements + items))


def remove_values(db: Session, issue_id: int, field_id: str, items: list[Element]) -> ParsedValue:
    """The current value without the items (update verb 'remove')."""
    current = current_value(db, issue_id, field_id)
    gone = {item.value for item in items}
    return ParsedValue(current.field_id, [e for e in current.elements if e.value not in gone])


def save_value(db: Session, issue_id: int, field_id: str, parsed: ParsedValue) -> Change | None:
    """Replaces the issue's value; the changelog item, or None when nothing changed."""
    custom, kind = _field(db, field_id)
    from ticketry.platform.fields.rendering import elements_of_rows

    old = elements_of_rows(db, kind, _rows(db, issue_id, custom))
    new = parsed.elements
    if [e.value for e in old] == [e.value for e in new]:
        return None
    db.execute(delete(CustomFieldValue).where(
        CustomFieldValue.issue_id == issue_id, CustomFieldValue.field_id == custom.id
    ))
    db.add_all(
        CustomFieldValue(issue_id=issue_id, field_id=custom.id, position=pos, **{e.column: e.value})
        for pos, e in enumerate(new)
    )
    db.flush()
    return Change(custom.name, _ids(kind, old), _strings(kind, old), _ids(kind, new), _strings(kind, new),
                  field_id=_key(custom))


def _ids(kind: FieldType, elements: list[Element]) -> str | None:
    keys = [e.key for e in elements if e.key is not None]
    if not keys:
        return None
    return keys[0] if len(keys) == 1 else "[" + ", ".join(keys) + "]"


def _strings(kind: FieldType, elements: list[Element]) -> str | None:
    if not elements:
        return None
    if kind.key == "cascadingselect":
        return "".join(e.display for e in elements)
    separator = " " if kind.key == "labels" else ", "
    return separator.join(e.display for e in elements)

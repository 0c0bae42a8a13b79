"""Custom field values through the fields package (platform/fields/values.py)."""

from __future__ import annotations

from typing import Any

from sqlalchemy.orm import Session

from ticketry.core.context import RequestContext
from ticketry.core.errors import BadRequest
from ticketry.platform.fields import values
from ticketry.platform.fields.parsing import dedupe
from ticketry.platform.issues.changelog import Change
from ticketry.platform.issues.inputs import FieldError


def is_custom(field_id: str) -> bool:
    return field_id.startswith("customfield_")


def _message(exc: BadRequest, field_id: str) -> str:
    return exc.errors.get(field_id) or next(iter(exc.errors.values()), None) or "; ".join(exc.messages)


def parse(db: Session, field_id: str, raw: Any, project_id: int) -> Any:
    try:
        return values.parse_value(db, field_id, raw, project_id=project_id)
    except BadRequest as exc:
        raise FieldError(_message(exc, field_id)) from None


def is_multi(db: Session, field_id: str) -> bool:
    return values.is_multi(db, field_id)


def add_or_remove(db: Session, issue_id: int | None, field_id: str, verb: str, raw: Any,
                  current: Any, project_id: int) -> Any:
    """The field's value after adding or removing one element (current: a value parsed earlier in the request)."""
    try:
        item = values.parse_item(db, field_id, raw, project_id=project_id)
        if current is None:
            current = (values.current_value(db, issue_id, field_id) if issue_id is not None
                       else values.ParsedValue(field_id))
        items = [item] if item is not None else []
        if verb == "add":
            return values.ParsedValue(current.field_id, dedupe(current.elements + items))
        gone = {i.value for i in items}
        return values.ParsedValue(current.field_id, [e for e in current.elements if e.value not in gone])
    except BadRequest as exc:
        raise FieldError(_message(exc, field_id)) from None


def save(db: Session, issue_id: int, field_id: str, parsed: Any) -> Change | None:
    change = values.save_value(db, issue_id, field_id, parsed)
    if change is None:
        return None
    return Change(change.field_name, change.from_value, change.from_string, change.to_value, change.to_string,
                  field_type="custom", field_id=change.field_id or field_id)


VALUE_ROWS = values.VALUE_ROWS


def load(ctx: RequestContext, issue_ids: list[int], field_ids: list[str] | None = None,
         loaded: dict[int, list[Any]] | None = None) -> dict[int, dict[str, Any]]:
    """The issues' non-empty values of the fields (every custom field without `field_ids`); `loaded`: their
    rows, read with VALUE_ROWS."""
    if not issue_ids:
        return {}
    return values.load_values(ctx, issue_ids, field_ids, sparse=True, loaded=loaded)


def metadata(ctx: RequestContext, field_id: str, project_id: int) -> dict[str, Any]:
    return values.field_metadata(ctx, field_id, required=False, project_id=project_id)

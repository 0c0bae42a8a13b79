"""Custom fields: creating them and resolving field keys (rules only, no HTTP)."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.orm import Session

from ticketry.core.errors import BadRequest, NotFound
from ticketry.platform.fields.catalog import find_custom_field
from ticketry.platform.fields.models import CustomField
from ticketry.platform.fields.types import FieldType, field_type


@dataclass
class CustomFieldIn:
    name: object = None
    description: object = None
    type: object = None
    searcher_key: object = None


def _text(value: object, field: str, errors: dict[str, str], *, required: bool) -> str | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        if required:
            errors[field] = _REQUIRED[field]
        return None
    if not isinstance(value, str):
        errors[field] = f"The value of '{field}' must be a string."
        return None
    return value.strip() if field != "description" else value


_REQUIRED = {
    "name": "The custom field name must be specified.",
    "type": "The custom field type must be specified.",
}


def _searcher(kind: FieldType | None, searcher: str | None, errors: dict[str, str]) -> str | None:
    if kind is None or searcher is None:
        return searcher
    if searcher not in kind.searcher_keys:
        errors["searcherKey"] = (
            f"The searcher key '{searcher}' is not valid for the custom field type '{kind.type_key}'. "
            f"Valid searcher keys are: {', '.join(kind.searcher_keys)}."
        )
    return searcher


def create_custom_field(db: Session, data: CustomFieldIn) -> CustomField:
    errors: dict[str, str] = {}
    name = _text(data.name, "name", errors, required=True)
    description = _text(data.description, "description", errors, required=False)
    type_key = _text(data.type, "type", errors, required=True)
    searcher = _text(data.searcher_key, "searcherKey", errors, required=False)
    kind = field_type(type_key) if type_key else None
    if type_key and kind is None:
        errors["type"] = f"The custom field type '{type_key}' is not valid."
    if name is not None and len(name) > 255:
        errors["name"] = "The custom field name must not be longer than 255 characters."
    searcher = _searcher(kind, searcher, errors)
    if errors:
        raise BadRequest(errors=errors)
    assert name is not None and kind is not None
    field = CustomField(name=name, description=description, type_key=kind.type_key, searcher_key=searcher)
    db.add(field)
    db.flush()
    return field


def get_custom_field(db: Session, field_key: str) -> CustomField:
    """A custom field by its key (customfield_10000), 404 otherwise."""
    field = find_custom_field(db, field_key) if field_key.startswith("customfield_") else None
    if field is None:
        raise NotFound(f"The field with key '{field_key}' does not exist.")
    return field


def get_option_field(db: Session, field_key: str) -> tuple[CustomField, FieldType]:
    """A custom field whose type has options (select, radio, checkboxes, cascading), 404 otherwise."""
    field = get_custom_field(db, field_key)
    kind = field_type(field.type_key)
    if kind is None or not kind.has_options:
        raise NotFound(f"The field with key '{field_key}' does not support options.")
    return field, kind

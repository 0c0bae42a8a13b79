"""Entity properties of any entity: list keys, get, set (JSON up to 32 KB), delete.

Callers first check that the entity exists and that the caller may see or edit it; this
module only keeps the documents, keyed by (entity_type, entity_id, key).
"""

from __future__ import annotations

from typing import Any

import orjson
from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from ticketry.core.errors import BadRequest, NotFound
from ticketry.platform.properties.models import EntityProperty

MAX_VALUE_BYTES = 32768
MAX_KEY_LENGTH = 255


def list_keys(db: Session, entity_type: str, entity_id: str | int) -> list[str]:
    return list(db.scalars(
        select(EntityProperty.key)
        .where(EntityProperty.entity_type == entity_type, EntityProperty.entity_id == str(entity_id))
        .order_by(EntityProperty.key)
    ))


def find_property(db: Session, entity_type: str, entity_id: str | int, key: str) -> EntityProperty | None:
    return db.scalars(select(EntityProperty).where(
        EntityProperty.entity_type == entity_type,
        EntityProperty.entity_id == str(entity_id),
        EntityProperty.key == key,
    )).first()


def get_property(db: Session, entity_type: str, entity_id: str | int, key: str) -> EntityProperty:
    prop = find_property(db, entity_type, entity_id, key)
    if prop is None:
        raise NotFound(f"The property with key '{key}' does not exist.")
    return prop


def set_property(db: Session, entity_type: str, entity_id: str | int, key: str, value: Any) -> bool:
    """Creates or replaces the property; returns True when it was created."""
    validate(key, value)
    prop = find_property(db, entity_type, entity_id, key)
    if prop is None:
        db.add(EntityProperty(entity_type=entity_type, entity_id=str(entity_id), key=key, value=value))
        db.flush()
        return True
    prop.value = value
    db.flush()
    return False


def delete_property(db: Session, entity_type: str, entity_id: str | int, key: str) -> None:
    db.delete(get_property(db, entity_type, entity_id, key))
    db.flush()


def delete_all(db: Session, entity_type: str, entity_id: str | int) -> None:
    """Removes every property of an entity that is being deleted."""
    db.execute(delete(EntityProperty).where(
        EntityProperty.entity_type == entity_type, EntityProperty.entity_id == str(entity_id)
    ))


def validate(key: str, value: Any) -> None:
    if not key or not key.strip():
        raise BadRequest("The property key cannot be empty.")
    if "\x00" in key:
        raise BadRequest("The property key must not contain NUL characters.")
    if len(key) > MAX_KEY_LENGTH:
        raise BadRequest(f"The property key cannot be longer than {MAX_KEY_LENGTH} characters.")
    encoded = orjson.dumps(value)
    if len(encoded) > MAX_VALUE_BYTES:
        raise BadRequest(f"The property value cannot be longer than {MAX_VALUE_BYTES} characters.")
    if b"\\u0000" in encoded:
        raise BadRequest("The property value must not contain NUL characters.")


def keys_json(base_self: str, keys: list[str]) -> dict[str, Any]:
    """The {"keys": [{"self", "key"}]} body; base_self is the properties collection URL."""
    return {"keys": [{"self": f"{base_self}/{key}", "key": key} for key in keys]}


def property_json(prop: EntityProperty) -> dict[str, Any]:
    return {"key": prop.key, "value": prop.value}

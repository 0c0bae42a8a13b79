"""Application properties: reading values (stored override or default), validating and storing changes.

Other features read settings through `get_property_value` (or `get_bool` / `get_int` / `get_float`) and
change them through `set_property_value`, which validates by the property's type and rules.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from ticketry.core.config_cache import cached
from ticketry.core.errors import BadRequest, NotFound
from ticketry.platform.appsettings.models import ApplicationProperty
from ticketry.platform.appsettings.registry import NAVIGATOR_COLUMNS_KEY, PROPERTIES, REGISTRY, PropertyDef
from ticketry.platform.appsettings.validation import check_value

PERMISSION_LEVELS = ("ADMIN", "SYSADMIN", "SYSADMIN_ONLY")


class UnknownProperty(NotFound):
    pass


def definition(key: str) -> PropertyDef:
    prop = REGISTRY.get(key)
    if prop is None:
        raise UnknownProperty(f"The application property '{key}' does not exist.")
    return prop


def get_property_value(db: Session, key: str) -> str:
    """The current value of a registered property: the stored override, else the default."""
    prop = definition(key)
    return stored_values(db).get(key, prop.default)


def stored_values(db: Session) -> dict[str, str]:
    """Every stored override by key, from the per-process configuration cache (read only)."""
    return cached(db, "application_properties", _load_stored_values)


def _load_stored_values(db: Session) -> dict[str, str]:
    return dict(db.execute(select(ApplicationProperty.key, ApplicationProperty.value)).all())


def get_bool(db: Session, key: str) -> bool:
    return get_property_value(db, key).strip().lower() == "true"


def get_int(db: Session, key: str) -> int:
    value = get_property_value(db, key).strip()
    return int(value) if value.lstrip("-").isdigit() else int(definition(key).default)


def get_float(db: Session, key: str) -> float:
    try:
        return float(get_property_value(db, key))
    except ValueError:
        return float(definition(key).default)


def get_list(db: Session, key: str) -> list[str]:
    return [part.strip() for part in get_property_value(db, key).split(",") if part.strip()]


def set_property_value(db: Session, key: str, value: str) -> str:
    """Validates and stores a value; returns the value as stored. Raises BadRequest (errors["value"])."""
    prop = definition(key)
    normalized = check_value(db, prop, value)
    if normalized == prop.default:
        db.execute(delete(ApplicationProperty).where(ApplicationProperty.key == key))
    else:
        stored = db.get(ApplicationProperty, key)
        if stored is None:
            db.add(ApplicationProperty(key=key, value=normalized))
        else:
            stored.value = normalized
    db.flush()
    return normalized


def current_values(db: Session, props: Iterable[PropertyDef]) -> list[tuple[PropertyDef, str]]:
    """Each property with its current value."""
    stored = stored_values(db)
    return [(p, stored.get(p.key, p.default)) for p in props]


def values_of(db: Session, keys: Iterable[str]) -> dict[str, str]:
    """The current values of several registered properties."""
    return {p.key: value for p, value in current_values(db, [definition(k) for k in keys])}


def editable_properties(db: Session, permission_level: str | None,
                        key_filter: str | None) -> list[tuple[PropertyDef, str]]:
    level = _permission_level(permission_level)
    pattern = _key_filter(key_filter)
    chosen = [
        p for p in sorted(PROPERTIES, key=lambda p: p.key)
        if _at_level(p, level) and (pattern is None or pattern.fullmatch(p.key))
    ]
    return current_values(db, chosen)


def advanced_settings(db: Session) -> list[tuple[PropertyDef, str]]:
    return current_values(db, sorted((p for p in PROPERTIES if p.advanced), key=lambda p: p.key))


def _permission_level(raw: str | None) -> str:
    if raw is None or not raw.strip():
        return "SYSADMIN"
    level = raw.strip().upper()
    if level not in PERMISSION_LEVELS:
        raise BadRequest(errors={"permissionLevel": f"The permission level '{raw}' is not valid. Valid levels "
                                 f"are: {', '.join(PERMISSION_LEVELS)}."})
    return level


def _at_level(prop: PropertyDef, level: str) -> bool:
    if level == "ADMIN":
        return not prop.sysadmin_only
    if level == "SYSADMIN_ONLY":
        return prop.sysadmin_only
    return True


def _key_filter(raw: str | None) -> re.Pattern[str] | None:
    if raw is None or raw == "":
        return None
    try:
        return re.compile(raw)
    except re.error as exc:
        raise BadRequest(errors={"keyFilter": f"The key filter '{raw}' is not a valid regular expression: "
                                 f"{exc}."}) from exc


# The default issue navigator columns


def navigator_columns(db: Session) -> list[str]:
    return get_list(db, NAVIGATOR_COLUMNS_KEY)


def set_navigator_columns(db: Session, columns: list[str]) -> list[str]:
    wanted = [c.strip() for c in columns if c and c.strip()]
    if not wanted:
        raise BadRequest(errors={"columns": "You must specify at least one column."})
    unique = list(dict.fromkeys(wanted))
    try:
        set_property_value(db, NAVIGATOR_COLUMNS_KEY, ", ".join(unique))
    except BadRequest as exc:
        raise BadRequest(errors={"columns": exc.errors.get("value", "The columns are not valid.")}) from exc
    return unique


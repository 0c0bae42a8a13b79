"""Options of select-type custom fields (the issue field option API and customFieldOption)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import delete, exists, func, or_, select
from sqlalchemy.orm import Session

from ticketry.core.errors import BadRequest, Conflict, NotFound
from ticketry.platform.fields.models import (
    CustomField,
    CustomFieldOption,
    CustomFieldOptionProject,
    CustomFieldValue,
)
from ticketry.platform.projects.models import Project

NOT_SELECTABLE = "notSelectable"
ATTRIBUTES = ("notSelectable", "defaultValue")


@dataclass
class OptionIn:
    value: object = None
    properties: object = None
    config: object = None
    id: object = None
    parent_id: object = None


@dataclass
class ScopeEntry:
    project_id: int
    selectable: bool


def _attributes(raw: object, where: str, errors: dict[str, str]) -> list[str]:
    if raw is None:
        return []
    if not isinstance(raw, list) or any(a not in ATTRIBUTES for a in raw):
        errors["config"] = f"The {where} attributes must be a list of: {', '.join(ATTRIBUTES)}."
        return []
    return list(dict.fromkeys(raw))


def _project_id(raw: object, errors: dict[str, str]) -> int | None:
    if isinstance(raw, bool) or not isinstance(raw, int):
        errors["config"] = "Project ids in the option scope must be numbers."
        return None
    return raw


def _scope(raw: object, errors: dict[str, str]) -> tuple[dict[str, Any], list[ScopeEntry]]:
    """Normalised scope JSON and the project rows it implies."""
    scope = raw if isinstance(raw, dict) else {}
    if raw is not None and not isinstance(raw, dict):
        errors["config"] = "The option scope must be an object."
    projects: list[int] = []
    for name in ("projects", "projects2"):
        if not isinstance(scope.get(name) or [], list):
            errors["config"] = f"The scope's {name} must be a list."
            return {"projects": [], "projects2": [], "global": {}}, []
    for item in scope.get("projects") or []:
        pid = _project_id(item, errors)
        if pid is not None:
            projects.append(pid)
    projects2: list[dict[str, Any]] = []
    for item in scope.get("projects2") or []:
        pid = _project_id(item.get("id") if isinstance(item, dict) else None, errors)
        if pid is not None:
            attrs = _attributes(item.get("attributes"), "project scope", errors)
            projects2.append({"id": pid, "attributes": attrs})
    glob = scope.get("global")
    glob_json: dict[str, Any] = {}
    if isinstance(glob, dict) and glob.get("attributes") is not None:
        glob_json["attributes"] = _attributes(glob.get("attributes"), "global scope", errors)
    entries = [ScopeEntry(p, True) for p in projects]
    entries += [ScopeEntry(p["id"], NOT_SELECTABLE not in p["attributes"]) for p in projects2]
    return {"projects": projects, "projects2": projects2, "global": glob_json}, entries


def _config(raw: object, errors: dict[str, str]) -> tuple[dict[str, Any], list[ScopeEntry], bool]:
    """(config JSON, project scope rows, disabled) from the request's config."""
    if raw is not None and not isinstance(raw, dict):
        errors["config"] = "The option config must be an object."
        raw = None
    body = raw or {}
    scope, entries = _scope(body.get("scope"), errors)
    attrs = _attributes(body.get("attributes"), "option", errors)
    disabled = NOT_SELECTABLE in attrs or NOT_SELECTABLE in scope["global"].get("attributes", [])
    return {"scope": scope, "attributes": attrs}, entries, disabled


def _check_projects(db: Session, entries: list[ScopeEntry], errors: dict[str, str]) -> None:
    ids = {e.project_id for e in entries}
    if not ids or "config" in errors:
        return
    found = set(db.scalars(select(Project.id).where(Project.id.in_(ids))))
    missing = sorted(ids - found)
    if missing:
        errors["config"] = f"The project with id '{missing[0]}' does not exist."


def _value(raw: object, errors: dict[str, str]) -> str | None:
    if not isinstance(raw, str) or not raw.strip():
        errors["value"] = "The option value must be a non-empty string."
        return None
    if len(raw) > 255:
        errors["value"] = "The option value must not be longer than 255 characters."
        return None
    return raw.strip()


def _parent(db: Session, field: CustomField, raw: object, errors: dict[str, str]) -> int | None:
    """Children of cascading select options name their parent (a Ticketry extension: parentId)."""
    if raw is None:
        return None
    from ticketry.platform.fields.types import field_type

    kind = field_type(field.type_key)
    ref = str(raw)
    parent = db.get(CustomFieldOption, int(ref)) if ref.isdigit() and len(ref) < 18 else None
    if kind is None or kind.key != "cascadingselect":
        errors["parentId"] = "Only options of cascading select fields can have a parent option."
    elif parent is None or parent.field_id != field.id or parent.parent_id is not None:
        errors["parentId"] = f"The parent option '{raw}' does not exist in this field."
    return parent.id if parent is not None else None


def _duplicate(db: Session, field: CustomField, parent_id: int | None, value: str, own_id: int | None) -> bool:
    query = select(exists().where(
        CustomFieldOption.field_id == field.id,
        CustomFieldOption.parent_id.is_(None) if parent_id is None else CustomFieldOption.parent_id == parent_id,
        func.lower(CustomFieldOption.value) == value.lower(),
        CustomFieldOption.id != (own_id or 0),
    ))
    return bool(db.scalar(query))


def _validate(db: Session, field: CustomField, data: OptionIn, own_id: int | None,
              parent_id: int | None) -> tuple[str, dict[str, Any], list[ScopeEntry], bool]:
    errors: dict[str, str] = {}
    value = _value(data.value, errors)
    if data.properties is not None and not isinstance(data.properties, dict):
        errors["properties"] = "The option properties must be an object."
    config, entries, disabled = _config(data.config, errors)
    _check_projects(db, entries, errors)
    if value is not None and _duplicate(db, field, parent_id, value, own_id):
        errors["value"] = f"Option value '{value}' already exists for this field."
    if errors:
        raise BadRequest(errors=errors)
    assert value is not None
    return value, config, entries, disabled


def _store_scope(db: Session, option: CustomFieldOption, entries: list[ScopeEntry]) -> None:
    db.execute(delete(CustomFieldOptionProject).where(CustomFieldOptionProject.option_id == option.id))
    rows: dict[int, bool] = {}
    for entry in entries:
        rows[entry.project_id] = rows.get(entry.project_id, True) and entry.selectable
    db.add_all(CustomFieldOptionProject(option_id=option.id, project_id=p, selectable=s) for p, s in rows.items())


def create_option(db: Session, field: CustomField, data: OptionIn) -> CustomFieldOption:
    errors: dict[str, str] = {}
    parent_id = _parent(db, field, data.parent_id, errors)
    if errors:
        raise BadRequest(errors=errors)
    value, config, entries, disabled = _validate(db, field, data, None, parent_id)
    position = db.scalar(select(func.coalesce(func.max(CustomFieldOption.position) + 1, 0)).where(
        CustomFieldOption.field_id == field.id,
        CustomFieldOption.parent_id.is_(None) if parent_id is None else CustomFieldOption.parent_id == parent_id,
    ))
    option = CustomFieldOption(field_id=field.id, parent_id=parent_id, value=value, disabled=disabled,
                               position=position or 0, properties=data.properties or {}, config=config)
    db.add(option)
    db.flush()
    _store_scope(db, option, entries)
    return option


def update_option(db: Session, field: CustomField, option: CustomFieldOption, data: OptionIn) -> CustomFieldOption:
    if data.id is not None and str(data.id) != str(option.id):
        raise BadRequest(errors={"id": f"The option id '{data.id}' does not match the option id in the path."})
    value, config, entries, disabled = _validate(db, field, data, option.id, option.parent_id)
    option.value, option.config, option.disabled = value, config, disabled
    option.properties = data.properties or {}
    _store_scope(db, option, entries)
    db.flush()
    return option


def get_option(db: Session, field: CustomField, option_id: str) -> CustomFieldOption:
    option = _option_by_id(db, option_id)
    if option is None or option.field_id != field.id:
        raise NotFound(f"The option with id '{option_id}' does not exist in the field 'customfield_{field.id}'.")
    return option


def _option_by_id(db: Session, option_id: str) -> CustomFieldOption | None:
    if not option_id.isdigit() or len(option_id) > 18:
        return None
    return db.get(CustomFieldOption, int(option_id))


def get_custom_field_option(db: Session, option_id: str) -> CustomFieldOption:
    option = _option_by_id(db, option_id)
    if option is None:
        raise NotFound(f"A custom field option with id '{option_id}' does not exist")
    return option


def delete_option(db: Session, option: CustomFieldOption) -> None:
    children = select(CustomFieldOption.id).where(CustomFieldOption.parent_id == option.id)
    used = db.scalar(select(exists().where(
        or_(CustomFieldValue.option_id == option.id, CustomFieldValue.option_id.in_(children))
    )))
    if used:
        raise Conflict(f"The option '{option.value}' is selected for the field in one or more issues.")
    db.execute(delete(CustomFieldOption).where(CustomFieldOption.parent_id == option.id))
    db.delete(option)
    db.flush()


def page_options(db: Session, field: CustomField, *, start_at: int, max_results: int,
                 project_id: int | None = None, selectable_only: bool = False,
                 scoped: bool = False) -> tuple[list[CustomFieldOption], int]:
    """Top-level options ordered by id; with scoped, only those available (or selectable) in the project."""
    query = select(CustomFieldOption).where(
        CustomFieldOption.field_id == field.id, CustomFieldOption.parent_id.is_(None)
    )
    if selectable_only:
        query = query.where(CustomFieldOption.disabled.is_(False))
    if scoped:
        query = query.where(_available_in(project_id, selectable_only))
    total = db.scalar(select(func.count()).select_from(query.subquery())) or 0
    rows = db.scalars(query.order_by(CustomFieldOption.id).offset(start_at).limit(max_results)).all()
    return list(rows), total


def _available_in(project_id: int | None, selectable_only: bool) -> Any:
    """Options without a project scope are global; scoped ones need a (selectable) row for the project."""
    unscoped = ~exists().where(CustomFieldOptionProject.option_id == CustomFieldOption.id)
    if project_id is None:
        return unscoped
    conditions = [CustomFieldOptionProject.option_id == CustomFieldOption.id,
                  CustomFieldOptionProject.project_id == project_id]
    if selectable_only:
        conditions.append(CustomFieldOptionProject.selectable.is_(True))
    return or_(unscoped, exists().where(*conditions))

"""Transition properties (Jira's workflow meta attributes) of live workflows.

Keys under "jira." are reserved when Jira derives them from the transition itself
(`jira.description`, `jira.fieldscreen.id`): they are shown only with includeReservedKeys and
cannot be written. Other keys, `jira.i18n.*` included, are editable.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy.orm import Session

from ticketry.core.errors import BadRequest, NotFound
from ticketry.db.base import utcnow
from ticketry.platform.workflows.admin import require_editable
from ticketry.platform.workflows.models import Workflow, WorkflowTransition
from ticketry.platform.workflows.service import find_transition, get_workflow

RESERVED_KEYS = ("jira.description", "jira.fieldscreen.id")
MAX_KEY = 255
MAX_VALUE = 4000


def locate(db: Session, workflow_name: str | None, transition_id: str, mode: str | None) -> WorkflowTransition:
    """The transition of a live workflow addressed by the request's parameters."""
    if mode is not None and mode != "live":
        if mode == "draft":
            raise BadRequest(errors={"workflowMode": "Draft workflows are not supported yet; use workflowMode=live."})
        raise BadRequest(errors={"workflowMode": f"The workflow mode '{mode}' is not valid: use live or draft."})
    if not workflow_name:
        raise BadRequest(errors={"workflowName": "The name of the workflow is required."})
    workflow = get_workflow(db, workflow_name)
    text = transition_id.strip()
    transition = find_transition(db, workflow.id, int(text)) if text.isdigit() else None
    if transition is None:
        raise NotFound(f"The transition with id '{transition_id}' does not exist in the workflow '{workflow_name}'.")
    return transition


def reserved_properties(transition: WorkflowTransition) -> dict[str, str]:
    reserved = {"jira.description": transition.description}
    if transition.screen_id is not None:
        reserved["jira.fieldscreen.id"] = str(transition.screen_id)
    return reserved


def read(transition: WorkflowTransition, *, include_reserved: bool) -> dict[str, str]:
    stored = dict(sorted((transition.properties or {}).items()))  # JSONB keeps no key order
    return {**reserved_properties(transition), **stored} if include_reserved else stored


def get_one(transition: WorkflowTransition, key: str, *, include_reserved: bool) -> tuple[str, str]:
    values = read(transition, include_reserved=include_reserved)
    if key not in values:
        raise NotFound(f"The property with key '{key}' does not exist.")
    return key, values[key]


def _check(key: str | None, value: Any) -> tuple[str, str]:
    errors: dict[str, str] = {}
    if not key or not key.strip():
        errors["key"] = "The property key is required."
    elif len(key) > MAX_KEY:
        errors["key"] = f"The property key must be at most {MAX_KEY} characters."
    elif key in RESERVED_KEYS:
        errors["key"] = f"The property key '{key}' is reserved and cannot be changed."
    if not isinstance(value, str):
        errors["value"] = "The property value must be a text."
    elif len(value) > MAX_VALUE:
        errors["value"] = f"The property value must be at most {MAX_VALUE} characters."
    if errors:
        raise BadRequest(errors=errors)
    assert key is not None and isinstance(value, str)
    return key, value


def _write(db: Session, transition: WorkflowTransition, properties: dict[str, str], author: str) -> None:
    workflow = db.get(Workflow, transition.workflow_id)
    assert workflow is not None
    transition.properties = properties
    workflow.updated = utcnow()
    workflow.updated_by = author
    db.flush()


def add(db: Session, transition: WorkflowTransition, key: str | None, value: Any, author: str) -> tuple[str, str]:
    require_editable(_workflow(db, transition))
    key, value = _check(key, value)
    properties = dict(transition.properties or {})
    if key in properties:
        raise BadRequest(errors={"key": f"The property with key '{key}' already exists."})
    properties[key] = value
    _write(db, transition, properties, author)
    return key, value


def put(db: Session, transition: WorkflowTransition, key: str | None, value: Any, author: str) -> bool:
    """Adds or updates; False when the property already held the value (nothing changed)."""
    require_editable(_workflow(db, transition))
    key, value = _check(key, value)
    properties = dict(transition.properties or {})
    if properties.get(key) == value:
        return False
    properties[key] = value
    _write(db, transition, properties, author)
    return True


def remove(db: Session, transition: WorkflowTransition, key: str | None, author: str) -> bool:
    """False when there was no such property (not an error)."""
    require_editable(_workflow(db, transition))
    if not key:
        raise BadRequest(errors={"key": "The property key is required."})
    if key in RESERVED_KEYS:
        raise BadRequest(errors={"key": f"The property key '{key}' is reserved and cannot be changed."})
    properties = dict(transition.properties or {})
    if key not in properties:
        return False
    del properties[key]
    _write(db, transition, properties, author)
    return True


def _workflow(db: Session, transition: WorkflowTransition) -> Workflow:
    workflow = db.get(Workflow, transition.workflow_id)
    assert workflow is not None
    return workflow

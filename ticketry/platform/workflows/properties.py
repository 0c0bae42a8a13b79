"""Transition properties (Jira's workflow meta attributes) of live and draft workflows.

Keys under "jira." are reserved when Jira derives them from the transition itself
(`jira.description`, `jira.fieldscreen.id`): they are shown only with includeReservedKeys and
cannot be written. Other keys, `jira.i18n.*` included, are editable. workflowMode=draft reads and
writes the transition in the workflow's draft (drafts.py), which reaches issues when published.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy.orm import Session

from ticketry.core.errors import BadRequest, NotFound
from ticketry.db.base import utcnow
from ticketry.platform.workflows import drafts
from ticketry.platform.workflows.admin import require_editable
from ticketry.platform.workflows.models import Workflow, WorkflowDraft, WorkflowTransition
from ticketry.platform.workflows.service import find_transition, get_workflow

RESERVED_KEYS = ("jira.description", "jira.fieldscreen.id")
MAX_KEY = 255
MAX_VALUE = 4000


class LiveTransition:
    """A transition of the workflow itself."""

    def __init__(self, db: Session, row: WorkflowTransition) -> None:
        self.db, self.row, self.workflow_id = db, row, row.workflow_id
        self.description, self.screen_id = row.description, row.screen_id
        self.properties: dict[str, str] = dict(row.properties or {})

    def check_editable(self) -> None:
        require_editable(self._workflow())

    def write(self, properties: dict[str, str], author: str) -> None:
        workflow = self._workflow()
        self.row.properties = properties
        workflow.updated = utcnow()
        workflow.updated_by = author
        self.db.flush()

    def _workflow(self) -> Workflow:
        workflow = self.db.get(Workflow, self.row.workflow_id)
        assert workflow is not None
        return workflow


class DraftTransition:
    """A transition of the workflow's draft document."""

    def __init__(self, db: Session, draft: WorkflowDraft, index: int) -> None:
        self.db, self.draft, self.index, self.workflow_id = db, draft, index, draft.workflow_id
        item = draft.document["transitions"][index]
        self.description = str(item.get("description") or "")
        self.screen_id = item.get("screen")
        self.properties = {str(k): str(v).lower() if isinstance(v, bool) else str(v)
                           for k, v in (item.get("properties") or {}).items()}

    def check_editable(self) -> None:
        """A draft is always editable."""

    def write(self, properties: dict[str, str], author: str) -> None:
        body = dict(self.draft.document)
        transitions = list(body["transitions"])
        transitions[self.index] = {**transitions[self.index], "properties": properties}
        body["transitions"] = transitions
        drafts.save_document(self.db, self.draft, body, author)


Transition = LiveTransition | DraftTransition


def locate(db: Session, workflow_name: str | None, transition_id: str, mode: str | None) -> Transition:
    """The transition of the live workflow (or of its draft) addressed by the request's parameters."""
    if mode is not None and mode not in ("live", "draft"):
        raise BadRequest(errors={"workflowMode": f"The workflow mode '{mode}' is not valid: use live or draft."})
    if not workflow_name:
        raise BadRequest(errors={"workflowName": "The name of the workflow is required."})
    workflow = get_workflow(db, workflow_name)
    text = transition_id.strip()
    wanted = int(text) if text.isdigit() and len(text) < 10 else None
    found: Transition | None = None
    if mode == "draft":
        draft = drafts.get_draft(db, workflow)
        items = draft.document.get("transitions") or []
        index = next((i for i, t in enumerate(items) if wanted is not None and _number(t.get("id")) == wanted), None)
        found = DraftTransition(db, draft, index) if index is not None else None
    elif wanted is not None:
        row = find_transition(db, workflow.id, wanted)
        found = LiveTransition(db, row) if row is not None else None
    if found is None:
        raise NotFound(f"The transition with id '{transition_id}' does not exist in the workflow '{workflow_name}'.")
    return found


def _number(value: Any) -> int | None:
    """A transition id of a document (YAML may give it as text)."""
    text = str(value).strip()
    return int(text) if text.isdigit() and len(text) < 10 else None


def reserved_properties(transition: Transition) -> dict[str, str]:
    reserved = {"jira.description": transition.description}
    if transition.screen_id is not None:
        reserved["jira.fieldscreen.id"] = str(transition.screen_id)
    return reserved


def read(transition: Transition, *, include_reserved: bool) -> dict[str, str]:
    stored = dict(sorted(transition.properties.items()))  # JSONB keeps no key order
    return {**reserved_properties(transition), **stored} if include_reserved else stored


def get_one(transition: Transition, key: str, *, include_reserved: bool) -> tuple[str, str]:
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


def add(db: Session, transition: Transition, key: str | None, value: Any, author: str) -> tuple[str, str]:
    transition.check_editable()
    key, value = _check(key, value)
    properties = dict(transition.properties)
    if key in properties:
        raise BadRequest(errors={"key": f"The property with key '{key}' already exists."})
    properties[key] = value
    transition.write(properties, author)
    return key, value


def put(db: Session, transition: Transition, key: str | None, value: Any, author: str) -> bool:
    """Adds or updates; False when the property already held the value (nothing changed)."""
    transition.check_editable()
    key, value = _check(key, value)
    properties = dict(transition.properties)
    if properties.get(key) == value:
        return False
    properties[key] = value
    transition.write(properties, author)
    return True


def remove(db: Session, transition: Transition, key: str | None, author: str) -> bool:
    """False when there was no such property (not an error)."""
    transition.check_editable()
    if not key:
        raise BadRequest(errors={"key": "The property key is required."})
    if key in RESERVED_KEYS:
        raise BadRequest(errors={"key": f"The property key '{key}' is reserved and cannot be changed."})
    properties = dict(transition.properties)
    if key not in properties:
        return False
    del properties[key]
    transition.write(properties, author)
    return True


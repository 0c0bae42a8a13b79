"""Workflow documents: the JSON/YAML form administrators export, edit and apply.

    name: Bug Flow
    description: How bugs move
    statuses: [Open, In Progress, Closed]      # names or ids
    initialStatus: Open                         # default: the first status
    transitions:
      - id: 11                                  # Jira's transition id within the workflow
        name: Start
        description: ""
        from: [Open]                            # omitted or empty: global (from any status)
        to: In Progress
        screen: 3                               # transition screen id, or null
        conditions: [{type: only_assignee}]
        validators: [{type: field_required, field: resolution}]
        postFunctions: [{type: clear_resolution}]
        properties: {jira.i18n.title: start}

`parse_document` validates a whole document (every error a field message) and returns a
`WorkflowSpec` with ids; `export_document` is its inverse, with names.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import orjson
import yaml
from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from ticketry.core.errors import BadRequest, JiraError
from ticketry.platform.issueconfig.models import Priority, Resolution, Status
from ticketry.platform.screens.models import Screen
from ticketry.platform.workflows import rules
from ticketry.platform.workflows.models import Workflow, WorkflowTransition

YAML_TYPES = ("application/yaml", "application/x-yaml", "text/yaml", "text/x-yaml")
MAX_NAME = 255
MAX_DESCRIPTION = 1000
RESERVED_PROPERTY_PREFIX = "jira."
DOCUMENT_KEYS = {"name", "description", "statuses", "initialStatus", "transitions"}
TRANSITION_KEYS = {"id", "name", "description", "from", "to", "screen", "conditions", "validators",
                   "postFunctions", "properties"}


@dataclass
class TransitionSpec:
    id: int
    name: str
    description: str
    sources: list[int]
    to_status_id: int
    screen_id: int | None
    conditions: list[dict[str, Any]]
    validators: list[dict[str, Any]]
    post_functions: list[dict[str, Any]]
    properties: dict[str, str]


@dataclass
class WorkflowSpec:
    name: str
    description: str
    status_ids: list[int]
    initial_status_id: int
    transitions: list[TransitionSpec] = field(default_factory=list)


# ---------------------------------------------------------------- reading a request body


def load_body(raw: bytes, content_type: str | None) -> dict[str, Any]:
    """A document from a JSON or YAML request body."""
    media = (content_type or "application/json").split(";")[0].strip().lower()
    if not raw.strip():
        raise BadRequest("The workflow document must not be empty.")
    try:
        if media in YAML_TYPES:
            document = yaml.safe_load(raw)
        elif media == "application/json":
            document = orjson.loads(raw)
        else:
            raise JiraError(f"Unsupported media type '{media}': send application/json or application/yaml.",
                            status_code=415)
    except (yaml.YAMLError, orjson.JSONDecodeError) as exc:
        raise BadRequest(f"The workflow document could not be read: {exc}".strip()) from None
    if not isinstance(document, dict):
        raise BadRequest("The workflow document must be an object.")
    return document


def dump(document: dict[str, Any], *, as_yaml: bool) -> bytes:
    if as_yaml:
        return yaml.safe_dump(document, sort_keys=False, allow_unicode=True).encode()
    return orjson.dumps(document)


# ---------------------------------------------------------------- validating a document


class _Errors(dict[str, str]):
    def add(self, path: str, message: str) -> None:
        self.setdefault(path, message)


def parse_document(db: Session, document: dict[str, Any]) -> WorkflowSpec:
    errors = _Errors()
    for key in sorted(set(document) - DOCUMENT_KEYS):
        errors.add(key, f"Unknown property '{key}'.")
    name = _text(document.get("name"), "name", errors, required=True, limit=MAX_NAME)
    description = _text(document.get("description"), "description", errors, limit=MAX_DESCRIPTION)
    statuses = _StatusNames(db, document, errors)
    status_ids = statuses.workflow_statuses()
    initial = statuses.initial(status_ids)
    transitions = _transitions(db, document.get("transitions"), statuses, status_ids, errors)
    if errors:
        raise BadRequest(errors=dict(errors))
    assert initial is not None
    return WorkflowSpec(name=name, description=description, status_ids=status_ids, initial_status_id=initial,
                        transitions=transitions)


def _text(value: Any, path: str, errors: _Errors, *, required: bool = False, limit: int = MAX_NAME) -> str:
    if value is None:
        if required:
            errors.add(path, f"The {path.rsplit('.', 1)[-1]} is required.")
        return ""
    if not isinstance(value, str):
        errors.add(path, "Must be a text.")
        return ""
    value = value.strip()
    if required and not value:
        errors.add(path, f"The {path.rsplit('.', 1)[-1]} is required.")
    if len(value) > limit:
        errors.add(path, f"Must be at most {limit} characters.")
    return value


class _StatusNames:
    """Resolves the status references of a document (names or ids) in one query."""

    def __init__(self, db: Session, document: dict[str, Any], errors: _Errors) -> None:
        self.document = document
        self.errors = errors
        refs = [document.get("initialStatus")] + _list(document.get("statuses"))
        for transition in _list(document.get("transitions")):
            if isinstance(transition, dict):
                refs += [transition.get("to")] + _list(transition.get("from"))
        names = {str(r).strip().lower() for r in refs if isinstance(r, str | int) and not isinstance(r, bool)}
        ids = [int(n) for n in names if n.isdigit() and int(n) <= rules.MAX_DB_INT]
        rows = db.execute(select(Status.id, Status.name).where(
            or_(Status.id.in_(ids), func.lower(Status.name).in_(names)))).all() if names else []
        self.by_ref = {str(i): int(i) for i, _ in rows}
        self.by_ref.update({n.lower(): int(i) for i, n in rows})

    def resolve(self, ref: Any, path: str) -> int | None:
        if isinstance(ref, bool) or not isinstance(ref, str | int):
            self.errors.add(path, "A status must be given by name or id.")
            return None
        found = self.by_ref.get(str(ref).strip().lower())
        if found is None:
            self.errors.add(path, f"The status '{ref}' does not exist.")
        return found

    def workflow_statuses(self) -> list[int]:
        raw = self.document.get("statuses")
        if not isinstance(raw, list) or not raw:
            self.errors.add("statuses", "A workflow needs a list of at least one status.")
            return []
        ids: list[int] = []
        for index, ref in enumerate(raw):
            status_id = self.resolve(ref, f"statuses[{index}]")
            if status_id is not None and status_id in ids:
                self.errors.add(f"statuses[{index}]", f"The status '{ref}' is listed twice.")
            elif status_id is not None:
                ids.append(status_id)
        return ids

    def initial(self, status_ids: list[int]) -> int | None:
        ref = self.document.get("initialStatus")
        if ref is None:
            return status_ids[0] if status_ids else None
        status_id = self.resolve(ref, "initialStatus")
        if status_id is not None and status_id not in status_ids:
            self.errors.add("initialStatus", f"The status '{ref}' is not in the workflow.")
        return status_id

    def member(self, ref: Any, path: str, status_ids: list[int]) -> int | None:
        status_id = self.resolve(ref, path)
        if status_id is not None and status_id not in status_ids:
            self.errors.add(path, f"The status '{ref}' is not in the workflow.")
            return None
        return status_id


def _list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else []


def _transitions(db: Session, raw: Any, statuses: _StatusNames, status_ids: list[int],
                 errors: _Errors) -> list[TransitionSpec]:
    if raw is None:
        return []
    if not isinstance(raw, list):
        errors.add("transitions", "The transitions must be a list.")
        return []
    specs: list[TransitionSpec] = []
    seen: set[int] = set()
    screens: dict[str, int] = {}
    for index, item in enumerate(raw):
        path = f"transitions[{index}]"
        if not isinstance(item, dict):
            errors.add(path, "A transition must be an object.")
            continue
        transition_id = _transition_id(item.get("id"), f"{path}.id", errors)
        if transition_id in seen:
            errors.add(f"{path}.id", f"The transition id {transition_id} is used twice.")
        if transition_id is not None:
            seen.add(transition_id)
        spec = _transition(db, item, transition_id, path, statuses, status_ids, errors)
        if spec is not None:
            specs.append(spec)
        if spec is not None and spec.screen_id is not None:
            screens[f"{path}.screen"] = spec.screen_id
    _check_screens(db, screens, errors)
    return specs


def _check_screens(db: Session, screens: dict[str, int], errors: _Errors) -> None:
    if not screens:
        return
    existing = set(db.scalars(select(Screen.id).where(Screen.id.in_(set(screens.values())))))
    for path, screen_id in screens.items():
        if screen_id not in existing:
            errors.add(path, f"The screen {screen_id} does not exist.")


def _transition(db: Session, item: dict[str, Any], transition_id: int | None, path: str, statuses: _StatusNames,
                status_ids: list[int], errors: _Errors) -> TransitionSpec | None:
    for key in sorted(set(item) - TRANSITION_KEYS):
        errors.add(f"{path}.{key}", f"Unknown property '{key}'.")
    name = _text(item.get("name"), f"{path}.name", errors, required=True)
    description = _text(item.get("description"), f"{path}.description", errors, limit=MAX_DESCRIPTION)
    sources = _sources(item.get("from"), f"{path}.from", statuses, status_ids, errors)
    to_status = statuses.member(item.get("to"), f"{path}.to", status_ids) if "to" in item else None
    if "to" not in item:
        errors.add(f"{path}.to", "The status the transition leads to is required.")
    screen = _screen(item.get("screen"), f"{path}.screen", errors)
    checked = {kind: _rules(db, kind, item.get(kind), f"{path}.{kind}", errors)
               for kind in ("conditions", "validators", "postFunctions")}
    properties = _properties(item.get("properties"), f"{path}.properties", errors)
    if transition_id is None or to_status is None:
        return None
    return TransitionSpec(id=transition_id, name=name, description=description, sources=sources,
                          to_status_id=to_status, screen_id=screen, conditions=checked["conditions"],
                          validators=checked["validators"], post_functions=checked["postFunctions"],
                          properties=properties)


def _transition_id(value: Any, path: str, errors: _Errors) -> int | None:
    if isinstance(value, bool) or not isinstance(value, int | str) or not str(value).strip().isdigit():
        errors.add(path, "The transition id must be a positive whole number.")
        return None
    number = int(str(value).strip())
    if not 1 <= number <= rules.MAX_DB_INT:
        errors.add(path, "The transition id must be a positive whole number.")
        return None
    return number


def _sources(raw: Any, path: str, statuses: _StatusNames, status_ids: list[int], errors: _Errors) -> list[int]:
    if raw is None:
        return []
    if not isinstance(raw, list):
        raw = [raw]
    found = [statuses.member(ref, f"{path}[{i}]", status_ids) for i, ref in enumerate(raw)]
    return list(dict.fromkeys(s for s in found if s is not None))


def _screen(value: Any, path: str, errors: _Errors) -> int | None:
    if value is None:
        return None
    if isinstance(value, bool) or not str(value).strip().isdigit() or int(str(value)) > rules.MAX_DB_INT:
        errors.add(path, "The screen must be a screen id.")
        return None
    return int(str(value))


def _rules(db: Session, kind: str, raw: Any, path: str, errors: _Errors) -> list[dict[str, Any]]:
    try:
        return rules.check_rules(db, kind, raw)
    except rules.RuleError as exc:
        errors.add(f"{path}{exc.field}", exc.message)
        return []


def _properties(raw: Any, path: str, errors: _Errors) -> dict[str, str]:
    if raw is None:
        return {}
    if not isinstance(raw, dict):
        errors.add(path, "The properties must be an object of keys and text values.")
        return {}
    properties: dict[str, str] = {}
    for key, value in raw.items():
        if not isinstance(key, str) or not key.strip() or len(key) > MAX_NAME:
            errors.add(path, f"The property key '{key}' is not valid.")
        elif isinstance(value, dict | list) or value is None:
            errors.add(f"{path}.{key}", "A property value must be a text.")
        else:
            properties[key] = str(value).lower() if isinstance(value, bool) else str(value)
    return properties


# ---------------------------------------------------------------- exporting


def export_document(db: Session, workflow: Workflow) -> dict[str, Any]:
    """The document of a stored workflow, with status and resolution names (three queries)."""
    from ticketry.platform.workflows.service import workflow_status_ids

    status_ids = workflow_status_ids(db, workflow.id)
    rows = list(db.scalars(select(WorkflowTransition).where(WorkflowTransition.workflow_id == workflow.id)
                           .order_by(WorkflowTransition.position, WorkflowTransition.transition_id)))
    sources = _sources_of(db, [row.id for row in rows])
    names = {i: n for i, n in db.execute(select(Status.id, Status.name).where(Status.id.in_(status_ids)))}
    constants = _constant_names(db)
    return {
        "name": workflow.name,
        "description": workflow.description,
        "statuses": [names[s] for s in status_ids],
        "initialStatus": names.get(workflow.initial_status_id or 0),
        "transitions": [_transition_document(row, sorted(sources.get(row.id, []), key=status_ids.index), names,
                                             constants) for row in rows],
    }


def _sources_of(db: Session, transition_pks: list[int]) -> dict[int, list[int]]:
    from ticketry.platform.workflows.models import WorkflowTransitionSource as Source

    result: dict[int, list[int]] = {}
    if transition_pks:
        for pk, status_id in db.execute(select(Source.transition_pk, Source.status_id)
                                        .where(Source.transition_pk.in_(transition_pks))):
            result.setdefault(pk, []).append(status_id)
    return result


def _constant_names(db: Session) -> dict[str, dict[int, str]]:
    return {"resolution": {i: n for i, n in db.execute(select(Resolution.id, Resolution.name))},
            "priority": {i: n for i, n in db.execute(select(Priority.id, Priority.name))}}


def _transition_document(row: WorkflowTransition, sources: list[int], names: dict[int, str],
                         constants: dict[str, dict[int, str]]) -> dict[str, Any]:
    return {
        "id": row.transition_id,
        "name": row.name,
        "description": row.description,
        "from": [names[s] for s in sources],
        "to": names[row.to_status_id],
        "screen": row.screen_id,
        "conditions": list(row.conditions or []),
        "validators": list(row.validators or []),
        "postFunctions": [_named_rule(rule, constants) for rule in row.post_functions or []],
        "properties": dict(sorted((row.properties or {}).items())),
    }


def _named_rule(rule: dict[str, Any], constants: dict[str, dict[int, str]]) -> dict[str, Any]:
    if rule["type"] == "set_resolution" and "resolution" in rule:
        return {**rule, "resolution": constants["resolution"].get(rule["resolution"], rule["resolution"])}
    if rule["type"] == "update_field" and rule["field"] in constants and rule["value"] is not None:
        return {**rule, "value": constants[rule["field"]].get(rule["value"], rule["value"])}
    return dict(rule)

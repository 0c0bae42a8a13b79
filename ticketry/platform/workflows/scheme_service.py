"""Workflow schemes as Jira's /workflowscheme resource manages them: mappings, drafts, publishing.

A scheme maps issue types to workflows, with a default workflow for the rest. A scheme used by a
project is *active*: its mappings cannot change under the project's issues, so changes go to its
draft (with updateDraftIfNeeded) and reach the scheme when the draft is published, which is only
allowed when every issue finds its status in its new workflow. Names and descriptions never
affect issues and always change on the scheme itself (a draft shows its parent's).

Mappings are `{issue type id: workflow id}` with the key None for the default workflow; a scheme
always has a default (removing it falls back to Jira's built-in "jira" workflow, as Jira does).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from ticketry.core.context import RequestContext
from ticketry.core.errors import BadRequest, NotFound
from ticketry.db.base import utcnow
from ticketry.platform.auditing.service import WORKFLOWS, Item, change, record
from ticketry.platform.defaults import CLASSIC_WORKFLOW, DEFAULT_WORKFLOW_SCHEME, SIMPLIFIED_WORKFLOW_SCHEME
from ticketry.platform.issueconfig.models import IssueType
from ticketry.platform.projects.models import Project
from ticketry.platform.workflows.migration import Mappings, refuse_stranding
from ticketry.platform.workflows.models import (
    Workflow,
    WorkflowScheme,
    WorkflowSchemeDraft,
    WorkflowSchemeDraftEntry,
    WorkflowSchemeEntry,
)

MAX_NAME = 255
MAX_DESCRIPTION = 1000
UNSET: Any = object()  # a body field that was not sent (Jira tells "not set" from null)

NOT_ACTIVE = "The workflow scheme is not active: only a scheme used by a project has a draft."
HAS_DRAFT = "The workflow scheme already has a draft."
NO_DRAFT = "The workflow scheme does not have a draft."
CHANGE_ACTIVE = ("Cannot change the workflow mappings of an active workflow scheme (it is used by a project); "
                 "pass updateDraftIfNeeded=true to change its draft instead.")
DEFAULT_READ_ONLY = "The default workflow scheme cannot be changed."


@dataclass
class SchemeView:
    """What a request reads or changed: the scheme, or its draft when `draft` is set."""

    scheme: WorkflowScheme
    draft: WorkflowSchemeDraft | None = None


# ---------------------------------------------------------------- reading


def get_scheme(db: Session, scheme_id: str | int) -> WorkflowScheme:
    text = str(scheme_id).strip()
    scheme = db.get(WorkflowScheme, int(text)) if text.isdigit() and int(text) < 2**31 else None
    if scheme is None:
        raise NotFound(f"The workflow scheme with id '{scheme_id}' does not exist.")
    return scheme


def find_draft(db: Session, scheme: WorkflowScheme) -> WorkflowSchemeDraft | None:
    return db.scalar(select(WorkflowSchemeDraft).where(WorkflowSchemeDraft.parent_id == scheme.id))


def get_draft(db: Session, scheme: WorkflowScheme) -> WorkflowSchemeDraft:
    draft = find_draft(db, scheme)
    if draft is None:
        raise NotFound(NO_DRAFT)
    return draft


def view(db: Session, scheme: WorkflowScheme, draft_if_exists: bool = False) -> SchemeView:
    return SchemeView(scheme, find_draft(db, scheme) if draft_if_exists else None)


def is_active(db: Session, scheme: WorkflowScheme) -> bool:
    return db.scalar(select(Project.id).where(Project.workflow_scheme_id == scheme.id).limit(1)) is not None


def live_mappings(db: Session, scheme: WorkflowScheme) -> Mappings:
    rows = db.execute(select(WorkflowSchemeEntry.issue_type_id, WorkflowSchemeEntry.workflow_id)
                      .where(WorkflowSchemeEntry.scheme_id == scheme.id))
    mappings: Mappings = {type_id: workflow_id for type_id, workflow_id in rows}
    mappings[None] = scheme.default_workflow_id
    return mappings


def draft_mappings(db: Session, draft: WorkflowSchemeDraft) -> Mappings:
    rows = db.execute(select(WorkflowSchemeDraftEntry.issue_type_id, WorkflowSchemeDraftEntry.workflow_id)
                      .where(WorkflowSchemeDraftEntry.draft_id == draft.id))
    mappings: Mappings = {type_id: workflow_id for type_id, workflow_id in rows}
    mappings[None] = draft.default_workflow_id
    return mappings


def mappings_of(db: Session, target: SchemeView) -> Mappings:
    return draft_mappings(db, target.draft) if target.draft is not None else live_mappings(db, target.scheme)


def workflow_names(db: Session, ids: set[int]) -> dict[int, str]:
    return {workflow_id: name for workflow_id, name in
            db.execute(select(Workflow.id, Workflow.name).where(Workflow.id.in_(ids)))}


def named(db: Session, mappings: Mappings) -> dict[int | None, str]:
    names = workflow_names(db, set(mappings.values()))
    return {type_id: names[workflow_id] for type_id, workflow_id in mappings.items()}


# ---------------------------------------------------------------- validating input


def issue_type_exists(db: Session, raw: str | int) -> int | None:
    text = str(raw).strip()
    if not text.isdigit() or int(text) >= 2**31 or db.get(IssueType, int(text)) is None:
        return None
    return int(text)


def require_issue_type(db: Session, raw: str) -> int:
    """An issue type addressed in the path (404 when missing, as Jira answers)."""
    type_id = issue_type_exists(db, raw)
    if type_id is None:
        raise NotFound(f"The issue type '{raw}' does not exist.")
    return type_id


def require_workflow_param(db: Session, name: str | None, allow_none: bool) -> Workflow | None:
    """The workflowName query parameter (404 when missing or unknown, as Jira answers)."""
    if name is None:
        if allow_none:
            return None
        raise NotFound("The workflowName parameter is required.")
    workflow = db.scalar(select(Workflow).where(Workflow.name == name))
    if workflow is None:
        raise NotFound(f"The workflow '{name}' does not exist.")
    return workflow


def _workflow_id(db: Session, name: Any) -> int:
    if not isinstance(name, str) or not name:
        raise BadRequest(f"The workflow '{'<null>' if name is None else name}' does not exist.")
    workflow_id = db.scalar(select(Workflow.id).where(Workflow.name == name))
    if workflow_id is None:
        raise BadRequest(f"The workflow '{name}' does not exist.")
    return int(workflow_id)


def _issue_type_id(db: Session, raw: Any) -> int:
    type_id = issue_type_exists(db, raw) if isinstance(raw, str | int) and not isinstance(raw, bool) else None
    if type_id is None:
        raise BadRequest(f"The issue type '{raw}' does not exist.")
    return type_id


def _flag(value: Any, name: str) -> bool:
    if value is None or value is UNSET:
        return False
    if not isinstance(value, bool):
        raise BadRequest(errors={name: f"The {name} flag must be true or false."})
    return value


def _scheme_mappings_from(db: Session, current: Mappings | None, body: dict[str, Any]) -> Mappings:
    """Jira's getWorkflowMap: issueTypeMappings replaces every issue type mapping when sent;
    defaultWorkflow sets the default when sent (null removes it); the rest stays."""
    raw = body.get("issueTypeMappings")
    if raw is not None and not isinstance(raw, dict):
        raise BadRequest(errors={"issueTypeMappings": "The issue type mappings must be an object of issue type "
                                 "ids to workflow names."})
    mappings: Mappings = {}
    if raw is not None:
        mappings = {_issue_type_id(db, key): _workflow_id(db, value) for key, value in raw.items()}
    elif current is not None:
        mappings = {k: v for k, v in current.items() if k is not None}
    default = body.get("defaultWorkflow", UNSET)
    if default is UNSET:
        mappings[None] = current[None] if current is not None else CLASSIC_WORKFLOW
    else:
        mappings[None] = CLASSIC_WORKFLOW if default is None else _workflow_id(db, default)
    return mappings


def _text_changes(db: Session, scheme: WorkflowScheme | None, body: dict[str, Any], creating: bool) -> dict[str, str]:
    """Validated name and description of a create or an update (only those sent)."""
    changes: dict[str, str] = {}
    name = body.get("name", UNSET)
    if creating or name is not UNSET:
        if not isinstance(name, str) or not name.strip():
            raise BadRequest("The workflow scheme must have a name.")
        if len(name.strip()) > MAX_NAME:
            raise BadRequest(f"The name of a workflow scheme must be at most {MAX_NAME} characters.")
        clash = db.scalar(select(WorkflowScheme.id).where(WorkflowScheme.name == name.strip()))
        if clash is not None and (scheme is None or clash != scheme.id):
            raise BadRequest(f"A workflow scheme with the name '{name.strip()}' already exists.")
        changes["name"] = name.strip()
    description = body.get("description", UNSET)
    if description is not UNSET:
        if description is not None and (not isinstance(description, str) or len(description) > MAX_DESCRIPTION):
            raise BadRequest(errors={"description": f"The description must be a text of at most "
                                     f"{MAX_DESCRIPTION} characters."})
        changes["description"] = description or ""
    return changes


# ---------------------------------------------------------------- writing


def _item(scheme: WorkflowScheme) -> Item:
    return Item(scheme.id, scheme.name, "WORKFLOW_SCHEME")


def audit(ctx: RequestContext, summary: str, scheme: WorkflowScheme,
          changes: list[dict[str, Any]] | None = None) -> None:
    record(ctx, summary, WORKFLOWS, item=_item(scheme), changes=changes)


def audit_mappings(ctx: RequestContext, scheme: WorkflowScheme, before: Mappings, after: Mappings) -> None:
    """A change of the scheme's own mappings (our admin API's mapping route)."""
    if after != before:
        audit(ctx, "Workflow scheme updated", scheme, _mapping_changes(ctx.db, before, after))


def _mapping_changes(db: Session, before: Mappings, after: Mappings) -> list[dict[str, Any]]:
    names = workflow_names(db, set(before.values()) | set(after.values()))
    type_ids = {k for k in before.keys() | after.keys() if k is not None}
    type_names = {type_id: name for type_id, name in
                  db.execute(select(IssueType.id, IssueType.name).where(IssueType.id.in_(type_ids)))}
    changes = []
    for type_id in sorted(before.keys() | after.keys(), key=lambda k: -1 if k is None else k):
        old, new = before.get(type_id), after.get(type_id)
        if old != new:
            label = "Default workflow" if type_id is None else f"Issue type {type_names.get(type_id, type_id)}"
            changes.append(change(label, names.get(old) if old else None, names.get(new) if new else None))
    return changes


def _store_live(db: Session, scheme: WorkflowScheme, mappings: Mappings) -> None:
    db.execute(delete(WorkflowSchemeEntry).where(WorkflowSchemeEntry.scheme_id == scheme.id))
    db.add_all(WorkflowSchemeEntry(scheme_id=scheme.id, issue_type_id=type_id, workflow_id=workflow_id)
               for type_id, workflow_id in mappings.items() if type_id is not None)
    scheme.default_workflow_id = mappings[None]
    db.flush()


def _store_draft(ctx: RequestContext, draft: WorkflowSchemeDraft, mappings: Mappings) -> None:
    db = ctx.db
    db.execute(delete(WorkflowSchemeDraftEntry).where(WorkflowSchemeDraftEntry.draft_id == draft.id))
    db.add_all(WorkflowSchemeDraftEntry(draft_id=draft.id, issue_type_id=type_id, workflow_id=workflow_id)
               for type_id, workflow_id in mappings.items() if type_id is not None)
    draft.default_workflow_id = mappings[None]
    draft.last_modified = utcnow()
    draft.last_modified_user_id = ctx.user.id if ctx.user is not None else None
    db.flush()


def _apply_text(ctx: RequestContext, scheme: WorkflowScheme, texts: dict[str, str]) -> list[dict[str, Any]]:
    changes = []
    for field, value in texts.items():
        if getattr(scheme, field) != value:
            changes.append(change(field.capitalize(), getattr(scheme, field), value))
            setattr(scheme, field, value)
    return changes


def _refuse_default_scheme(scheme: WorkflowScheme) -> None:
    if scheme.id == DEFAULT_WORKFLOW_SCHEME:
        raise BadRequest(DEFAULT_READ_ONLY)


def create_scheme(ctx: RequestContext, body: dict[str, Any]) -> WorkflowScheme:
    texts = _text_changes(ctx.db, None, body, creating=True)
    mappings = _scheme_mappings_from(ctx.db, None, body)
    scheme = WorkflowScheme(name=texts["name"], description=texts.get("description", ""),
                            default_workflow_id=mappings[None])
    ctx.db.add(scheme)
    ctx.db.flush()
    _store_live(ctx.db, scheme, mappings)
    changes = [change("Name", None, scheme.name), *_mapping_changes(ctx.db, {}, mappings)]
    record(ctx, "Workflow scheme created", WORKFLOWS, item=_item(scheme), changes=changes)
    return scheme


def delete_scheme(ctx: RequestContext, scheme: WorkflowScheme) -> None:
    if scheme.id == DEFAULT_WORKFLOW_SCHEME:
        raise BadRequest("Cannot delete the default workflow scheme.")
    if scheme.id == SIMPLIFIED_WORKFLOW_SCHEME:  # new projects of the software and business templates get it
        raise BadRequest(f"Cannot delete the workflow scheme '{scheme.name}': project templates use it.")
    if is_active(ctx.db, scheme):
        raise BadRequest("Cannot delete an active workflow scheme.")
    record(ctx, "Workflow scheme deleted", WORKFLOWS, item=_item(scheme))
    ctx.db.execute(delete(WorkflowSchemeDraft).where(WorkflowSchemeDraft.parent_id == scheme.id))
    ctx.db.delete(scheme)
    ctx.db.flush()


def create_draft(ctx: RequestContext, scheme: WorkflowScheme, mappings: Mappings | None = None) -> WorkflowSchemeDraft:
    """A draft holding a copy of the scheme's mappings (or the given ones)."""
    if scheme.id == DEFAULT_WORKFLOW_SCHEME:
        raise BadRequest("The default workflow scheme cannot have a draft.")
    if not is_active(ctx.db, scheme):
        raise BadRequest(NOT_ACTIVE)
    if find_draft(ctx.db, scheme) is not None:
        raise BadRequest(HAS_DRAFT)
    live = live_mappings(ctx.db, scheme)
    draft = WorkflowSchemeDraft(parent_id=scheme.id, default_workflow_id=live[None])
    ctx.db.add(draft)
    ctx.db.flush()
    _store_draft(ctx, draft, mappings if mappings is not None else live)
    record(ctx, "Draft workflow scheme created", WORKFLOWS, item=_item(scheme),
           changes=_mapping_changes(ctx.db, live, mappings) if mappings is not None else [])
    return draft


def delete_draft(ctx: RequestContext, scheme: WorkflowScheme) -> None:
    draft = get_draft(ctx.db, scheme)
    record(ctx, "Draft workflow scheme deleted", WORKFLOWS, item=_item(scheme))
    ctx.db.delete(draft)
    ctx.db.flush()


def _change_draft(ctx: RequestContext, scheme: WorkflowScheme, draft: WorkflowSchemeDraft,
                  transform: Callable[[Mappings], Mappings]) -> SchemeView:
    before = draft_mappings(ctx.db, draft)
    after = transform(dict(before))
    if after != before:
        _store_draft(ctx, draft, after)
        record(ctx, "Draft workflow scheme updated", WORKFLOWS, item=_item(scheme),
               changes=_mapping_changes(ctx.db, before, after))
    return SchemeView(scheme, draft)


def change_mappings(ctx: RequestContext, scheme: WorkflowScheme, transform: Callable[[Mappings], Mappings],
                    update_draft: bool) -> SchemeView:
    """Jira's doUpdateMappings: the draft when asked for and present; else the scheme itself when
    it is inactive; else (active) a new draft with updateDraftIfNeeded, or 400 without it."""
    draft = find_draft(ctx.db, scheme) if update_draft else None
    if draft is not None:
        return _change_draft(ctx, scheme, draft, transform)
    before = live_mappings(ctx.db, scheme)
    after = transform(dict(before))
    if after == before:
        return SchemeView(scheme)
    _refuse_default_scheme(scheme)
    if not is_active(ctx.db, scheme):
        _store_live(ctx.db, scheme, after)
        record(ctx, "Workflow scheme updated", WORKFLOWS, item=_item(scheme),
               changes=_mapping_changes(ctx.db, before, after))
        return SchemeView(scheme)
    if not update_draft:
        raise BadRequest(CHANGE_ACTIVE)
    return SchemeView(scheme, create_draft(ctx, scheme, after))


def change_draft_mappings(ctx: RequestContext, scheme: WorkflowScheme,
                          transform: Callable[[Mappings], Mappings]) -> SchemeView:
    return _change_draft(ctx, scheme, get_draft(ctx.db, scheme), transform)


def update_scheme(ctx: RequestContext, scheme: WorkflowScheme, body: dict[str, Any]) -> SchemeView:
    """PUT /workflowscheme/{id}: Jira's AssignableRestWorkflowScheme.update."""
    update_draft = _flag(body.get("updateDraftIfNeeded"), "updateDraftIfNeeded")
    texts = _text_changes(ctx.db, scheme, body, creating=False)
    draft = find_draft(ctx.db, scheme) if update_draft else None
    if draft is None:
        before = live_mappings(ctx.db, scheme)
        after = _scheme_mappings_from(ctx.db, before, body)
        if after == before or not update_draft or not is_active(ctx.db, scheme):
            _update_live(ctx, scheme, texts, before, after)
            return SchemeView(scheme)
        draft = create_draft(ctx, scheme)
    return _update_draft(ctx, scheme, draft, texts, body)


def update_draft(ctx: RequestContext, scheme: WorkflowScheme, body: dict[str, Any]) -> SchemeView:
    """PUT /workflowscheme/{id}/draft: the draft, created when missing."""
    texts = _text_changes(ctx.db, scheme, body, creating=False)
    draft = find_draft(ctx.db, scheme)
    if draft is None:
        draft = create_draft(ctx, scheme, _scheme_mappings_from(ctx.db, live_mappings(ctx.db, scheme), body))
        _record_texts(ctx, scheme, texts)
        return SchemeView(scheme, draft)
    return _update_draft(ctx, scheme, draft, texts, body)


def _record_texts(ctx: RequestContext, scheme: WorkflowScheme, texts: dict[str, str]) -> None:
    changes = _apply_text(ctx, scheme, texts)
    if changes:
        ctx.db.flush()
        record(ctx, "Workflow scheme updated", WORKFLOWS, item=_item(scheme), changes=changes)


def _update_live(ctx: RequestContext, scheme: WorkflowScheme, texts: dict[str, str],
                 before: Mappings, after: Mappings) -> None:
    if after != before:
        _refuse_default_scheme(scheme)
        if is_active(ctx.db, scheme):
            raise BadRequest(CHANGE_ACTIVE)
    if texts and scheme.id == DEFAULT_WORKFLOW_SCHEME and any(getattr(scheme, k) != v for k, v in texts.items()):
        raise BadRequest(DEFAULT_READ_ONLY)
    changes = _apply_text(ctx, scheme, texts)
    if after != before:
        _store_live(ctx.db, scheme, after)
        changes += _mapping_changes(ctx.db, before, after)
    if changes:
        ctx.db.flush()
        record(ctx, "Workflow scheme updated", WORKFLOWS, item=_item(scheme), changes=changes)


def _update_draft(ctx: RequestContext, scheme: WorkflowScheme, draft: WorkflowSchemeDraft,
                  texts: dict[str, str], body: dict[str, Any]) -> SchemeView:
    """Jira's DraftRestWorkflowScheme.update: the name and description go to the parent."""
    after = _scheme_mappings_from(ctx.db, draft_mappings(ctx.db, draft), body)
    _change_draft(ctx, scheme, draft, lambda _: after)
    _record_texts(ctx, scheme, texts)
    return SchemeView(scheme, draft)


def publish_draft(ctx: RequestContext, scheme: WorkflowScheme) -> WorkflowScheme:
    """Our own admin API: the draft's mappings become the scheme's, when no issue of a project
    using the scheme would be left in a status its new workflow lacks (Ticketry cannot migrate
    statuses); the draft is gone afterwards."""
    draft = get_draft(ctx.db, scheme)
    before, after = live_mappings(ctx.db, scheme), draft_mappings(ctx.db, draft)
    projects = select(Project.id).where(Project.workflow_scheme_id == scheme.id)
    refuse_stranding(ctx.db, projects, after, "The draft cannot be published")
    _store_live(ctx.db, scheme, after)
    ctx.db.delete(draft)
    ctx.db.flush()
    record(ctx, "Draft workflow scheme published", WORKFLOWS, item=_item(scheme),
           changes=_mapping_changes(ctx.db, before, after))
    return scheme


# ---------------------------------------------------------------- mapping transforms (Jira's builders)


def set_issue_type(type_id: int, workflow_id: int | None) -> Callable[[Mappings], Mappings]:
    def apply(mappings: Mappings) -> Mappings:
        if workflow_id is None:
            mappings.pop(type_id, None)
        else:
            mappings[type_id] = workflow_id
        return mappings
    return apply


def set_default(workflow_id: int | None) -> Callable[[Mappings], Mappings]:
    def apply(mappings: Mappings) -> Mappings:
        mappings[None] = CLASSIC_WORKFLOW if workflow_id is None else workflow_id
        return mappings
    return apply


def remove_workflow(workflow_id: int) -> Callable[[Mappings], Mappings]:
    """Every mapping to the workflow goes, the default included (then "jira")."""
    def apply(mappings: Mappings) -> Mappings:
        kept = {k: v for k, v in mappings.items() if v != workflow_id}
        kept.setdefault(None, CLASSIC_WORKFLOW)
        return kept
    return apply


def merge_workflow_mapping(db: Session, workflow_id: int, body: dict[str, Any]) -> Callable[[Mappings], Mappings]:
    """Jira's mergeWorkflowMappings: issueTypes (when sent) become exactly the types mapped to the
    workflow; defaultMapping true makes it the default, false unsets it if it was the default."""
    issue_types = body.get("issueTypes")
    if issue_types is not None and not isinstance(issue_types, list):
        raise BadRequest(errors={"issueTypes": "The issue types must be a list of issue type ids."})
    type_ids = [_issue_type_id(db, raw) for raw in issue_types] if issue_types is not None else None
    default = body.get("defaultMapping")
    if default is not None and not isinstance(default, bool):
        raise BadRequest(errors={"defaultMapping": "The defaultMapping flag must be true or false."})

    def apply(mappings: Mappings) -> Mappings:
        if type_ids is not None:
            mappings = {k: v for k, v in mappings.items() if k is None or v != workflow_id}
            mappings.update(dict.fromkeys(type_ids, workflow_id))
        if default is True:
            mappings[None] = workflow_id
        elif default is False and mappings[None] == workflow_id:
            mappings[None] = CLASSIC_WORKFLOW
        return mappings
    return apply


def workflow_body(body: dict[str, Any], key: str = "workflow") -> Any:
    """The workflow of a default or issue type body: UNSET when not sent, None to remove."""
    return body.get(key, UNSET)


def resolve_workflow(db: Session, name: Any) -> int | None:
    return None if name is None else _workflow_id(db, name)


def update_flag(body: dict[str, Any]) -> bool:
    return _flag(body.get("updateDraftIfNeeded"), "updateDraftIfNeeded")

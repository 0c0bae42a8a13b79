"""Administering workflows: create, replace and delete them from documents; map them in schemes."""

from __future__ import annotations

from typing import Any

from sqlalchemy import delete, or_, select
from sqlalchemy.orm import Session

from ticketry.core.errors import BadRequest, NotFound
from ticketry.db.base import utcnow
from ticketry.platform.defaults import DEFAULT_WORKFLOW_SCHEME, SIMPLIFIED_WORKFLOW_SCHEME
from ticketry.platform.issueconfig.models import IssueType, Status
from ticketry.platform.issues.models import Issue
from ticketry.platform.projects.models import Project
from ticketry.platform.workflows.document import WorkflowSpec
from ticketry.platform.workflows.models import (
    Workflow,
    WorkflowScheme,
    WorkflowSchemeDraft,
    WorkflowSchemeDraftEntry,
    WorkflowSchemeEntry,
    WorkflowStatus,
    WorkflowTransition,
    WorkflowTransitionSource,
)
from ticketry.platform.workflows.service import find_workflow


def require_editable(workflow: Workflow) -> None:
    if workflow.system:
        raise BadRequest(f"The workflow '{workflow.name}' is a system workflow and cannot be changed.")


def create_workflow(db: Session, spec: WorkflowSpec, author: str) -> Workflow:
    if find_workflow(db, spec.name) is not None:
        raise BadRequest(errors={"name": f"A workflow with the name '{spec.name}' already exists."})
    workflow = Workflow(name=spec.name, description=spec.description, system=False)
    db.add(workflow)
    db.flush()
    _store(db, workflow, spec, author)
    return workflow


def replace_workflow(db: Session, workflow: Workflow, spec: WorkflowSpec, author: str) -> Workflow:
    require_editable(workflow)
    if spec.name != workflow.name and find_workflow(db, spec.name) is not None:
        raise BadRequest(errors={"name": f"A workflow with the name '{spec.name}' already exists."})
    _refuse_dropping_used_statuses(db, workflow, spec.status_ids)
    workflow.name = spec.name
    workflow.description = spec.description
    db.execute(delete(WorkflowTransition).where(WorkflowTransition.workflow_id == workflow.id))
    db.execute(delete(WorkflowStatus).where(WorkflowStatus.workflow_id == workflow.id))
    _store(db, workflow, spec, author)
    return workflow


def apply_workflow(db: Session, spec: WorkflowSpec, author: str) -> tuple[Workflow, bool]:
    """Creates the workflow of the document's name, or replaces it; True when created."""
    existing = find_workflow(db, spec.name)
    if existing is None:
        return create_workflow(db, spec, author), True
    return replace_workflow(db, existing, spec, author), False


def install_transitions(db: Session, workflow: Workflow, spec: WorkflowSpec) -> None:
    """Default data: the transitions of a built-in workflow (its statuses exist already)."""
    _store_transitions(db, workflow, spec)


def _store(db: Session, workflow: Workflow, spec: WorkflowSpec, author: str) -> None:
    workflow.initial_status_id = spec.initial_status_id
    workflow.updated = utcnow()
    workflow.updated_by = author
    db.add_all(WorkflowStatus(workflow_id=workflow.id, status_id=s, position=p) for p, s in enumerate(spec.status_ids))
    _store_transitions(db, workflow, spec)
    db.flush()


def _store_transitions(db: Session, workflow: Workflow, spec: WorkflowSpec) -> None:
    rows = [WorkflowTransition(
        workflow_id=workflow.id, transition_id=t.id, name=t.name, description=t.description,
        to_status_id=t.to_status_id, screen_id=t.screen_id, position=p, conditions=t.conditions,
        validators=t.validators, post_functions=t.post_functions, properties=t.properties,
    ) for p, t in enumerate(spec.transitions)]
    db.add_all(rows)
    db.flush()
    db.add_all(WorkflowTransitionSource(transition_pk=row.id, status_id=s)
               for row, t in zip(rows, spec.transitions, strict=True) for s in t.sources)


def _schemes_using(workflow_id: int) -> Any:
    mapped = select(WorkflowSchemeEntry.scheme_id).where(WorkflowSchemeEntry.workflow_id == workflow_id)
    return or_(WorkflowScheme.default_workflow_id == workflow_id, WorkflowScheme.id.in_(mapped))


def _refuse_dropping_used_statuses(db: Session, workflow: Workflow, kept: list[int]) -> None:
    """Issues that follow the workflow must keep their status in it."""
    schemes = select(WorkflowScheme.id).where(_schemes_using(workflow.id))
    stranded = db.execute(
        select(Status.name, Project.key).select_from(Issue)
        .join(Project, Project.id == Issue.project_id).join(Status, Status.id == Issue.status_id)
        .join(WorkflowStatus, (WorkflowStatus.status_id == Issue.status_id)
              & (WorkflowStatus.workflow_id == workflow.id))
        .where(Project.workflow_scheme_id.in_(schemes), Issue.status_id.not_in(kept)).limit(1)
    ).first()
    if stranded is not None:
        raise BadRequest(errors={"statuses": f"The status '{stranded[0]}' cannot be removed: issues of project "
                                 f"{stranded[1]} using this workflow are in it."})


def delete_workflow(db: Session, workflow: Workflow) -> None:
    require_editable(workflow)
    scheme = db.scalar(select(WorkflowScheme.name).where(_schemes_using(workflow.id)).limit(1))
    if scheme is not None:
        raise BadRequest(f"Cannot delete the workflow '{workflow.name}': it is used by the workflow scheme "
                         f"'{scheme}'.")
    in_drafts = select(WorkflowSchemeDraftEntry.draft_id).where(WorkflowSchemeDraftEntry.workflow_id == workflow.id)
    drafted = (select(WorkflowScheme.name).join(WorkflowSchemeDraft, WorkflowSchemeDraft.parent_id == WorkflowScheme.id)
               .where(or_(WorkflowSchemeDraft.default_workflow_id == workflow.id,
                          WorkflowSchemeDraft.id.in_(in_drafts)))
               .limit(1))
    scheme = db.scalar(drafted)
    if scheme is not None:
        raise BadRequest(f"Cannot delete the workflow '{workflow.name}': it is used by the draft of the workflow "
                         f"scheme '{scheme}'.")
    db.delete(workflow)
    db.flush()


# ---------------------------------------------------------------- workflow schemes


def get_scheme(db: Session, scheme_id: str | int) -> WorkflowScheme:
    text = str(scheme_id).strip()
    scheme = db.get(WorkflowScheme, int(text)) if text.isdigit() and int(text) < 2**31 else None
    if scheme is None:
        raise NotFound(f"The workflow scheme with id '{scheme_id}' does not exist.")
    return scheme


def create_scheme(db: Session, name: Any, description: Any, default_workflow: Any) -> WorkflowScheme:
    errors: dict[str, str] = {}
    if not isinstance(name, str) or not name.strip():
        errors["name"] = "The name of the workflow scheme is required."
    elif len(name.strip()) > 255:
        errors["name"] = "The name must be at most 255 characters."
    elif db.scalar(select(WorkflowScheme.id).where(WorkflowScheme.name == name.strip())) is not None:
        errors["name"] = f"A workflow scheme with the name '{name.strip()}' already exists."
    if description is not None and (not isinstance(description, str) or len(description) > 1000):
        errors["description"] = "The description must be a text of at most 1000 characters."
    workflow = find_workflow(db, default_workflow if isinstance(default_workflow, str) else "jira")
    if workflow is None:
        errors["defaultWorkflow"] = f"The workflow '{default_workflow}' does not exist."
    if errors:
        raise BadRequest(errors=errors)
    assert workflow is not None and isinstance(name, str)
    scheme = WorkflowScheme(name=name.strip(), description=description or "", default_workflow_id=workflow.id)
    db.add(scheme)
    db.flush()
    return scheme


def delete_scheme(db: Session, scheme: WorkflowScheme) -> None:
    if scheme.id in (DEFAULT_WORKFLOW_SCHEME, SIMPLIFIED_WORKFLOW_SCHEME):  # project templates give them out
        raise BadRequest(f"Cannot delete the workflow scheme '{scheme.name}': project templates use it.")
    project = db.scalar(select(Project.key).where(Project.workflow_scheme_id == scheme.id).limit(1))
    if project is not None:
        raise BadRequest(f"Cannot delete the workflow scheme '{scheme.name}': the project {project} uses it.")
    db.delete(scheme)
    db.flush()


def scheme_mappings(db: Session, scheme: WorkflowScheme) -> tuple[str, dict[str, str]]:
    """The default workflow's name and the issue type id -> workflow name mappings."""
    default = db.scalar(select(Workflow.name).where(Workflow.id == scheme.default_workflow_id)) or ""
    rows = db.execute(select(WorkflowSchemeEntry.issue_type_id, Workflow.name)
                      .join(Workflow, Workflow.id == WorkflowSchemeEntry.workflow_id)
                      .where(WorkflowSchemeEntry.scheme_id == scheme.id)
                      .order_by(WorkflowSchemeEntry.issue_type_id))
    return default, {str(type_id): name for type_id, name in rows}


def set_mapping(db: Session, scheme: WorkflowScheme, issue_type_id: Any, workflow_name: Any) -> None:
    """Maps an issue type (or, with None, the scheme's default) to a workflow."""
    if not isinstance(workflow_name, str) or not workflow_name.strip():
        raise BadRequest(errors={"workflow": "The name of a workflow is required."})
    workflow = find_workflow(db, workflow_name.strip())
    if workflow is None:
        raise BadRequest(errors={"workflow": f"The workflow '{workflow_name}' does not exist."})
    type_id = _issue_type_id(db, issue_type_id)
    _refuse_stranding_issues(db, scheme, type_id, workflow)
    if type_id is None:
        scheme.default_workflow_id = workflow.id
    else:
        entry = db.get(WorkflowSchemeEntry, (scheme.id, type_id))
        if entry is None:
            db.add(WorkflowSchemeEntry(scheme_id=scheme.id, issue_type_id=type_id, workflow_id=workflow.id))
        else:
            entry.workflow_id = workflow.id
    db.flush()


def _issue_type_id(db: Session, raw: Any) -> int | None:
    if raw is None:
        return None
    text = str(raw).strip()
    if isinstance(raw, bool) or not text.isdigit() or int(text) >= 2**31 or db.get(IssueType, int(text)) is None:
        raise BadRequest(errors={"issueType": f"The issue type '{raw}' does not exist."})
    return int(text)


def _refuse_stranding_issues(db: Session, scheme: WorkflowScheme, type_id: int | None, workflow: Workflow) -> None:
    """Issues of the projects using the scheme must find their status in the new workflow."""
    in_workflow = select(WorkflowStatus.status_id).where(WorkflowStatus.workflow_id == workflow.id)
    query = (select(Project.key, Status.name).select_from(Issue)
             .join(Project, Project.id == Issue.project_id).join(Status, Status.id == Issue.status_id)
             .where(Project.workflow_scheme_id == scheme.id, Issue.status_id.not_in(in_workflow)))
    mapped = select(WorkflowSchemeEntry.issue_type_id).where(WorkflowSchemeEntry.scheme_id == scheme.id)
    if type_id is None:
        query = query.where(Issue.issue_type_id.not_in(mapped))
    else:
        query = query.where(Issue.issue_type_id == type_id)
    stranded = db.execute(query.limit(1)).first()
    if stranded is not None:
        raise BadRequest(errors={"workflow": f"Issues of project {stranded[0]} are in the status '{stranded[1]}', "
                                 f"which the workflow '{workflow.name}' does not have."})


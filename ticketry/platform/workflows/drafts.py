"""Drafts of workflows: edits of an active workflow that reach its issues only when published.

Jira edits an active workflow (one a project uses through its scheme) through a draft. Ours keeps
the draft as a workflow document (document.py); publishing replaces the workflow with it under
the rule replacing always follows: no issue may be left in a status the workflow drops.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from ticketry.core.errors import BadRequest, NotFound
from ticketry.db.base import utcnow
from ticketry.platform.projects.models import Project
from ticketry.platform.workflows import admin, document
from ticketry.platform.workflows.models import Workflow, WorkflowDraft, WorkflowScheme, WorkflowSchemeEntry


def is_active(db: Session, workflow: Workflow) -> bool:
    """Used by a project: through its scheme's default or one of its issue type mappings."""
    mapped = select(WorkflowSchemeEntry.scheme_id).where(WorkflowSchemeEntry.workflow_id == workflow.id)
    schemes = select(WorkflowScheme.id).where(or_(WorkflowScheme.default_workflow_id == workflow.id,
                                                  WorkflowScheme.id.in_(mapped)))
    return db.scalar(select(Project.id).where(Project.workflow_scheme_id.in_(schemes)).limit(1)) is not None


def find_draft(db: Session, workflow: Workflow) -> WorkflowDraft | None:
    return db.scalar(select(WorkflowDraft).where(WorkflowDraft.workflow_id == workflow.id))


def get_draft(db: Session, workflow: Workflow) -> WorkflowDraft:
    draft = find_draft(db, workflow)
    if draft is None:
        raise NotFound(f"The workflow '{workflow.name}' does not have a draft.")
    return draft


def create_draft(db: Session, workflow: Workflow, author: str) -> WorkflowDraft:
    """A draft holding a copy of the workflow."""
    admin.require_editable(workflow)
    if not is_active(db, workflow):
        raise BadRequest(f"The workflow '{workflow.name}' is not active: change it directly, a draft is only "
                         "needed while a project uses it.")
    if find_draft(db, workflow) is not None:
        raise BadRequest(f"The workflow '{workflow.name}' already has a draft.")
    draft = WorkflowDraft(workflow_id=workflow.id, document=document.export_document(db, workflow),
                          updated=utcnow(), updated_by=author)
    db.add(draft)
    db.flush()
    return draft


def replace_draft(db: Session, workflow: Workflow, body: dict[str, Any], author: str) -> WorkflowDraft:
    """The draft becomes the (validated) document; the workflow's name cannot change in a draft."""
    draft = get_draft(db, workflow)
    body = {**body, "name": workflow.name} if "name" not in body else body
    if body["name"] != workflow.name:
        raise BadRequest(errors={"name": "A draft cannot rename its workflow."})
    document.parse_document(db, body)
    save_document(db, draft, body, author)
    return draft


def save_document(db: Session, draft: WorkflowDraft, body: dict[str, Any], author: str) -> None:
    draft.document = body
    draft.updated = utcnow()
    draft.updated_by = author
    db.flush()


def delete_draft(db: Session, workflow: Workflow) -> None:
    db.delete(get_draft(db, workflow))
    db.flush()


def publish_draft(db: Session, workflow: Workflow, author: str) -> Workflow:
    draft = get_draft(db, workflow)
    spec = document.parse_document(db, dict(draft.document))  # statuses may have gone since it was saved
    admin.replace_workflow(db, workflow, spec, author)
    db.delete(draft)
    db.flush()
    return workflow

"""Guarding issues when the workflows of their projects change.

Jira migrates issue statuses when a project's workflows change (a scheme published or switched);
Ticketry cannot migrate statuses yet, so such a change is refused, naming the statuses, whenever
an issue would be left in a status its new workflow does not have.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from ticketry.core.errors import BadRequest
from ticketry.platform.issueconfig.models import Status
from ticketry.platform.issues.models import Issue
from ticketry.platform.workflows.models import WorkflowScheme, WorkflowSchemeEntry, WorkflowStatus

# {issue type id: workflow id}; the key None holds the default workflow.
Mappings = dict[int | None, int]


def scheme_mappings(db: Session, scheme_id: int) -> Mappings:
    rows = db.execute(select(WorkflowSchemeEntry.issue_type_id, WorkflowSchemeEntry.workflow_id)
                      .where(WorkflowSchemeEntry.scheme_id == scheme_id))
    mappings: Mappings = {type_id: workflow_id for type_id, workflow_id in rows}
    default = db.scalar(select(WorkflowScheme.default_workflow_id).where(WorkflowScheme.id == scheme_id))
    if default is not None:
        mappings[None] = int(default)
    return mappings


def stranded_statuses(db: Session, project_ids: Any, mappings: Mappings) -> list[str]:
    """Names of the statuses issues of the projects are in that the workflows the mappings give
    their issue types lack. `project_ids` is a list or a SELECT of project ids."""
    pairs = db.execute(select(Issue.issue_type_id, Issue.status_id)
                       .where(Issue.project_id.in_(project_ids)).distinct()).all()
    if not pairs:
        return []
    workflows = set(mappings.values())
    statuses: dict[int, set[int]] = {workflow_id: set() for workflow_id in workflows}
    for workflow_id, status_id in db.execute(select(WorkflowStatus.workflow_id, WorkflowStatus.status_id)
                                             .where(WorkflowStatus.workflow_id.in_(workflows))):
        statuses[workflow_id].add(status_id)
    missing = {status_id for type_id, status_id in pairs
               if status_id not in statuses[mappings.get(type_id, mappings[None])]}
    if not missing:
        return []
    return list(db.scalars(select(Status.name).where(Status.id.in_(missing)).order_by(Status.name)))


def refuse_stranding(db: Session, project_ids: Any, mappings: Mappings, what: str, field: str | None = None) -> None:
    stranded = stranded_statuses(db, project_ids, mappings)
    if stranded:
        names = ", ".join(f"'{name}'" for name in stranded)
        message = (f"{what}: issues are in the statuses {names}, which their new workflows do not have, and "
                   "Ticketry cannot migrate issue statuses yet. Move those issues to statuses the new "
                   "workflows have first.")
        raise BadRequest(errors={field: message}) if field else BadRequest(message)


def refuse_scheme_switch(db: Session, project_id: int, current_scheme_id: int, new_scheme_id: int) -> None:
    """A project moving to another workflow scheme keeps every issue in a status of its new workflow."""
    if new_scheme_id == current_scheme_id:
        return
    mappings = scheme_mappings(db, new_scheme_id)
    if None not in mappings:
        return  # no such scheme: the project's own validation reports it
    refuse_stranding(db, [project_id], mappings, "The workflow scheme cannot be changed", "workflowSchemeId")

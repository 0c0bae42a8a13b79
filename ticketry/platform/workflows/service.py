"""Workflow rules other features call: which workflow an issue follows and which transitions it has.

The issues feature calls `workflow_for`, `initial_status_id`, `available_transitions`,
`get_transition`, `post_function_changes` and `validate_transition` (docs/design/issues.md).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import exists, func, or_, select
from sqlalchemy.orm import Session

from ticketry.core.errors import BadRequest, NotFound
from ticketry.platform.issues.models import Issue
from ticketry.platform.projects.models import Project
from ticketry.platform.users.models import User
from ticketry.platform.workflows import rules
from ticketry.platform.workflows.models import (
    Workflow,
    WorkflowScheme,
    WorkflowSchemeEntry,
    WorkflowStatus,
    WorkflowTransition,
    WorkflowTransitionSource,
)


@dataclass
class TransitionDef:
    id: int
    name: str
    to_status_id: int
    screen_id: int | None
    is_global: bool
    is_initial: bool
    is_conditional: bool
    properties: dict[str, str]
    validators: list[dict[str, Any]]
    post_functions: list[dict[str, Any]]
    description: str = ""
    conditions: list[dict[str, Any]] = field(default_factory=list)
    workflow_id: int = 0


def _definition(row: WorkflowTransition, is_global: bool) -> TransitionDef:
    return TransitionDef(
        id=row.transition_id, name=row.name, to_status_id=row.to_status_id, screen_id=row.screen_id,
        is_global=is_global, is_initial=False,
        is_conditional=any(rule["type"] != "always" for rule in row.conditions or []),
        properties=dict(sorted((row.properties or {}).items())), validators=list(row.validators or []),
        post_functions=list(row.post_functions or []), description=row.description,
        conditions=list(row.conditions or []), workflow_id=row.workflow_id,
    )


# ---------------------------------------------------------------- workflows


def find_workflow(db: Session, name: str | None) -> Workflow | None:
    if not name:
        return None
    return db.scalar(select(Workflow).where(Workflow.name == name))


def get_workflow(db: Session, name: str | None) -> Workflow:
    workflow = find_workflow(db, name)
    if workflow is None:
        raise NotFound(f"The workflow '{name}' does not exist.")
    return workflow


def workflow_for(db: Session, project_id: int, issue_type_id: int) -> Workflow:
    """The workflow of an issue type in a project: its scheme entry, else the scheme's default."""
    scheme_id = select(Project.workflow_scheme_id).where(Project.id == project_id).scalar_subquery()
    mapped = (select(WorkflowSchemeEntry.workflow_id)
              .where(WorkflowSchemeEntry.scheme_id == scheme_id, WorkflowSchemeEntry.issue_type_id == issue_type_id)
              .scalar_subquery())
    default = select(WorkflowScheme.default_workflow_id).where(WorkflowScheme.id == scheme_id).scalar_subquery()
    workflow = db.scalar(select(Workflow).where(Workflow.id == func.coalesce(mapped, default)))
    if workflow is None:
        raise NotFound(f"No project could be found with id '{project_id}'.")
    return workflow


def initial_status_id(db: Session, workflow: Workflow) -> int:
    if workflow.initial_status_id is not None:
        return workflow.initial_status_id
    first = db.scalar(select(WorkflowStatus.status_id).where(WorkflowStatus.workflow_id == workflow.id)
                      .order_by(WorkflowStatus.position, WorkflowStatus.status_id).limit(1))
    if first is None:
        raise BadRequest(f"The workflow '{workflow.name}' has no statuses.")
    return int(first)


def workflow_status_ids(db: Session, workflow_id: int) -> list[int]:
    return list(db.scalars(select(WorkflowStatus.status_id).where(WorkflowStatus.workflow_id == workflow_id)
                           .order_by(WorkflowStatus.position, WorkflowStatus.status_id)))


# ---------------------------------------------------------------- transitions


def _global_clause() -> Any:
    return ~exists().where(WorkflowTransitionSource.transition_pk == WorkflowTransition.id)


def transitions_from(db: Session, workflow_id: int, status_id: int) -> list[TransitionDef]:
    """Every transition of the workflow that leaves the status (global ones included), conditions unchecked."""
    from_status = exists().where(WorkflowTransitionSource.transition_pk == WorkflowTransition.id,
                                 WorkflowTransitionSource.status_id == status_id)
    is_global = _global_clause()
    rows = db.execute(select(WorkflowTransition, is_global.label("is_global"))
                      .where(WorkflowTransition.workflow_id == workflow_id, or_(is_global, from_status))
                      .order_by(WorkflowTransition.position, WorkflowTransition.transition_id)).all()
    return [_definition(row, bool(global_)) for row, global_ in rows]


def find_transition(db: Session, workflow_id: int, transition_id: int) -> WorkflowTransition | None:
    if transition_id > rules.MAX_DB_INT or transition_id < 0:
        return None
    return db.scalar(select(WorkflowTransition).where(WorkflowTransition.workflow_id == workflow_id,
                                                      WorkflowTransition.transition_id == transition_id))


def available_transitions(db: Session, issue: Issue, user: User | None) -> list[TransitionDef]:
    """The transitions the user may take now: from the issue's status, with their conditions met."""
    workflow = workflow_for(db, issue.project_id, issue.issue_type_id)
    caller = rules.ConditionContext(db, user)
    return [t for t in transitions_from(db, workflow.id, issue.status_id) if _allowed(t, issue, caller)]


def _allowed(transition: TransitionDef, issue: Issue, caller: rules.ConditionContext) -> bool:
    return all(rules.condition_holds(rule, issue, caller) for rule in transition.conditions)


def get_transition(db: Session, issue: Issue, transition_id: int | str, user: User | None) -> TransitionDef:
    """The transition if the user may take it now, else 400 in Jira's words."""
    text = str(transition_id).strip()
    wanted = int(text) if text.isdigit() and int(text) <= rules.MAX_DB_INT else None
    workflow = workflow_for(db, issue.project_id, issue.issue_type_id)
    row = find_transition(db, workflow.id, wanted) if wanted is not None else None
    if row is None:
        raise BadRequest(f"Transition id '{transition_id}' is not valid for this issue.")
    for transition in available_transitions(db, issue, user):
        if transition.id == wanted:
            return transition
    raise BadRequest(
        f"It seems that you have tried to perform a workflow operation ({row.name}) that is not valid for the "
        f"current state of this issue ({issue.key}). The likely cause is that somebody has changed the issue "
        "recently, please look at the issue history for details."
    )


def post_function_changes(db: Session, issue: Issue, transition: TransitionDef, user: User | None) -> dict[str, Any]:
    """Field changes the post-functions make: {"resolution": id | None, "assignee": user id | None,
    "priority": id | None, "summary" / "description" / "environment": text}. Ids are ints."""
    names = rules.assignee_names(transition.post_functions)
    ids: dict[str, int] = {}
    if names:
        ids = {lower: user_id for lower, user_id in db.execute(
            select(User.lower_name, User.id).where(User.lower_name.in_(names)))}
    return rules.changes_of(transition.post_functions, issue, user, ids)


def validate_transition(db: Session, issue: Issue, transition: TransitionDef,
                        field_values: dict[str, Any]) -> dict[str, str]:
    """Field errors of the transition's validators. `field_values` holds the fields the transition
    sets (by field id; any non-empty value counts); other fields count with the issue's values."""
    return rules.missing_fields(transition.validators, issue, field_values)


def workflows_using_screen(db: Session, screen_id: int) -> list[str]:
    """Names of the workflows with a transition showing the screen (a screen in use cannot be deleted)."""
    showing = select(WorkflowTransition.workflow_id).where(WorkflowTransition.screen_id == screen_id)
    return list(db.scalars(select(Workflow.name).where(Workflow.id.in_(showing)).order_by(Workflow.name)))

"""The issue types that can replace one: where its issues can move when it is deleted.

An alternative is of the same kind (standard or sub-task) and, in every project that uses the type
(its issue type scheme offers it, or issues of it exist there), is offered by the project's scheme
and gets the same workflow and the same screens. Ticketry has one field configuration, so the
field configuration is always the same.
"""

from __future__ import annotations

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from ticketry.platform.issueconfig.models import IssueType, IssueTypeSchemeEntry
from ticketry.platform.issues.models import Issue
from ticketry.platform.projects.models import Project
from ticketry.platform.screens.models import ProjectIssueTypeScreenScheme
from ticketry.platform.screens.service import OPERATIONS, screen_for
from ticketry.platform.workflows.service import workflow_for


def alternative_issue_types(db: Session, issue_type: IssueType) -> list[IssueType]:
    candidates = list(db.scalars(select(IssueType).where(
        IssueType.subtask == issue_type.subtask, IssueType.id != issue_type.id).order_by(IssueType.id)))
    for project_id, scheme_id in _representative_projects(db, issue_type.id):
        if not candidates:
            break
        offered = set(db.scalars(select(IssueTypeSchemeEntry.issue_type_id)
                                 .where(IssueTypeSchemeEntry.scheme_id == scheme_id)))
        wanted = _configuration(db, project_id, issue_type.id)
        candidates = [c for c in candidates
                      if c.id in offered and _configuration(db, project_id, c.id) == wanted]
    return candidates


def _representative_projects(db: Session, issue_type_id: int) -> list[tuple[int, int]]:
    """(project id, issue type scheme id): one project per distinct configuration using the type.

    Projects sharing issue type, workflow and screen schemes resolve every type alike, so one of
    them answers for all and the cost does not grow with the number of projects.
    """
    in_scheme = select(IssueTypeSchemeEntry.scheme_id).where(IssueTypeSchemeEntry.issue_type_id == issue_type_id)
    with_issues = select(Issue.project_id).where(Issue.issue_type_id == issue_type_id).distinct()
    rows = db.execute(
        select(Project.id, Project.issue_type_scheme_id, Project.workflow_scheme_id,
               ProjectIssueTypeScreenScheme.scheme_id)
        .outerjoin(ProjectIssueTypeScreenScheme, ProjectIssueTypeScreenScheme.project_id == Project.id)
        .where(or_(Project.issue_type_scheme_id.in_(in_scheme), Project.id.in_(with_issues)))
        .order_by(Project.id)
    )
    seen: dict[tuple[int, int, int | None], int] = {}
    for project_id, type_scheme, workflow_scheme, screen_scheme in rows:
        seen.setdefault((type_scheme, workflow_scheme, screen_scheme), project_id)
    return [(project_id, key[0]) for key, project_id in seen.items()]


def _configuration(db: Session, project_id: int, issue_type_id: int) -> tuple[int, ...]:
    """What an issue of the type gets in the project: its workflow and its create, edit and view screens."""
    workflow = workflow_for(db, project_id, issue_type_id).id
    return (workflow, *(screen_for(db, project_id, issue_type_id, op) for op in OPERATIONS))

"""A project's configuration as read through it: statuses per issue type, and its schemes."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from ticketry.core.config_cache import cached, rows_by_id
from ticketry.core.context import RequestContext
from ticketry.core.errors import NotFound
from ticketry.core.ids import db_id
from ticketry.platform.issueconfig.models import Status, StatusCategory
from ticketry.platform.issueconfig.render import status_json
from ticketry.platform.permissions.models import (
    IssueSecurityLevel,
    IssueSecurityScheme,
    NotificationScheme,
    PermissionScheme,
)
from ticketry.platform.projects.models import Project
from ticketry.platform.projects.render import project_issue_types
from ticketry.platform.workflows.models import WorkflowScheme, WorkflowSchemeEntry, WorkflowStatus


def statuses_json(ctx: RequestContext, project: Project) -> list[dict[str, Any]]:
    """For each issue type of the project, the statuses of the workflow it uses (from the configuration
    cache: workflows, their schemes and statuses are configuration)."""
    default_workflow, entries = _scheme_workflows(ctx.db, project.workflow_scheme_id)
    cache: dict[int | None, list[dict[str, Any]]] = {}
    result = []
    for issue_type in project_issue_types(ctx.db, project):
        workflow_id = entries.get(issue_type.id, default_workflow)
        if workflow_id not in cache:
            cache[workflow_id] = _workflow_statuses(ctx, workflow_id)
        result.append({
            "self": ctx.api(f"issuetype/{issue_type.id}"),
            "id": str(issue_type.id),
            "name": issue_type.name,
            "subtask": issue_type.subtask,
            "statuses": cache[workflow_id],
        })
    return result


def _scheme_workflows(db: Session, scheme_id: int | None) -> tuple[int | None, dict[int, int]]:
    """The scheme's default workflow and its workflow per issue type."""
    def load(session: Session) -> tuple[int | None, dict[int, int]]:
        scheme = session.get(WorkflowScheme, scheme_id)
        assert scheme is not None
        entries = {e.issue_type_id: e.workflow_id for e in session.scalars(
            select(WorkflowSchemeEntry).where(WorkflowSchemeEntry.scheme_id == scheme.id))}
        return scheme.default_workflow_id, entries

    return cached(db, ("project.scheme_workflows", scheme_id), load)


def _workflow_statuses(ctx: RequestContext, workflow_id: int | None) -> list[dict[str, Any]]:
    def load(session: Session) -> tuple[int, ...]:
        return tuple(session.scalars(select(WorkflowStatus.status_id).where(WorkflowStatus.workflow_id == workflow_id)
                                     .order_by(WorkflowStatus.position, WorkflowStatus.status_id)))

    statuses, categories = rows_by_id(ctx.db, Status), rows_by_id(ctx.db, StatusCategory)
    return [status_json(ctx, statuses[i], categories[statuses[i].category_id])
            for i in cached(ctx.db, ("project.workflow_statuses", workflow_id), load) if i in statuses]


def permission_scheme_json(ctx: RequestContext, scheme: PermissionScheme, expand: str | None = None) -> dict[str, Any]:
    from ticketry.platform.permissions import render, schemes

    wanted = render.parse_expand(expand)
    grants = schemes.grants(ctx.db, scheme.id) if wanted else None
    return render.permission_scheme_json(ctx, scheme, grants, wanted)


def project_permission_scheme(db: Session, project: Project) -> PermissionScheme:
    scheme = db.get(PermissionScheme, project.permission_scheme_id)
    assert scheme is not None
    return scheme


def assign_permission_scheme(db: Session, project: Project, scheme_id: int | None) -> PermissionScheme:
    number = db_id(scheme_id)
    scheme = db.get(PermissionScheme, number) if number is not None else None
    if scheme is None:
        raise NotFound(f"The permission scheme with id '{scheme_id}' does not exist.")
    project.permission_scheme_id = scheme.id
    db.flush()
    return scheme


def notification_scheme_json(ctx: RequestContext, project: Project) -> dict[str, Any]:
    scheme = ctx.db.get(NotificationScheme, project.notification_scheme_id) \
        if project.notification_scheme_id is not None else None
    if scheme is None:
        raise NotFound(f"The project '{project.key}' has no notification scheme.")
    from ticketry.platform.permissions import notifications

    return notifications.scheme_json(ctx, scheme, set())


def security_scheme_json(ctx: RequestContext, project: Project) -> dict[str, Any]:
    scheme = ctx.db.get(IssueSecurityScheme, project.issue_security_scheme_id) \
        if project.issue_security_scheme_id is not None else None
    if scheme is None:
        raise NotFound(f"The project '{project.key}' has no issue security scheme.")
    levels = ctx.db.scalars(select(IssueSecurityLevel).where(IssueSecurityLevel.scheme_id == scheme.id)
                            .order_by(IssueSecurityLevel.name, IssueSecurityLevel.id))
    body: dict[str, Any] = {"self": ctx.api(f"issuesecurityschemes/{scheme.id}"), "id": scheme.id,
                            "name": scheme.name, "description": scheme.description}
    if scheme.default_level_id is not None:
        body["defaultSecurityLevelId"] = scheme.default_level_id
    body["levels"] = [{"self": ctx.api(f"securitylevel/{level.id}"), "id": str(level.id),
                       "description": level.description, "name": level.name} for level in levels]
    return body

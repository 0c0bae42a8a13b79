"""Which users hold a project permission (assignable, browse, ...), for the user-finding resources.

`permitted_users` is the one place that decides, from the projects' permission schemes (evaluated in SQL by
permissions/users_sql.py); the projects and issues asked about must be visible to the caller.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import ColumnElement, select

from ticketry.core.context import RequestContext
from ticketry.core.errors import BadRequest, NotFound
from ticketry.platform.issues.models import Issue
from ticketry.platform.permissions import catalog, users_sql
from ticketry.platform.permissions.checks import can_administer_project, can_browse_project, can_see_issue, deny
from ticketry.platform.projects.models import Project

# Current keys and the legacy ones Jira still accepts.
PROJECT_PERMISSIONS = catalog.PROJECT_KEYS | {
    old for old, new in catalog.LEGACY_KEYS.items() if new in catalog.PROJECT_KEYS}


@dataclass
class Scope:
    """The projects (and possibly the issue) a permission is asked about."""

    project_ids: list[int]
    issue_id: int | None = None


def permitted_users(permissions: list[str], scope: Scope) -> ColumnElement[bool]:
    """A condition on User: the user holds every permission in every project of the scope (and, for an issue,
    through its reporter, assignee... and its security level when browsing)."""
    return users_sql.holders(permissions, scope.project_ids, scope.issue_id)


def parse_permissions(raw: str | None) -> list[str]:
    names = [p.strip() for p in (raw or "").split(",") if p.strip()]
    if not names:
        raise BadRequest(errors={"permissions": "At least one permission must be specified."})
    for name in names:
        if name not in PROJECT_PERMISSIONS:
            raise BadRequest(f"Could not find permission with key: {name}")
    return names


def project_by_key(ctx: RequestContext, key: str) -> Project:
    """The project, if the caller may see it: one they may not is as absent as one that does not exist."""
    project = ctx.db.scalars(select(Project).where(Project.key == key.upper())).first()
    if project is None or not can_browse_project(ctx, project.id):
        raise NotFound(f"No project could be found with key '{key}'.")
    return project


def issue_by_key(ctx: RequestContext, key: str) -> Issue:
    issue = ctx.db.scalars(select(Issue).where(Issue.key == key.upper())).first()
    if issue is None or not can_see_issue(ctx, issue):
        raise NotFound("Issue Does Not Exist")
    return issue


def resolve_scope(ctx: RequestContext, project_key: str | None, issue_key: str | None,
                  project_param: str = "projectKey") -> Scope:
    """The issue wins over the project, as in Jira; one of them is required."""
    if issue_key:
        issue = issue_by_key(ctx, issue_key)
        return Scope([issue.project_id], issue.id)
    if project_key:
        return Scope([project_by_key(ctx, project_key).id])
    raise BadRequest(f"Either the 'issueKey' or the '{project_param}' query parameter must be provided.")


def resolve_projects(ctx: RequestContext, project_keys: str | None) -> Scope:
    keys = [k.strip() for k in (project_keys or "").split(",") if k.strip()]
    if not keys:
        raise BadRequest(errors={"projectKeys": "At least one project key must be specified."})
    return Scope([project_by_key(ctx, key).id for key in keys])


def require_project_admin(ctx: RequestContext, scope: Scope) -> None:
    """Jira administrators, or project administrators of every project of the scope."""
    if not all(can_administer_project(ctx, pid) for pid in scope.project_ids):
        raise deny(ctx, "You do not have the permission to administer this project.")

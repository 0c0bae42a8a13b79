"""Which users hold a project permission (assignable, browse, ...), for the user-finding resources.

Until permission schemes arrive, the Default Permission Scheme is assumed: every project
permission is granted to "application access", i.e. to active members of a group that grants
an application role. `permitted_users` is the one place that decides; swap it for the
permission scheme evaluation when that lands.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import ColumnElement, and_, select
from sqlalchemy.orm import Session

from ticketry.core.errors import BadRequest, NotFound
from ticketry.platform.issues.models import Issue
from ticketry.platform.projects.models import Project
from ticketry.platform.users.models import ApplicationRoleGroup, GroupMembership, User

PROJECT_PERMISSIONS = frozenset({
    "ADMINISTER_PROJECTS", "BROWSE_PROJECTS", "VIEW_DEV_TOOLS", "VIEW_READONLY_WORKFLOW", "CREATE_ISSUES",
    "EDIT_ISSUES", "TRANSITION_ISSUES", "SCHEDULE_ISSUES", "MOVE_ISSUES", "ASSIGN_ISSUES", "ASSIGNABLE_USER",
    "RESOLVE_ISSUES", "CLOSE_ISSUES", "MODIFY_REPORTER", "DELETE_ISSUES", "LINK_ISSUES", "SET_ISSUE_SECURITY",
    "VIEW_VOTERS_AND_WATCHERS", "MANAGE_WATCHERS", "ADD_COMMENTS", "EDIT_ALL_COMMENTS", "EDIT_OWN_COMMENTS",
    "DELETE_ALL_COMMENTS", "DELETE_OWN_COMMENTS", "CREATE_ATTACHMENTS", "DELETE_ALL_ATTACHMENTS",
    "DELETE_OWN_ATTACHMENTS", "WORK_ON_ISSUES", "EDIT_OWN_WORKLOGS", "EDIT_ALL_WORKLOGS", "DELETE_OWN_WORKLOGS",
    "DELETE_ALL_WORKLOGS",
    # Legacy names Jira still accepts.
    "PROJECT_ADMIN", "BROWSE", "CREATE_ISSUE", "EDIT_ISSUE", "ASSIGN_ISSUE", "RESOLVE_ISSUE", "COMMENT_ISSUE",
    "DELETE_ISSUE", "CLOSE_ISSUE", "CREATE_ATTACHMENT", "WORK_ISSUE", "LINK_ISSUE", "MOVE_ISSUE",
    "SCHEDULE_ISSUE", "VIEW_VERSION_CONTROL", "MANAGE_WATCHER_LIST", "COMMENT_EDIT_ALL", "COMMENT_EDIT_OWN",
    "COMMENT_DELETE_ALL", "COMMENT_DELETE_OWN", "ATTACHMENT_DELETE_ALL", "ATTACHMENT_DELETE_OWN",
    "WORKLOG_EDIT_OWN", "WORKLOG_EDIT_ALL", "WORKLOG_DELETE_OWN", "WORKLOG_DELETE_ALL",
})


@dataclass
class Scope:
    """The projects (and possibly the issue) a permission is asked about."""

    project_ids: list[int]
    issue_id: int | None = None


def permitted_users(permissions: list[str], scope: Scope) -> ColumnElement[bool]:
    """A condition on User: the user holds every permission in every project of the scope."""
    with_application_access = select(GroupMembership.user_id).join(
        ApplicationRoleGroup, ApplicationRoleGroup.group_id == GroupMembership.group_id
    )
    return and_(User.active.is_(True), User.id.in_(with_application_access))


def parse_permissions(raw: str | None) -> list[str]:
    names = [p.strip() for p in (raw or "").split(",") if p.strip()]
    if not names:
        raise BadRequest(errors={"permissions": "At least one permission must be specified."})
    for name in names:
        if name not in PROJECT_PERMISSIONS:
            raise BadRequest(f"Could not find permission with key: {name}")
    return names


def project_by_key(db: Session, key: str) -> Project:
    project = db.scalars(select(Project).where(Project.key == key.upper())).first()
    if project is None:
        raise NotFound(f"No project could be found with key '{key}'.")
    return project


def issue_by_key(db: Session, key: str) -> Issue:
    issue = db.scalars(select(Issue).where(Issue.key == key.upper())).first()
    if issue is None:
        raise NotFound("Issue Does Not Exist")
    return issue


def resolve_scope(db: Session, project_key: str | None, issue_key: str | None,
                  project_param: str = "projectKey") -> Scope:
    """The issue wins over the project, as in Jira; one of them is required."""
    if issue_key:
        issue = issue_by_key(db, issue_key)
        return Scope([issue.project_id], issue.id)
    if project_key:
        return Scope([project_by_key(db, project_key).id])
    raise BadRequest(f"Either the 'issueKey' or the '{project_param}' query parameter must be provided.")


def resolve_projects(db: Session, project_keys: str | None) -> Scope:
    keys = [k.strip() for k in (project_keys or "").split(",") if k.strip()]
    if not keys:
        raise BadRequest(errors={"projectKeys": "At least one project key must be specified."})
    return Scope([project_by_key(db, key).id for key in keys])


def require_project_admin(db: Session, user: User | None, scope: Scope) -> None:
    """Administrators only until project permissions arrive (then: ADMINISTER_PROJECTS in the scope too)."""
    from ticketry.core.errors import Forbidden
    from ticketry.platform.users.service import is_admin

    if not is_admin(db, user):
        raise Forbidden("You do not have the permission to administer this project.")

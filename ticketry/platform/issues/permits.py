"""Permissions of issue actions and of the fields they set, with Jira's answers.

Jira hides a field from the create, edit and transition screens of a caller who lacks the permission it
needs (reporter: Modify Reporter, due date: Schedule Issues...): setting it is then the usual "not on the
appropriate screen" field error, and createmeta / editmeta leave it out.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from sqlalchemy import select

from ticketry.core.context import RequestContext
from ticketry.core.errors import BadRequest
from ticketry.platform.issues.models import Issue
from ticketry.platform.permissions import users_sql
from ticketry.platform.permissions.checks import deny
from ticketry.platform.permissions.engine import access
from ticketry.platform.permissions.models import IssueSecurityLevel
from ticketry.platform.projects.models import Project
from ticketry.platform.users.models import User

FIELD_PERMISSIONS = {
    "reporter": "MODIFY_REPORTER",
    "duedate": "SCHEDULE_ISSUES",
    "security": "SET_ISSUE_SECURITY",
    "assignee": "ASSIGN_ISSUES",
    "fixVersions": "RESOLVE_ISSUES",
}

EDIT_DENIED = "You do not have permission to edit issues in this project."
DELETE_DENIED = "You do not have permission to delete issues in this project."
ASSIGN_DENIED = "You do not have permission to assign issues."
CREATE_DENIED = "You do not have permission to create issues in this project."
CREATE_DENIED_ANONYMOUS = ("Anonymous users do not have permission to create issues in this project. "
                           "Please try logging in first.")


def hidden_on_create(ctx: RequestContext, project: Project, names: Iterable[str] | None = None) -> frozenset[str]:
    """The fields hidden from the caller on the create screen; with `names`, only those of them a request
    sets are checked (the others cannot matter to it)."""
    checker = access(ctx)
    return frozenset(f for f, key in _guarded(names) if not checker.can(key, project.id))


def hidden_on_issue(ctx: RequestContext, issue: Issue, names: Iterable[str] | None = None) -> frozenset[str]:
    """As hidden_on_create, on the edit and transition screens of an issue."""
    checker = access(ctx)
    return frozenset(f for f, key in _guarded(names) if not checker.can_on_issue(key, issue))


def _guarded(names: Iterable[str] | None) -> list[tuple[str, str]]:
    wanted = set(FIELD_PERMISSIONS) if names is None else set(names)
    return [(f, key) for f, key in FIELD_PERMISSIONS.items() if f in wanted]


def require_some_create(ctx: RequestContext) -> None:
    """An anonymous caller who may create issues nowhere is asked to log in before anything else."""
    if ctx.user is None and not access(ctx).projects_with("CREATE_ISSUES"):
        raise deny(ctx, CREATE_DENIED_ANONYMOUS)


def require_create(ctx: RequestContext, project: Project) -> None:
    """Jira reports a project the caller may not create in as an error of the project field (anonymous
    callers are asked to log in)."""
    if not access(ctx).can("CREATE_ISSUES", project.id):
        if ctx.user is None:
            raise deny(ctx, CREATE_DENIED_ANONYMOUS)
        raise BadRequest(errors={"project": CREATE_DENIED})


def may_edit(ctx: RequestContext, issue: Issue) -> bool:
    return access(ctx).can_on_issue("EDIT_ISSUES", issue)


def may_transition(ctx: RequestContext, issue: Issue) -> bool:
    return access(ctx).can_on_issue("TRANSITION_ISSUES", issue)


def check_assignee(ctx: RequestContext, project_id: int, issue: Issue | None, value: Any) -> None:
    """A user named as assignee must hold Assignable User (the automatic assignee and unassigning are not
    checked here)."""
    if not isinstance(value, User) or (issue is not None and issue.assignee_id == value.id):
        return
    assignable = ctx.db.scalar(select(User.id).where(
        User.id == value.id, users_sql.holders(["ASSIGNABLE_USER"], [project_id], issue.id if issue else None)))
    if assignable is None:
        raise BadRequest(errors={"assignee": f"User '{value.name}' cannot be assigned issues."})


def check_security_level(ctx: RequestContext, project_id: int, value: Any) -> None:
    """A caller sets only a level they belong to (in Jira the others are not offered at all)."""
    if isinstance(value, IssueSecurityLevel) and not access(ctx).may_hold_level(value.id, project_id):
        raise BadRequest(errors={"security": f"Security Level with ID '{value.id}' does not exist."})


def check_people_and_levels(ctx: RequestContext, project_id: int, issue: Issue | None, system: dict[str, Any]) -> None:
    """The parsed assignee and security level are ones this caller may set (an unchanged level is kept)."""
    check_assignee(ctx, project_id, issue, system.get("assignee"))
    level = system.get("security")
    if issue is None or issue.security_level_id != getattr(level, "id", None):
        check_security_level(ctx, project_id, level)

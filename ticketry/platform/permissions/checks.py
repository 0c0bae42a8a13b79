"""Enforcement helpers for services: find what the caller may see, refuse what they may not do, with
Jira's answers (an issue the caller may not browse does not exist for them; an action they may not
take is 403, or 401 when they are anonymous)."""

from __future__ import annotations

from ticketry.core.context import RequestContext
from ticketry.core.errors import Forbidden, NotAuthenticated, NotFound
from ticketry.platform.issues.models import Issue
from ticketry.platform.issues.service import find_issue
from ticketry.platform.permissions.engine import access

LOGIN_REQUIRED = "You are not authorized to perform this operation. Please log in."


def deny(ctx: RequestContext, message: str) -> Exception:
    """Anonymous callers are asked to log in; known ones are refused."""
    if ctx.user is None:
        return NotAuthenticated(LOGIN_REQUIRED)
    return Forbidden(message)


def visible_issue(ctx: RequestContext, id_or_key: str | int | None) -> Issue:
    """The issue, if the caller may browse it (its project and its security level); else Jira's 404,
    or 401 for an anonymous caller so clients know to log in."""
    issue = find_issue(ctx.db, id_or_key)
    if issue is not None and access(ctx).can_see(issue):
        return issue
    if issue is not None and ctx.user is None:
        raise NotAuthenticated("You do not have the permission to see the specified issue.")
    raise NotFound("Issue Does Not Exist")


def can_see_issue(ctx: RequestContext, issue: Issue) -> bool:
    return access(ctx).can_see(issue)


def require_on_issue(ctx: RequestContext, key: str, issue: Issue, message: str) -> None:
    if not access(ctx).can_on_issue(key, issue):
        raise deny(ctx, message)


def require_in_project(ctx: RequestContext, key: str, project_id: int, message: str) -> None:
    if not access(ctx).can(key, project_id):
        raise deny(ctx, message)


def require_global(ctx: RequestContext, key: str, message: str) -> None:
    if not access(ctx).has_global(key):
        raise deny(ctx, message)


def can_browse_project(ctx: RequestContext, project_id: int) -> bool:
    """Jira lets project administrators see a project even without Browse Projects."""
    checker = access(ctx)
    return checker.can("BROWSE_PROJECTS", project_id) or checker.can("ADMINISTER_PROJECTS", project_id)


def can_administer_project(ctx: RequestContext, project_id: int) -> bool:
    checker = access(ctx)
    return checker.is_admin() or checker.can("ADMINISTER_PROJECTS", project_id)


def require_all_or_own(ctx: RequestContext, issue: Issue, author_id: int | None, every: str, own: str,
                       message: str) -> None:
    """Jira's pairs such as Edit All Comments / Edit Own Comments: the first for anyone's, the second for
    the caller's own."""
    checker = access(ctx)
    author = ctx.user is not None and author_id == ctx.user.id
    if not (checker.can_on_issue(every, issue) or (author and checker.can_on_issue(own, issue))):
        raise deny(ctx, message)

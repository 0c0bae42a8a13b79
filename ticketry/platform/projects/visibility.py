"""Which projects a caller sees and administers, with Jira's answers.

Jira's "view project" is Browse Projects, Administer Projects, or being a Jira administrator; a project the
caller may not view does not exist for them (404; 401 for anonymous callers so clients know to log in).
Project configuration (components, versions, role actors, properties, details) needs Administer Projects
in the project or Jira administration.
"""

from __future__ import annotations

from ticketry.core.context import RequestContext
from ticketry.core.errors import NotAuthenticated, NotFound
from ticketry.platform.permissions.checks import can_administer_project, deny
from ticketry.platform.permissions.engine import access
from ticketry.platform.projects.models import Project
from ticketry.platform.projects.service import cached_project, find_project

ADMINISTER_DENIED = "You cannot edit the configuration of this project."


def may_view(ctx: RequestContext, project_id: int) -> bool:
    checker = access(ctx)
    return (checker.is_admin() or checker.can("BROWSE_PROJECTS", project_id)
            or checker.can("ADMINISTER_PROJECTS", project_id))


def viewable_ids(ctx: RequestContext) -> set[int] | None:
    """The projects the caller may view (None: every project, for a Jira administrator)."""
    checker = access(ctx)
    if checker.is_admin():
        return None
    return checker.projects_with("BROWSE_PROJECTS") | checker.projects_with("ADMINISTER_PROJECTS")


def visible_project(ctx: RequestContext, id_or_key: str | int | None, *, read_only: bool = False) -> Project:
    """`read_only`: the configuration cache's transient copy (no statement), for requests that only show it."""
    project = cached_project(ctx.db, id_or_key) if read_only else find_project(ctx.db, id_or_key)
    if project is not None and may_view(ctx, project.id):
        return project
    if project is not None and ctx.user is None:
        raise NotAuthenticated("You are not authorized to perform this operation. Please log in.")
    raise NotFound(f"No project could be found with key '{id_or_key}'.")


def require_view(ctx: RequestContext, project_id: int, not_found: str) -> None:
    """For things of a project (components, versions): as absent as the project when it is not visible."""
    if may_view(ctx, project_id):
        return
    if ctx.user is None:
        raise NotAuthenticated("You are not authorized to perform this operation. Please log in.")
    raise NotFound(not_found)


def require_administer(ctx: RequestContext, project: Project, message: str = ADMINISTER_DENIED) -> None:
    if not can_administer_project(ctx, project.id):
        raise deny(ctx, message)


def administered_project(ctx: RequestContext, id_or_key: str | int | None,
                         message: str = ADMINISTER_DENIED) -> Project:
    """The project if the caller administers it: 404 when they may not even see it, else 403."""
    project = visible_project(ctx, id_or_key)
    require_administer(ctx, project, message)
    return project

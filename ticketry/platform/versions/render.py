"""The version's wire shape, its remote links and its operations."""

from __future__ import annotations

from datetime import date
from typing import Any
from urllib.parse import quote

from ticketry.core.context import RequestContext
from ticketry.core.expand import Expand
from ticketry.core.timefmt import format_date
from ticketry.platform.projects.models import Project
from ticketry.platform.users.service import is_admin
from ticketry.platform.versions.dates import format_user_date
from ticketry.platform.versions.models import Version, VersionRemoteLink
from ticketry.platform.versions.remotelinks import links_of_versions
from ticketry.platform.versions.service import project_versions


def is_overdue(version: Version, today: date | None = None) -> bool:
    """Jira: a release date in the past on a version neither released nor archived."""
    if version.release_date is None or version.released or version.archived:
        return False
    return version.release_date < (today or date.today())


def remote_link_json(ctx: RequestContext, link: VersionRemoteLink, version: Version) -> dict[str, Any]:
    return {
        "self": ctx.api(f"version/{version.id}/remotelink/{quote(link.global_id, safe='')}"),
        "name": version.name,
        "link": link.body,
    }


def operations_json(ctx: RequestContext, version: Version, can_manage: bool) -> list[dict[str, Any]]:
    """The actions the caller may take on the version (administrators manage versions)."""
    if not can_manage:
        return []
    base = f"/secure/project/{{}}?versionId={version.id}"
    actions = [
        ("edit_version", "Edit", "EditVersion!default.jspa", 10),
        ("release_version" if not version.released else "unrelease_version",
         "Release" if not version.released else "Unrelease", "ReleaseVersion!default.jspa", 20),
        ("archive_version" if not version.archived else "unarchive_version",
         "Archive" if not version.archived else "Unarchive", "ArchiveVersion!default.jspa", 30),
        ("delete_version", "Delete", "DeleteVersion!default.jspa", 40),
    ]
    return [
        {"id": op_id, "styleClass": op_id.replace("_", "-"), "label": label,
         "href": ctx.url(base.format(page)), "weight": weight}
        for op_id, label, page, weight in actions
    ]


def version_json(
    ctx: RequestContext,
    version: Version,
    *,
    project: Project | None = None,
    expand: Expand | None = None,
    remote_links: list[VersionRemoteLink] | None = None,
    can_manage: bool | None = None,
) -> dict[str, Any]:
    """The full version; expand=operations,remotelinks adds those lists."""
    project = project or ctx.db.get(Project, version.project_id)
    assert project is not None
    body: dict[str, Any] = {"self": ctx.api(f"version/{version.id}"), "id": str(version.id)}
    if version.description:
        body["description"] = version.description
    body.update({"name": version.name, "archived": version.archived, "released": version.released})
    if version.start_date is not None:
        body["startDate"] = format_date(version.start_date)
    if version.release_date is not None:
        body["releaseDate"] = format_date(version.release_date)
    body["overdue"] = is_overdue(version)
    if version.start_date is not None:
        body["userStartDate"] = format_user_date(version.start_date)
    if version.release_date is not None:
        body["userReleaseDate"] = format_user_date(version.release_date)
    body["project"] = project.key
    body["projectId"] = project.id
    expand = expand or Expand(None)
    if "operations" in expand:
        manage = can_manage if can_manage is not None else is_admin(ctx.db, ctx.user)
        body["operations"] = operations_json(ctx, version, manage)
    if "remotelinks" in expand:
        links = remote_links if remote_links is not None else links_of_versions(ctx.db, [version.id])[version.id]
        body["remotelinks"] = [remote_link_json(ctx, link, version) for link in links]
    return body


def versions_json(ctx: RequestContext, versions: list[Version], project: Project,
                  expand: Expand | None = None) -> list[dict[str, Any]]:
    """Many versions of one project with a constant number of queries."""
    expand = expand or Expand(None)
    links = links_of_versions(ctx.db, [v.id for v in versions]) if "remotelinks" in expand else {}
    manage = is_admin(ctx.db, ctx.user) if "operations" in expand else False
    return [version_json(ctx, v, project=project, expand=expand, remote_links=links.get(v.id), can_manage=manage)
            for v in versions]


def project_versions_json(ctx: RequestContext, project: Project, expand: Expand | None = None) -> list[dict[str, Any]]:
    """The `versions` list of a project representation, in the administrators' order."""
    return versions_json(ctx, project_versions(ctx.db, project), project, expand)

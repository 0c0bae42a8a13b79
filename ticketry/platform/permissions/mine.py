"""What the caller may do: `mypermissions`, the permission catalog and the projects where the caller holds
a set of permissions. Answers come from the same engine that enforces."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select

from ticketry.core.context import RequestContext
from ticketry.core.errors import BadRequest, NotFound
from ticketry.core.ids import db_id
from ticketry.db.id_lists import ids_in
from ticketry.platform.issues.models import Issue
from ticketry.platform.permissions import catalog as c
from ticketry.platform.permissions.checks import visible_issue
from ticketry.platform.permissions.engine import Access, access
from ticketry.platform.projects.models import Project
from ticketry.platform.projects.service import find_project


def permission_json(permission: c.Permission, *, key: str | None = None) -> dict[str, Any]:
    body: dict[str, Any] = {"id": str(permission.id), "key": permission.key, "name": permission.name,
                            "type": permission.type, "description": permission.description}
    if key is not None and key != permission.key:
        body["deprecatedKey"] = True
    return body


def all_permissions() -> dict[str, Any]:
    return {"permissions": {key: permission_json(p) for key, p in c.PERMISSIONS.items()}}


def parse_keys(raw: list[str]) -> list[str]:
    """Current keys for the keys asked (legacy ones accepted); 400 for a key Jira does not know."""
    keys = []
    for key in raw:
        found = c.canonical(key) if isinstance(key, str) else None
        if found is None:
            raise BadRequest(f"Could not find permission with key: {key}")
        keys.append(found)
    return keys


def my_permissions(ctx: RequestContext, *, project_key: str | None, project_id: str | None, issue_key: str | None,
                   issue_id: str | None, wanted: str | None) -> dict[str, Any]:
    checker = access(ctx)
    issue = _issue_context(ctx, issue_key, issue_id)
    project = None if issue is not None else _project_context(ctx, project_key, project_id)
    asked = _asked(wanted)
    anywhere: set[str] = set()
    answer: dict[str, Any] = {}
    for shown, permission in asked:
        if permission.type == c.GLOBAL:
            have = checker.has_global(permission.key)
        elif issue is not None:
            have = checker.can_on_issue(permission.key, issue)
        elif project is not None:
            have = checker.can(permission.key, project.id)
        else:
            have = _anywhere(checker, permission.key, anywhere)
        answer[shown] = {**permission_json(permission, key=shown), "havePermission": have}
    return {"permissions": answer}


def _anywhere(checker: Access, key: str, cache: set[str]) -> bool:
    if key not in cache and checker.projects_with(key):
        cache.add(key)
    return key in cache


def _asked(wanted: str | None) -> list[tuple[str, c.Permission]]:
    if wanted is None or not wanted.strip():
        shown = [(k, p) for k, p in c.PERMISSIONS.items()]
        shown += [(old, c.PERMISSIONS[new]) for old, new in c.LEGACY_KEYS.items()]
        return shown
    pairs = []
    for raw in (k.strip() for k in wanted.split(",") if k.strip()):
        (key,) = parse_keys([raw])
        pairs.append((raw.upper(), c.PERMISSIONS[key]))
    return pairs


def _issue_context(ctx: RequestContext, issue_key: str | None, issue_id: str | None) -> Issue | None:
    if issue_id is not None:
        if db_id(issue_id) is None:
            raise BadRequest(f"The issue id '{issue_id}' is not valid.")
        return visible_issue(ctx, issue_id)
    if issue_key is not None:
        return visible_issue(ctx, issue_key)
    return None


def _project_context(ctx: RequestContext, project_key: str | None, project_id: str | None) -> Project | None:
    if project_id is not None:
        if db_id(project_id) is None:
            raise BadRequest(f"The project id '{project_id}' is not valid.")
        project = ctx.db.get(Project, db_id(project_id))
    elif project_key is not None:
        project = find_project(ctx.db, project_key)
    else:
        return None
    if project is None or not (access(ctx).can("BROWSE_PROJECTS", project.id)
                               or access(ctx).can("ADMINISTER_PROJECTS", project.id)):
        raise NotFound(f"No project could be found with key '{project_key or project_id}'.")
    return project


def permitted_projects(ctx: RequestContext, body: dict[str, Any]) -> dict[str, Any]:
    raw = body.get("permissions")
    if not isinstance(raw, list):
        raise BadRequest(errors={"permissions": "The permissions must be a list of permission keys."})
    keys = parse_keys(raw)
    for key in keys:
        if key in c.GLOBAL_KEYS:
            raise BadRequest(f"Could not find permission with key: {key}")
    checker = access(ctx)
    ids: set[int] | None = None
    for key in keys:
        found = checker.projects_with(key)
        ids = found if ids is None else ids & found
    if not ids:
        return {"projects": []}
    rows = ctx.db.execute(select(Project.id, Project.key).where(ids_in(Project.id, sorted(ids))).order_by(Project.key))
    return {"projects": [{"id": pid, "key": key} for pid, key in rows]}

"""Wire shapes of projects, categories, and the components and versions a project embeds."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ticketry.core.config_cache import cached, rows_by_id
from ticketry.core.context import RequestContext
from ticketry.core.expand import Expand
from ticketry.platform.components.models import Component
from ticketry.platform.components.render import components_json
from ticketry.platform.issueconfig.lookup import scheme_issue_types
from ticketry.platform.issueconfig.models import IssueType
from ticketry.platform.issueconfig.render import issue_type_json
from ticketry.platform.issues.people import users_by_id
from ticketry.platform.projects.models import Project, ProjectCategory, ProjectRole
from ticketry.platform.projects.rules import keys_of_projects, project_keys
from ticketry.platform.users.models import User
from ticketry.platform.users.render import user_ref
from ticketry.platform.versions.models import Version
from ticketry.platform.versions.render import versions_json

PROJECT_EXPANDS = "description,lead,issueTypes,url,projectKeys"
AVATAR_SIZES = (("48x48", "large"), ("24x24", "small"), ("16x16", "xsmall"), ("32x32", "medium"))


def project_self(ctx: RequestContext, project: Project) -> str:
    return ctx.api(f"project/{project.id}")


def project_avatar_urls(ctx: RequestContext, project: Project) -> dict[str, str]:
    avatar = f"&avatarId={project.avatar_id}" if project.avatar_id else ""
    return {
        label: ctx.url(f"/secure/projectavatar?size={size}&pid={project.id}{avatar}")
        for label, size in AVATAR_SIZES
    }


def category_json(ctx: RequestContext, category: ProjectCategory) -> dict[str, Any]:
    return {
        "self": ctx.api(f"projectCategory/{category.id}"),
        "id": str(category.id),
        "name": category.name,
        "description": category.description,
    }


def project_ref(ctx: RequestContext, project: Project) -> dict[str, Any]:
    """The short project shape embedded in issues, filters and lists."""
    body: dict[str, Any] = {
        "self": project_self(ctx, project),
        "id": str(project.id),
        "key": project.key,
        "name": project.name,
        "avatarUrls": project_avatar_urls(ctx, project),
    }
    category = _category(ctx.db, project)
    if category is not None:
        body["projectCategory"] = category_json(ctx, category)
    body["projectTypeKey"] = project.project_type_key
    return body


def _category(db: Session, project: Project) -> ProjectCategory | None:
    if project.category_id is None:
        return None
    return rows_by_id(db, ProjectCategory).get(project.category_id)  # configuration: cached per process


@dataclass
class ListLookups:
    """What the elements of a project list share, loaded once for the whole list."""

    categories: dict[int, ProjectCategory] = field(default_factory=dict)
    leads: dict[int, User] = field(default_factory=dict)
    issue_types: dict[int, list[dict[str, Any]]] = field(default_factory=dict)
    keys: dict[int, list[str]] = field(default_factory=dict)


_BASE_URLS_KEPT = 4


def project_list(ctx: RequestContext, projects: list[Project], expand: Expand) -> list[dict[str, Any]]:
    """GET /project with a constant number of queries."""
    lookups = ListLookups()
    category_ids = {p.category_id for p in projects if p.category_id is not None}
    if category_ids:
        found = ctx.db.scalars(select(ProjectCategory).where(ProjectCategory.id.in_(category_ids)))
        lookups.categories = {c.id: c for c in found}
    if "lead" in expand and projects:
        leads = ctx.db.scalars(select(User).where(User.id.in_({p.lead_id for p in projects})))
        lookups.leads = {u.id: u for u in leads}
    if "issueTypes" in expand:
        for project in projects:
            if project.issue_type_scheme_id not in lookups.issue_types:
                lookups.issue_types[project.issue_type_scheme_id] = issue_types_json(ctx, project)
    if "projectKeys" in expand and projects:
        lookups.keys = keys_of_projects(ctx.db, projects)
    if expand.names:
        return [project_list_item(ctx, p, expand, lookups) for p in projects]
    # Without expansions an element is the project's and its category's (configuration) at this base URL: made
    # once per generation, then shared by every listing (callers only encode it). Base URLs may come from the
    # request's Host header: a few are kept, others get elements made anew.
    by_base: dict[str, dict[int, dict[str, Any]]] = cached(ctx.db, "project list items", lambda _: {})
    if ctx.base_url not in by_base and len(by_base) >= _BASE_URLS_KEPT:
        return [project_list_item(ctx, p, expand, lookups) for p in projects]
    made = by_base.setdefault(ctx.base_url, {})
    items = []
    for project in projects:
        item = made.get(project.id)
        if item is None:
            item = made[project.id] = project_list_item(ctx, project, expand, lookups)
        items.append(item)
    return items


def project_list_item(ctx: RequestContext, project: Project, expand: Expand,
                      lookups: ListLookups | None = None) -> dict[str, Any]:
    """An element of GET /project: the short shape plus what `expand` asks for."""
    lookups = lookups or ListLookups()
    body: dict[str, Any] = {"expand": PROJECT_EXPANDS, "self": project_self(ctx, project),
                            "id": str(project.id), "key": project.key}
    if "description" in expand:
        body["description"] = project.description
    if "lead" in expand:
        body["lead"] = user_ref(ctx, lookups.leads.get(project.lead_id) or ctx.db.get(User, project.lead_id))
    if "issueTypes" in expand:
        cached = lookups.issue_types.get(project.issue_type_scheme_id)
        body["issueTypes"] = cached if cached is not None else issue_types_json(ctx, project)
    if "url" in expand and project.url:
        body["url"] = project.url
    body["name"] = project.name
    body["avatarUrls"] = project_avatar_urls(ctx, project)
    if "projectKeys" in expand:
        body["projectKeys"] = lookups.keys.get(project.id) or project_keys(ctx.db, project)
    category = lookups.categories.get(project.category_id) if project.category_id is not None else None
    _tail(ctx, project, body, category or _category(ctx.db, project))
    return body


def _tail(ctx: RequestContext, project: Project, body: dict[str, Any], category: ProjectCategory | None) -> None:
    if category is not None:
        body["projectCategory"] = category_json(ctx, category)
    body["projectTypeKey"] = project.project_type_key
    body["simplified"] = False
    body["archived"] = project.archived


def project_json(ctx: RequestContext, project: Project, expand: Expand | None = None) -> dict[str, Any]:
    """The full project of GET /project/{key}."""
    expand = expand or Expand(None)
    lead = users_by_id(ctx, [project.lead_id]).get(project.lead_id) if project.lead_id is not None else None
    body: dict[str, Any] = {
        "expand": PROJECT_EXPANDS,
        "self": project_self(ctx, project),
        "id": str(project.id),
        "key": project.key,
        "description": project.description,
        "lead": user_ref(ctx, lead),
        "components": _components(ctx, project),
        "issueTypes": issue_types_json(ctx, project),
    }
    if project.url:
        body["url"] = project.url
    if project.email:
        body["email"] = project.email
    body["assigneeType"] = project.assignee_type
    body["versions"] = _versions(ctx, project)
    body["name"] = project.name
    body["roles"] = roles_map(ctx, project)
    body["avatarUrls"] = project_avatar_urls(ctx, project)
    if "projectKeys" in expand:
        body["projectKeys"] = project_keys(ctx.db, project)
    _tail(ctx, project, body, _category(ctx.db, project))
    return body


def issue_types_json(ctx: RequestContext, project: Project) -> list[dict[str, Any]]:
    return [issue_type_json(ctx, t) for t in project_issue_types(ctx.db, project)]


def project_issue_types(db: Session, project: Project) -> list[IssueType]:
    return scheme_issue_types(db, project.issue_type_scheme_id)


def roles_map(ctx: RequestContext, project: Project) -> dict[str, str]:
    roles = sorted(rows_by_id(ctx.db, ProjectRole).values(), key=lambda role: role.name.lower())
    return {role.name: ctx.api(f"project/{project.id}/role/{role.id}") for role in roles}


def _components(ctx: RequestContext, project: Project) -> list[dict[str, Any]]:
    found = ctx.db.scalars(
        select(Component).where(Component.project_id == project.id).order_by(func.lower(Component.name))
    ).all()
    return components_json(ctx, list(found), project)


def _versions(ctx: RequestContext, project: Project) -> list[dict[str, Any]]:
    found = ctx.db.scalars(
        select(Version).where(Version.project_id == project.id).order_by(Version.sequence, Version.id)
    ).all()
    return versions_json(ctx, list(found), project)

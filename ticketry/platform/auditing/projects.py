"""Audit records of project administration: projects, categories, roles and their actors, components and
versions, in Jira's words (ProjectEventHandler, ProjectComponentEventHandler, VersionEventHandler)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from ticketry.core.context import RequestContext
from ticketry.core.timefmt import format_date
from ticketry.platform.auditing.people import user_item
from ticketry.platform.auditing.service import PERMISSIONS, PROJECTS, Item, created, diff, record
from ticketry.platform.components.models import Component
from ticketry.platform.projects.models import Project, ProjectCategory, ProjectRole, ProjectRoleActor
from ticketry.platform.users.models import Group, User
from ticketry.platform.versions.models import Version

# Jira's pretty names of the default assignee of projects and components.
ASSIGNEE_NAMES = {"PROJECT_DEFAULT": "Project Default", "COMPONENT_LEAD": "Component Lead",
                  "PROJECT_LEAD": "Project Lead", "UNASSIGNED": "Unassigned"}


def project_item(project: Project) -> Item:
    return Item(project.id, project.name, "PROJECT")


def _user_name(db: Session, user_id: int | None) -> str | None:
    user = db.get(User, user_id) if user_id is not None else None
    return user.name if user is not None else None


def _category_name(db: Session, category_id: int | None) -> str:
    category = db.get(ProjectCategory, category_id) if category_id is not None else None
    return category.name if category is not None else "None"


# Projects


def project_snapshot(db: Session, project: Project) -> dict[str, Any]:
    return {"Name": project.name, "Key": project.key, "Description": project.description, "URL": project.url,
            "Project Lead": _user_name(db, project.lead_id),
            "Default Assignee": ASSIGNEE_NAMES.get(project.assignee_type, project.assignee_type),
            "category": _category_name(db, project.category_id), "lead_id": project.lead_id,
            "avatar_id": project.avatar_id}


_PROJECT_FIELDS = ("Name", "Key", "Description", "URL", "Project Lead", "Default Assignee")


def project_created(ctx: RequestContext, project: Project) -> None:
    after = project_snapshot(ctx.db, project)
    lead = ctx.db.get(User, project.lead_id)
    record(ctx, "Project created", PROJECTS, project_item(project),
           created((name, after[name]) for name in _PROJECT_FIELDS),
           [user_item(lead)] if lead is not None else [])


def project_updated(ctx: RequestContext, before: dict[str, Any], project: Project) -> None:
    """"Project updated" when a described field changed; a new category is its own "Project category changed"."""
    after = project_snapshot(ctx.db, project)
    changes = diff((name, before[name], after[name]) for name in _PROJECT_FIELDS)
    if changes:
        lead = ctx.db.get(User, project.lead_id)
        associated = [user_item(lead)] if lead is not None and before["lead_id"] != project.lead_id else []
        record(ctx, "Project updated", PROJECTS, project_item(project), changes, associated)
    if before["category"] != after["category"]:
        record(ctx, "Project category changed", PROJECTS, project_item(project),
               diff([("Category", before["category"], after["category"])]))
    if before["avatar_id"] != after["avatar_id"]:
        record(ctx, "Project avatar changed", PROJECTS, project_item(project),
               diff([("Avatar", before["avatar_id"], after["avatar_id"])]))



def project_deleted(ctx: RequestContext, item: Item) -> None:
    record(ctx, "Project deleted", PROJECTS, item)


def permission_scheme_assigned(ctx: RequestContext, project: Project, old: Item | None, new: Item) -> None:
    """Jira records the scheme leaving the project and the new one joining it."""
    if old is not None and old.id == new.id:
        return
    if old is not None:
        record(ctx, "Permission scheme removed from project", PERMISSIONS, old, associated=[project_item(project)])
    record(ctx, "Permission scheme added to project", PERMISSIONS, new, associated=[project_item(project)])


# Project categories


def category_item(category: ProjectCategory) -> Item:
    return Item(category.id, category.name, "PROJECT_CATEGORY")


def category_snapshot(category: ProjectCategory) -> dict[str, Any]:
    return {"Name": category.name, "Description": category.description}


def category_created(ctx: RequestContext, category: ProjectCategory) -> None:
    record(ctx, "Project category created", PROJECTS, category_item(category),
           created(category_snapshot(category).items()))


def category_updated(ctx: RequestContext, before: dict[str, Any], category: ProjectCategory) -> None:
    after = category_snapshot(category)
    changes = diff((name, before[name], after[name]) for name in after)
    if changes:
        record(ctx, "Project category updated", PROJECTS, category_item(category), changes)


def category_deleted(ctx: RequestContext, item: Item) -> None:
    record(ctx, "Project category deleted", PROJECTS, item)


# Project roles and their actors


def role_item(role: ProjectRole) -> Item:
    return Item(role.id, role.name, "PROJECT_ROLE")


def role_snapshot(role: ProjectRole) -> dict[str, Any]:
    return {"Name": role.name, "Description": role.description}


def role_created(ctx: RequestContext, role: ProjectRole) -> None:
    record(ctx, "Project role created", PROJECTS, role_item(role), created(role_snapshot(role).items()))


def role_updated(ctx: RequestContext, before: dict[str, Any], role: ProjectRole) -> None:
    after = role_snapshot(role)
    changes = diff((name, before[name], after[name]) for name in after)
    if changes:
        record(ctx, "Project role updated", PROJECTS, role_item(role), changes)


def role_deleted(ctx: RequestContext, item: Item) -> None:
    record(ctx, "Project role deleted", PROJECTS, item)


def actors_snapshot(db: Session, role: ProjectRole, project: Project | None) -> tuple[str, str]:
    """The role's users and groups in the project (or its default actors), as Jira lists them."""
    scope = ProjectRoleActor.project_id == project.id if project is not None else ProjectRoleActor.project_id.is_(None)
    rows = db.execute(
        select(User.name, Group.name)
        .select_from(ProjectRoleActor)
        .outerjoin(User, User.id == ProjectRoleActor.user_id)
        .outerjoin(Group, Group.id == ProjectRoleActor.group_id)
        .where(ProjectRoleActor.role_id == role.id, scope)
    ).all()
    users = sorted(u for u, _ in rows if u is not None)
    groups = sorted(g for _, g in rows if g is not None)
    return ", ".join(users), ", ".join(groups)


def actors_changed(ctx: RequestContext, before: tuple[str, str], role: ProjectRole, project: Project | None) -> None:
    """"Project roles changed" with the users and groups before and after; default actors have no project."""
    after = actors_snapshot(ctx.db, role, project)
    changes = diff([("Users", before[0], after[0]), ("Groups", before[1], after[1])])
    if not changes:
        return
    if project is not None:
        record(ctx, "Project roles changed", PROJECTS, role_item(role), changes, [project_item(project)])
    else:
        record(ctx, "Default project role actors changed", PROJECTS, role_item(role), changes)




# Components


def component_item(component: Component) -> Item:
    return Item(component.id, component.name, "PROJECT_COMPONENT")


def component_snapshot(db: Session, component: Component) -> dict[str, Any]:
    return {"Name": component.name, "Description": component.description,
            "Component Lead": _user_name(db, component.lead_id),
            "Default Assignee": ASSIGNEE_NAMES.get(component.assignee_type, component.assignee_type),
            "lead_id": component.lead_id}


_COMPONENT_FIELDS = ("Name", "Description", "Component Lead", "Default Assignee")


def _component_associates(db: Session, component: Component, lead_changed: bool) -> list[Item]:
    """The project, then the component lead when it is new to the component (Jira's affected users)."""
    items = []
    project = db.get(Project, component.project_id)
    if project is not None:
        items.append(project_item(project))
    lead = db.get(User, component.lead_id) if component.lead_id is not None and lead_changed else None
    if lead is not None:
        items.append(user_item(lead))
    return items


def component_created(ctx: RequestContext, component: Component) -> None:
    after = component_snapshot(ctx.db, component)
    record(ctx, "Project component created", PROJECTS, component_item(component),
           created((name, after[name]) for name in _COMPONENT_FIELDS),
           _component_associates(ctx.db, component, True))


def component_updated(ctx: RequestContext, before: dict[str, Any], component: Component) -> None:
    after = component_snapshot(ctx.db, component)
    changes = diff((name, before[name], after[name]) for name in _COMPONENT_FIELDS)
    if changes:
        record(ctx, "Project component updated", PROJECTS, component_item(component), changes,
               _component_associates(ctx.db, component, before["lead_id"] != component.lead_id))


def component_deleted(ctx: RequestContext, item: Item, project: Project | None) -> None:
    record(ctx, "Project component deleted", PROJECTS, item, associated=[project_item(project)] if project else [])


# Versions


def version_item(version: Version) -> Item:
    return Item(version.id, version.name, "VERSION")


def version_snapshot(version: Version) -> dict[str, Any]:
    return {"Name": version.name, "Description": version.description,
            "Start Date": format_date(version.start_date), "Release Date": format_date(version.release_date),
            "released": version.released, "archived": version.archived}


_VERSION_FIELDS = ("Name", "Description", "Start Date", "Release Date")


def version_project(db: Session, version: Version) -> list[Item]:
    project = db.get(Project, version.project_id)
    return [project_item(project)] if project is not None else []


def version_created(ctx: RequestContext, version: Version) -> None:
    after = version_snapshot(version)
    record(ctx, "Project version created", PROJECTS, version_item(version),
           created((name, after[name]) for name in _VERSION_FIELDS), version_project(ctx.db, version))


def version_updated(ctx: RequestContext, before: dict[str, Any], version: Version) -> None:
    """Field changes are "Project version updated"; releasing and archiving are events of their own."""
    after = version_snapshot(version)
    project = version_project(ctx.db, version)
    changes = diff((name, before[name], after[name]) for name in _VERSION_FIELDS)
    if changes:
        record(ctx, "Project version updated", PROJECTS, version_item(version), changes, project)
    if before["released"] != after["released"]:
        summary = "Project version released" if after["released"] else "Project version unreleased"
        record(ctx, summary, PROJECTS, version_item(version), associated=project)
    if before["archived"] != after["archived"]:
        summary = "Project version archived" if after["archived"] else "Project version unarchived"
        record(ctx, summary, PROJECTS, version_item(version), associated=project)


def version_deleted(ctx: RequestContext, item: Item, project: list[Item]) -> None:
    record(ctx, "Project version deleted", PROJECTS, item, associated=project)


def version_merged(ctx: RequestContext, merged: Item, before: dict[str, Any], target: Version,
                   project: list[Item]) -> None:
    """The merged (removed) version is the object; its values change into the target's."""
    after = version_snapshot(target)
    record(ctx, "Project version merged", PROJECTS, merged,
           diff((name, before[name], after[name]) for name in _VERSION_FIELDS), project)

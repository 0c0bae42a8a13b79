"""Project roles and their actors: users and groups per project, and the default actors."""

from __future__ import annotations

from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ticketry.core.context import RequestContext
from ticketry.core.errors import BadRequest, JiraError, NotFound
from ticketry.core.ids import db_id
from ticketry.platform.projects.models import Project, ProjectRole, ProjectRoleActor
from ticketry.platform.users.models import Group, User
from ticketry.platform.users.render import avatar_url
from ticketry.platform.users.service import find_group, find_user

USER_ACTOR = "atlassian-user-role-actor"
GROUP_ACTOR = "atlassian-group-role-actor"
ACTOR_TYPES = (USER_ACTOR, GROUP_ACTOR)


def all_roles(db: Session) -> list[ProjectRole]:
    return list(db.scalars(select(ProjectRole).order_by(func.lower(ProjectRole.name))))


def get_role(db: Session, role_id: str | int) -> ProjectRole:
    number = db_id(role_id)
    role = db.get(ProjectRole, number) if number is not None else None
    if role is None:
        raise NotFound(f"Can not retrieve project role with id '{role_id}'.")
    return role


def actors(db: Session, role: ProjectRole, project: Project | None) -> list[ProjectRoleActor]:
    scope = (ProjectRoleActor.project_id == project.id) if project is not None else \
        ProjectRoleActor.project_id.is_(None)
    return list(db.scalars(select(ProjectRoleActor).where(ProjectRoleActor.role_id == role.id, scope)))


def _resolve_users(db: Session, names: list[str], status: int = 404) -> list[User]:
    found = []
    for name in names:
        user = find_user(db, name)
        if user is None:
            raise JiraError(f"We can't find '{name}' in any accessible user directory. Check they're still "
                            "active and available, and try again.", status_code=status)
        found.append(user)
    return found


def _resolve_groups(db: Session, names: list[str], status: int = 404) -> list[Group]:
    found = []
    for name in names:
        group = find_group(db, name)
        if group is None:
            raise JiraError(f"We can't find group '{name}'. Check that the group exists and try again.",
                            status_code=status)
        found.append(group)
    return found


def add_actors(db: Session, role: ProjectRole, project: Project | None, users: list[str], groups: list[str],
               *, unknown_status: int = 404) -> None:
    """Adds users and groups (to a project, or as default actors when project is None).

    One that is already in the role is an error, and then nothing is added.
    """
    if not users and not groups:
        raise BadRequest("You must specify at least one user or group to add to the project role.")
    current = actors(db, role, project)
    user_ids = {a.user_id for a in current if a.user_id is not None}
    group_ids = {a.group_id for a in current if a.group_id is not None}
    new_users = _resolve_users(db, users, unknown_status)
    new_groups = _resolve_groups(db, groups, unknown_status)
    project_id = project.id if project is not None else None
    for user in new_users:
        if user.id in user_ids:
            raise BadRequest(f"'{user.name}' is already a member of the project role.")
        user_ids.add(user.id)
        db.add(ProjectRoleActor(role_id=role.id, project_id=project_id, user_id=user.id))
    for group in new_groups:
        if group.id in group_ids:
            raise BadRequest(f"'{group.name}' is already a member of the project role.")
        group_ids.add(group.id)
        db.add(ProjectRoleActor(role_id=role.id, project_id=project_id, group_id=group.id))
    db.flush()


def set_actors(db: Session, role: ProjectRole, project: Project, categorised: dict[str, list[str] | None]) -> None:
    """Replaces the actors of each type given; a type that is absent or null keeps its actors."""
    unknown = [t for t in categorised if t not in ACTOR_TYPES]
    if unknown:
        raise BadRequest(f"The actor type '{unknown[0]}' is not valid; use {USER_ACTOR} or {GROUP_ACTOR}.")
    users = categorised.get(USER_ACTOR)
    groups = categorised.get(GROUP_ACTOR)
    wanted_users = {u.id for u in _resolve_users(db, users)} if users is not None else None
    wanted_groups = {g.id for g in _resolve_groups(db, groups)} if groups is not None else None
    current = actors(db, role, project)
    if wanted_users is not None:
        _replace(db, role, project, [a for a in current if a.user_id is not None], wanted_users, "user_id")
    if wanted_groups is not None:
        _replace(db, role, project, [a for a in current if a.group_id is not None], wanted_groups, "group_id")
    db.flush()


def _replace(db: Session, role: ProjectRole, project: Project, current: list[ProjectRoleActor],
             wanted: set[int], column: str) -> None:
    have = {getattr(a, column) for a in current}
    for actor in current:
        if getattr(actor, column) not in wanted:
            db.delete(actor)
    for member_id in wanted - have:
        db.add(ProjectRoleActor(role_id=role.id, project_id=project.id, **{column: member_id}))


def remove_actor(db: Session, role: ProjectRole, project: Project | None, user: str | None,
                 group: str | None) -> None:
    if not user and not group:
        raise BadRequest("You must specify a user or a group to remove from the project role.")
    if project is None:
        _check_default_actor_params(db, user, group)
    current = actors(db, role, project)
    if user:
        found = find_user(db, user)
        match = [a for a in current if found is not None and a.user_id == found.id]
    else:
        found_group = find_group(db, group)
        match = [a for a in current if found_group is not None and a.group_id == found_group.id]
    if not match:
        raise NotFound(f"'{user or group}' is not a member of the project role '{role.name}'.")
    for actor in match:
        db.delete(actor)
    db.flush()


def _check_default_actor_params(db: Session, user: str | None, group: str | None) -> None:
    """The default-actor endpoints refuse both parameters at once and unknown names with 400."""
    if user and group:
        raise BadRequest("Give either a user or a group, not both.")
    if user:
        _resolve_users(db, [user], 400)
    if group:
        _resolve_groups(db, [group], 400)


def actor_json(ctx: RequestContext, actor: ProjectRoleActor) -> dict[str, Any]:
    if actor.user_id is not None:
        user = ctx.db.get(User, actor.user_id)
        assert user is not None
        return {"id": actor.id, "displayName": user.display_name, "type": USER_ACTOR, "name": user.name,
                "avatarUrl": avatar_url(ctx, user, "xsmall")}
    group = ctx.db.get(Group, actor.group_id)
    assert group is not None
    return {"id": actor.id, "displayName": group.name, "type": GROUP_ACTOR, "name": group.name}


def role_json(ctx: RequestContext, role: ProjectRole, project: Project | None) -> dict[str, Any]:
    """A role with its actors: of a project, or (project None) the default actors."""
    path = f"project/{project.id}/role/{role.id}" if project is not None else f"role/{role.id}"
    return {"self": ctx.api(path), "name": role.name, "id": role.id, "description": role.description,
            "actors": actors_json(ctx, role, project)}


def actors_json(ctx: RequestContext, role: ProjectRole, project: Project | None) -> list[dict[str, Any]]:
    """The actors, groups first, each kind by display name."""
    shaped = [actor_json(ctx, a) for a in actors(ctx.db, role, project)]
    shaped.sort(key=lambda a: (a["type"], a["displayName"].lower(), a["name"].lower()))
    return shaped


def role_details_json(ctx: RequestContext, role: ProjectRole, project: Project) -> dict[str, Any]:
    """An element of GET /project/{key}/roledetails: the role without its actors."""
    return {"self": ctx.api(f"project/{project.id}/role/{role.id}"), "name": role.name, "id": role.id,
            "description": role.description}

"""Group rules: create, delete (moving project role memberships to a swap group), members, picker."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from ticketry.core.errors import BadRequest, NotFound
from ticketry.platform.projects.models import ProjectRoleActor
from ticketry.platform.users.models import Group, GroupMembership, User
from ticketry.platform.users.search import like_pattern
from ticketry.platform.users.service import ADMIN_GROUP, find_group, find_user, has_control_characters

GROUP_NOT_FOUND = "Specified group does not exist."
PICKER_DEFAULT = 20


def require_group_name(name: str | None) -> str:
    if not name or not name.strip():
        raise BadRequest(errors={"groupname": "You must specify a group name."})
    return name


def get_group(db: Session, name: str | None) -> Group:
    group = find_group(db, require_group_name(name))
    if group is None:
        raise NotFound(GROUP_NOT_FOUND)
    return group


def create_group(db: Session, name: str | None) -> Group:
    if not name or not name.strip():
        raise BadRequest(errors={"name": "You must specify a group name."})
    if len(name) > 255:
        raise BadRequest(errors={"name": "The group name must not exceed 255 characters in length."})
    if name != name.strip():
        raise BadRequest(errors={"name": "The group name must not start or end with spaces."})
    if has_control_characters(name):
        raise BadRequest(errors={"name": "The group name must not contain control characters."})
    if find_group(db, name) is not None:
        raise BadRequest("A group or user with this name already exists.")
    group = Group(name=name, lower_name=name.lower())
    db.add(group)
    db.flush()
    return group


def delete_group(db: Session, name: str | None, swap_name: str | None) -> None:
    group = get_group(db, name)
    if group.lower_name == ADMIN_GROUP:
        raise BadRequest(f"You cannot delete the group '{group.name}': it grants the administration rights.")
    swap = None
    if swap_name:
        swap = find_group(db, swap_name)
        if swap is None:
            raise BadRequest(f"The swap group '{swap_name}' does not exist.")
        if swap.id == group.id:
            raise BadRequest("You cannot swap a group with itself.")
        _move_role_actors(db, group, swap)
    db.execute(delete(ProjectRoleActor).where(ProjectRoleActor.group_id == group.id))
    db.delete(group)
    db.flush()


def _move_role_actors(db: Session, group: Group, swap: Group) -> None:
    """The swap group takes the deleted group's place in every project role it held."""
    held = {
        (actor.role_id, actor.project_id)
        for actor in db.scalars(select(ProjectRoleActor).where(ProjectRoleActor.group_id == swap.id))
    }
    for actor in db.scalars(select(ProjectRoleActor).where(ProjectRoleActor.group_id == group.id)).all():
        if (actor.role_id, actor.project_id) in held:
            db.delete(actor)
        else:
            actor.group_id = swap.id
            held.add((actor.role_id, actor.project_id))
    db.flush()


def member_user(db: Session, name: str | None, account_id: str | None = None) -> User:
    identifier = name or account_id
    if not identifier:
        raise BadRequest(errors={"name": "You must specify a user name or an accountId."})
    user = find_user(db, identifier)
    if user is None:
        raise NotFound(f"The user named '{identifier}' does not exist")
    return user


def _is_member(db: Session, group: Group, user: User) -> bool:
    return db.get(GroupMembership, (group.id, user.id)) is not None


def add_member(db: Session, group: Group, user: User) -> None:
    if _is_member(db, group, user):
        raise BadRequest(f"Cannot add user. '{user.name}' is already a member of '{group.name}'")
    db.add(GroupMembership(group_id=group.id, user_id=user.id))
    db.flush()


def remove_member(db: Session, actor: User, group: Group, user: User) -> None:
    if not _is_member(db, group, user):
        raise BadRequest(f"Cannot remove user '{user.name}' from group '{group.name}': the user is not a member.")
    if group.lower_name == ADMIN_GROUP and user.id == actor.id:
        raise BadRequest(f"You cannot remove yourself from '{group.name}': you would lose the administration rights.")
    db.execute(delete(GroupMembership).where(GroupMembership.group_id == group.id,
                                             GroupMembership.user_id == user.id))
    db.flush()


def members(
    db: Session, group: Group, *, include_inactive: bool, start: int, limit: int
) -> tuple[list[User], int]:
    """Members ordered by user name."""
    stmt = select(User).join(GroupMembership, GroupMembership.user_id == User.id).where(
        GroupMembership.group_id == group.id
    )
    if not include_inactive:
        stmt = stmt.where(User.active.is_(True))
    total = int(db.scalar(select(func.count()).select_from(stmt.subquery())) or 0)
    users = list(db.scalars(stmt.order_by(User.lower_name).offset(start).limit(limit)))
    return users, total


def pick_groups(
    db: Session, query: str, exclude: Sequence[str], limit: int, user_name: str | None = None
) -> tuple[list[Group], int]:
    """Groups whose name contains the query (case-insensitive), sorted by name."""
    stmt = select(Group)
    if query:
        stmt = stmt.where(Group.lower_name.like("%" + like_pattern(query) + "%", escape="\\"))
    if exclude:
        stmt = stmt.where(Group.lower_name.not_in([e.lower() for e in exclude]))
    if user_name:
        user = find_user(db, user_name)
        if user is None:
            return [], 0
        stmt = stmt.where(Group.id.in_(select(GroupMembership.group_id).where(GroupMembership.user_id == user.id)))
    total = int(db.scalar(select(func.count()).select_from(stmt.subquery())) or 0)
    groups = list(db.scalars(stmt.order_by(Group.lower_name).limit(limit)))
    return groups, total

"""Application roles (Jira Software, Service Desk, Core): the groups granting them and their seats."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import distinct, func, select
from sqlalchemy.orm import Session

from ticketry.core.errors import BadRequest, NotFound
from ticketry.platform.users.models import ApplicationRole, ApplicationRoleGroup, Group, GroupMembership, User


@dataclass
class RoleView:
    role: ApplicationRole
    groups: list[str]
    default_groups: list[str]
    user_count: int

    @property
    def unlimited(self) -> bool:
        return self.role.user_count_limit < 0


def list_roles(db: Session) -> list[RoleView]:
    roles = db.scalars(select(ApplicationRole).order_by(ApplicationRole.key)).all()
    return [_view(db, role) for role in roles]


def get_role(db: Session, key: str) -> RoleView:
    role = db.get(ApplicationRole, key)
    if role is None:
        raise NotFound(f"The application role '{key}' does not exist.")
    return _view(db, role)


def _view(db: Session, role: ApplicationRole) -> RoleView:
    rows = db.execute(
        select(Group.name, ApplicationRoleGroup.is_default)
        .join(ApplicationRoleGroup, ApplicationRoleGroup.group_id == Group.id)
        .where(ApplicationRoleGroup.role_key == role.key)
    ).all()
    groups = sorted((name for name, _ in rows), key=str.lower)
    defaults = sorted((name for name, is_default in rows if is_default), key=str.lower)
    count = db.scalar(
        select(func.count(distinct(User.id)))
        .join(GroupMembership, GroupMembership.user_id == User.id)
        .join(ApplicationRoleGroup, ApplicationRoleGroup.group_id == GroupMembership.group_id)
        .where(ApplicationRoleGroup.role_key == role.key, User.active.is_(True))
    )
    return RoleView(role, groups, defaults, int(count or 0))


def roles_of_user(db: Session, user: User) -> list[ApplicationRole]:
    return list(
        db.scalars(
            select(ApplicationRole)
            .where(
                ApplicationRole.key.in_(
                    select(ApplicationRoleGroup.role_key)
                    .join(GroupMembership, GroupMembership.group_id == ApplicationRoleGroup.group_id)
                    .where(GroupMembership.user_id == user.id)
                )
            )
            .order_by(ApplicationRole.key)
        )
    )


def default_groups(db: Session, application_keys: list[str] | None) -> list[Group]:
    """The groups a new user joins: those of the named applications, or of the default ones."""
    if application_keys is None:
        keys = list(db.scalars(select(ApplicationRole.key).where(ApplicationRole.selected_by_default.is_(True))))
    else:
        keys = list(dict.fromkeys(application_keys))
        known = set(db.scalars(select(ApplicationRole.key).where(ApplicationRole.key.in_(keys))))
        unknown = [key for key in keys if key not in known]
        if unknown:
            raise BadRequest(errors={"applicationKeys": f"Invalid application key specified: {unknown[0]}"})
    if not keys:
        return []
    return list(
        db.scalars(
            select(Group)
            .join(ApplicationRoleGroup, ApplicationRoleGroup.group_id == Group.id)
            .where(ApplicationRoleGroup.role_key.in_(keys), ApplicationRoleGroup.is_default.is_(True))
            .distinct()
            .order_by(Group.lower_name)
        )
    )

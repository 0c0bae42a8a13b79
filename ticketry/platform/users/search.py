"""Finding users: by name, display name or e-mail prefix, for searches, pickers and bulk lookups."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from sqlalchemy import ColumnElement, Select, false, func, or_, select, true
from sqlalchemy.orm import Session

from ticketry.core.errors import BadRequest
from ticketry.platform.users.models import ApplicationRoleGroup, GroupMembership, User

PICKER_LIMIT = 1000
BULK_LIMIT = 200


def like_pattern(text: str) -> str:
    return text.lower().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def match_condition(query: str) -> ColumnElement[bool]:
    """Prefix match on the user name, e-mail, display name or any word of the display name.

    "." alone matches every user, as Jira Server's searches do.
    """
    text = query.strip()
    if text in ("", "."):
        return true()
    prefix = like_pattern(text) + "%"
    display = func.lower(User.display_name)
    return or_(
        User.lower_name.like(prefix, escape="\\"),
        func.lower(User.email).like(prefix, escape="\\"),
        display.like(prefix, escape="\\"),
        display.like("% " + prefix, escape="\\"),
    )


@dataclass
class UserQuery:
    text: str = ""
    include_active: bool = True
    include_inactive: bool = False
    conditions: list[ColumnElement[bool]] = field(default_factory=list)
    exclude: Sequence[str] = ()

    def statement(self) -> Select[User]:
        states = []
        if self.include_active:
            states.append(User.active.is_(True))
        if self.include_inactive:
            states.append(User.active.is_(False))
        stmt = select(User).where(match_condition(self.text), or_(*states) if states else false(), *self.conditions)
        if self.exclude:
            stmt = stmt.where(User.lower_name.not_in([name.lower() for name in self.exclude]))
        return stmt


def find_users(db: Session, query: UserQuery, start: int, limit: int) -> list[User]:
    stmt = query.statement().order_by(func.lower(User.display_name), User.lower_name).offset(start).limit(limit)
    return list(db.scalars(stmt))


def count_users(db: Session, query: UserQuery) -> int:
    return int(db.scalar(select(func.count()).select_from(query.statement().subquery())) or 0)


def search_users(db: Session, query: UserQuery, start: int, limit: int) -> tuple[list[User], int]:
    return find_users(db, query, start, limit), count_users(db, query)


def bulk_users(
    db: Session, usernames: list[str], keys: list[str], start: int, limit: int
) -> tuple[list[User], int]:
    names = [n for n in usernames if n]
    wanted_keys = [k for k in keys if k]
    if bool(names) == bool(wanted_keys):
        raise BadRequest("Either the 'username' or the 'key' parameter must be provided, but not both.")
    condition = User.lower_name.in_([n.lower() for n in names]) if names else User.key.in_(wanted_keys)
    query = UserQuery(include_inactive=True, conditions=[condition])
    return search_users(db, query, start, min(limit, BULK_LIMIT))


def group_counts(db: Session, users: Sequence[User]) -> dict[int, int]:
    ids = [u.id for u in users]
    if not ids:
        return {}
    rows = db.execute(
        select(GroupMembership.user_id, func.count())
        .where(GroupMembership.user_id.in_(ids))
        .group_by(GroupMembership.user_id)
    ).all()
    return {user_id: int(count) for user_id, count in rows}


def role_counts(db: Session, users: Sequence[User]) -> dict[int, int]:
    ids = [u.id for u in users]
    if not ids:
        return {}
    rows = db.execute(
        select(GroupMembership.user_id, func.count(func.distinct(ApplicationRoleGroup.role_key)))
        .join(ApplicationRoleGroup, ApplicationRoleGroup.group_id == GroupMembership.group_id)
        .where(GroupMembership.user_id.in_(ids))
        .group_by(GroupMembership.user_id)
    ).all()
    return {user_id: int(count) for user_id, count in rows}

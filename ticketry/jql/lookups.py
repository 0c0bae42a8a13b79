"""Turning JQL literals into stored ids: by id, key or name, case-insensitively like Jira."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from ticketry.core.ids import db_id
from ticketry.jql.env import Env
from ticketry.platform.fields.models import CustomFieldOption
from ticketry.platform.issueconfig.lookup import CACHED_CONSTANTS, constant_ids
from ticketry.platform.projects.models import Project, ProjectRole
from ticketry.platform.users.models import Group, GroupMembership, User

# Configuration tables resolved from the per-process cache (no query); others (versions, components) are
# many and change with ordinary work.
_CACHED = CACHED_CONSTANTS | {Project, ProjectRole, CustomFieldOption}


def ids_by_id_or_name(db: Session, model: Any, text: str, *names: Any) -> list[int]:
    """Ids of rows whose id is the text or whose name-like column equals it, ignoring case."""
    if model in _CACHED:
        return constant_ids(db, model, text, *(column.key for column in names))
    number = db_id(text)
    conditions = [func.lower(column) == text.lower() for column in names]
    if number is not None:
        conditions.append(model.id == number)
    return list(db.scalars(select(model.id).where(or_(*conditions))))


def user_ids(db: Session, text: str) -> list[int]:
    lower = text.lower()
    return list(db.scalars(select(User.id).where(or_(
        User.lower_name == lower, User.key == text, User.account_id == text, func.lower(User.email) == lower,
    ))))


def group_member_ids(db: Session, group_names: Sequence[str]) -> list[int] | None:
    """Members of the groups; None when a group does not exist."""
    lower = [name.lower() for name in group_names]
    groups = list(db.scalars(select(Group.id).where(Group.lower_name.in_(lower))))
    if len(groups) != len(set(lower)):
        return None
    return list(db.scalars(select(GroupMembership.user_id).where(GroupMembership.group_id.in_(groups)).distinct()))


def in_project_scope(env: Env, model: Any, ids: list[object]) -> list[object]:
    """The ids of `model` rows (versions, components) that belong to the projects every result is in
    (`env.project_scope`); all of them when the query names no such projects."""
    scope = env.project_scope() if ids else None
    if scope is None:
        return ids
    kept = set(env.db.scalars(select(model.id).where(model.id.in_(ids), model.project_id.in_(scope))))
    return [i for i in ids if i in kept]

"""The rules of saved filters: create, edit, delete, favourites, share permissions, visibility."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import delete, exists, func, select
from sqlalchemy.orm import Session

from ticketry.core.errors import BadRequest, Forbidden, NotFound
from ticketry.core.ids import db_id
from ticketry.jql.compiler import compile_order, compile_where
from ticketry.jql.dates import user_now
from ticketry.jql.env import Env, JqlValidationError
from ticketry.jql.errors import JqlSyntaxError
from ticketry.jql.parser import parse
from ticketry.platform.filters import preferences
from ticketry.platform.filters.models import Filter, FilterFavourite, FilterSharePermission
from ticketry.platform.filters.shares import (
    AUTHENTICATED,
    GLOBAL,
    ShareSpec,
    is_replacing,
    may_share,
    parse_share,
    visible_condition,
)
from ticketry.platform.users.models import User
from ticketry.platform.users.service import is_admin

NAME_LIMIT = 255
NOT_AVAILABLE = ("The selected filter is not available to you, perhaps it has been deleted or had its "
                 "permissions changed.")
NOT_EDITABLE = "You do not have permission to edit this filter: only its owner may change it."


@dataclass
class FilterChanges:
    """What a create or edit request gives; None means not given."""

    name: str | None = None
    description: str | None = None
    jql: str | None = None
    favourite: bool | None = None
    share_permissions: list[dict[str, Any]] | None = None


# ---- finding filters ----

def find_visible(db: Session, user: User | None, filter_id: str | int) -> Filter:
    """The filter when the caller may see it; unknown and invisible filters are both 404."""
    number = db_id(filter_id)
    found = None
    if number is not None:
        found = db.scalars(select(Filter).where(Filter.id == number, visible_condition(db, user))).first()
    if found is None:
        raise NotFound(NOT_AVAILABLE)
    return found


def require_editable(db: Session, user: User, search_filter: Filter) -> None:
    if search_filter.owner_id != user.id and not is_admin(db, user):
        raise Forbidden(NOT_EDITABLE)


def visible_filters(db: Session, user: User | None) -> list[Filter]:
    query = select(Filter).where(visible_condition(db, user)).order_by(func.lower(Filter.name), Filter.id)
    return list(db.scalars(query))


def my_filters(db: Session, user: User | None, *, include_favourites: bool) -> list[Filter]:
    """Filters the user owns, with (on request) the visible filters they marked as favourites."""
    if user is None:
        return []
    mine = Filter.owner_id == user.id
    if include_favourites:
        favourite = exists().where(FilterFavourite.filter_id == Filter.id, FilterFavourite.user_id == user.id)
        mine = mine | (favourite & visible_condition(db, user))
    return list(db.scalars(select(Filter).where(mine).order_by(func.lower(Filter.name), Filter.id)))


def favourite_filters(db: Session, user: User | None) -> list[Filter]:
    if user is None:
        return []
    query = (select(Filter).join(FilterFavourite, FilterFavourite.filter_id == Filter.id)
             .where(FilterFavourite.user_id == user.id, visible_condition(db, user))
             .order_by(func.lower(Filter.name), Filter.id))
    return list(db.scalars(query))


# ---- writing filters ----

def create_filter(db: Session, owner: User, changes: FilterChanges) -> Filter:
    name = _valid_name(db, owner.id, changes.name, None)
    jql = validate_jql(db, owner, changes.jql or "")
    specs = _share_specs(db, owner, changes.share_permissions)
    if specs is None:
        specs = _default_shares(db, owner)
    search_filter = Filter(owner_id=owner.id, name=name, lower_name=name.lower(), jql=jql,
                           description=changes.description)
    db.add(search_filter)
    db.flush()
    _replace_shares(db, search_filter, specs)
    if changes.favourite:
        set_favourite(db, owner, search_filter, True)
    return search_filter


def update_filter(db: Session, user: User, search_filter: Filter, changes: FilterChanges) -> Filter:
    require_editable(db, user, search_filter)
    if changes.name is not None:
        name = _valid_name(db, search_filter.owner_id, changes.name, search_filter.id)
        search_filter.name, search_filter.lower_name = name, name.lower()
    if changes.jql is not None:
        search_filter.jql = validate_jql(db, user, changes.jql)
    if changes.description is not None:
        search_filter.description = changes.description
    specs = _share_specs(db, user, changes.share_permissions)
    if specs is not None:
        _replace_shares(db, search_filter, specs)
    if changes.favourite is not None:
        set_favourite(db, user, search_filter, changes.favourite)
    db.flush()
    return search_filter


def delete_filter(db: Session, user: User, search_filter: Filter) -> None:
    require_editable(db, user, search_filter)
    db.delete(search_filter)
    db.flush()


def _valid_name(db: Session, owner_id: int, name: str | None, filter_id: int | None) -> str:
    if name is None or not name.strip():
        raise BadRequest(errors={"filterName": "You must specify a name to save this filter as."})
    name = name.strip()
    if len(name) > NAME_LIMIT:
        raise BadRequest(errors={"filterName": f"The filter name must not exceed {NAME_LIMIT} characters."})
    clash = select(Filter.id).where(Filter.owner_id == owner_id, Filter.lower_name == name.lower())
    if filter_id is not None:
        clash = clash.where(Filter.id != filter_id)
    if db.scalar(clash) is not None:
        raise BadRequest(errors={"filterName": "Filter with same name already exists."})
    return name


def validate_jql(db: Session, user: User, jql: str) -> str:
    """The query when it parses and names only existing fields and values (strict validation)."""
    env = Env(db, user.id, user_now(user.time_zone, datetime.now(UTC)), strict=True)
    try:
        query = parse(jql)
        compile_where(env, query.where)
        if query.order_by:
            compile_order(env, query.order_by)
    except JqlSyntaxError as error:
        raise BadRequest(errors={"jql": error.message}) from None
    except JqlValidationError as error:
        raise BadRequest(errors={"jql": " ".join(error.messages)}) from None
    return jql


# ---- favourites ----

def set_favourite(db: Session, user: User, search_filter: Filter, favourite: bool) -> None:
    is_favourite = db.get(FilterFavourite, (search_filter.id, user.id)) is not None
    if favourite and not is_favourite:
        db.add(FilterFavourite(filter_id=search_filter.id, user_id=user.id))
    elif not favourite and is_favourite:
        db.execute(delete(FilterFavourite).where(FilterFavourite.filter_id == search_filter.id,
                                                 FilterFavourite.user_id == user.id))
    db.flush()


# ---- share permissions ----

def _share_specs(db: Session, sharer: User, raw: list[dict[str, Any]] | None) -> list[ShareSpec] | None:
    if raw is None:
        return None
    specs: list[ShareSpec] = []
    for item in raw:
        spec = parse_share(db, sharer, item)
        if spec not in specs:
            specs.append(spec)
    replacing = [s for s in specs if is_replacing(s)]
    return replacing[:1] if replacing else specs


def _default_shares(db: Session, owner: User) -> list[ShareSpec]:
    """The owner's default share scope, for owners who may share at all."""
    if not may_share(db, owner):
        return []
    scope = preferences.default_share_scope(db, owner)
    if scope == "GLOBAL":
        return [ShareSpec(GLOBAL)]
    if scope == "AUTHENTICATED":
        return [ShareSpec(AUTHENTICATED)]
    return []


def _replace_shares(db: Session, search_filter: Filter, specs: list[ShareSpec]) -> None:
    db.execute(delete(FilterSharePermission).where(FilterSharePermission.filter_id == search_filter.id))
    for spec in specs:
        _store_share(db, search_filter, spec)
    db.flush()


def _store_share(db: Session, search_filter: Filter, spec: ShareSpec) -> None:
    db.add(FilterSharePermission(filter_id=search_filter.id, share_type=spec.share_type, group_id=spec.group_id,
                                 project_id=spec.project_id, role_id=spec.role_id))


def shares_of(db: Session, filter_ids: list[int]) -> list[FilterSharePermission]:
    if not filter_ids:
        return []
    query = (select(FilterSharePermission).where(FilterSharePermission.filter_id.in_(filter_ids))
             .order_by(FilterSharePermission.id))
    return list(db.scalars(query))


def add_share(db: Session, user: User, search_filter: Filter, raw: dict[str, Any]) -> None:
    """Adds one share; a global or authenticated share replaces all others. Repeating a share changes nothing."""
    if search_filter.owner_id != user.id and not is_admin(db, user):
        raise BadRequest(NOT_EDITABLE)
    spec = parse_share(db, user, raw)
    current = shares_of(db, [search_filter.id])
    if any(_spec_of(share) == spec for share in current):
        return
    if is_replacing(spec):
        _replace_shares(db, search_filter, [spec])
        return
    _store_share(db, search_filter, spec)
    db.flush()


def _spec_of(share: FilterSharePermission) -> ShareSpec:
    return ShareSpec(share.share_type, share.group_id, share.project_id, share.role_id)


def get_share(db: Session, search_filter: Filter, permission_id: str | int) -> FilterSharePermission:
    number = db_id(permission_id)
    share = db.get(FilterSharePermission, number) if number is not None else None
    if share is None or share.filter_id != search_filter.id:
        raise NotFound(f"Share permission with id '{permission_id}' does not exist for filter "
                       f"'{search_filter.id}'.")
    return share


def remove_share(db: Session, user: User, search_filter: Filter, permission_id: str | int) -> None:
    share = get_share(db, search_filter, permission_id)
    require_editable(db, user, search_filter)
    db.delete(share)
    db.flush()

"""Dashboards: listing (all, favourite, my), finding a visible one, creating, deleting, favourites,
and the rules of dashboard item properties (read: see the dashboard; write: its owner or an admin)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import ColumnElement, delete, exists, func, select, true
from sqlalchemy.orm import Session

from ticketry.core.errors import BadRequest, Forbidden, NotAuthenticated, NotFound
from ticketry.core.ids import db_id
from ticketry.platform.dashboards import shares
from ticketry.platform.dashboards.models import Dashboard, DashboardFavourite, DashboardSharePermission
from ticketry.platform.properties.models import EntityProperty
from ticketry.platform.users.models import User
from ticketry.platform.users.service import is_admin

ENTITY_TYPE = "dashboarditem"
FAVOURITE = "favourite"
MY = "my"
MAX_NAME_LENGTH = 255


@dataclass
class DashboardInput:
    name: Any = None
    description: Any = None
    share_permissions: list[dict[str, Any]] = field(default_factory=list)


def not_found(dashboard_id: str | int) -> NotFound:
    return NotFound(f"The dashboard with id '{dashboard_id}' does not exist.")


def find_visible(db: Session, user: User | None, dashboard_id: str | int) -> Dashboard:
    number = db_id(dashboard_id)
    found = None if number is None else db.scalars(
        select(Dashboard).where(Dashboard.id == number, shares.visible_condition(db, user))).first()
    if found is None:
        raise not_found(dashboard_id)
    return found


def _list_condition(user: User | None, list_filter: str | None) -> ColumnElement[bool]:
    if list_filter is None or list_filter == "":
        return true()
    if list_filter == MY:
        return Dashboard.owner_id == user.id if user is not None else Dashboard.id.is_(None)
    if list_filter == FAVOURITE:
        return _favourite_of(user) if user is not None else Dashboard.id.is_(None)
    raise BadRequest(errors={"filter": f"The filter '{list_filter}' is not valid. Valid filters are: favourite, my."})


def _favourite_of(user: User) -> ColumnElement[bool]:
    fav = DashboardFavourite
    return exists().where(fav.dashboard_id == Dashboard.id, fav.user_id == user.id)


def list_dashboards(db: Session, user: User | None, list_filter: str | None,
                    start_at: int, max_results: int) -> tuple[list[Dashboard], int]:
    """One page of the visible dashboards the filter selects, in id order, and their total."""
    where = [shares.visible_condition(db, user), _list_condition(user, list_filter)]
    total = db.scalar(select(func.count()).select_from(Dashboard).where(*where)) or 0
    if max_results == 0:
        return [], total
    found = db.scalars(select(Dashboard).where(*where).order_by(Dashboard.id).offset(start_at).limit(max_results))
    return list(found), total


def favourite_ids(db: Session, user: User | None, dashboards: list[Dashboard]) -> set[int]:
    if user is None or not dashboards:
        return set()
    return set(db.scalars(select(DashboardFavourite.dashboard_id).where(
        DashboardFavourite.user_id == user.id,
        DashboardFavourite.dashboard_id.in_([d.id for d in dashboards]))))


def _checked_name(name: Any) -> str:
    if not isinstance(name, str) or not name.strip():
        raise BadRequest(errors={"name": "You must specify a name for this dashboard."})
    if "\x00" in name:
        raise BadRequest(errors={"name": "The name must not contain NUL characters."})
    if len(name.strip()) > MAX_NAME_LENGTH:
        raise BadRequest(errors={"name": f"The name must not exceed {MAX_NAME_LENGTH} characters."})
    return name.strip()


def create_dashboard(db: Session, owner: User, data: DashboardInput) -> Dashboard:
    name = _checked_name(data.name)
    if data.description is not None and (not isinstance(data.description, str) or "\x00" in data.description):
        raise BadRequest(errors={"description": "The description must be a string without NUL characters."})
    specs = shares.parse_shares(db, owner, data.share_permissions)
    dashboard = Dashboard(owner_id=owner.id, name=name, description=data.description)
    db.add(dashboard)
    db.flush()
    db.add_all(DashboardSharePermission(dashboard_id=dashboard.id, share_type=s.share_type, group_id=s.group_id,
                                        project_id=s.project_id, role_id=s.role_id) for s in specs)
    db.flush()
    return dashboard


def check_can_edit(db: Session, user: User | None, dashboard: Dashboard) -> None:
    """The owner or an administrator may change a dashboard; only administrators the system dashboard."""
    if user is None:
        raise NotAuthenticated("You are not authenticated. Authentication required to perform this operation.")
    if dashboard.owner_id != user.id and not is_admin(db, user):
        raise Forbidden(f"You do not have permission to edit the dashboard with id '{dashboard.id}'.")


def delete_dashboard(db: Session, user: User, dashboard: Dashboard) -> None:
    check_can_edit(db, user, dashboard)
    if dashboard.owner_id is None:
        raise BadRequest("The system dashboard cannot be deleted.")
    db.execute(delete(EntityProperty).where(EntityProperty.entity_type == ENTITY_TYPE,
                                            EntityProperty.entity_id.like(f"{dashboard.id}:%")))
    db.delete(dashboard)
    db.flush()


def set_favourite(db: Session, user: User, dashboard: Dashboard, favourite: bool) -> None:
    fav = db.get(DashboardFavourite, (dashboard.id, user.id))
    if favourite and fav is None:
        db.add(DashboardFavourite(dashboard_id=dashboard.id, user_id=user.id))
    elif not favourite and fav is not None:
        db.delete(fav)
    db.flush()


def item_entity_id(db: Session, user: User | None, dashboard_id: str, item_id: str,
                   *, write: bool = False) -> str:
    """The property entity id of a dashboard item the user may read (or, with write, change)."""
    dashboard = find_visible(db, user, dashboard_id)
    item = db_id(item_id)
    if item is None:
        raise BadRequest(f"The dashboard item id '{item_id}' is invalid.")
    if write:
        check_can_edit(db, user, dashboard)
    return f"{dashboard.id}:{item}"

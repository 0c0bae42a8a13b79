"""Who a dashboard's shares let see it, as one SQL condition (the share rules of filters)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import ColumnElement, exists, or_
from sqlalchemy.orm import Session

from ticketry.platform.dashboards.models import Dashboard, DashboardSharePermission
from ticketry.platform.filters.shares import AUTHENTICATED, GLOBAL, ShareSpec, parse_share, viewer_grants
from ticketry.platform.permissions.engine import access_for
from ticketry.platform.users.models import User


def parse_shares(db: Session, sharer: User, raw: list[dict[str, Any]]) -> list[ShareSpec]:
    """Validated shares; a global or authenticated share replaces every other one."""
    specs = [parse_share(db, sharer, item) for item in raw]
    for kind in (GLOBAL, AUTHENTICATED):
        if any(spec.share_type == kind for spec in specs):
            return [ShareSpec(kind)]
    return specs


def visible_condition(db: Session, user: User | None) -> ColumnElement[bool]:
    """Dashboards the user may see: their own and those a share grants them (anonymous: global shares), with
    the user's groups, projects and roles as the permission engine sees them."""
    share = DashboardSharePermission
    if user is None:
        return exists().where(share.dashboard_id == Dashboard.id, share.share_type == GLOBAL)
    grants = viewer_grants(share, access_for(db, user))
    return or_(Dashboard.owner_id == user.id, exists().where(share.dashboard_id == Dashboard.id, grants))

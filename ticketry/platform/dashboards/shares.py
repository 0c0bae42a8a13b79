"""Who a dashboard's shares let see it, as one SQL condition (the share rules of filters)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import ColumnElement, and_, exists, or_, select
from sqlalchemy.orm import Session

from ticketry.platform.dashboards.models import Dashboard, DashboardSharePermission
from ticketry.platform.filters.shares import AUTHENTICATED, GLOBAL, GROUP, PROJECT, ShareSpec, parse_share
from ticketry.platform.projects.models import ProjectRoleActor
from ticketry.platform.users.models import GroupMembership, User


def parse_shares(db: Session, sharer: User, raw: list[dict[str, Any]]) -> list[ShareSpec]:
    """Validated shares; a global or authenticated share replaces every other one."""
    specs = [parse_share(db, sharer, item) for item in raw]
    for kind in (GLOBAL, AUTHENTICATED):
        if any(spec.share_type == kind for spec in specs):
            return [ShareSpec(kind)]
    return specs


def _groups_of(user_id: int) -> Any:
    return select(GroupMembership.group_id).where(GroupMembership.user_id == user_id)


def _grants(user_id: int) -> ColumnElement[bool]:
    share = DashboardSharePermission
    actor = ProjectRoleActor
    in_role = exists().where(
        actor.role_id == share.role_id, actor.project_id == share.project_id,
        or_(actor.user_id == user_id, actor.group_id.in_(_groups_of(user_id))),
    ).correlate_except(actor)
    return or_(
        share.share_type.in_([GLOBAL, AUTHENTICATED]),
        and_(share.share_type == GROUP, share.group_id.in_(_groups_of(user_id))),
        # Until permission schemes apply, every logged-in user may browse every project.
        and_(share.share_type == PROJECT, share.role_id.is_(None)),
        and_(share.share_type == PROJECT, share.role_id.is_not(None), in_role),
    )


def visible_condition(user: User | None) -> ColumnElement[bool]:
    """Dashboards the user may see: their own and those a share grants them (anonymous: global shares)."""
    share = DashboardSharePermission
    if user is None:
        return exists().where(share.dashboard_id == Dashboard.id, share.share_type == GLOBAL)
    return or_(Dashboard.owner_id == user.id,
               exists().where(share.dashboard_id == Dashboard.id, _grants(user.id)))

"""The system dashboard of a fresh Jira: id 10000, no owner, shared with everyone."""

from __future__ import annotations

from sqlalchemy.orm import Session

from ticketry.platform.dashboards.models import Dashboard, DashboardSharePermission
from ticketry.platform.filters.shares import GLOBAL

SYSTEM_DASHBOARD_ID = 10000


def install(db: Session) -> None:
    db.add(Dashboard(id=SYSTEM_DASHBOARD_ID, owner_id=None, name="System Dashboard"))
    db.flush()
    db.add(DashboardSharePermission(dashboard_id=SYSTEM_DASHBOARD_ID, share_type=GLOBAL))

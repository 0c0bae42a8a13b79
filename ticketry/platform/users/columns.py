"""The issue navigator columns each user chooses (User.columns; None means the system default)."""

from __future__ import annotations

import re

from sqlalchemy.orm import Session

from ticketry.core.errors import BadRequest
from ticketry.platform.users.models import User

DEFAULT_COLUMNS = [
    "issuetype", "issuekey", "summary", "assignee", "reporter", "priority", "status", "resolution",
    "created", "updated", "duedate",
]

# Navigable system fields and the labels the navigator shows for them.
NAVIGABLE_FIELDS = {
    "issuetype": "Issue Type", "issuekey": "Key", "summary": "Summary", "assignee": "Assignee",
    "reporter": "Reporter", "creator": "Creator", "priority": "Priority", "status": "Status",
    "resolution": "Resolution", "created": "Created", "updated": "Updated", "duedate": "Due Date",
    "resolutiondate": "Resolved", "lastViewed": "Last Viewed", "labels": "Labels", "components": "Component/s",
    "versions": "Affects Version/s", "fixVersions": "Fix Version/s", "description": "Description",
    "environment": "Environment", "project": "Project", "security": "Security Level",
    "timeoriginalestimate": "Original Estimate", "timeestimate": "Remaining Estimate",
    "timespent": "Time Spent", "aggregatetimeoriginalestimate": "Σ Original Estimate",
    "aggregatetimeestimate": "Σ Remaining Estimate", "aggregatetimespent": "Σ Time Spent",
    "aggregateprogress": "Σ Progress", "progress": "Progress", "workratio": "Work Ratio",
    "votes": "Votes", "watches": "Watchers", "subtasks": "Sub-Tasks", "issuelinks": "Linked Issues",
    "attachment": "Attachments", "statusCategory": "Status Category", "thumbnail": "Images",
}

CUSTOM_FIELD = re.compile(r"customfield_\d+")


def columns_of(user: User) -> list[str]:
    return list(user.columns) if user.columns else list(DEFAULT_COLUMNS)


def label_of(field_id: str) -> str:
    return NAVIGABLE_FIELDS.get(field_id, field_id)


def set_columns(db: Session, user: User, columns: list[str]) -> None:
    chosen = list(dict.fromkeys(c.strip() for c in columns if c and c.strip()))
    if not chosen:
        raise BadRequest(errors={"columns": "You must specify at least one column."})
    unknown = [c for c in chosen if c not in NAVIGABLE_FIELDS and not CUSTOM_FIELD.fullmatch(c)]
    if unknown:
        raise BadRequest(errors={"columns": f"Field '{unknown[0]}' does not exist or is not navigable."})
    user.columns = chosen
    db.flush()


def reset_columns(db: Session, user: User) -> None:
    user.columns = None
    db.flush()

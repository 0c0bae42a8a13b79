"""Worklog rules: who sees a restricted worklog, validation, add/edit/delete with estimate adjustment.

Visibility follows comments: a worklog restricted to a group is visible to its members, one restricted
to a project role to the role's actors in the issue's project. Logging work needs Work On Issues; editing
and deleting Edit/Delete All Worklogs, or the Own variants for the author.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from typing import Any

from sqlalchemy import String, cast, delete, func, insert, literal, select
from sqlalchemy.orm import Session

from ticketry.core.context import RequestContext
from ticketry.core.errors import BadRequest, NotFound
from ticketry.core.pagination import check_window
from ticketry.core.timefmt import parse_datetime
from ticketry.db.base import utcnow
from ticketry.db.id_lists import id_in
from ticketry.db.types import UTCDateTime
from ticketry.platform.appsettings.service import get_bool
from ticketry.platform.comments.service import (
    parse_visibility,
    refusal,
    restriction_allows,
    restriction_condition,
    visible_of_issues,
)
from ticketry.platform.issues.changelog import Change, record
from ticketry.platform.issues.durations import WorkTime, work_time
from ticketry.platform.issues.models import Issue
from ticketry.platform.permissions.checks import require_all_or_own
from ticketry.platform.permissions.engine import Access, access, access_for
from ticketry.platform.properties import service as properties
from ticketry.platform.properties.models import EntityProperty
from ticketry.platform.users.models import User
from ticketry.platform.worklogs import estimates
from ticketry.platform.worklogs.models import DeletedWorklog, Worklog

ENTITY = "worklog"
MAX_COMMENT_LENGTH = 32767
MAX_DB_INT = 2**31 - 1
MAX_SECONDS = 2**31 - 1
EDITABLE = ("comment", "visibility", "started", "timeSpent", "timeSpentSeconds")


# Who sees what -------------------------------------------------------------------------------

def visible_worklogs(viewer: Access, project_ids: Iterable[int]) -> Any:
    """Worklogs (joined with their Issue) whose restriction lets the caller see them, in those projects."""
    return select(Worklog).join(Issue, Issue.id == Worklog.issue_id).where(
        restriction_condition(viewer, Worklog.visibility_type, Worklog.visibility_value, project_ids))


def visible_anywhere(viewer: Access) -> Any:
    """Worklogs of every issue the caller may browse that they may see (for the lists across issues)."""
    return visible_worklogs(viewer, viewer.projects_with("BROWSE_PROJECTS")).where(viewer.issue_condition())


def find_worklog(ctx: RequestContext, worklog_id: str | int, issue: Issue) -> Worklog:
    """A worklog of the issue (which the caller may see) that the caller may see; 404 otherwise."""
    text = str(worklog_id).strip()
    number = int(text) if text.isascii() and text.isdigit() and int(text) <= MAX_DB_INT else 0
    worklog = ctx.db.get(Worklog, number) if number else None
    if worklog is None or worklog.issue_id != issue.id or not restriction_allows(
            access(ctx), worklog.visibility_type, worklog.visibility_value, issue.project_id):
        raise NotFound(f"Cannot find worklog with id: {worklog_id}")
    return worklog


def page_worklogs(ctx: RequestContext, issue: Issue, *, start_at: int = 0,
                  max_results: int = 5000) -> tuple[list[Worklog], int]:
    start_at, max_results = check_window(start_at, max_results, cap=5000)
    visible = visible_worklogs(access(ctx), [issue.project_id]).where(Worklog.issue_id == issue.id)
    total = ctx.db.scalar(select(func.count()).select_from(visible.subquery())) or 0
    rows = list(ctx.db.scalars(visible.order_by(Worklog.started, Worklog.id).offset(start_at).limit(max_results)))
    return (rows if max_results else []), int(total)


_WORKLOGS_OF_ISSUES = (select(*Worklog.__table__.columns).where(id_in(Worklog.issue_id, "ids"))
                       .order_by(Worklog.started, Worklog.id))


def worklogs_of_issues(ctx: RequestContext, issues: list[Issue]) -> dict[int, list[Any]]:
    """Every worklog of several issues the caller may see, by start, in one query (rows with a worklog's
    attributes, read only)."""
    return visible_of_issues(ctx, issues, _WORKLOGS_OF_ISSUES)


def check_add(db: Session, user: User | None, issue: Issue) -> None:
    if not access_for(db, user).can_on_issue("WORK_ON_ISSUES", issue):
        raise refusal(user, "You do not have the permission to associate a worklog to this issue.")


def check_may_change(ctx: RequestContext, issue: Issue, worklog: Worklog, action: str = "edit") -> None:
    """Jira's Edit/Delete All Worklogs, or Edit/Delete Own Worklogs for the author; worklog properties
    follow the edit permissions."""
    every, own = ("EDIT_ALL_WORKLOGS", "EDIT_OWN_WORKLOGS") if action == "edit" else \
        ("DELETE_ALL_WORKLOGS", "DELETE_OWN_WORKLOGS")
    require_all_or_own(ctx, issue, worklog.author_id, every, own,
                       f"You do not have the permission to {action} this worklog.")


# Input ---------------------------------------------------------------------------------------

def check_enabled(db: Session) -> None:
    if not get_bool(db, "jira.option.timetracking"):
        raise BadRequest("Time tracking is disabled. You can not log work.")


def _time_spent(work: WorkTime, data: dict[str, Any]) -> int:
    seconds = _seconds(work, data.get("timeSpentSeconds"), data.get("timeSpent"))
    if seconds <= 0:
        raise BadRequest(errors={"timeLogged": "Time Spent must be greater than zero."})
    if seconds > MAX_SECONDS:
        raise BadRequest(errors={"timeLogged": "Time Spent is too large."})
    return seconds


def _seconds(work: WorkTime, raw_seconds: Any, raw_text: Any) -> int:
    if raw_seconds is None and raw_text is None:
        raise BadRequest(errors={"timeLogged": "You must indicate the time spent working."})
    if raw_seconds is not None:
        if isinstance(raw_seconds, int) and not isinstance(raw_seconds, bool):
            return raw_seconds
        if isinstance(raw_seconds, str) and raw_seconds.strip().isdigit():  # Jackson reads "1800" as a number
            return int(raw_seconds.strip())
    elif isinstance(raw_text, str):
        parsed = work.parse(raw_text)
        if parsed is not None:
            return parsed
    raise BadRequest(errors={"timeLogged": "Invalid time duration entered."})


def _started(raw: Any) -> datetime:
    if raw is None:
        return utcnow()
    try:
        if not isinstance(raw, str):
            raise ValueError
        return parse_datetime(raw)
    except ValueError:
        raise BadRequest(errors={"started": "You must specify a valid date/time for the work log."}) from None


def _comment(raw: Any) -> str | None:
    if raw is None:
        return None
    if not isinstance(raw, str) or "\x00" in raw:
        raise BadRequest(errors={"comment": "The worklog comment must be text."})
    if len(raw) > MAX_COMMENT_LENGTH:
        raise BadRequest(errors={"comment": "The entered text is too long. It exceeds the allowed limit of "
                                            f"{MAX_COMMENT_LENGTH:,} characters."})
    return raw


# Changes -------------------------------------------------------------------------------------

def add_worklog(db: Session, user: User | None, issue: Issue, data: dict[str, Any],
                params: dict[str, Any]) -> Worklog:
    check_enabled(db)
    check_add(db, user, issue)
    work = work_time(db)
    seconds = _time_spent(work, data)
    adjustment = estimates.parse_adjustment(work, params, estimates.ADD_MODES, "reduceBy")
    level = parse_visibility(db, user, issue, data.get("visibility"))
    now = utcnow()
    author_id = user.id if user is not None else None
    worklog = Worklog(issue_id=issue.id, author_id=author_id, update_author_id=author_id,
                      comment=_comment(data.get("comment")), started=_started(data.get("started")),
                      time_spent=seconds, created=now, updated=now,
                      visibility_type=level.type if level else None, visibility_value=level.value if level else None)
    db.add(worklog)
    db.flush()
    changes = estimates.apply(db, issue, adjustment, seconds)
    record(db, issue.id, author_id, [*changes, Change("WorklogId", None, None, str(worklog.id), str(worklog.id))],
           now)
    return worklog


def update_worklog(ctx: RequestContext, issue: Issue, worklog: Worklog, data: dict[str, Any],
                   params: dict[str, Any]) -> Worklog:
    db, user = ctx.db, ctx.user
    check_enabled(db)
    check_may_change(ctx, issue, worklog, "edit")
    if not any(name in data for name in EDITABLE):
        raise BadRequest("The worklog must change at least one of: " + ", ".join(EDITABLE) + ".")
    work = work_time(db)
    adjustment = estimates.parse_adjustment(work, params, estimates.UPDATE_MODES, None)
    old_seconds = worklog.time_spent
    if "timeSpent" in data or "timeSpentSeconds" in data:
        worklog.time_spent = _time_spent(work, data)
    if "started" in data:
        worklog.started = _started(data["started"])
    if "comment" in data:
        worklog.comment = _comment(data["comment"])
    if "visibility" in data:
        level = parse_visibility(db, user, issue, data["visibility"])
        worklog.visibility_type = level.type if level else None
        worklog.visibility_value = level.value if level else None
    worklog.update_author_id = user.id if user is not None else None
    worklog.updated = utcnow()
    db.flush()
    changes = estimates.apply(db, issue, adjustment, worklog.time_spent - old_seconds)
    record(db, issue.id, worklog.update_author_id, changes, worklog.updated)
    return worklog


def delete_worklog(ctx: RequestContext, issue: Issue, worklog: Worklog, params: dict[str, Any]) -> None:
    db, user = ctx.db, ctx.user
    check_enabled(db)
    check_may_change(ctx, issue, worklog, "delete")
    adjustment = estimates.parse_adjustment(work_time(db), params, estimates.DELETE_MODES, "increaseBy")
    seconds = worklog.time_spent
    properties.delete_all(db, ENTITY, worklog.id)
    db.add(DeletedWorklog(worklog_id=worklog.id, issue_id=issue.id, deleted=utcnow()))
    db.delete(worklog)
    db.flush()
    changes = estimates.apply(db, issue, adjustment, -seconds)
    record(db, issue.id, user.id if user is not None else None, [
        *changes, Change("WorklogTimeSpent", str(seconds), str(seconds)),
        Change("WorklogId", str(worklog.id), str(worklog.id))])


def forget_issue_worklogs(db: Session, issue_ids: list[int]) -> None:
    """For issues about to be deleted (their worklogs cascade): records the deletions, removes the properties.

    The issues package should call this before deleting issues, as it does for comments.
    """
    if not issue_ids:
        return
    now = utcnow()
    doomed = select(Worklog.id, Worklog.issue_id).where(Worklog.issue_id.in_(issue_ids))
    db.execute(insert(DeletedWorklog).from_select(
        ["worklog_id", "issue_id", "deleted"], doomed.add_columns(literal(now, UTCDateTime()))))
    db.execute(delete(EntityProperty).where(
        EntityProperty.entity_type == ENTITY,
        EntityProperty.entity_id.in_(select(cast(Worklog.id, String)).where(Worklog.issue_id.in_(issue_ids))),
    ))

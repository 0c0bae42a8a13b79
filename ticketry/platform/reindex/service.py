"""Reindex: rebuild the full-text index of issues, whole or for some issues, recorded as tasks.

A full reindex is a background job (reindex/tasks.py) that works in batches, reporting progress and
honouring cancellation between them; clients poll /reindex/progress. Reindexing named issues is
synchronous, as in Jira, and leaves a complete task. Each full reindex is also a reindex request of
type IMMEDIATE: PENDING until a worker takes it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import or_, select, update
from sqlalchemy.orm import Session

from ticketry.core.errors import NotFound, field_error
from ticketry.core.ids import db_id
from ticketry.db.base import utcnow
from ticketry.jobs.models import QUEUED, RUNNING, Job
from ticketry.platform.issues.models import Issue
from ticketry.platform.search import textindex
from ticketry.platform.tasks import service as tasks
from ticketry.platform.users.models import User

FULL = "reindex"
ISSUES = "reindex-issues"
KINDS = (FULL, ISSUES)
TYPES = ("FOREGROUND", "BACKGROUND", "BACKGROUND_PREFERRED", "BACKGROUND_PREFFERED")
DEFAULT_TYPE = "BACKGROUND_PREFERRED"


@dataclass(frozen=True)
class Options:
    comments: bool = False
    change_history: bool = False
    worklogs: bool = False

    def as_dict(self) -> dict[str, bool]:
        return {"indexComments": self.comments, "indexChangeHistory": self.change_history,
                "indexWorklogs": self.worklogs}


def reindex_type(value: str | None) -> str:
    """The reindex type named case-insensitively; BACKGROUND_PREFERRED when omitted."""
    if value is None or value.strip() == "":
        return DEFAULT_TYPE
    name = value.strip().upper()
    if name not in TYPES:
        raise field_error("type", f"Invalid reindex type '{value}'. Valid types are: {', '.join(TYPES)}.")
    return name


def reindex_all(db: Session, user: User | None, kind_of_reindex: str | None, options: Options) -> Job:
    name = reindex_type(kind_of_reindex)
    return tasks.submit(db, user, FULL, f"Reindex of all issues ({name})", {"type": name, **options.as_dict()})


def reindex_issues(db: Session, user: User | None, ids_or_keys: Sequence[str], options: Options) -> Job:
    issue_ids = _issue_ids(db, ids_or_keys)

    def work() -> dict[str, object]:
        textindex.refresh(db, issue_ids)
        return {"type": "FOREGROUND", "issues": len(issue_ids), **options.as_dict()}

    return tasks.record(db, user, ISSUES, f"Reindex of {len(issue_ids)} issue(s)", work)


def _issue_ids(db: Session, ids_or_keys: Sequence[str]) -> list[int]:
    """The issues' ids in one query; 400 when none is named, 404 naming those that do not exist.

    Each value may list several, comma-separated (as atlassian-python-api sends them)."""
    wanted = [part.strip() for v in ids_or_keys for part in str(v).split(",") if part.strip()]
    if not wanted:
        raise field_error("issueId", "At least one issue id or key is required.")
    numbers = {n for n in (db_id(v) for v in wanted) if n is not None}
    keys = {v.upper() for v in wanted if not v.isdigit()}
    rows = db.execute(select(Issue.id, Issue.key).where(or_(Issue.id.in_(numbers), Issue.key.in_(keys)))).all()
    found_ids = {row.id for row in rows}
    found_keys = {row.key for row in rows}
    missing = [v for v in wanted if (db_id(v) not in found_ids if v.isdigit() else v.upper() not in found_keys)]
    if missing:
        raise NotFound(*(f"Issue Does Not Exist: {v}" for v in missing))
    return sorted(found_ids)


def progress(db: Session, task_id: str | None) -> Job:
    """The reindex task with that id, else the running full reindex, else the latest; 404 when there is none."""
    if task_id is None:
        latest = db.scalars(select(Job).where(Job.kind == FULL, Job.description.is_not(None))
                            .order_by((Job.state == RUNNING).desc(), Job.id.desc()).limit(1)).first()
        if latest is None:
            raise NotFound("No reindex task has been run.")
        return latest
    text = task_id.strip()
    if not (text.isascii() and text.lstrip("-").isdigit()):
        raise field_error("taskId", f"The task id '{task_id}' is not a number.")
    task = _reindex_task(db, db_id(text))
    if task is None:
        raise NotFound(f"There is no reindex task with id '{task_id}'.")
    return task


def _reindex_task(db: Session, number: int | None) -> Job | None:
    task = db.get(Job, number) if number is not None else None
    return task if task is not None and task.kind in KINDS and task.description is not None else None


def request(db: Session, request_id: str) -> Job:
    task = _reindex_task(db, db_id(request_id))
    if task is None:
        raise NotFound(f"No reindex request with id '{request_id}' exists.")
    return task


def requests(db: Session, request_ids: Sequence[str]) -> list[Job]:
    """The reindex requests among those ids that exist, in id order (unknown ids are left out)."""
    numbers = {n for n in (db_id(v) for v in request_ids) if n is not None}
    if not numbers:
        return []
    return list(db.scalars(select(Job).where(Job.id.in_(numbers), Job.kind.in_(KINDS), Job.description.is_not(None))
                           .order_by(Job.id)))


def process_pending(db: Session) -> list[int]:
    """Ids of the pending reindex requests, made due now (a retry waiting out its backoff included)."""
    pending = list(db.scalars(select(Job.id).where(Job.kind == FULL, Job.state == QUEUED,
                                                   Job.description.is_not(None)).order_by(Job.id)))
    if pending:
        db.execute(update(Job).where(Job.id.in_(pending), Job.state == QUEUED).values(run_after=utcnow()))
    return pending

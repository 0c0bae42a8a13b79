"""Reindex: rebuild the full-text index of issues, whole or for some issues, recorded as tasks.

Every reindex runs in the request that submits it (tasks.service.run) and is recorded as a task, so
its progress is always complete when the caller first sees it. Each recorded reindex is also a
reindex request of type IMMEDIATE that was processed at once; none is ever left pending.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from ticketry.core.errors import NotFound, field_error
from ticketry.core.ids import db_id
from ticketry.platform.issues.models import Issue
from ticketry.platform.search import textindex
from ticketry.platform.tasks import service as tasks
from ticketry.platform.tasks.models import Task
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


def reindex_all(db: Session, user: User | None, kind_of_reindex: str | None, options: Options) -> Task:
    name = reindex_type(kind_of_reindex)

    def work() -> dict[str, object]:
        return {"type": name, "issues": textindex.rebuild(db), **options.as_dict()}

    return tasks.run(db, user, FULL, f"Reindex of all issues ({name})", work)


def reindex_issues(db: Session, user: User | None, ids_or_keys: Sequence[str], options: Options) -> Task:
    issue_ids = _issue_ids(db, ids_or_keys)

    def work() -> dict[str, object]:
        textindex.refresh(db, issue_ids)
        return {"type": "FOREGROUND", "issues": len(issue_ids), **options.as_dict()}

    return tasks.run(db, user, ISSUES, f"Reindex of {len(issue_ids)} issue(s)", work)


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


def progress(db: Session, task_id: str | None) -> Task:
    """The reindex task with that id, else the latest full reindex; 404 when there is none."""
    if task_id is None:
        latest = db.scalars(select(Task).where(Task.kind == FULL).order_by(Task.id.desc()).limit(1)).first()
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


def _reindex_task(db: Session, number: int | None) -> Task | None:
    task = db.get(Task, number) if number is not None else None
    return task if task is not None and task.kind in KINDS else None


def request(db: Session, request_id: str) -> Task:
    task = _reindex_task(db, db_id(request_id))
    if task is None:
        raise NotFound(f"No reindex request with id '{request_id}' exists.")
    return task


def requests(db: Session, request_ids: Sequence[str]) -> list[Task]:
    """The reindex requests among those ids that exist, in id order (unknown ids are left out)."""
    numbers = {n for n in (db_id(v) for v in request_ids) if n is not None}
    if not numbers:
        return []
    return list(db.scalars(select(Task).where(Task.id.in_(numbers), Task.kind.in_(KINDS)).order_by(Task.id)))


def process_pending() -> list[int]:
    """Ids of the pending reindex requests now processed: every request runs when made, so none."""
    return []

"""Tasks: Jira's view of long-running operations (/rest/api/2/task/{id}), backed by the job queue.

A task is a job with a description and a submitter. `submit` enqueues one in the caller's
transaction, so clients get its id at once and follow its progress as a worker runs it; `record`
keeps the trace of an operation Jira runs synchronously (a task complete when first seen).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from sqlalchemy import update
from sqlalchemy.orm import Session

from ticketry.core.errors import BadRequest, Forbidden, NotFound
from ticketry.core.ids import db_id
from ticketry.db.base import utcnow
from ticketry.jobs import queue
from ticketry.jobs.models import CANCELLED, DEAD, DONE, FAILED, QUEUED, RUNNING, Job
from ticketry.platform.users.models import User
from ticketry.platform.users.service import is_admin

_STATUS = {QUEUED: "ENQUEUED", RUNNING: "RUNNING", DONE: "COMPLETE", FAILED: "FAILED", CANCELLED: "CANCELLED",
           DEAD: "DEAD"}


def status(job: Job) -> str:
    """Jira's task status: CANCEL_REQUESTED while a running job has yet to see its cancellation."""
    if job.state == RUNNING and job.cancel_requested:
        return "CANCEL_REQUESTED"
    return _STATUS.get(job.state, "ENQUEUED")


def submit(db: Session, user: User | None, kind: str, description: str, payload: Any) -> Job:
    job = queue.enqueue(db, kind, payload, description=description, submitted_by=user.id if user else None)
    db.flush()
    return job


def record(db: Session, user: User | None, kind: str, description: str, work: Callable[[], Any]) -> Job:
    """Runs `work` now, in the caller's transaction, and keeps its trace as a complete task."""
    started = utcnow()
    result = work()
    now = utcnow()
    job = Job(kind=kind, description=description, state=DONE, payload=None, result=result, progress=100,
              attempts=1, max_attempts=1, run_after=started, submitted_by=user.id if user else None,
              submitted=started, started=started, finished=now, last_update=now, cancel_requested=False)
    db.add(job)
    db.flush()
    return job


def get_task(db: Session, user: User | None, task_id: str) -> Job:
    number = db_id(task_id)
    job = db.get(Job, number) if number is not None else None
    if job is None or job.description is None:  # internal jobs (mail, file clean-up) are not tasks
        raise NotFound(f"The task with id '{task_id}' does not exist, or its trace has been already removed.")
    if user is None or (job.submitted_by != user.id and not is_admin(db, user)):
        raise Forbidden("You are not allowed to see this task.")
    return job


def cancel(db: Session, user: User | None, task_id: str) -> Job:
    """An enqueued task is cancelled at once; a running one when its handler next checks."""
    job = get_task(db, user, task_id)
    now = utcnow()
    # Each UPDATE repeats the state it expects, so a worker claiming or finishing the job meanwhile wins.
    if db.execute(update(Job).where(Job.id == job.id, Job.state == QUEUED).values(
            state=CANCELLED, cancel_requested=True, finished=now, last_update=now,
            message="Cancelled.")).rowcount == 1:  # type: ignore[attr-defined]
        return job
    if db.execute(update(Job).where(Job.id == job.id, Job.state == RUNNING, Job.cancel_requested.is_(False))
                  .values(cancel_requested=True, last_update=now)).rowcount == 1:  # type: ignore[attr-defined]
        return job
    db.refresh(job)
    raise BadRequest(f"The task with id '{task_id}' can not be cancelled: it is {status(job)}.")

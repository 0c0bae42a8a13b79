"""Tasks: record an operation, run it, and report its progress and result.

Operations run in the request that submits them, in the same transaction, and are recorded as
tasks so clients follow Jira's asynchronous protocol (303 to /task/{id}); a background job runner
can take over `run` without changing what clients see.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from sqlalchemy.orm import Session

from ticketry.core.errors import BadRequest, Forbidden, NotFound
from ticketry.core.ids import db_id
from ticketry.db.base import utcnow
from ticketry.platform.tasks.models import Task
from ticketry.platform.users.models import User
from ticketry.platform.users.service import is_admin

FINISHED = {"COMPLETE", "FAILED", "CANCELLED", "DEAD"}


def run(db: Session, user: User | None, kind: str, description: str, work: Callable[[], Any]) -> Task:
    now = utcnow()
    task = Task(kind=kind, description=description, status="RUNNING", submitted_by=user.id if user else None,
                submitted=now, started=now, last_update=now)
    db.add(task)
    db.flush()
    task.result = work()
    task.status, task.progress = "COMPLETE", 100
    task.finished = task.last_update = utcnow()
    db.flush()
    return task


def get_task(db: Session, user: User | None, task_id: str) -> Task:
    number = db_id(task_id)
    task = db.get(Task, number) if number is not None else None
    if task is None:
        raise NotFound(f"The task with id '{task_id}' does not exist, or its trace has been already removed.")
    if user is None or (task.submitted_by != user.id and not is_admin(db, user)):
        raise Forbidden("You are not allowed to see this task.")
    return task


def cancel(db: Session, user: User | None, task_id: str) -> Task:
    task = get_task(db, user, task_id)
    if task.status in FINISHED or task.status == "CANCEL_REQUESTED":
        raise BadRequest(f"The task with id '{task_id}' can not be cancelled: it is {task.status}.")
    task.status, task.last_update = "CANCEL_REQUESTED", utcnow()
    db.flush()
    return task

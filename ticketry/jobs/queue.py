"""The queue: enqueue inside the caller's transaction, claim safely from any number of workers.

A job is written by the request's own session, so a rolled-back request enqueues nothing and
workers see the job when the request commits. Claiming takes the row in a short write transaction:
PostgreSQL skips rows other workers hold (`FOR UPDATE SKIP LOCKED`); SQLite's write engine holds
the database's write lock from BEGIN IMMEDIATE, and the UPDATE repeats the claim's condition, so
two workers can never both win the same row.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from sqlalchemy import ColumnElement, Connection, and_, event, func, insert, or_, select, update
from sqlalchemy.orm import Session, sessionmaker

from ticketry.db.base import utcnow
from ticketry.jobs.models import CANCELLED, DEAD, QUEUED, RUNNING, Job
from ticketry.jobs.registry import HANDLERS, Kind

DEFAULT_MAX_ATTEMPTS = 3
_PENDING_WAKE = "ticketry.jobs.wake"


class _Doorbell:
    """Wakes this process's idle workers when a transaction that enqueued jobs commits (workers in
    other processes find the jobs on their next poll)."""

    def __init__(self) -> None:
        self._condition = threading.Condition()
        self._rings = 0

    def ring(self) -> None:
        with self._condition:
            self._rings += 1
            self._condition.notify_all()

    def rings(self) -> int:
        return self._rings

    def wait(self, seen: int, timeout: float) -> None:
        with self._condition:
            self._condition.wait_for(lambda: self._rings != seen, timeout)


doorbell = _Doorbell()


@event.listens_for(Session, "after_commit")
def _ring_after_commit(session: Session) -> None:
    if session.info.pop(_PENDING_WAKE, False):
        doorbell.ring()


@event.listens_for(Session, "after_rollback")
def _forget_after_rollback(session: Session) -> None:
    session.info.pop(_PENDING_WAKE, None)


def _max_attempts(kind: str, given: int | None) -> int:
    if given is not None:
        return given
    registered = HANDLERS.get(kind)
    return registered.max_attempts if registered else DEFAULT_MAX_ATTEMPTS


def enqueue(db: Session, kind: str, payload: Any = None, *, description: str | None = None,
            submitted_by: int | None = None, delay_seconds: float = 0, max_attempts: int | None = None) -> Job:
    """Adds a job in the caller's transaction (flush to get its id)."""
    now = utcnow()
    job = Job(kind=kind, payload=payload, state=QUEUED, attempts=0, max_attempts=_max_attempts(kind, max_attempts),
              run_after=now + timedelta(seconds=delay_seconds), description=description,
              submitted_by=submitted_by, submitted=now, last_update=now, progress=0, cancel_requested=False)
    db.add(job)
    db.info[_PENDING_WAKE] = True
    return job


def enqueue_on(connection: Connection, session: Session | None, kind: str, payload: Any = None) -> None:
    """enqueue() for mapper events, which may only use the flush's connection."""
    now = utcnow()
    connection.execute(insert(Job).values(kind=kind, payload=payload, state=QUEUED, attempts=0,
                                          max_attempts=_max_attempts(kind, None), run_after=now, submitted=now,
                                          last_update=now, progress=0, cancel_requested=False))
    if session is not None:
        session.info[_PENDING_WAKE] = True


@dataclass(frozen=True)
class Claimed:
    id: int
    kind: str
    payload: Any
    saved: Any
    attempts: int
    max_attempts: int


def _due(kinds: list[str]) -> ColumnElement[bool]:
    now = utcnow()
    waiting = and_(Job.state == QUEUED, Job.run_after <= now)
    abandoned = and_(Job.state == RUNNING, Job.locked_until < now)  # its worker stopped renewing the lease
    return and_(Job.kind.in_(kinds), or_(waiting, abandoned))


def anything_due(read_sessions: sessionmaker[Session], kinds: list[str]) -> bool:
    """A cheap look on the read engine first, so idle polling never takes SQLite's write lock."""
    with read_sessions() as db:
        return db.scalar(select(Job.id).where(_due(kinds)).limit(1)) is not None


def claim(write_sessions: sessionmaker[Session], worker: str, handlers: dict[str, Kind]) -> Claimed | None:
    """The next due job of one of those kinds, now leased to `worker`; None when there is none."""
    kinds = sorted(handlers)
    with write_sessions() as db, db.begin():
        while True:
            row = db.execute(select(Job.id, Job.kind, Job.state, Job.attempts, Job.max_attempts, Job.cancel_requested)
                             .where(_due(kinds)).order_by(Job.run_after, Job.id).limit(1)
                             .with_for_update(skip_locked=True)).first()
            if row is None:
                return None
            if row.cancel_requested or (row.state == RUNNING and row.attempts >= row.max_attempts):
                _bury(db, row.id, row.cancel_requested)
                continue
            won = _take(db, row.id, worker, kinds, handlers[row.kind].lease_seconds)
            if won is not None:
                return won


def _take(db: Session, job_id: int, worker: str, kinds: list[str], lease_seconds: float) -> Claimed | None:
    now = utcnow()
    taken = db.execute(update(Job).where(Job.id == job_id, _due(kinds)).values(
        state=RUNNING, locked_by=worker, locked_until=now + timedelta(seconds=lease_seconds),
        attempts=Job.attempts + 1, started=func.coalesce(Job.started, now), finished=None,
        last_update=now))
    if taken.rowcount != 1:  # type: ignore[attr-defined]
        return None
    job = db.execute(select(Job.id, Job.kind, Job.payload, Job.saved, Job.attempts, Job.max_attempts)
                     .where(Job.id == job_id)).one()
    return Claimed(job.id, job.kind, job.payload, job.saved, job.attempts, job.max_attempts)


def _bury(db: Session, job_id: int, cancelled: bool) -> None:
    """A job not to run again: cancelled if that was asked for (while it was running, then put back), else
    dead (its worker died and it is out of attempts)."""
    now = utcnow()
    values: dict[str, Any] = {"state": CANCELLED if cancelled else DEAD, "locked_by": None, "locked_until": None,
                              "finished": now, "last_update": now}
    if not cancelled:
        values["error"] = "The worker running this job stopped responding."
    db.execute(update(Job).where(Job.id == job_id, Job.state.in_((QUEUED, RUNNING))).values(**values))

"""Worker threads: claim a due job, run its handler, record the outcome; sleep until woken or polled.

Every server process runs `TICKETRY_JOB_WORKERS` of them (0: none) from the app's lifespan, and
`ticketry worker` runs them without serving HTTP. They keep no state outside the database, so any
number of processes on any number of machines can share one queue.
"""

from __future__ import annotations

import logging
import os
import socket
import threading
import traceback
import uuid
from collections.abc import AsyncIterator, Iterator
from contextlib import asynccontextmanager, contextmanager
from datetime import timedelta
from typing import Any

from sqlalchemy import ColumnElement, and_, select, update
from sqlalchemy.orm import Session, sessionmaker

from ticketry.db.base import utcnow
from ticketry.jobs.models import CANCELLED, DONE, FAILED, QUEUED, RUNNING, Job
from ticketry.jobs.queue import Claimed, anything_due, claim, doorbell
from ticketry.jobs.registry import HANDLERS, Kind, discover
from ticketry.settings import Settings

log = logging.getLogger("ticketry.jobs")


class Cancelled(Exception):
    """The job's cancellation was requested; raised by JobRun.checkpoint()."""


class Interrupted(Exception):
    """The worker is stopping; the job goes back to the queue without using up an attempt."""


class LeaseLost(Exception):
    """Another worker reclaimed the job (this one was presumed dead): its work must not commit."""


class JobRun:
    """What a handler gets: the job's payload, transactions fenced by the lease, and checkpoints."""

    def __init__(self, claimed: Claimed, kind: Kind, worker: Worker) -> None:
        self.id = claimed.id
        self.payload = claimed.payload
        self.saved = claimed.saved
        self.attempt = claimed.attempts
        self.settings = worker.pool.settings
        self._kind = kind
        self._worker = worker

    def _mine(self) -> ColumnElement[bool]:
        return and_(Job.id == self.id, Job.state == RUNNING, Job.locked_by == self._worker.id)

    def _fence(self, db: Session, **values: Any) -> None:
        """Renews the lease in `db`'s transaction; raises LeaseLost (rolling it back) if it is gone."""
        now = utcnow()
        renewed = db.execute(update(Job).where(self._mine()).values(
            last_update=now, locked_until=now + timedelta(seconds=self._kind.lease_seconds), **values))
        if renewed.rowcount != 1:  # type: ignore[attr-defined]
            raise LeaseLost(f"job {self.id} is no longer held by {self._worker.id}")

    @contextmanager
    def transaction(self) -> Iterator[Session]:
        """A write transaction that commits only while this worker still holds the job."""
        with self._worker.pool.write_sessions() as db, db.begin():
            yield db
            self._fence(db)

    def save(self, db: Session, state: Any) -> None:
        """Stores resume state with the batch in `db`'s transaction (a retry starts from run.saved)."""
        self.saved = state
        self._fence(db, saved=state)

    def checkpoint(self, progress: int | None = None, message: str | None = None) -> None:
        """Between batches: report progress, renew the lease, stop if cancelled or shutting down."""
        if self._worker.pool.stopping.is_set():
            raise Interrupted
        values: dict[str, Any] = {"message": message}
        if progress is not None:
            values["progress"] = max(0, min(int(progress), 99))
        with self.transaction() as db:
            self._fence(db, **values)
            cancelled = db.scalar(select(Job.cancel_requested).where(Job.id == self.id))
        if cancelled:
            raise Cancelled


class Worker:
    def __init__(self, pool: WorkerPool, index: int) -> None:
        self.pool = pool
        self.id = f"{socket.gethostname()}:{os.getpid()}:{index}:{uuid.uuid4().hex[:8]}"

    def run_forever(self) -> None:
        while not self.pool.stopping.is_set():
            seen = doorbell.rings()
            try:
                if self.work_once():
                    continue
            except Exception:  # a database outage must not kill the thread; try again after a poll
                log.exception("job worker %s could not claim a job", self.id)
            doorbell.wait(seen, self.pool.settings.job_poll_seconds)

    def work_once(self) -> bool:
        """Runs one due job if there is one; True when it did."""
        kinds = self.pool.handlers
        if not kinds or not anything_due(self.pool.read_sessions, sorted(kinds)):
            return False
        claimed = claim(self.pool.write_sessions, self.id, kinds)
        if claimed is None:
            return False
        self.execute(claimed)
        return True

    def execute(self, claimed: Claimed) -> None:
        kind = self.pool.handlers[claimed.kind]
        run = JobRun(claimed, kind, self)
        try:
            result = kind.run(run)
        except Cancelled:
            self._settle(run, state=CANCELLED, message="Cancelled.")
        except Interrupted:
            self._settle(run, state=QUEUED, attempts=Job.attempts - 1, run_after=utcnow(), started=None,
                         message="Put back in the queue: the worker stopped.", finished=None)
        except LeaseLost:
            log.warning("job %s (%s) was taken over by another worker", claimed.id, claimed.kind)
        except Exception as exc:
            log.exception("job %s (%s) failed on attempt %s", claimed.id, claimed.kind, claimed.attempts)
            self._failed(run, kind, claimed, exc)
        else:
            self._settle(run, state=DONE, result=result, progress=100, message=None, error=None)

    def _failed(self, run: JobRun, kind: Kind, claimed: Claimed, exc: Exception) -> None:
        reason = f"{type(exc).__name__}: {exc}"[:900]
        details = traceback.format_exc()
        with self.pool.read_sessions() as db:
            cancelled = db.scalar(select(Job.cancel_requested).where(Job.id == run.id))
        if cancelled:  # asked to stop anyway: no retry
            self._settle(run, state=CANCELLED, error=details, message="Cancelled.")
        elif claimed.attempts < claimed.max_attempts:
            delay = kind.retry_delay(claimed.attempts)
            self._settle(run, state=QUEUED, run_after=utcnow() + timedelta(seconds=delay), finished=None,
                         error=details, message=f"Attempt {claimed.attempts} failed ({reason}); retrying.")
        else:
            self._settle(run, state=FAILED, error=details, message=reason)

    def _settle(self, run: JobRun, **values: Any) -> None:
        """Records the outcome, releasing the lease, if the job is still this worker's."""
        now = utcnow()
        values.setdefault("finished", now)
        with self.pool.write_sessions() as db, db.begin():
            db.execute(update(Job).where(run._mine()).values(locked_by=None, locked_until=None, last_update=now,
                                                            **values))


class WorkerPool:
    """`count` threads working the jobs of `handlers` (by default every registered kind)."""

    def __init__(self, settings: Settings, read_sessions: sessionmaker[Session],
                 write_sessions: sessionmaker[Session], count: int | None = None,
                 handlers: dict[str, Kind] | None = None) -> None:
        self.settings = settings
        self.handlers = handlers if handlers is not None else HANDLERS
        self.read_sessions = read_sessions
        self.write_sessions = write_sessions
        self.count = settings.job_workers if count is None else count
        self.stopping = threading.Event()
        self.threads: list[threading.Thread] = []

    def start(self) -> WorkerPool:
        if self.handlers is HANDLERS:
            discover()
        for index in range(self.count):
            thread = threading.Thread(target=Worker(self, index).run_forever, name=f"ticketry-job-worker-{index}",
                                      daemon=True)
            thread.start()
            self.threads.append(thread)
        return self

    def stop(self, timeout: float | None = None) -> None:
        """Running jobs stop at their next checkpoint and go back to the queue."""
        self.stopping.set()
        doorbell.ring()
        wait = self.settings.job_stop_seconds if timeout is None else timeout
        for thread in self.threads:
            thread.join(wait)


@asynccontextmanager
async def lifespan(app: Any) -> AsyncIterator[None]:
    """The app's lifespan: this server process's job workers run while it serves.

    They get engines of their own: jobs neither take connections from requests' pools nor show up
    in what a request executes."""
    from starlette.concurrency import run_in_threadpool

    from ticketry.db.engine import make_engine, make_session_factory

    settings: Settings = app.state.settings
    discover()  # every kind's options (max attempts) are known when requests enqueue
    if settings.job_workers <= 0:
        yield
        return
    write_engine = make_engine(settings, for_writes=True)
    read_engine = make_engine(settings, for_writes=False) if write_engine.dialect.name == "sqlite" else write_engine
    pool = WorkerPool(settings, make_session_factory(read_engine), make_session_factory(write_engine)).start()
    app.state.job_workers = pool
    try:
        yield
    finally:
        await run_in_threadpool(pool.stop)
        write_engine.dispose()
        read_engine.dispose()

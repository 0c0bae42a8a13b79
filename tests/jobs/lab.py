"""Private job kinds worked by test-owned worker pools on the test server's database.

The kinds are not in the global registry, so the server's own workers never take these jobs and each
test decides exactly which workers race for them.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from typing import Any

from sqlalchemy import select, update

from tests.harness import RunningServer
from tests.jobs.wait import eventually
from ticketry.db.base import utcnow
from ticketry.jobs.models import FINISHED, Job
from ticketry.jobs.queue import enqueue
from ticketry.jobs.registry import Kind
from ticketry.jobs.worker import JobRun, WorkerPool


class Lab:
    """Private kinds, pools that run only them, and reads of the job table."""

    def __init__(self, server: RunningServer) -> None:
        self.server = server
        self.handlers: dict[str, Kind] = {}
        self.pools: list[WorkerPool] = []

    def kind(self, run: Callable[[JobRun], Any], **options: Any) -> str:
        name = f"test-{uuid.uuid4().hex[:10]}"
        self.handlers[name] = Kind(name, run, **options)
        return name

    def pool(self, threads: int = 1) -> WorkerPool:
        state = self.server.app.state
        pool = WorkerPool(self.server.settings, state.read_sessions, state.write_sessions, threads,
                          handlers=self.handlers)
        self.pools.append(pool.start())
        return pool

    def enqueue(self, kind: str, payload: Any = None, **options: Any) -> int:
        """Enqueues and commits one job; returns its id."""
        with self.server.app.state.write_sessions() as db, db.begin():
            job = enqueue(db, kind, payload, **options)
            db.flush()
            return job.id

    def nudge(self, job_id: int) -> None:
        """Makes a job waiting out its backoff due now."""
        with self.server.app.state.write_sessions() as db, db.begin():
            db.execute(update(Job).where(Job.id == job_id).values(run_after=utcnow()))

    def job(self, job_id: int) -> Job:
        with self.server.app.state.read_sessions() as db:
            job = db.get(Job, job_id)
            assert job is not None
            return job

    def jobs_of(self, kind: str) -> list[Job]:
        with self.server.app.state.read_sessions() as db:
            return list(db.scalars(select(Job).where(Job.kind == kind).order_by(Job.id)))

    def wait(self, job_id: int, states: tuple[str, ...] = FINISHED, timeout: float = 60) -> Job:
        return eventually(lambda: (job := self.job(job_id)).state in states and job, timeout,
                          f"job {job_id} to reach {states}")

    def stop(self) -> None:
        for pool in self.pools:
            pool.stop(timeout=30)

"""The job queue on the test server's database: transactions, exclusive claims, leases, retries, stopping."""

from __future__ import annotations

import threading
import time
from collections import Counter
from datetime import timedelta
from typing import Any

import pytest
from sqlalchemy import update

from tests.harness import RunningServer
from tests.jobs.lab import Lab
from tests.jobs.wait import eventually
from ticketry.db.base import utcnow
from ticketry.jobs.models import Job
from ticketry.jobs.queue import Claimed, claim, enqueue
from ticketry.jobs.worker import JobRun, LeaseLost, Worker, WorkerPool


def test_a_rolled_back_transaction_enqueues_nothing(lab: Lab, server: RunningServer) -> None:
    kind = lab.kind(lambda run: "ran")
    sessions = server.app.state.write_sessions
    with sessions() as db, pytest.raises(RuntimeError), db.begin():
        enqueue(db, kind, {"n": 1})
        db.flush()
        raise RuntimeError("the request failed after enqueueing")
    assert lab.jobs_of(kind) == []

    with sessions() as db, db.begin():
        job = enqueue(db, kind, {"n": 2})
        db.flush()
        job_id = job.id
        assert lab.jobs_of(kind) == []  # other connections see the job only at commit
    lab.pool(1)
    done = lab.wait(job_id)
    assert (done.state, done.result, done.attempts, done.payload) == ("done", "ran", 1, {"n": 2})
    assert [job.id for job in lab.jobs_of(kind)] == [job_id]


def test_racing_claims_give_each_job_to_one_worker(lab: Lab, server: RunningServer) -> None:
    kind = lab.kind(lambda run: None)
    handlers = {kind: lab.handlers[kind]}
    sessions = server.app.state.write_sessions
    for _round in range(5):
        job_id = lab.enqueue(kind)
        barrier = threading.Barrier(6)
        won: list[Claimed | None] = []

        def race(name: str, barrier: threading.Barrier, won: list[Claimed | None]) -> None:
            barrier.wait()
            won.append(claim(sessions, name, handlers))

        threads = [threading.Thread(target=race, args=(f"racer-{i}", barrier, won)) for i in range(6)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(60)
        winners = [c for c in won if c is not None]
        assert len(won) == 6 and len(winners) == 1 and winners[0].id == job_id
        assert lab.job(job_id).locked_by is not None


def test_two_pools_never_run_the_same_job(lab: Lab) -> None:
    ran: list[int] = []

    def record(run: JobRun) -> int:
        ran.append(run.id)
        return run.id

    kind = lab.kind(record)
    lab.pool(4), lab.pool(4)  # two processes' worth of workers, racing from the first commit
    ids = [lab.enqueue(kind, {"n": n}) for n in range(40)]
    jobs = [lab.wait(job_id) for job_id in ids]
    assert Counter(ran) == Counter(ids)
    assert all((job.state, job.attempts, job.result) == ("done", 1, job.id) for job in jobs)


def _insert_running(server: RunningServer, kind: str, *, attempts: int, lease_left: float, saved: Any = None) -> int:
    now = utcnow()
    with server.app.state.write_sessions() as db, db.begin():
        job = Job(kind=kind, payload=None, state="running", attempts=attempts, max_attempts=3, run_after=now,
                  locked_by="worker-that-died", locked_until=now + timedelta(seconds=lease_left), saved=saved,
                  started=now, submitted=now, last_update=now, progress=40, cancel_requested=False)
        db.add(job)
        db.flush()
        return job.id


def test_a_job_whose_worker_died_is_run_again(lab: Lab, server: RunningServer) -> None:
    kind = lab.kind(lambda run: {"attempt": run.attempt, "saved": run.saved}, lease_seconds=30)
    orphan = _insert_running(server, kind, attempts=1, lease_left=-1, saved={"after": 7})
    exhausted = _insert_running(server, kind, attempts=3, lease_left=-1)
    alive = _insert_running(server, kind, attempts=1, lease_left=3600)
    lab.pool(2)
    rerun = lab.wait(orphan)
    assert (rerun.state, rerun.attempts, rerun.locked_by) == ("done", 2, None)
    assert rerun.result == {"attempt": 2, "saved": {"after": 7}}  # the retry resumes from the saved point
    dead = lab.wait(exhausted)
    assert (dead.state, dead.error) == ("dead", "The worker running this job stopped responding.")
    # A job whose worker still renews its lease is left alone.
    assert claim(server.app.state.write_sessions, "intruder", {kind: lab.handlers[kind]}) is None
    assert (lab.job(alive).state, lab.job(alive).locked_by) == ("running", "worker-that-died")


def test_a_worker_that_lost_its_lease_cannot_commit(lab: Lab, server: RunningServer) -> None:
    kind = lab.kind(lambda run: None, lease_seconds=30)
    handlers = {kind: lab.handlers[kind]}
    sessions = server.app.state.write_sessions
    job_id = lab.enqueue(kind)
    pool = WorkerPool(server.settings, server.app.state.read_sessions, sessions, 0, handlers=handlers)
    slow, fast = Worker(pool, 1), Worker(pool, 2)
    first = claim(sessions, slow.id, handlers)
    assert first is not None and first.id == job_id
    with sessions() as db, db.begin():  # the slow worker stalls past its lease
        db.execute(update(Job).where(Job.id == job_id).values(locked_until=utcnow() - timedelta(seconds=1)))
    second = claim(sessions, fast.id, handlers)
    assert second is not None and (second.id, second.attempts) == (job_id, 2)
    stale = JobRun(first, handlers[kind], slow)
    with pytest.raises(LeaseLost), stale.transaction() as db:
        db.execute(update(Job).where(Job.id == job_id).values(message="written by a worker presumed dead"))
    with pytest.raises(LeaseLost):
        stale.checkpoint(50)
    assert lab.job(job_id).message is None and lab.job(job_id).locked_by == fast.id


def test_failures_are_retried_with_backoff(lab: Lab) -> None:
    started: list[float] = []

    def flaky(run: JobRun) -> str:
        started.append(time.monotonic())
        if run.attempt < 3:
            raise ValueError(f"boom {run.attempt}")
        return "third time lucky"

    kind = lab.kind(flaky, max_attempts=3, backoff_seconds=0.3)
    lab.pool(1)
    job = lab.wait(lab.enqueue(kind, max_attempts=3))
    assert (job.state, job.attempts, job.result, job.message) == ("done", 3, "third time lucky", None)
    assert started[1] - started[0] >= 0.3 and started[2] - started[1] >= 0.6  # the delay doubles


def test_a_job_out_of_attempts_fails_with_its_error(lab: Lab) -> None:
    def broken(run: JobRun) -> None:
        raise ValueError("the mail server said no")

    kind = lab.kind(broken, max_attempts=2, backoff_seconds=3600)
    lab.pool(1)
    job_id = lab.enqueue(kind, max_attempts=2)
    waiting = eventually(lambda: (job := lab.job(job_id)).attempts == 1 and job.state == "queued" and job,
                         what="the first failure")
    assert waiting.message == "Attempt 1 failed (ValueError: the mail server said no); retrying."
    assert waiting.run_after > utcnow() + timedelta(seconds=3000)  # backing off
    lab.nudge(job_id)
    failed = lab.wait(job_id)
    assert (failed.state, failed.attempts, failed.message) == ("failed", 2, "ValueError: the mail server said no")
    assert "ValueError: the mail server said no" in (failed.error or "")


def test_stopping_puts_a_running_job_back(lab: Lab) -> None:
    runs: list[int] = []
    first_started = threading.Event()

    def long(run: JobRun) -> str:
        runs.append(run.attempt)
        if len(runs) > 1:
            return "finished by the next worker"
        first_started.set()
        for step in range(6000):
            run.checkpoint(step // 60)  # raises Interrupted once the pool is stopping
            time.sleep(0.01)
        return "never interrupted"

    kind = lab.kind(long)
    pool = lab.pool(1)
    job_id = lab.enqueue(kind)
    assert first_started.wait(60)
    pool.stop(timeout=30)
    assert not any(thread.is_alive() for thread in pool.threads)
    requeued = lab.job(job_id)
    assert (requeued.state, requeued.attempts, requeued.locked_by) == ("queued", 0, None)
    assert requeued.message == "Put back in the queue: the worker stopped."
    lab.pool(1)
    done = lab.wait(job_id)
    assert (done.state, done.attempts, done.result) == ("done", 1, "finished by the next worker")


def test_a_failure_after_a_cancel_request_is_not_retried(lab: Lab, server: RunningServer) -> None:
    go = threading.Event()

    def fails_when_told(run: JobRun) -> None:
        assert go.wait(60)
        raise ValueError("stopped badly")

    kind = lab.kind(fails_when_told, max_attempts=3, backoff_seconds=0.1)
    lab.pool(1)
    job_id = lab.enqueue(kind, max_attempts=3)
    lab.wait(job_id, states=("running",))
    with server.app.state.write_sessions() as db, db.begin():
        db.execute(update(Job).where(Job.id == job_id).values(cancel_requested=True))
    go.set()
    job = lab.wait(job_id)
    assert (job.state, job.attempts, job.message) == ("cancelled", 1, "Cancelled.")

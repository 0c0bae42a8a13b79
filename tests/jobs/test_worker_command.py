"""`ticketry worker`: job threads without an HTTP server, in their own process, stopped by SIGTERM."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from sqlalchemy.orm import Session

from tests.harness import backend
from tests.jobs.wait import eventually
from ticketry.cli import main
from ticketry.db.engine import make_engine
from ticketry.jobs.models import Job
from ticketry.platform.tasks import service as tasks
from ticketry.settings import Settings


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    if backend() == "postgres":
        pytest.skip("the CLI's embedded default (SQLite in the data directory) is what this covers")
    return tmp_path


def test_worker_process_runs_jobs_and_stops_gracefully(data_dir: Path) -> None:
    assert CliRunner().invoke(main, ["migrate", "--data-dir", str(data_dir)]).exit_code == 0
    engine = make_engine(Settings(data_dir=data_dir))
    with Session(engine) as db, db.begin():
        job_id = tasks.submit(db, None, "reindex", "Reindex of all issues (FOREGROUND)", {"type": "FOREGROUND"}).id
    env = {**os.environ, "TICKETRY_JOB_POLL_SECONDS": "0.1"}
    worker = subprocess.Popen([sys.executable, "-m", "ticketry.cli", "worker", "--data-dir", str(data_dir),
                               "--threads", "2"], stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env=env)
    try:
        def state() -> str | None:
            with Session(engine) as db:
                job = db.get(Job, job_id)
                return job.state if job is not None and job.state == "done" else None

        eventually(state, what="the worker process to run the reindex")
    finally:
        worker.send_signal(signal.SIGTERM)
        output, _ = worker.communicate(timeout=60)
        engine.dispose()
    assert worker.returncode == 0, output
    assert "2 job worker thread(s) started" in output and "job workers stopped" in output

"""Times a full reindex in process: the job `POST /reindex` enqueues, run by one job worker, as a server does.

    python -m benchmarks.reindex --database-url sqlite:////tmp/t/ticketry.db
    python -m benchmarks.reindex --database-url postgresql+psycopg://postgres@127.0.0.1:5432/name --runs 2

Prints, per run, the wall seconds, this process's CPU seconds (SQLite's work included), the CPU
seconds of the PostgreSQL backends it used (a local server), the issues indexed and the issues per
second (and the 1M-issue time that rate implies), with the load average before and after: the
machine may be shared, so CPU seconds are the steadier measure.
"""

from __future__ import annotations

import argparse
import os
import time
from pathlib import Path

import orjson
from sqlalchemy import select, text
from sqlalchemy.orm import Session

from ticketry.db.engine import make_engine, make_session_factory
from ticketry.jobs.models import Job
from ticketry.jobs.registry import discover
from ticketry.jobs.worker import Worker, WorkerPool
from ticketry.platform.reindex import service
from ticketry.settings import Settings


def reindex_once(settings: Settings) -> dict[str, object]:
    write_engine = make_engine(settings, for_writes=True)
    read_engine = make_engine(settings, for_writes=False) if write_engine.dialect.name == "sqlite" else write_engine
    writes, reads = make_session_factory(write_engine), make_session_factory(read_engine)
    discover()
    with writes() as db, db.begin():
        job_id = service.reindex_all(db, None, "FOREGROUND", service.Options()).id
    pool = WorkerPool(settings, reads, writes, count=0)
    worker = Worker(pool, 0)
    started, cpu = time.perf_counter(), time.process_time()
    while worker.work_once():  # other due jobs of the database run too; ours is among them
        with reads() as db:
            if db.scalar(select(Job.finished).where(Job.id == job_id)) is not None:
                break
    seconds, cpu_seconds = time.perf_counter() - started, time.process_time() - cpu
    with reads() as db:
        job = db.get(Job, job_id)
        assert job is not None
        state, result = job.state, job.result
        server_cpu = _backends_cpu(db) if write_engine.dialect.name == "postgresql" else None
    write_engine.dispose()
    read_engine.dispose()
    issues = int(result.get("issues", 0)) if isinstance(result, dict) else 0
    rate = issues / seconds if seconds else 0.0
    return {"state": state, "seconds": round(seconds, 2), "cpu_seconds": round(cpu_seconds, 2),
            "postgres_cpu_seconds": server_cpu, "issues": issues, "issues_per_second": round(rate),
            "scaled_1m_seconds": round(1_000_000 / rate) if rate else None}


def _backends_cpu(db: Session) -> float | None:
    """CPU seconds of this database's client backends so far: those of this run's engines, which were
    opened for it (/proc of the local server; None when it is not readable)."""
    pids = db.scalars(text("SELECT pid FROM pg_stat_activity WHERE datname = current_database() "
                           "AND backend_type = 'client backend'")).all()
    total = 0
    try:
        for pid in pids:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
            total += int(fields[11]) + int(fields[12])  # utime, stime
    except OSError:
        return None
    return round(total / os.sysconf("SC_CLK_TCK"), 2)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--database-url", required=True, help="SQLAlchemy URL of an imported database")
    parser.add_argument("--runs", type=int, default=1)
    args = parser.parse_args(argv)
    settings = Settings(database_url=args.database_url, data_dir=Path("/tmp"), job_workers=0)
    for _ in range(args.runs):
        load = os.getloadavg()[0]
        measured = reindex_once(settings)
        print(orjson.dumps({**measured, "load_before": round(load, 1),
                            "load_after": round(os.getloadavg()[0], 1)}).decode(), flush=True)


if __name__ == "__main__":
    main()

"""One command, end to end: `python -m benchmarks` (`make bench`) runs tier S in under five minutes.

A fresh database in a temporary directory (SQLite, or with --db postgres a new PostgreSQL database that
is dropped after), the offline import, a Ticketry server on a free 127.0.0.1 port, the reference
server serving one of its issues' JSON, then: GET issue alone on both (the ratio), the action mix,
the fixed JQL queries alone, capacity, creates, issue/bulk, full reindex. Prints a report and writes
/tmp/ticketry-bench-results/results-<tier>-<db>.json. Servers are children that die with this
process (and are stopped when it ends).
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import ctypes
import os
import platform
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import httpx
import orjson

from benchmarks import load, measures
from benchmarks.dataset import SEED, TIERS, Dataset
from benchmarks.importer import run_import

PG_ADMIN_URL = os.environ.get("TICKETRY_BENCH_PG_ADMIN", "postgresql://postgres@127.0.0.1:5432/postgres")
ADMIN = ("admin", "admin")
RESULTS_DIR = Path("/tmp/ticketry-bench-results")  # generated files stay out of the repository


def log(message: str) -> None:
    print(message, flush=True)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _die_with_parent() -> None:
    """Linux: the child gets SIGTERM when this process dies, so no server outlives a benchmark."""
    with contextlib.suppress(OSError):
        ctypes.CDLL("libc.so.6").prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG


@contextmanager
def child(args: list[str], log_path: Path, env: dict[str, str] | None = None) -> Any:
    with log_path.open("wb") as out:
        process = subprocess.Popen(args, stdout=out, stderr=subprocess.STDOUT, env={**os.environ, **(env or {})},
                                   preexec_fn=_die_with_parent)  # noqa: PLW1509 (no threads yet here)
        try:
            yield process
        finally:
            process.terminate()
            try:
                process.wait(10)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


def wait_ready(url: str, process: subprocess.Popen[bytes], seconds: float = 120) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SystemExit(f"server exited with {process.returncode}; see its log")
        try:
            if httpx.get(url, timeout=2).status_code < 500:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.2)
    raise SystemExit(f"server not ready after {seconds} s: {url}")


@contextmanager
def database(kind: str, workdir: Path, keep: bool = False) -> Any:
    if kind == "sqlite":
        yield f"sqlite:///{workdir / 'ticketry.db'}"
        return
    import psycopg

    name = f"ticketry_bench_{os.getpid()}"
    with psycopg.connect(PG_ADMIN_URL, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
        conn.execute(f'CREATE DATABASE "{name}"')
    try:
        yield PG_ADMIN_URL.rsplit("/", 1)[0].replace("postgresql://", "postgresql+psycopg://") + "/" + name
    finally:
        if keep:
            log(f"kept PostgreSQL database {name} (drop it when done)")
        else:
            with psycopg.connect(PG_ADMIN_URL, autocommit=True) as conn:
                conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def machine() -> dict[str, Any]:
    info: dict[str, Any] = {"python": platform.python_version(), "cpus": os.cpu_count(), "system": platform.platform()}
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                info["cpu"] = line.split(":", 1)[1].strip()
                break
        info["memory_gb"] = round(os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30, 1)
    except (OSError, ValueError):
        pass
    return info


def db_size(url: str, workdir: Path) -> float:
    if url.startswith("sqlite"):
        return round(sum(p.stat().st_size for p in workdir.glob("ticketry.db*")) / 2**20, 1)
    from sqlalchemy import create_engine, text

    engine = create_engine(url)
    with engine.connect() as conn:
        size = conn.execute(text("SELECT pg_database_size(current_database())")).scalar() or 0
    engine.dispose()
    return round(size / 2**20, 1)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--tier", choices=sorted(TIERS), default="S")
    parser.add_argument("--seed", type=int, default=SEED)
    parser.add_argument("--db", choices=("sqlite", "postgres"), default="sqlite")
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1,
                        help="Ticketry (and reference) worker processes (default: one per CPU core)")
    parser.add_argument("--users", type=int, default=16, help="virtual users of the mixed load")
    parser.add_argument("--seconds", type=float, default=30, help="length of the mixed load")
    parser.add_argument("--step-seconds", type=float, default=8, help="length of each capacity step")
    parser.add_argument("--no-capacity", action="store_true")
    parser.add_argument("--out", type=Path, help=f"results JSON (default: {RESULTS_DIR}/results-<tier>-<db>.json)")
    parser.add_argument("--keep", action="store_true", help="keep the work directory and database")
    args = parser.parse_args(argv)

    workdir = Path(tempfile.mkdtemp(prefix=f"ticketry-bench-{args.tier}-", dir="/tmp"))
    results: dict[str, Any] = {"date": datetime.now(UTC).isoformat(timespec="seconds"), "tier": args.tier,
                               "db": args.db, "workers": args.workers, "machine": machine(),
                               "command": " ".join(["python -m benchmarks", *(argv or sys.argv[1:])])}
    started = time.perf_counter()
    # Other work on the machine skews every absolute number: the load average goes with the results.
    results["load_average_before"] = [round(x, 1) for x in os.getloadavg()]
    try:
        with database(args.db, workdir, args.keep) as url:
            _run(args, workdir, url, results)
    finally:
        results["total_seconds"] = round(time.perf_counter() - started, 1)
        results["load_average_after"] = [round(x, 1) for x in os.getloadavg()]
        suffix = f"-{args.workers}w" if args.workers > 1 else ""
        out = args.out or RESULTS_DIR / f"results-{args.tier}-{args.db}{suffix}.json"
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_bytes(orjson.dumps(results, option=orjson.OPT_INDENT_2))
        log(f"results: {out} ({results['total_seconds']} s in all)")
        if args.keep:
            log(f"kept {workdir}")
        else:
            shutil.rmtree(workdir, ignore_errors=True)


def _run(args: argparse.Namespace, workdir: Path, url: str, results: dict[str, Any]) -> None:
    dataset = Dataset(TIERS[args.tier], args.seed)
    log(f"generating tier {args.tier} ...")
    t0 = time.perf_counter()
    records = list(dataset.records())
    results["generate_seconds"] = round(time.perf_counter() - t0, 1)
    log(f"importing into {args.db} ...")
    imported = run_import(url, records)
    del records
    results["import"] = {"issues": imported.issues, "seconds": round(imported.seconds, 2),
                         "issues_per_second": round(imported.issues_per_second),
                         "cpu_seconds": round(imported.cpu_seconds, 2),
                         "config_seconds": round(imported.config_seconds, 2),
                         "fixups": {k: round(v, 2) for k, v in imported.fixups.items()}, "rows": imported.rows}
    log(f"  {imported.issues} issues in {imported.seconds:.1f} s = {imported.issues_per_second:,.0f} issues/s "
        f"(+ fix-ups {results['import']['fixups']})")
    results["db_size_mb_after_import"] = db_size(url, workdir)

    port = free_port()
    base = f"http://127.0.0.1:{port}"
    serve = [sys.executable, "-m", "ticketry.cli", "serve", "--data-dir", str(workdir), "--database-url", url,
             "--port", str(port), "--workers", str(args.workers)]
    with child(serve, workdir / "server.log", {"TICKETRY_LOG_LEVEL": "WARNING"}) as server:
        wait_ready(f"{base}/rest/api/2/serverInfo", server)
        asyncio.run(_measure(args, workdir, base, server.pid, results))
    results["db_size_mb_after_run"] = db_size(url, workdir)


def _cpu_ms(report: load.Report) -> float:
    cores = report.server.get("cpu_cores", 0.0)
    return round(1000 * cores / report.actions_per_second, 2) if report.actions_per_second else 0.0


async def _measure(args: argparse.Namespace, workdir: Path, base: str, server_pid: int,
                   results: dict[str, Any]) -> None:
    target = await load.discover(base, load.target_users(args.tier, args.seed))
    key = target.random_key(__import__("random").Random(1))
    body = httpx.get(f"{base}/rest/api/2/issue/{key}", auth=(target.users[0], target.password)).content
    (workdir / "issue.json").write_bytes(body)
    ref_port = free_port()
    reference = [sys.executable, "-m", "benchmarks.reference", "--body", str(workdir / "issue.json"),
                 "--port", str(ref_port), "--workers", str(args.workers)]
    view_only = (("view_issue", 100),)
    with child(reference, workdir / "reference.log") as ref:
        ref_base = f"http://127.0.0.1:{ref_port}"
        wait_ready(f"{ref_base}/rest/api/2/issue/X-1", ref)
        log("GET issue alone, Ticketry then the bare reference ...")
        mine = await load.run_load(target, args.users, 10, mix=view_only, server_pid=server_pid)
        ref_target = load.Target(ref_base, target.users, target.password, target.projects, target.issue_counts,
                                 login_path="/rest/api/2/issue/X-1")
        bare = await load.run_load(ref_target, args.users, 10, mix=view_only, server_pid=ref.pid)
    ratio = mine.actions_per_second / bare.actions_per_second if bare.actions_per_second else 0.0
    # Server CPU per request: throughput a fully busy server would reach, robust to a loaded machine.
    cpu_mine, cpu_bare = _cpu_ms(mine), _cpu_ms(bare)
    cpu_ratio = cpu_bare / cpu_mine if cpu_mine and cpu_bare else 0.0
    results["view_issue"] = {"ticketry": mine.as_dict(), "reference": bare.as_dict(), "ratio": round(ratio, 3),
                             "cpu_ms_per_request": {"ticketry": cpu_mine, "reference": cpu_bare},
                             "cpu_ratio": round(cpu_ratio, 3), "issue_json_bytes": len(body)}
    log(f"  Ticketry {mine.actions_per_second:.0f}/s, reference {bare.actions_per_second:.0f}/s, ratio {ratio:.1%}; "
        f"server CPU per request {cpu_mine} ms vs {cpu_bare} ms, ratio {cpu_ratio:.1%}")

    log(f"JQL queries alone ({args.tier}) ...")
    results["jql"] = await measures.query_timings(target, measures.fixed_queries(args.tier, target, args.seed))
    for q in results["jql"]:
        log(f"  {q['kind']:15} p50 {q['p50'] * 1000:7.1f} ms  p95 {q['p95'] * 1000:7.1f} ms  total {q['total']}"
            f"  {q['jql']}" + (f"  ERROR {q['error']}" if q["error"] else ""))

    log(f"action mix: {args.users} users for {args.seconds:.0f} s ...")
    mixed = await load.run_load(target, args.users, args.seconds, server_pid=server_pid)
    load.print_report(mixed, "action mix", log)
    results["mix"] = mixed.as_dict()

    if not args.no_capacity:
        log("capacity ...")
        best, steps = await load.capacity(target, seconds=args.step_seconds, server_pid=server_pid, log=log)
        results["capacity"] = {"best": best.as_dict() if best else None,
                               "steps": [{"users": s.users, "actions_per_second": round(s.actions_per_second, 1),
                                          "worst_p95": s.worst_p95(), "error_rate": round(s.error_rate(), 4)}
                                         for s in steps]}

    log("writes: creates, issue/bulk, full reindex ...")
    results["creates"] = await measures.creates_per_second(target)
    log(f"  creates {results['creates']}")
    results["bulk"] = await measures.bulk_per_second(target)
    log(f"  issue/bulk {results['bulk']}")
    results["reindex"] = await measures.reindex_seconds(base, ADMIN)
    log(f"  full reindex {results['reindex']}")


if __name__ == "__main__":
    main()

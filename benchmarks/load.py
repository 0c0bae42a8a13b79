"""The load driver: N virtual users replaying the Data Center action mix over REST (asyncio + httpx).

    python -m benchmarks.load --base-url http://127.0.0.1:8080 --tier S --users 16 --seconds 30
    python -m benchmarks.load --base-url http://127.0.0.1:8080 --tier S --capacity

Each virtual user logs in with Basic auth as one of the dataset's users and runs actions back to back
(a closed loop, no think time), each action picked by the guide's weights. Per action: p50/p95/p99,
success rate, Apdex at 1 s and at 100 ms; overall actions/s; the server's CPU and memory (psutil,
given its pid). Capacity mode doubles the users until an action's p95 passes 500 ms or errors pass 1%.
Only loopback addresses are accepted: this is a tool for a machine you own.
"""

from __future__ import annotations

import argparse
import asyncio
import random
import string
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

import httpx
import orjson

from benchmarks.dataset import SEED, TIERS, Dataset
from benchmarks.importer import BENCH_PASSWORD
from benchmarks.words import NOUNS

# (action, weight %) from the Data Center toolkit, as in ../shared/guide/benchmarks.md.
MIX: tuple[tuple[str, int], ...] = (
    ("view_issue", 34), ("search_jql", 11), ("view_dashboard", 10), ("browse_projects", 9), ("view_board", 21),
    ("edit_issue", 5), ("create_issue", 4), ("view_project_summary", 3), ("add_comment", 2),
)
P95_LIMIT = 0.5
ERROR_LIMIT = 0.01
DASHBOARD_JQL = "assignee = currentUser() AND resolution = Unresolved ORDER BY priority DESC, created ASC"


def check_loopback(base_url: str) -> None:
    host = urlsplit(base_url).hostname or ""
    if host not in ("127.0.0.1", "localhost", "::1"):
        raise SystemExit(f"refusing to load {host}: the driver only targets 127.0.0.1")


@dataclass
class Target:
    """What the actions need to know about the server's data: who logs in, which keys exist."""

    base_url: str
    users: list[str]
    password: str = BENCH_PASSWORD
    projects: list[str] = field(default_factory=list)
    issue_counts: dict[str, int] = field(default_factory=dict)
    prefixes: list[str] = field(default_factory=list)
    # Each virtual user calls this once before measuring: the first Basic login costs an argon2 check
    # (tens of ms of CPU and 64 MiB) that the server then caches, as a browser's session would.
    login_path: str = "/rest/api/2/myself"

    def random_key(self, rng: random.Random) -> str:
        project = rng.choice(self.projects)
        return f"{project}-{rng.randint(1, max(1, self.issue_counts[project]))}"


async def discover(base_url: str, users: list[str], password: str = BENCH_PASSWORD) -> Target:
    """Projects and their issue counts (keys are PROJ-1..N after an import), as the first user sees them."""
    check_loopback(base_url)
    target = Target(base_url, users, password)
    async with httpx.AsyncClient(base_url=base_url, auth=(users[0], password), timeout=60) as client:
        projects = (await client.get("/rest/api/2/project")).raise_for_status().json()
        for project in projects:
            key = project["key"]
            found = (await client.post("/rest/api/2/search", json={
                "jql": f"project = {key} ORDER BY key DESC", "maxResults": 1, "fields": ["key"]})).raise_for_status()
            issues = found.json()["issues"]
            if issues:
                target.projects.append(key)
                target.issue_counts[key] = int(issues[0]["key"].rsplit("-", 1)[1])
    if not target.projects:
        raise SystemExit("the server has no issues to load")
    target.prefixes = sorted({noun[:3] for noun in NOUNS})
    return target


def target_users(tier: str, seed: int = SEED) -> list[str]:
    return [u["name"] for u in Dataset(TIERS[tier], seed).users()]


# --- actions --------------------------------------------------------------------------------

Action = Callable[[httpx.AsyncClient, Target, random.Random], Awaitable[None]]


def _ok(response: httpx.Response) -> None:
    if response.status_code >= 400:
        raise RuntimeError(f"{response.request.method} {response.request.url.path}: {response.status_code}")


def _text(rng: random.Random, size: int) -> str:
    return "".join(rng.choice(string.ascii_letters + " ") for _ in range(size)).strip() or "x"


async def view_issue(client: httpx.AsyncClient, target: Target, rng: random.Random) -> None:
    _ok(await client.get(f"/rest/api/2/issue/{target.random_key(rng)}"))


async def search_jql(client: httpx.AsyncClient, target: Target, rng: random.Random) -> None:
    jql = f'text ~ "{rng.choice(target.prefixes)}*" order by key'
    _ok(await client.post("/rest/api/2/search", json={"jql": jql, "maxResults": 50}))


async def view_dashboard(client: httpx.AsyncClient, target: Target, rng: random.Random) -> None:
    _ok(await client.post("/rest/api/2/search", json={"jql": DASHBOARD_JQL, "maxResults": 10}))
    _ok(await client.get("/rest/api/2/filter/favourite"))


async def browse_projects(client: httpx.AsyncClient, target: Target, rng: random.Random) -> None:
    _ok(await client.get("/rest/api/2/project"))


async def view_board(client: httpx.AsyncClient, target: Target, rng: random.Random) -> None:
    # A board's columns: the project's unresolved work by status category, then what is done.
    project = rng.choice(target.projects)
    category = rng.choice(('"To Do"', '"In Progress"', "Done"))
    jql = f"project = {project} AND statusCategory = {category} ORDER BY priority DESC, key ASC"
    _ok(await client.post("/rest/api/2/search", json={"jql": jql, "maxResults": 50}))


async def edit_issue(client: httpx.AsyncClient, target: Target, rng: random.Random) -> None:
    key = target.random_key(rng)
    _ok(await client.get(f"/rest/api/2/issue/{key}/editmeta"))
    body = {"fields": {"summary": _text(rng, 15), "description": _text(rng, 500)}}
    _ok(await client.put(f"/rest/api/2/issue/{key}", json=body))


async def create_issue(client: httpx.AsyncClient, target: Target, rng: random.Random) -> None:
    project = rng.choice(target.projects)
    _ok(await client.get("/rest/api/2/issue/createmeta",
                         params={"projectKeys": project, "issuetypeNames": "Task",
                                 "expand": "projects.issuetypes.fields"}))
    body = {"fields": {"project": {"key": project}, "issuetype": {"name": "Task"},
                       "summary": f"{rng.choice(NOUNS)} {_text(rng, 20)}", "description": _text(rng, 200)}}
    _ok(await client.post("/rest/api/2/issue", json=body))


async def view_project_summary(client: httpx.AsyncClient, target: Target, rng: random.Random) -> None:
    project = rng.choice(target.projects)
    _ok(await client.get(f"/rest/api/2/project/{project}"))
    _ok(await client.get(f"/rest/api/2/project/{project}/statuses"))


async def add_comment(client: httpx.AsyncClient, target: Target, rng: random.Random) -> None:
    _ok(await client.post(f"/rest/api/2/issue/{target.random_key(rng)}/comment", json={"body": _text(rng, 20)}))


ACTIONS: dict[str, Action] = {
    "view_issue": view_issue, "search_jql": search_jql, "view_dashboard": view_dashboard,
    "browse_projects": browse_projects, "view_board": view_board, "edit_issue": edit_issue,
    "create_issue": create_issue, "view_project_summary": view_project_summary, "add_comment": add_comment,
}


# --- measuring ------------------------------------------------------------------------------


def percentile(values: list[float], pct: float) -> float:
    if not values:
        return 0.0
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(pct / 100 * (len(ordered) - 1))))]


def apdex(latencies: list[float], failures: int, threshold: float) -> float:
    total = len(latencies) + failures
    if not total:
        return 0.0
    satisfied = sum(1 for t in latencies if t <= threshold)
    tolerating = sum(1 for t in latencies if threshold < t <= 4 * threshold)
    return (satisfied + tolerating / 2) / total


@dataclass
class Stats:
    latencies: dict[str, list[float]] = field(default_factory=dict)
    failures: dict[str, int] = field(default_factory=dict)
    errors: dict[str, str] = field(default_factory=dict)  # one example per action

    def record(self, action: str, seconds: float, error: str | None) -> None:
        if error is None:
            self.latencies.setdefault(action, []).append(seconds)
        else:
            self.failures[action] = self.failures.get(action, 0) + 1
            self.errors.setdefault(action, error)


class ServerMonitor:
    """CPU (cores busy) and peak memory of the server process and its children while a run lasts."""

    def __init__(self, pid: int | None) -> None:
        self.pid = pid
        self.peak_rss = 0
        self._task: asyncio.Task[None] | None = None
        self._cpu_start = 0.0

    def _processes(self) -> list[Any]:
        import psutil

        root = psutil.Process(self.pid)
        return [root, *root.children(recursive=True)]

    def _cpu(self) -> float:
        total = 0.0
        for process in self._processes():
            try:
                times = process.cpu_times()
                total += times.user + times.system
            except Exception:  # a worker that just exited
                continue
        return total

    async def _sample(self) -> None:
        while True:
            rss = 0
            for process in self._processes():
                try:
                    rss += process.memory_info().rss
                except Exception:
                    continue
            self.peak_rss = max(self.peak_rss, rss)
            await asyncio.sleep(0.5)

    def start(self) -> None:
        if self.pid is None:
            return
        self._cpu_start = self._cpu()
        self._task = asyncio.create_task(self._sample())

    def stop(self, seconds: float) -> dict[str, float]:
        if self.pid is None or self._task is None:
            return {}
        self._task.cancel()
        return {"cpu_cores": round((self._cpu() - self._cpu_start) / seconds, 2),
                "peak_rss_mb": round(self.peak_rss / 2**20, 1)}


@dataclass
class Report:
    users: int
    seconds: float
    actions: dict[str, dict[str, float]]
    actions_per_second: float
    server: dict[str, float]
    client_cpu_cores: float
    errors: dict[str, str]

    def worst_p95(self) -> float:
        return max((a["p95"] for a in self.actions.values()), default=0.0)

    def error_rate(self) -> float:
        total = sum(a["count"] + a["failures"] for a in self.actions.values())
        return sum(a["failures"] for a in self.actions.values()) / total if total else 0.0

    def as_dict(self) -> dict[str, Any]:
        return {"users": self.users, "seconds": round(self.seconds, 1), "actions_per_second":
                round(self.actions_per_second, 1), "server": self.server, "client_cpu_cores": self.client_cpu_cores,
                "actions": self.actions, "errors": self.errors}


def summarize(stats: Stats, users: int, seconds: float, server: dict[str, float], client_cpu: float) -> Report:
    actions: dict[str, dict[str, float]] = {}
    done = 0
    for name in sorted(set(stats.latencies) | set(stats.failures)):
        lat = stats.latencies.get(name, [])
        failed = stats.failures.get(name, 0)
        done += len(lat) + failed
        actions[name] = {
            "count": len(lat), "failures": failed,
            "success": round(len(lat) / (len(lat) + failed), 4) if lat or failed else 0.0,
            "p50": round(percentile(lat, 50), 4), "p95": round(percentile(lat, 95), 4),
            "p99": round(percentile(lat, 99), 4),
            "apdex_1s": round(apdex(lat, failed, 1.0), 3), "apdex_100ms": round(apdex(lat, failed, 0.1), 3),
        }
    return Report(users, seconds, actions, done / seconds if seconds else 0.0, server, client_cpu, stats.errors)


async def run_load(target: Target, users: int, seconds: float, *, mix: tuple[tuple[str, int], ...] = MIX,
                   server_pid: int | None = None, warmup: float = 2.0, seed: int = 1) -> Report:
    """Runs `users` virtual users for `seconds` (after `warmup` seconds that are not counted)."""
    check_loopback(target.base_url)
    stats = Stats()
    names = [name for name, _ in mix]
    weights = [weight for _, weight in mix]
    measuring = False

    logged_in = asyncio.Event()
    pending = [users]

    async def virtual_user(number: int) -> None:
        rng = random.Random(seed * 1000 + number)
        user = target.users[number % len(target.users)]
        limits = httpx.Limits(max_connections=1, max_keepalive_connections=1)
        async with httpx.AsyncClient(base_url=target.base_url, auth=(user, target.password), timeout=30,
                                     limits=limits) as client:
            try:
                await client.get(target.login_path)
            finally:
                pending[0] -= 1
                if pending[0] == 0:
                    logged_in.set()
            await logged_in.wait()
            while time.perf_counter() < stop_at:
                name = rng.choices(names, weights)[0]
                started = time.perf_counter()
                error = None
                try:
                    await ACTIONS[name](client, target, rng)
                except Exception as exc:  # a failed action is a measurement, not a crash
                    error = f"{type(exc).__name__}: {exc}"[:300]
                if measuring:
                    stats.record(name, time.perf_counter() - started, error)

    monitor = ServerMonitor(server_pid)
    stop_at = float("inf")
    tasks = [asyncio.create_task(virtual_user(i)) for i in range(users)]
    await logged_in.wait()
    stop_at = time.perf_counter() + warmup + seconds
    await asyncio.sleep(warmup)
    measuring = True
    client_start = time.process_time()
    monitor.start()
    started = time.perf_counter()
    await asyncio.gather(*tasks)
    elapsed = time.perf_counter() - started
    server = monitor.stop(elapsed)
    return summarize(stats, users, elapsed, server, round((time.process_time() - client_start) / elapsed, 2))


async def capacity(target: Target, *, seconds: float, server_pid: int | None = None, start: int = 1,
                   limit: int = 256, mix: tuple[tuple[str, int], ...] = MIX,
                   log: Callable[[str], None] = print) -> tuple[Report | None, list[Report]]:
    """Doubles the virtual users until a step fails; returns the best passing step and all steps."""
    best: Report | None = None
    steps = []
    users = start
    while users <= limit:
        report = await run_load(target, users, seconds, mix=mix, server_pid=server_pid)
        steps.append(report)
        passed = report.worst_p95() <= P95_LIMIT and report.error_rate() <= ERROR_LIMIT
        log(f"  capacity: {users:4d} users  {report.actions_per_second:7.1f} actions/s  "
            f"worst p95 {report.worst_p95() * 1000:6.0f} ms  errors {report.error_rate():.2%}  "
            f"{'pass' if passed else 'FAIL'}")
        if not passed:
            break
        if best is None or report.actions_per_second > best.actions_per_second:
            best = report
        users *= 2
    return best, steps


def print_report(report: Report, title: str, log: Callable[[str], None] = print) -> None:
    log(f"{title}: {report.users} users, {report.seconds:.0f} s, {report.actions_per_second:.1f} actions/s, "
        f"server {report.server}, driver {report.client_cpu_cores} cores")
    log(f"  {'action':22} {'count':>6} {'ok%':>7} {'p50 ms':>7} {'p95 ms':>7} {'p99 ms':>7} {'apdex1s':>7} "
        f"{'apdex.1':>7}")
    for name, a in report.actions.items():
        log(f"  {name:22} {a['count']:6d} {a['success'] * 100:7.2f} {a['p50'] * 1000:7.1f} {a['p95'] * 1000:7.1f} "
            f"{a['p99'] * 1000:7.1f} {a['apdex_1s']:7.3f} {a['apdex_100ms']:7.3f}")
    for name, error in report.errors.items():
        log(f"  first error of {name}: {error}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--base-url", required=True)
    parser.add_argument("--tier", choices=sorted(TIERS), default="S", help="whose users log in")
    parser.add_argument("--seed", type=int, default=SEED)
    parser.add_argument("--users", type=int, default=8, help="virtual users")
    parser.add_argument("--seconds", type=float, default=20)
    parser.add_argument("--server-pid", type=int, help="sample this process (and its children)")
    parser.add_argument("--capacity", action="store_true")
    parser.add_argument("--json", action="store_true", help="print the report as JSON")
    args = parser.parse_args()

    async def go() -> None:
        target = await discover(args.base_url, target_users(args.tier, args.seed))
        if args.capacity:
            best, steps = await capacity(target, seconds=args.seconds, server_pid=args.server_pid)
            if args.json:
                print(orjson.dumps({"best": best.as_dict() if best else None,
                                    "steps": [s.as_dict() for s in steps]}).decode())
            elif best:
                print_report(best, "capacity (best passing step)")
            return
        report = await run_load(target, args.users, args.seconds, server_pid=args.server_pid)
        if args.json:
            print(orjson.dumps(report.as_dict()).decode())
        else:
            print_report(report, "load")

    asyncio.run(go())


if __name__ == "__main__":
    main()

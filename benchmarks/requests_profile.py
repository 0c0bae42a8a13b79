"""SQL statements and CPU per request of the hot endpoints, in process (no network, no other load).

    python -m benchmarks.requests_profile --database-url sqlite:////tmp/x/ticketry.db --tier S

Run it on a database the importer filled. CPU is this process's time per request, including the
test client's own cost (about 4-5 ms; `reference` shows it); query counts are exact. CPU time is far
less disturbed by other work on the machine than latency, so this is the number to watch in a change.
"""

from __future__ import annotations

import argparse
import tempfile
import time
import warnings
from collections.abc import Callable
from pathlib import Path
from typing import Any

from sqlalchemy import event

from benchmarks.dataset import SEED, TIERS, Dataset
from benchmarks.importer import BENCH_PASSWORD


def profile(database_url: str, user: str, project: str, repeats: int = 10) -> list[dict[str, Any]]:
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient

    from benchmarks.reference import make_app
    from ticketry.app import create_app
    from ticketry.settings import Settings

    app = create_app(Settings(data_dir=Path(tempfile.gettempdir()), database_url=database_url))
    statements = [0]
    for engine in {app.state.read_engine, app.state.write_engine}:
        event.listen(engine, "before_cursor_execute", lambda *args: statements.__setitem__(0, statements[0] + 1))
    auth = (user, BENCH_PASSWORD)
    client = TestClient(app)
    reference = TestClient(make_app(b'{"id": "1"}'))
    key, other = f"{project}-5", f"{project}-6"
    calls: list[tuple[str, Callable[[], Any]]] = [
        ("reference (client cost)", lambda: reference.get("/rest/api/2/issue/X")),
        ("GET serverInfo", lambda: client.get("/rest/api/2/serverInfo", auth=auth)),
        ("GET issue", lambda: client.get(f"/rest/api/2/issue/{key}", auth=auth)),
        ("GET issue summary,status", lambda: client.get(f"/rest/api/2/issue/{key}?fields=summary,status", auth=auth)),
        ("POST search text prefix 50", lambda: client.post(
            "/rest/api/2/search", json={"jql": 'text ~ "ser*" order by key', "maxResults": 50}, auth=auth)),
        ("POST search board 50", lambda: client.post("/rest/api/2/search", json={
            "jql": f'project = {project} AND statusCategory = "In Progress" ORDER BY priority DESC, key ASC',
            "maxResults": 50}, auth=auth)),
        ("POST search dashboard 10", lambda: client.post("/rest/api/2/search", json={
            "jql": "assignee = currentUser() AND resolution = Unresolved ORDER BY priority DESC, created ASC",
            "maxResults": 10}, auth=auth)),
        ("GET project", lambda: client.get("/rest/api/2/project", auth=auth)),
        ("GET project/{key}", lambda: client.get(f"/rest/api/2/project/{project}", auth=auth)),
        ("GET project/{key}/statuses", lambda: client.get(f"/rest/api/2/project/{project}/statuses", auth=auth)),
        ("GET filter/favourite", lambda: client.get("/rest/api/2/filter/favourite", auth=auth)),
        ("GET editmeta", lambda: client.get(f"/rest/api/2/issue/{key}/editmeta", auth=auth)),
        ("GET createmeta", lambda: client.get("/rest/api/2/issue/createmeta", params={
            "projectKeys": project, "issuetypeNames": "Task", "expand": "projects.issuetypes.fields"}, auth=auth)),
        ("POST issue", lambda: client.post("/rest/api/2/issue", json={"fields": {
            "project": {"key": project}, "issuetype": {"name": "Task"}, "summary": "profiled", "description": "d"}},
            auth=auth)),
        ("POST comment", lambda: client.post(f"/rest/api/2/issue/{key}/comment", json={"body": "profiled comment"},
                                             auth=auth)),
        ("PUT issue", lambda: client.put(f"/rest/api/2/issue/{other}", json={"fields": {
            "summary": "profiled edit", "description": "x" * 500}}, auth=auth)),
    ]
    out = []
    for name, call in calls:
        call()  # warm caches, as a running server would be
        statements[0] = 0
        started = time.process_time()
        for _ in range(repeats):
            response = call()
        cpu = (time.process_time() - started) / repeats
        out.append({"request": name, "status": response.status_code, "queries": statements[0] / repeats,
                    "cpu_ms": round(cpu * 1000, 1)})
    client.close()
    app.state.write_engine.dispose()
    app.state.read_engine.dispose()
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--database-url", required=True)
    parser.add_argument("--tier", choices=sorted(TIERS), default="S")
    parser.add_argument("--seed", type=int, default=SEED)
    parser.add_argument("--repeats", type=int, default=10)
    args = parser.parse_args()
    data = Dataset(TIERS[args.tier], args.seed)
    rows = profile(args.database_url, data.users()[1]["name"], data.projects()[0]["key"], args.repeats)
    print(f"{'request':30} {'status':>6} {'queries':>8} {'cpu ms':>8}")
    for row in rows:
        print(f"{row['request']:30} {row['status']:6d} {row['queries']:8.1f} {row['cpu_ms']:8.1f}")


if __name__ == "__main__":
    main()

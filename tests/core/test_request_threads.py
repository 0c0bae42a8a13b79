"""Requests run in a few worker threads per process (`request_threads`); writers waiting for a lock hold
them, and the writer holding the lock must still be able to commit (its commit takes a thread of its own)."""

from __future__ import annotations

import uuid
from concurrent.futures import ThreadPoolExecutor

import httpx

from tests.harness import running_server
from tests.platform.issues.helpers import make_project

WRITERS = 8
ISSUES_EACH = 4


def _write(url: str, key: str, writer: int) -> list[int]:
    statuses = []
    with httpx.Client(base_url=url, auth=("admin", "admin"), timeout=60) as client:
        for n in range(ISSUES_EACH):
            created = client.post("/rest/api/2/issue", json={"fields": {
                "project": {"key": key}, "issuetype": {"name": "Task"}, "summary": f"writer {writer} issue {n}"}})
            statuses.append(created.status_code)
            if created.status_code == 201:
                comment = client.post(f"/rest/api/2/issue/{created.json()['key']}/comment", json={"body": "hi"})
                statuses.append(comment.status_code)
    return statuses


def test_more_writers_than_request_threads_all_land() -> None:
    with running_server(request_threads=2, job_workers=0) as server:
        key = "RT" + uuid.uuid4().hex[:6].upper().replace("0", "Q")
        with httpx.Client(base_url=server.url, auth=("admin", "admin")) as admin:
            make_project(admin, key)
            with ThreadPoolExecutor(WRITERS) as pool:
                results = list(pool.map(lambda w: _write(server.url, key, w), range(WRITERS)))
            found = admin.post("/rest/api/2/search", json={"jql": f"project = {key}", "maxResults": 0}).json()
    assert [s for statuses in results for s in statuses] == [201] * (WRITERS * ISSUES_EACH * 2)
    assert found["total"] == WRITERS * ISSUES_EACH

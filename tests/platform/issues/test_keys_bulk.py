"""Keys under concurrent creates (no gaps, no duplicates) and bulk create with per-item errors."""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor

import httpx

from tests.conftest import ADMIN
from tests.platform.issues.helpers import get_fields, make_project

WORKERS = 8
CREATES = 40


def test_concurrent_creates_allocate_every_key_once(admin: httpx.Client, base_url: str,
                                                    unique_key: Callable[[], str]) -> None:
    key = unique_key()
    make_project(admin, key)
    clients = [httpx.Client(base_url=base_url, auth=ADMIN, timeout=60) for _ in range(WORKERS)]

    def create(n: int) -> str:
        body = {"fields": {"project": {"key": key}, "summary": f"parallel {n}", "issuetype": {"name": "Task"}}}
        response = clients[n % WORKERS].post("/rest/api/2/issue", json=body)
        assert response.status_code == 201, response.text
        created: str = response.json()["key"]
        return created

    try:
        with ThreadPoolExecutor(WORKERS) as pool:
            keys = list(pool.map(create, range(CREATES)))
    finally:
        for client in clients:
            client.close()
    assert sorted(keys, key=lambda k: int(k.split("-")[1])) == [f"{key}-{n}" for n in range(1, CREATES + 1)]


def test_bulk_create_reports_failed_elements(admin: httpx.Client, unique_key: Callable[[], str]) -> None:
    key = unique_key()
    make_project(admin, key)
    good = {"fields": {"project": {"key": key}, "summary": "ok", "issuetype": {"name": "Task"}}}
    bad = {"fields": {"project": {"key": key}, "issuetype": {"name": "Task"}}}
    response = admin.post("/rest/api/2/issue/bulk", json={"issueUpdates": [good, bad, good]})
    assert response.status_code == 201, response.text
    body = response.json()
    assert [i["key"] for i in body["issues"]] == [f"{key}-1", f"{key}-2"]
    assert body["errors"] == [{"status": 400, "failedElementNumber": 1, "elementErrors": {
        "errorMessages": [], "errors": {"summary": "You must specify a summary of the issue."}}}]
    assert get_fields(admin, f"{key}-2")["summary"] == "ok"
    all_bad = admin.post("/rest/api/2/issue/bulk", json={"issueUpdates": [bad]})
    assert all_bad.status_code == 400
    assert all_bad.json()["issues"] == []
    assert admin.get(f"/rest/api/2/issue/{key}-3").status_code == 404
    missing = admin.post("/rest/api/2/issue/bulk", json={})
    assert missing.status_code == 400
    assert missing.json()["errors"] == {"issueUpdates": "The list of issues to create is required."}

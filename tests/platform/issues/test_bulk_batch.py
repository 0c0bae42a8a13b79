"""POST /issue/bulk written in batches: Jira's per-issue results, order and numbering, the values and autowatch
of every issue, text search, sub-tasks of issues in the same request, and concurrent bulk requests."""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import httpx

from tests.conftest import ADMIN
from tests.platform.issues.helpers import get_fields, make_issue, make_project

VOLATILE = {"created", "updated", "lastViewed", "watches", "votes"}


def _issue(key: str, summary: str, issuetype: str = "Task", **fields: Any) -> dict[str, Any]:
    return {"fields": {"project": {"key": key}, "issuetype": {"name": issuetype}, "summary": summary, **fields}}


def _bulk(client: httpx.Client, items: list[dict[str, Any]], status: int = 201) -> dict[str, Any]:
    response = client.post("/rest/api/2/issue/bulk", json={"issueUpdates": items})
    assert response.status_code == status, response.text
    body: dict[str, Any] = response.json()
    return body


def test_bulk_reports_errors_in_place_and_numbers_the_valid_issues_in_order(
        admin: httpx.Client, unique_key: Callable[[], str], base_url: str) -> None:
    first, second = unique_key(), unique_key()
    make_project(admin, first)
    make_project(admin, second)
    body = _bulk(admin, [
        _issue(first, "one"), _issue(second, "two"), _issue(first, ""), _issue(first, "three", "Nope"),
        _issue(second, "four", labels=["has space"]), _issue(first, "five", "Bug"), _issue(second, "six"),
        {"fields": {"project": {"key": "NOSUCHPROJ"}, "issuetype": {"name": "Task"}, "summary": "x"}},
    ])
    assert [i["key"] for i in body["issues"]] == [f"{first}-1", f"{second}-1", f"{first}-2", f"{second}-2"]
    assert all(i["self"] == f"{base_url}/rest/api/2/issue/{i['id']}" for i in body["issues"])
    assert [(e["failedElementNumber"], e["status"], e["elementErrors"]["errors"]) for e in body["errors"]] == [
        (2, 400, {"summary": "You must specify a summary of the issue."}),
        (3, 400, {"issuetype": "The issue type selected is invalid."}),
        (4, 400, {"labels": "The label 'has space' contains spaces which is invalid."}),
        (7, 400, {"project": "valid project is required"}),
    ]
    assert [get_fields(admin, i["key"])["summary"] for i in body["issues"]] == ["one", "two", "five", "six"]
    assert get_fields(admin, f"{first}-2")["issuetype"]["name"] == "Bug"
    assert make_issue(admin, first, "after")["key"] == f"{first}-3"  # failed issues took no number


def test_bulk_issues_are_the_issues_a_single_create_makes(admin: httpx.Client, unique_key: Callable[[], str],
                                                          make_user: Callable[..., Any]) -> None:
    key = unique_key()
    make_project(admin, key)
    reporter = make_user("reporter")
    component = admin.post("/rest/api/2/component", json={"project": key, "name": "Backend"}).json()
    version = admin.post("/rest/api/2/version", json={"project": key, "name": "2.0"}).json()
    fields = {"description": "Some *text*", "labels": ["b", "a"], "priority": {"name": "High"},
              "duedate": "2030-01-31", "environment": "linux", "components": [{"name": "backend"}],
              "fixVersions": [{"id": version["id"]}], "reporter": {"name": reporter.name},
              "timetracking": {"originalEstimate": "1d"}}
    single = make_issue(admin, key, "same", "Task", **fields)["key"]
    bulk = _bulk(admin, [_issue(key, "same", **fields), _issue(key, "plain")])["issues"]
    expected = {k: v for k, v in get_fields(admin, single).items() if k not in VOLATILE}
    assert {k: v for k, v in get_fields(admin, bulk[0]["key"]).items() if k not in VOLATILE} == expected
    assert [c["id"] for c in expected["components"]] == [component["id"]]
    plain = get_fields(admin, bulk[1]["key"])
    assert (plain["priority"]["name"], plain["reporter"]["name"], plain["labels"]) == ("Medium", "admin", [])
    watchers = admin.get(f"/rest/api/2/issue/{bulk[0]['key']}/watchers").json()["watchers"]
    assert sorted(w["name"] for w in watchers) == sorted(["admin", reporter.name])  # creator and reporter
    assert admin.get(f"/rest/api/2/issue/{bulk[1]['key']}/watchers").json()["watchCount"] == 1
    assert admin.get(f"/rest/api/2/issue/{bulk[0]['key']}/changelog").json()["total"] == 0


def test_bulk_issues_are_found_by_text_search_at_once(admin: httpx.Client, unique_key: Callable[[], str]) -> None:
    key = unique_key()
    make_project(admin, key)
    word = "zq" + key.lower()
    _bulk(admin, [_issue(key, f"plain {n}", description=f"mentions {word} here") for n in range(3)]
          + [_issue(key, "other")])
    found = admin.post("/rest/api/2/search", json={"jql": f'project = {key} AND text ~ "{word}" ORDER BY key'})
    assert found.status_code == 200, found.text
    assert [i["key"] for i in found.json()["issues"]] == [f"{key}-{n}" for n in (1, 2, 3)]


def test_bulk_subtask_of_an_issue_of_the_same_request(admin: httpx.Client, unique_key: Callable[[], str]) -> None:
    key = unique_key()
    make_project(admin, key)
    body = _bulk(admin, [_issue(key, "parent"), _issue(key, "child", "Sub-task", parent={"key": f"{key}-1"}),
                         _issue(key, "orphan", "Sub-task", parent={"key": f"{key}-99"})])
    assert [i["key"] for i in body["issues"]] == [f"{key}-1", f"{key}-2"]
    assert body["errors"][0]["elementErrors"]["errors"] == {"parent": "Could not find issue by id or key."}
    assert get_fields(admin, f"{key}-2")["parent"]["key"] == f"{key}-1"


def test_concurrent_bulk_requests_share_no_number(admin: httpx.Client, base_url: str,
                                                  unique_key: Callable[[], str]) -> None:
    key = unique_key()
    make_project(admin, key)
    clients = [httpx.Client(base_url=base_url, auth=ADMIN, timeout=60) for _ in range(4)]

    def send(n: int) -> list[str]:
        items = [_issue(key, f"batch {n} item {i}") for i in range(10)]
        return [i["key"] for i in _bulk(clients[n % 4], items)["issues"]]

    try:
        with ThreadPoolExecutor(4) as pool:
            batches = list(pool.map(send, range(8)))
    finally:
        for client in clients:
            client.close()
    numbers = [int(k.split("-")[1]) for batch in batches for k in batch]
    assert sorted(numbers) == list(range(1, 81))
    assert all(batch == sorted(batch, key=lambda k: int(k.split("-")[1])) for batch in batches)

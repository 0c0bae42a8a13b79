"""WAS as one set of issue ids (docs/query-plans.md): each part of the union on its own and together.

The parts: a change set the value; the value was held before the field's first change; the field
never changed and the issue still holds the value it was created with.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator

import httpx
import pytest

API = "/rest/api/2"


def _create(admin: httpx.Client, key: str, summary: str, priority: str) -> str:
    response = admin.post(f"{API}/issue", json={"fields": {
        "project": {"key": key}, "issuetype": {"name": "Task"}, "summary": summary, "priority": {"name": priority}}})
    assert response.status_code == 201, response.text
    return str(response.json()["key"])


def _set_priority(admin: httpx.Client, issue: str, priority: str) -> None:
    response = admin.put(f"{API}/issue/{issue}", json={"fields": {"priority": {"name": priority}}})
    assert response.status_code == 204, response.text


@pytest.fixture(scope="module")
def histories(admin: httpx.Client) -> Iterator[tuple[str, dict[str, str]]]:
    """Issues whose priority histories exercise each part; names say the history."""
    key = "W" + uuid.uuid4().hex[:7].upper().replace("0", "Z")
    created = admin.post(f"{API}/project", json={"key": key, "name": f"Was {key}", "lead": "admin",
                                                 "projectTypeKey": "software"})
    assert created.status_code == 201, created.text
    issues = {
        "low": _create(admin, key, "never changed", "Low"),
        "low>high": _create(admin, key, "changed once", "Low"),
        "medium>high>low": _create(admin, key, "changed twice", "Medium"),
        "medium>low>medium": _create(admin, key, "changed back", "Medium"),
    }
    _set_priority(admin, issues["low>high"], "High")
    _set_priority(admin, issues["medium>high>low"], "High")
    _set_priority(admin, issues["medium>high>low"], "Low")
    _set_priority(admin, issues["medium>low>medium"], "Low")
    _set_priority(admin, issues["medium>low>medium"], "Medium")
    yield key, issues
    admin.delete(f"{API}/project/{key}")


def _found(admin: httpx.Client, key: str, clause: str) -> set[str]:
    response = admin.post(f"{API}/search", json={"jql": f"project = {key} AND {clause}", "maxResults": 50,
                                                 "fields": ["summary"]})
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["total"] == len(body["issues"])
    return {issue["key"] for issue in body["issues"]}


# (clause, the histories it finds)
CASES = [
    ("priority WAS Low", {"low", "low>high", "medium>high>low", "medium>low>medium"}),
    ("priority WAS High", {"low>high", "medium>high>low"}),
    ("priority WAS Medium", {"medium>high>low", "medium>low>medium"}),
    ("priority WAS NOT Medium", {"low", "low>high"}),
    ("priority WAS IN (High, Medium)", {"low>high", "medium>high>low", "medium>low>medium"}),
    ("priority WAS NOT IN (Low, High)", set()),
    ("priority WAS Highest", set()),
    ("priority WAS Low AND priority != Low", {"low>high", "medium>low>medium"}),
    ("priority WAS Medium BEFORE now()", {"medium>high>low", "medium>low>medium"}),
    ("priority WAS Low BY admin", {"low>high", "medium>high>low", "medium>low>medium", "low"}),
    ("priority CHANGED", {"low>high", "medium>high>low", "medium>low>medium"}),
    ("priority CHANGED FROM Medium TO Low", {"medium>low>medium"}),
    ("NOT priority CHANGED", {"low"}),
]


@pytest.mark.parametrize(("clause", "expected"), CASES, ids=[c[0] for c in CASES])
def test_was_finds_each_part_of_the_history(admin: httpx.Client, histories: tuple[str, dict[str, str]],
                                            clause: str, expected: set[str]) -> None:
    key, issues = histories
    assert _found(admin, key, clause) == {issues[name] for name in expected}

"""Every system field with values of the wrong shape: a field error, never a server error, nothing written."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import httpx

from tests.platform.issues.helpers import get_fields, make_issue, make_project

FIELDS = ["summary", "description", "environment", "issuetype", "priority", "assignee", "reporter", "labels",
          "components", "versions", "fixVersions", "duedate", "timetracking", "security", "resolution", "project",
          "parent", "customfield_99999999999999999999"]
HOSTILE: list[Any] = [True, "x" * 300, [5], [None], {"id": "abc"}, {"id": 99999999999999}, {"name": 5},
                      [{"id": {}}], {"originalEstimate": True}, "\x00"]


def _is_error(response: httpx.Response) -> bool:
    if response.status_code >= 500:
        return False
    if response.status_code < 400:
        return True
    body = response.json()
    return set(body) == {"errorMessages", "errors"}


def test_hostile_field_values(admin: httpx.Client, unique_key: Callable[[], str]) -> None:
    key = unique_key()
    make_project(admin, key)
    issue = make_issue(admin, key, "Target")
    failures = []
    for field in FIELDS:
        for value in HOSTILE:
            base = {"project": {"key": key}, "issuetype": {"name": "Bug"}, "summary": "fuzz"}
            created = admin.post("/rest/api/2/issue", json={"fields": {**base, field: value}})
            edited = admin.put(f"/rest/api/2/issue/{issue['key']}", json={"fields": {field: value}})
            verbs = admin.put(f"/rest/api/2/issue/{issue['key']}", json={"update": {field: [{"add": value}]}})
            for response in (created, edited, verbs):
                if not _is_error(response):
                    failures.append(f"{field}={value!r}: {response.status_code} {response.text[:200]}")
    for value in HOSTILE:
        moved = admin.post(f"/rest/api/2/issue/{issue['key']}/transitions",
                           json={"transition": {"id": "5"}, "fields": {"resolution": value, "assignee": value}})
        if not _is_error(moved):
            failures.append(f"transition {value!r}: {moved.status_code} {moved.text[:200]}")
    assert failures == []
    assert get_fields(admin, issue["key"])["status"]["name"] == "Open"
    for params in ({"fields": ",,,-"}, {"expand": "transitions.fields,%%%"}, {"properties": "*all,-x"},
                   {"fields": "*navigable,-summary,customfield_1"}):
        response = admin.get(f"/rest/api/2/issue/{issue['key']}", params=params)
        assert response.status_code == 200, response.text

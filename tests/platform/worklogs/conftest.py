"""Issues to log work on, and a helper to read an issue's time tracking."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import httpx
import pytest

API = "/rest/api/2"


@dataclass
class IssueRef:
    id: str
    key: str
    project_key: str

    @property
    def worklogs(self) -> str:
        return f"{API}/issue/{self.key}/worklog"


@pytest.fixture
def make_issue(admin: httpx.Client, unique_key: Callable[[], str]) -> Callable[..., IssueRef]:
    """A fresh project with one task in it, optionally with estimates ("1d", "5h")."""

    def make(original: str | None = None, remaining: str | None = None) -> IssueRef:
        key = unique_key()
        project = admin.post(f"{API}/project", json={"key": key, "name": key, "projectTypeKey": "software",
                                                     "lead": "admin"})
        assert project.status_code == 201, project.text
        issue = admin.post(f"{API}/issue", json={"fields": {"project": {"key": key}, "summary": "Logged",
                                                            "issuetype": {"name": "Task"}}})
        assert issue.status_code == 201, issue.text
        ref = IssueRef(issue.json()["id"], issue.json()["key"], key)
        if original or remaining:
            tracking = {k: v for k, v in (("originalEstimate", original), ("remainingEstimate", remaining)) if v}
            edited = admin.put(f"{API}/issue/{ref.key}", json={"fields": {"timetracking": tracking}})
            assert edited.status_code == 204, edited.text
        return ref

    return make


@pytest.fixture
def issue(make_issue: Callable[..., IssueRef]) -> IssueRef:
    return make_issue()


def tracking(admin: httpx.Client, ref: IssueRef) -> dict[str, Any]:
    response = admin.get(f"{API}/issue/{ref.key}", params={"fields": "timetracking"})
    assert response.status_code == 200, response.text
    return dict(response.json()["fields"]["timetracking"])


def issue_fields(admin: httpx.Client, ref: IssueRef, fields: str) -> dict[str, Any]:
    response = admin.get(f"{API}/issue/{ref.key}", params={"fields": fields})
    assert response.status_code == 200, response.text
    return dict(response.json()["fields"])

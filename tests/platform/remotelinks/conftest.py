"""An issue to add remote links to."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import httpx
import pytest

API = "/rest/api/2"


@dataclass
class IssueRef:
    id: str
    key: str

    @property
    def remotelinks(self) -> str:
        return f"{API}/issue/{self.key}/remotelink"


@pytest.fixture
def make_issue(admin: httpx.Client, unique_key: Callable[[], str]) -> Callable[[], IssueRef]:
    def make() -> IssueRef:
        key = unique_key()
        project = admin.post(f"{API}/project", json={"key": key, "name": key, "projectTypeKey": "software",
                                                     "lead": "admin"})
        assert project.status_code == 201, project.text
        issue = admin.post(f"{API}/issue", json={"fields": {"project": {"key": key}, "summary": "Remote",
                                                            "issuetype": {"name": "Task"}}})
        assert issue.status_code == 201, issue.text
        return IssueRef(issue.json()["id"], issue.json()["key"])

    return make


@pytest.fixture
def issue(make_issue: Callable[[], IssueRef]) -> IssueRef:
    return make_issue()

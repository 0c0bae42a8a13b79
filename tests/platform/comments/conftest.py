"""Issues to comment on, groups and project role actors for comment visibility."""

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
    project_key: str

    @property
    def comments(self) -> str:
        return f"{API}/issue/{self.key}/comment"


@pytest.fixture
def make_issue(admin: httpx.Client, unique_key: Callable[[], str]) -> Callable[[], IssueRef]:
    """A fresh project (Jira's default schemes) with one task in it."""

    def make() -> IssueRef:
        key = unique_key()
        project = admin.post(f"{API}/project", json={"key": key, "name": key, "projectTypeKey": "software",
                                                     "lead": "admin"})
        assert project.status_code == 201, project.text
        issue = admin.post(f"{API}/issue", json={"fields": {"project": {"key": key}, "summary": "Commented",
                                                            "issuetype": {"name": "Task"}}})
        assert issue.status_code == 201, issue.text
        return IssueRef(issue.json()["id"], issue.json()["key"], key)

    return make


@pytest.fixture
def issue(make_issue: Callable[[], IssueRef]) -> IssueRef:
    return make_issue()


@pytest.fixture
def make_group(admin: httpx.Client, unique: Callable[[str], str]) -> Callable[..., str]:
    """A new group with the given users as members; returns its name."""

    def make(*members: str) -> str:
        name = unique("grp")
        assert admin.post(f"{API}/group", json={"name": name}).status_code == 201
        for member in members:
            added = admin.post(f"{API}/group/user", params={"groupname": name}, json={"name": member})
            assert added.status_code == 201, added.text
        return name

    return make


def add_role_actor(admin: httpx.Client, project_key: str, role_id: int, *, user: str | None = None,
                   group: str | None = None) -> None:
    body = {"user": [user]} if user else {"group": [group]}
    response = admin.post(f"{API}/project/{project_key}/role/{role_id}", json=body)
    assert response.status_code == 200, response.text

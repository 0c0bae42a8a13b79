"""Projects with issues to link, and link types that are removed again after each test."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass

import httpx
import pytest

API = "/rest/api/2"
LINKING = f"{API}/application-properties/jira.option.issuelinking"


@dataclass
class IssueRef:
    id: str
    key: str


@pytest.fixture
def make_issues(admin: httpx.Client, unique_key: Callable[[], str]) -> Callable[[int], list[IssueRef]]:
    """A fresh project with `count` tasks named 'Task 1', 'Task 2', ..."""

    def make(count: int) -> list[IssueRef]:
        key = unique_key()
        project = admin.post(f"{API}/project", json={"key": key, "name": key, "projectTypeKey": "software",
                                                     "lead": "admin"})
        assert project.status_code == 201, project.text
        made = []
        for number in range(1, count + 1):
            issue = admin.post(f"{API}/issue", json={"fields": {"project": {"key": key}, "summary": f"Task {number}",
                                                                "issuetype": {"name": "Task"}}})
            assert issue.status_code == 201, issue.text
            made.append(IssueRef(issue.json()["id"], issue.json()["key"]))
        return made

    return make


@pytest.fixture
def link_type(admin: httpx.Client, unique: Callable[[str], str]) -> Iterator[dict[str, str]]:
    """A new link type, deleted after the test (other tests list the link types exactly)."""
    name = unique("Causes")
    created = admin.post(f"{API}/issueLinkType", json={"name": name, "inward": "is caused by", "outward": "causes"})
    assert created.status_code == 201, created.text
    yield created.json()
    admin.delete(f"{API}/issueLinkType/{created.json()['id']}")


@contextmanager
def linking_disabled(admin: httpx.Client) -> Iterator[None]:
    assert admin.put(LINKING, json={"id": "jira.option.issuelinking", "value": "false"}).status_code == 200
    try:
        yield
    finally:
        assert admin.put(LINKING, json={"id": "jira.option.issuelinking", "value": "true"}).status_code == 200

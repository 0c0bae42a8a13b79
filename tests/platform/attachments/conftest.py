"""Issues to attach to, application properties set for one test, and the storage directory."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest

from tests.harness import RunningServer

API = "/rest/api/2"
XSRF = {"X-Atlassian-Token": "no-check"}


@dataclass
class IssueRef:
    id: str
    key: str

    @property
    def attachments(self) -> str:
        return f"{API}/issue/{self.key}/attachments"


@pytest.fixture
def make_issue(admin: httpx.Client, unique_key: Callable[[], str]) -> Callable[[], IssueRef]:
    def make() -> IssueRef:
        key = unique_key()
        project = admin.post(f"{API}/project", json={"key": key, "name": key, "projectTypeKey": "software",
                                                     "lead": "admin"})
        assert project.status_code == 201, project.text
        issue = admin.post(f"{API}/issue", json={"fields": {"project": {"key": key}, "summary": "Attached",
                                                            "issuetype": {"name": "Task"}}})
        assert issue.status_code == 201, issue.text
        return IssueRef(issue.json()["id"], issue.json()["key"])

    return make


@pytest.fixture
def issue(make_issue: Callable[[], IssueRef]) -> IssueRef:
    return make_issue()


@contextmanager
def app_property(admin: httpx.Client, key: str, value: str) -> Iterator[None]:
    """Sets an application property for the block and restores the previous value after it."""
    url = f"{API}/application-properties/{key}"
    before = admin.get(f"{API}/application-properties", params={"key": key}).json()["value"]
    response = admin.put(url, json={"id": key, "value": value})
    assert response.status_code == 200, response.text
    try:
        yield
    finally:
        assert admin.put(url, json={"id": key, "value": before}).status_code == 200


@pytest.fixture
def storage_dir(server: RunningServer) -> Path:
    return Path(server.settings.data_dir) / "attachments"


def stored_files(root: Path) -> set[str]:
    return {path.name for path in root.rglob("*") if path.is_file()} if root.exists() else set()


def upload(client: httpx.Client, issue: IssueRef, *files: tuple[str, bytes, str]) -> httpx.Response:
    return client.post(issue.attachments, headers=XSRF, files=[("file", f) for f in files])


def eventually(check: Callable[[], bool], seconds: float = 5.0) -> bool:
    """Files of deleted attachments are purged just after the response (a background task)."""
    deadline = time.monotonic() + seconds
    while not check():
        if time.monotonic() > deadline:
            return False
        time.sleep(0.05)
    return True

"""Issues to watch and vote on, and switching watching or voting off for one test."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
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
    def watchers(self) -> str:
        return f"{API}/issue/{self.key}/watchers"

    @property
    def votes(self) -> str:
        return f"{API}/issue/{self.key}/votes"


@pytest.fixture
def make_issue(admin: httpx.Client, unique_key: Callable[[], str]) -> Callable[..., IssueRef]:
    """A fresh project with one task in it, reported by the administrator unless told otherwise."""

    def make(reporter: str | None = None) -> IssueRef:
        key = unique_key()
        project = admin.post(f"{API}/project", json={"key": key, "name": key, "projectTypeKey": "software",
                                                     "lead": "admin"})
        assert project.status_code == 201, project.text
        fields = {"project": {"key": key}, "summary": "Watched", "issuetype": {"name": "Task"}}
        if reporter is not None:
            fields["reporter"] = {"name": reporter}
        issue = admin.post(f"{API}/issue", json={"fields": fields})
        assert issue.status_code == 201, issue.text
        ref = IssueRef(issue.json()["id"], issue.json()["key"], key)
        # Creator and reporter watch new issues (autowatch); the tests start from nobody watching.
        for name in {"admin", reporter} - {None}:
            assert admin.delete(ref.watchers, params={"username": name}).status_code == 204
        return ref

    return make


@pytest.fixture
def issue(make_issue: Callable[..., IssueRef]) -> IssueRef:
    return make_issue()


@pytest.fixture
def switched_off(admin: httpx.Client) -> Callable[[str], object]:
    """Context manager: `with switched_off("jira.option.watching"):` sets the option to false."""

    @contextmanager
    def switch(key: str) -> Iterator[None]:
        url = f"{API}/application-properties/{key}"
        assert admin.put(url, json={"id": key, "value": "false"}).status_code == 200
        try:
            yield
        finally:
            assert admin.put(url, json={"id": key, "value": "true"}).status_code == 200

    return switch

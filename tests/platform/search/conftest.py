"""A project with a handful of issues for the search tests, made through the REST API."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from dataclasses import dataclass

import httpx
import pytest

API = "/rest/api/2"


@dataclass
class Corpus:
    key: str
    keys: list[str]
    user: str


def create_issue(admin: httpx.Client, fields: dict[str, object]) -> str:
    response = admin.post(f"{API}/issue", json={"fields": fields})
    assert response.status_code == 201, response.text
    return str(response.json()["key"])


@pytest.fixture(scope="module")
def corpus(admin: httpx.Client) -> Iterator[Corpus]:
    # Not "SE...": the suggestions test types the key's first three letters, which must not begin the name too.
    key = "SQ" + uuid.uuid4().hex[:6].upper().replace("0", "Q")
    created = admin.post(f"{API}/project", json={"key": key, "name": f"Search {key}", "lead": "admin",
                                                 "projectTypeKey": "software"})
    assert created.status_code == 201, created.text
    user = "searcher-" + uuid.uuid4().hex[:6]
    assert admin.post(f"{API}/user", json={"name": user, "password": "pw-12345", "emailAddress": f"{user}@x.org",
                                           "displayName": "Sam Searcher"}).status_code == 201
    assert admin.post(f"{API}/component", json={"project": key, "name": "Backend"}).status_code == 201
    v1 = admin.post(f"{API}/version", json={"project": key, "name": "1.0", "released": True}).json()
    v2 = admin.post(f"{API}/version", json={"project": key, "name": "2.0"}).json()
    base = {"project": {"key": key}, "issuetype": {"name": "Task"}}
    keys = [
        create_issue(admin, {**base, "summary": "Login page crashes on submit", "priority": {"name": "High"},
                             "labels": ["frontend", "urgent"], "assignee": {"name": user},
                             "components": [{"name": "Backend"}], "fixVersions": [{"id": v1["id"]}]}),
        create_issue(admin, {**base, "summary": "Database migration is slow", "priority": {"name": "Low"},
                             "description": "The nightly migration takes hours", "labels": ["backend"],
                             "fixVersions": [{"id": v2["id"]}], "duedate": "2030-01-15"}),
        create_issue(admin, {**base, "summary": "Add dark mode", "priority": {"name": "Medium"},
                             "issuetype": {"name": "Story"}}),
        create_issue(admin, {**base, "summary": "Crash when exporting reports", "priority": {"name": "Highest"},
                             "issuetype": {"name": "Bug"}, "assignee": {"name": "admin"}}),
    ]
    yield Corpus(key, keys, user)
    admin.delete(f"{API}/project/{key}")

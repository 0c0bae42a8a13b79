"""Versions and components named alike in several projects: with a top-level project clause the query looks
only at that project's (`compiler._project_scope`), and finds exactly what it finds without one, restricted to
the project; without such a clause (an OR, a saved filter's own) every project's count."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from dataclasses import dataclass

import httpx
import pytest

from tests.platform.issues.helpers import make_issue, make_project

API = "/rest/api/2"


@dataclass
class Twins:
    a: str
    b: str
    issues: dict[str, str]  # name -> key


def _ok(response: httpx.Response) -> dict[str, object]:
    assert response.status_code == 201, response.text
    body: dict[str, object] = response.json()
    return body


@pytest.fixture(scope="module")
def twins(admin: httpx.Client) -> Iterator[Twins]:
    a, b = ("S" + uuid.uuid4().hex[:6].upper().replace("0", "Q") for _ in range(2))
    issues: dict[str, str] = {}
    for key in (a, b):
        make_project(admin, key)
        one = _ok(admin.post(f"{API}/version", json={"project": key, "name": "1.0"}))
        _ok(admin.post(f"{API}/version", json={"project": key, "name": "2.0"}))
        backend = _ok(admin.post(f"{API}/component", json={"project": key, "name": "Backend"}))
        issues[f"{key} both"] = make_issue(admin, key, "both", fixVersions=[{"id": one["id"]}],
                                           components=[{"id": backend["id"]}])["key"]
        issues[f"{key} none"] = make_issue(admin, key, "none")["key"]
    _ok(admin.post(f"{API}/version", json={"project": b, "name": "only-b"}))
    yield Twins(a, b, issues)
    for key in (a, b):
        admin.delete(f"{API}/project/{key}")


def _found(admin: httpx.Client, jql: str) -> set[str]:
    response = admin.post(f"{API}/search", json={"jql": jql, "maxResults": 100, "fields": ["summary"]})
    assert response.status_code == 200, response.text
    assert response.json()["total"] == len(response.json()["issues"])
    return {issue["key"] for issue in response.json()["issues"]}


def test_project_clauses_narrow_versions_and_components_to_their_projects(admin: httpx.Client,
                                                                         twins: Twins) -> None:
    a, b, issues = twins.a, twins.b, twins.issues
    both = {issues[f"{a} both"], issues[f"{b} both"]}
    assert _found(admin, f'project = {a} AND fixVersion = "1.0"') == {issues[f"{a} both"]}
    assert _found(admin, f'project = {a} AND component = Backend') == {issues[f"{a} both"]}
    assert _found(admin, f'project in ({a}, {b}) AND fixVersion = "1.0"') == both
    assert _found(admin, f'project = {a} AND fixVersion != "1.0"') == set()
    assert _found(admin, f'project = {a} AND (fixVersion is EMPTY OR component not in (Backend))') == {
        issues[f"{a} none"]}
    assert _found(admin, f'project = {a} AND fixVersion < "2.0"') == {issues[f"{a} both"]}
    assert _found(admin, f'project = {a} AND fixVersion = "only-b"') == set()  # exists (in b): no error
    assert _found(admin, f'project = {a} AND NOT fixVersion = "1.0"') == {issues[f"{a} none"]}
    assert _found(admin, f'(project = {a} OR project = {b}) AND component = Backend') == both
    assert _found(admin, f'project = {a} AND project = {b} AND component = Backend') == set()
    assert _found(admin, f'(project = {a} AND component = Backend) OR (project = {b} AND fixVersion = "1.0")') == both
    response = admin.post(f"{API}/search", json={"jql": f'project = {a} AND fixVersion = "no-such"'})
    assert response.status_code == 400
    assert response.json()["errorMessages"] == ["The value 'no-such' does not exist for the field 'fixVersion'."]


def test_a_saved_filter_keeps_its_project_to_itself(admin: httpx.Client, twins: Twins) -> None:
    a, b, issues = twins.a, twins.b, twins.issues
    saved = admin.post(f"{API}/filter", json={"name": f"scope {uuid.uuid4().hex[:6]}", "jql": f"project = {b}"})
    assert saved.status_code == 200, saved.text
    try:
        both = {issues[f"{a} both"], issues[f"{b} both"]}
        assert _found(admin, f'(filter = {saved.json()["id"]} OR project = {a}) AND component = Backend') == both
        assert _found(admin, f'filter = {saved.json()["id"]} AND component = Backend') == {issues[f"{b} both"]}
    finally:
        admin.delete(f"{API}/filter/{saved.json()['id']}")


def test_the_narrowed_query_names_one_version(server, admin: httpx.Client, twins: Twins) -> None:  # type: ignore[no-untyped-def]
    """Other projects have a "1.0" too (here b, and others' tests): only a's is looked at."""
    import re

    from tests.jql.plans import search_statements

    count, parameters = search_statements(server, admin, f'project = {twins.a} AND fixVersion = "1.0"')["count"]
    statement = " ".join(count.split())
    listed = re.search(r"version_id IN \(([^)]*)\)", statement)  # SQLite: one parameter per version
    bound = re.search(r"version_id = ANY \(%\((\w+)\)s", statement)  # PostgreSQL: one array of them
    assert listed is not None or bound is not None, statement
    versions = listed.group(1).split(",") if listed else parameters[bound.group(1)] if bound else []
    assert len(versions) == 1, (statement, parameters)

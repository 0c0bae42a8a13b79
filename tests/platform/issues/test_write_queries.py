"""Writes run a number of SQL statements that does not grow with what they carry: POST issue with many labels,
components and custom field values costs what it costs with one; issue/bulk of 50 what it costs with 2."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import httpx

from tests.harness import RunningServer, backend
from tests.platform.issues.helpers import get_fields, make_issue, make_project
from tests.querycount import least_queries

PREFIX = "com.atlassian.jira.plugin.system.customfieldtypes:"
MANY = 6


def _text_fields(admin: httpx.Client, unique: Callable[[str], str], count: int) -> list[str]:
    ids = []
    for _ in range(count):
        response = admin.post("/rest/api/2/field", json={"name": unique("Note"), "type": PREFIX + "textfield"})
        assert response.status_code == 201, response.text
        ids.append(response.json()["id"])
        assert admin.post(f"/rest/api/2/screens/addToDefault/{ids[-1]}").status_code == 201
    return ids


def _components(admin: httpx.Client, key: str, count: int) -> list[str]:
    ids = []
    for n in range(count):
        response = admin.post("/rest/api/2/component", json={"project": key, "name": f"Part {n}"})
        assert response.status_code == 201, response.text
        ids.append(response.json()["id"])
    return ids


def _fields(key: str, size: int, components: list[str], notes: list[str]) -> dict[str, Any]:
    return {"project": {"key": key}, "issuetype": {"name": "Task"}, "summary": f"with {size}",
            "labels": [f"label{n}" for n in range(size)],
            "components": [{"id": c} for c in components[:size]],
            **{field: f"note {n}" for n, field in enumerate(notes[:size])}}


def test_create_costs_the_same_with_many_values(server: RunningServer, admin: httpx.Client,
                                                unique_key: Callable[[], str],
                                                unique: Callable[[str], str]) -> None:
    key = unique_key()
    make_project(admin, key)
    components, notes = _components(admin, key, MANY), _text_fields(admin, unique, MANY)
    created: list[str] = []

    def create(size: int) -> Callable[[], None]:
        def run() -> None:
            response = admin.post("/rest/api/2/issue", json={"fields": _fields(key, size, components, notes)})
            assert response.status_code == 201, response.text
            created.append(response.json()["key"])
        return run

    create(1)()  # warm caches
    one, many = least_queries(server, create(1)), least_queries(server, create(MANY))
    assert 0 < many == one
    fields = get_fields(admin, created[-1])
    assert fields["labels"] == [f"label{n}" for n in range(MANY)]
    assert sorted(c["id"] for c in fields["components"]) == sorted(components)
    assert [fields[field] for field in notes] == [f"note {n}" for n in range(MANY)]


def test_bulk_costs_a_constant_number_of_statements(server: RunningServer, admin: httpx.Client,
                                                    unique_key: Callable[[], str]) -> None:
    key = unique_key()
    make_project(admin, key)

    def bulk(size: int) -> Callable[[], None]:
        def run() -> None:
            body = {"issueUpdates": [{"fields": {"project": {"key": key}, "issuetype": {"name": "Task"},
                                                 "summary": f"bulk {n}", "labels": ["a", f"b{n}"]}}
                                     for n in range(size)]}
            response = admin.post("/rest/api/2/issue/bulk", json=body)
            assert response.status_code == 201, response.text
            assert len(response.json()["issues"]) == size
        return run

    bulk(2)()  # warm caches
    assert 0 < least_queries(server, bulk(50)) == least_queries(server, bulk(2))


def test_edit_and_transition_cost_the_same_with_many_values(server: RunningServer, admin: httpx.Client,
                                                            unique_key: Callable[[], str]) -> None:
    key = unique_key()
    make_project(admin, key)
    components = _components(admin, key, MANY)
    issue = make_issue(admin, key, "edited", "Task")["key"]
    rounds = iter(range(1000))

    def edit(size: int) -> Callable[[], None]:
        def run() -> None:
            n = next(rounds)
            response = admin.put(f"/rest/api/2/issue/{issue}", json={"fields": {
                "summary": f"edit {n}", "labels": [f"l{n}-{i}" for i in range(size)],
                "components": [{"id": c} for c in (components[:size] if n % 2 else components[-size:])]}})
            assert response.status_code == 204, response.text
        return run

    edit(1)()
    assert 0 < least_queries(server, edit(MANY - 1)) == least_queries(server, edit(1))


# A plain create on PostgreSQL: the configuration generation, the issue's number, the issue, then its held
# values, the creator's autowatch and its text index row as one statement. SQLite writes those three apart (the
# text row as a delete and an insert) and counts its BEGIN.
CREATE_STATEMENTS = 4 if backend() == "postgres" else 11


def test_create_is_pinned_and_its_companions_are_written(server: RunningServer, admin: httpx.Client,
                                                         unique_key: Callable[[], str]) -> None:
    key = unique_key()
    make_project(admin, key)
    made: list[str] = []

    def create() -> None:
        response = admin.post("/rest/api/2/issue", json={"fields": {
            "project": {"key": key}, "issuetype": {"name": "Task"}, "summary": f"zqwexplant {len(made)}"}})
        assert response.status_code == 201, response.text
        made.append(response.json()["key"])

    create()
    assert least_queries(server, create) == CREATE_STATEMENTS
    issue = made[-1]
    watchers = admin.get(f"/rest/api/2/issue/{issue}/watchers").json()
    assert [w["name"] for w in watchers["watchers"]] == ["admin"]
    status = get_fields(admin, issue)["status"]["name"]
    for jql in (f'project = {key} AND text ~ "zqwexplant"', f'project = {key} AND status WAS "{status}"',
                f"project = {key} AND reporter WAS admin"):
        found = admin.post("/rest/api/2/search", json={"jql": jql, "fields": ["summary"], "maxResults": 10})
        assert found.status_code == 200, found.text
        assert issue in {i["key"] for i in found.json()["issues"]}, jql


# An edit of the summary on PostgreSQL: the generation, the issue, its update, the change group with its items
# (one statement), its text index row. SQLite writes the group and its items apart and the text row as a delete
# and an insert, counts its BEGINs, and reads the caller in a read session of its own.
EDIT_STATEMENTS = 5 if backend() == "postgres" else 11


def test_edit_is_pinned_and_its_changelog_is_written(server: RunningServer, admin: httpx.Client,
                                                     unique_key: Callable[[], str]) -> None:
    key = unique_key()
    make_project(admin, key)
    issue = make_issue(admin, key, "to edit")["key"]
    edits = iter(range(100))

    def edit() -> None:
        n = next(edits)
        response = admin.put(f"/rest/api/2/issue/{issue}", json={"fields": {"summary": f"edited {n}",
                                                                            "description": f"text {n}"}})
        assert response.status_code == 204, response.text

    edit()
    assert least_queries(server, edit) == EDIT_STATEMENTS
    history = admin.get(f"/rest/api/2/issue/{issue}", params={"expand": "changelog", "fields": "summary"}
                        ).json()["changelog"]
    last = history["histories"][-1]
    assert [(i["field"], i["fromString"], i["toString"]) for i in last["items"]] == [
        ("summary", "edited 2", "edited 3"), ("description", "text 2", "text 3")]

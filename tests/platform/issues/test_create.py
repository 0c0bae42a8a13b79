"""Creating issues: keys, system fields, sub-tasks, errors that change nothing."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import httpx

from tests.harness import RunningServer
from tests.platform.issues.helpers import get_fields, make_issue, make_project
from tests.querycount import fewest_statements


def test_create_returns_id_key_self_and_reads_back(admin: httpx.Client, unique_key: Callable[[], str],
                                                   base_url: str) -> None:
    key = unique_key()
    make_project(admin, key)
    created = make_issue(admin, key, "First issue", description="Some *text*", labels=["b", "a"],
                         priority={"name": "High"}, duedate="2030-01-31", environment="linux",
                         timetracking={"originalEstimate": "1w 2d", "remainingEstimate": "3h 30m"})
    assert created["key"] == f"{key}-1"
    assert created["self"] == f"{base_url}/rest/api/2/issue/{created['id']}"
    fields = get_fields(admin, created["key"])
    assert fields["summary"] == "First issue"
    assert fields["description"] == "Some *text*"
    assert fields["environment"] == "linux"
    assert fields["labels"] == ["a", "b"]
    assert fields["priority"]["name"] == "High"
    assert fields["duedate"] == "2030-01-31"
    assert fields["issuetype"]["name"] == "Bug"
    assert fields["project"]["key"] == key
    assert fields["status"]["name"] == "Open"
    assert fields["status"]["statusCategory"]["key"] == "new"
    assert fields["reporter"]["name"] == "admin"
    assert fields["creator"]["name"] == "admin"
    assert fields["timetracking"] == {"originalEstimate": "1w 2d", "remainingEstimate": "3h 30m",
                                      "originalEstimateSeconds": 7 * 8 * 3600,
                                      "remainingEstimateSeconds": 3 * 3600 + 1800}
    assert fields["timeoriginalestimate"] == 7 * 8 * 3600
    assert fields["aggregatetimeestimate"] == 3 * 3600 + 1800
    assert fields["resolution"] is None
    assert fields["subtasks"] == []
    assert fields["votes"]["votes"] == 0
    assert (fields["watches"]["watchCount"], fields["watches"]["isWatching"]) == (1, True)  # autowatch
    assert fields["comment"] == {"comments": [], "maxResults": 0, "total": 0, "startAt": 0}
    assert "parent" not in fields
    second = make_issue(admin, key, "Second")
    assert second["key"] == f"{key}-2"


def test_create_with_components_versions_and_assignee(admin: httpx.Client, unique_key: Callable[[], str],
                                                      make_user: Callable[..., Any]) -> None:
    key = unique_key()
    make_project(admin, key)
    user = make_user("dev")
    comp = admin.post("/rest/api/2/component", json={"project": key, "name": "Backend"}).json()
    ver = admin.post("/rest/api/2/version", json={"project": key, "name": "1.0"}).json()
    created = make_issue(admin, key, components=[{"name": "backend"}], versions=[{"id": ver["id"]}],
                         fixVersions=[{"name": "1.0"}], assignee={"name": user.name})
    fields = get_fields(admin, created["key"])
    assert [c["id"] for c in fields["components"]] == [comp["id"]]
    assert [v["name"] for v in fields["versions"]] == ["1.0"]
    assert [v["id"] for v in fields["fixVersions"]] == [ver["id"]]
    assert fields["assignee"]["name"] == user.name


def _error(admin: httpx.Client, fields: dict[str, Any]) -> dict[str, Any]:
    response = admin.post("/rest/api/2/issue", json={"fields": fields})
    assert response.status_code == 400, response.text
    body: dict[str, Any] = response.json()
    return body


def test_create_errors(admin: httpx.Client, unique_key: Callable[[], str]) -> None:
    key = unique_key()
    make_project(admin, key)
    base = {"project": {"key": key}, "issuetype": {"name": "Bug"}, "summary": "x"}
    assert _error(admin, {**base, "summary": None}) == {
        "errorMessages": [], "errors": {"summary": "You must specify a summary of the issue."}}
    assert _error(admin, {**base, "summary": "s" * 256})["errors"] == {
        "summary": "Summary must be less than 255 characters."}
    assert _error(admin, {**base, "issuetype": {"name": "Nope"}})["errors"] == {
        "issuetype": "The issue type selected is invalid."}
    assert _error(admin, {**base, "project": {"key": "NOPE1"}})["errors"] == {
        "project": "valid project is required"}
    assert _error(admin, {**base, "priority": {"id": "999"}})["errors"] == {"priority": "Invalid priority id '999'"}
    assert _error(admin, {**base, "assignee": {"name": "ghost-user"}})["errors"] == {
        "assignee": "User 'ghost-user' does not exist."}
    assert _error(admin, {**base, "labels": ["a b"]})["errors"] == {
        "labels": "The label 'a b' contains spaces which is invalid."}
    assert _error(admin, {**base, "duedate": "31/01/2030"})["errors"] == {
        "duedate": "Error parsing date string: 31/01/2030"}
    assert _error(admin, {**base, "timetracking": {"originalEstimate": "soon"}})["errors"] == {
        "timetracking": "Invalid original estimate specified."}
    assert _error(admin, {**base, "components": [{"name": "nothing"}]})["errors"] == {
        "components": "Component name 'nothing' is not valid"}
    assert _error(admin, {**base, "resolution": {"name": "Done"}})["errors"] == {
        "resolution": "Field 'resolution' cannot be set. It is not on the appropriate screen, or unknown."}
    assert _error(admin, {**base, "foo": "bar"})["errors"] == {
        "foo": "Field 'foo' cannot be set. It is not on the appropriate screen, or unknown."}
    both = admin.post("/rest/api/2/issue", json={"fields": base, "update": {"summary": [{"set": "y"}]}})
    assert both.status_code == 400
    assert both.json()["errors"] == {"summary": "Field 'summary' cannot be set in both 'fields' and 'update'."}
    # nothing was written: the next issue still gets number 1
    assert make_issue(admin, key)["key"] == f"{key}-1"


def test_subtasks(admin: httpx.Client, unique_key: Callable[[], str]) -> None:
    key, other = unique_key(), unique_key()
    make_project(admin, key)
    make_project(admin, other)
    parent = make_issue(admin, key, "Parent")
    sub = make_issue(admin, key, "Child", "Sub-task", parent={"key": parent["key"]})
    fields = get_fields(admin, sub["key"])
    assert fields["parent"]["key"] == parent["key"]
    assert fields["parent"]["fields"]["summary"] == "Parent"
    parent_fields = get_fields(admin, parent["key"])
    assert [s["key"] for s in parent_fields["subtasks"]] == [sub["key"]]
    base = {"project": {"key": key}, "summary": "x"}
    assert _error(admin, {**base, "issuetype": {"name": "Sub-task"}})["errors"] == {
        "issuetype": "Issue type is a sub-task but parent issue key or id not specified."}
    assert _error(admin, {**base, "issuetype": {"name": "Bug"}, "parent": {"key": parent["key"]}})["errors"] == {
        "issuetype": "Issue type is not a sub-task but parent issue key or id specified."}
    assert _error(admin, {**base, "issuetype": {"name": "Sub-task"}, "parent": {"key": sub["key"]}})["errors"] == {
        "parent": "Parent issue cannot be a sub-task."}
    other_parent = make_issue(admin, other, "Elsewhere")
    assert _error(admin, {**base, "issuetype": {"name": "Sub-task"}, "parent": {"id": other_parent["id"]}})[
        "errors"] == {"parent": "Sub-task must be in the same project as its parent."}


def test_unknown_issue_is_404(admin: httpx.Client) -> None:
    response = admin.get("/rest/api/2/issue/NOPE-1")
    assert response.status_code == 404
    assert response.json() == {"errorMessages": ["Issue Does Not Exist"], "errors": {}}


def test_anonymous_cannot_create(anon: httpx.Client) -> None:
    assert anon.post("/rest/api/2/issue", json={"fields": {}}).status_code == 401


def test_the_project_is_named_by_id_key_or_former_key_without_reading_it(
        server: RunningServer, admin: httpx.Client, unique_key: Callable[[], str]) -> None:
    """Creating reads the project from the configuration cache (keys come from an UPDATE ... RETURNING); a
    key the project had before is still accepted, and an unknown project is refused."""
    old, new = unique_key(), unique_key()
    project = make_project(admin, old)
    assert admin.put(f"/rest/api/2/project/{old}", json={"key": new}).status_code == 201
    made = admin.post("/rest/api/2/issue", json={"fields": {
        "project": {"id": project["id"]}, "issuetype": {"name": "Task"}, "summary": "by id"}})
    assert made.status_code == 201, made.text
    by_id = made.json()
    statements, by_old_key = fewest_statements(server, lambda: make_issue(admin, old.lower(), "by the former key"))
    assert [s for s in statements if "FROM project WHERE" in s or "FROM project_key" in s] == []
    assert by_id["key"] == f"{new}-1" and by_old_key["key"].startswith(f"{new}-")
    assert get_fields(admin, f"{new}-4")["summary"] == "by the former key"
    assert get_fields(admin, by_old_key["key"])["project"]["key"] == new
    for unknown in ({"key": "NOSUCHKEY"}, {"id": "987654"}):
        response = admin.post("/rest/api/2/issue", json={"fields": {
            "project": unknown, "issuetype": {"name": "Task"}, "summary": "nowhere"}})
        assert response.status_code == 400, response.text
        assert response.json()["errors"] == {"project": "valid project is required"}

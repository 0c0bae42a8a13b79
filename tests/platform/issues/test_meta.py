"""createmeta and editmeta describe exactly what create and edit accept."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import httpx

from tests.harness import RunningServer
from tests.platform.issues.helpers import make_issue, make_project
from tests.querycount import fewest_statements

DEFAULT_SCREEN_FIELDS = ["summary", "issuetype", "security", "priority", "duedate", "components", "versions",
                         "fixVersions", "assignee", "reporter", "environment", "description", "timetracking",
                         "labels"]


def _system(fields: dict[str, Any]) -> list[str]:
    """Other tests add custom fields to the shared default screen; these tests look at the system fields."""
    return [f for f in fields if not f.startswith("customfield_")]


def test_createmeta(admin: httpx.Client, unique_key: Callable[[], str]) -> None:
    key = unique_key()
    project = make_project(admin, key)
    admin.post("/rest/api/2/component", json={"project": key, "name": "Core"})
    body = admin.get("/rest/api/2/issue/createmeta", params={
        "projectKeys": key, "issuetypeNames": ["Bug", "Sub-task"], "expand": "projects.issuetypes.fields"}).json()
    assert body["expand"] == "projects"
    [entry] = body["projects"]
    assert (entry["id"], entry["key"], entry["expand"]) == (project["id"], key, "issuetypes")
    assert [t["name"] for t in entry["issuetypes"]] == ["Bug", "Sub-task"]
    bug, sub = entry["issuetypes"]
    assert _system(bug["fields"]) == ["project", "issuetype", *[f for f in DEFAULT_SCREEN_FIELDS if f != "issuetype"]]
    assert "parent" in sub["fields"] and sub["fields"]["parent"]["required"] is True
    assert bug["fields"]["summary"] == {"required": True, "schema": {"type": "string", "system": "summary"},
                                        "name": "Summary", "key": "summary", "hasDefaultValue": False,
                                        "operations": ["set"]}
    assert [c["name"] for c in bug["fields"]["components"]["allowedValues"]] == ["Core"]
    assert bug["fields"]["labels"]["operations"] == ["add", "set", "remove"]
    assert bug["fields"]["priority"]["defaultValue"]["name"] == "Medium"
    assert "resolution" not in bug["fields"]
    plain = admin.get("/rest/api/2/issue/createmeta", params={"projectIds": project["id"]}).json()
    assert "fields" not in plain["projects"][0]["issuetypes"][0]
    assert admin.get("/rest/api/2/issue/createmeta", params={"projectKeys": "NOSUCHKEY"}).json() == {
        "expand": "projects", "projects": []}


def test_editmeta(admin: httpx.Client, unique_key: Callable[[], str]) -> None:
    key = unique_key()
    make_project(admin, key)
    issue = make_issue(admin, key)
    body = admin.get(f"/rest/api/2/issue/{issue['key']}/editmeta").json()
    assert _system(body["fields"]) == DEFAULT_SCREEN_FIELDS
    assert body["fields"]["assignee"]["autoCompleteUrl"].endswith(
        f"/rest/api/latest/user/assignable/search?issueKey={issue['key']}&username=")
    assert body["fields"]["timetracking"]["operations"] == ["set", "edit"]
    assert admin.get("/rest/api/2/issue/NOPE-1/editmeta").status_code == 404


def test_meta_reads_a_projects_versions_and_components_once(server: RunningServer, admin: httpx.Client,
                                                           unique_key: Callable[[], str]) -> None:
    """editmeta shows the versions for two fields and createmeta for every issue type: each list is read once
    per request, and the project comes from the configuration cache."""
    key = unique_key()
    make_project(admin, key)
    for name in ("2.0", "1.0"):
        assert admin.post("/rest/api/2/version", json={"project": key, "name": name}).status_code == 201
    assert admin.post("/rest/api/2/component", json={"project": key, "name": "Engine"}).status_code == 201
    issue = make_issue(admin, key, "meta")["key"]
    flat, fields = fewest_statements(server, lambda: admin.get(f"/rest/api/2/issue/{issue}/editmeta").json()["fields"])
    # No row of the project read by id or key (a listing of every project by name, which other requests of
    # the shared test server may run meanwhile, is not this request's).
    assert [s for s in flat if "FROM project WHERE" in s] == []
    assert sum("FROM version" in s for s in flat) == 1
    names = [v["name"] for v in fields["fixVersions"]["allowedValues"]]
    assert names == [v["name"] for v in fields["versions"]["allowedValues"]] == ["2.0", "1.0"]
    flat, meta = fewest_statements(server, lambda: admin.get("/rest/api/2/issue/createmeta", params={
        "projectKeys": key, "expand": "projects.issuetypes.fields"}).json())
    types = meta["projects"][0]["issuetypes"]
    assert len(types) > 1
    assert all("fixVersions" in t["fields"] and "components" in t["fields"] for t in types)
    for issue_type in types:
        if "fixVersions" in issue_type["fields"]:
            assert [v["name"] for v in issue_type["fields"]["fixVersions"]["allowedValues"]] == ["2.0", "1.0"]
        if "components" in issue_type["fields"]:
            assert [c["name"] for c in issue_type["fields"]["components"]["allowedValues"]] == ["Engine"]
    assert sum("FROM version" in s for s in flat) == 1
    assert sum("FROM component" in s for s in flat) == 1

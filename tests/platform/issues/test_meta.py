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


def _picker(admin: httpx.Client, kind: str, name: str) -> str:
    """A custom field of a picker type on the default screen."""
    prefix = "com.atlassian.jira.plugin.system.customfieldtypes:"
    searcher = {"multiversion": "versionsearcher", "project": "projectsearcher"}[kind]
    made = admin.post("/rest/api/2/field", json={"name": name, "type": prefix + kind, "searcherKey": prefix + searcher})
    assert made.status_code == 201, made.text
    field: str = made.json()["id"]
    assert admin.post(f"/rest/api/2/screens/addToDefault/{field}").status_code in (200, 201, 204)
    return field


def test_meta_reads_a_projects_versions_and_components_once(server: RunningServer, admin: httpx.Client,
                                                           unique_key: Callable[[], str]) -> None:
    """editmeta shows the versions for two fields, each version picker and createmeta for every issue type: each
    list is read once per request, as is the project list of project pickers; the project comes from the
    configuration cache."""
    key = unique_key()
    make_project(admin, key)
    pickers = [_picker(admin, kind, f"{key} {kind} {n}") for kind in ("multiversion", "project") for n in (1, 2)]
    for name in ("2.0", "1.0", "0.9"):
        assert admin.post("/rest/api/2/version", json={"project": key, "name": name}).status_code == 201
    old = next(v for v in admin.get(f"/rest/api/2/project/{key}/versions").json() if v["name"] == "0.9")
    assert admin.put(f"/rest/api/2/version/{old['id']}", json={"archived": True}).status_code == 200
    assert admin.post("/rest/api/2/component", json={"project": key, "name": "Engine"}).status_code == 201
    issue = make_issue(admin, key, "meta")["key"]
    flat, fields = fewest_statements(server, lambda: admin.get(f"/rest/api/2/issue/{issue}/editmeta").json()["fields"])
    assert [s for s in flat if "FROM project WHERE" in s] == []
    assert sum("FROM version" in s for s in flat) == 1
    assert sum("FROM project ORDER BY" in s for s in flat) == 1
    names = [v["name"] for v in fields["fixVersions"]["allowedValues"]]
    assert names == [v["name"] for v in fields["versions"]["allowedValues"]] == ["2.0", "1.0", "0.9"]
    # Version pickers offer only versions not archived, as Jira's do.
    assert [v["name"] for v in fields[pickers[0]]["allowedValues"]] == ["2.0", "1.0"]
    assert fields[pickers[1]]["allowedValues"] == fields[pickers[0]]["allowedValues"]
    assert key in [p["key"] for p in fields[pickers[2]]["allowedValues"]]
    assert fields[pickers[3]]["allowedValues"] == fields[pickers[2]]["allowedValues"]
    flat, meta = fewest_statements(server, lambda: admin.get("/rest/api/2/issue/createmeta", params={
        "projectKeys": key, "expand": "projects.issuetypes.fields"}).json())
    types = meta["projects"][0]["issuetypes"]
    assert len(types) > 1
    assert all("fixVersions" in t["fields"] and "components" in t["fields"] for t in types)
    for issue_type in types:
        if "fixVersions" in issue_type["fields"]:
            assert [v["name"] for v in issue_type["fields"]["fixVersions"]["allowedValues"]] == ["2.0", "1.0", "0.9"]
        if "components" in issue_type["fields"]:
            assert [c["name"] for c in issue_type["fields"]["components"]["allowedValues"]] == ["Engine"]
    assert sum("FROM version" in s for s in flat) == 1
    assert sum("FROM component" in s for s in flat) == 1

"""mypermissions, the permission catalog and permitted projects answer from the enforcing engine."""

from __future__ import annotations

from typing import Any

import httpx

from tests.platform.issues.helpers import make_issue, make_project


def _scheme(admin: httpx.Client, name: str, grants: list[tuple[str, dict[str, Any]]]) -> int:
    body = {"name": name, "permissions": [{"holder": h, "permission": p} for p, h in grants]}
    response = admin.post("/rest/api/2/permissionscheme", json=body)
    assert response.status_code == 201, response.text
    sid: int = response.json()["id"]
    return sid


def test_catalog_lists_global_and_project_permissions(admin: httpx.Client, make_user) -> None:  # type: ignore[no-untyped-def]
    body = admin.get("/rest/api/2/permissions").json()["permissions"]
    assert body["BULK_CHANGE"] == {
        "id": "33", "key": "BULK_CHANGE", "name": "Bulk Change", "type": "GLOBAL",
        "description": "Ability to modify a collection of issues at once. For example, resolve multiple issues "
                       "in one step."}
    assert body["BROWSE_PROJECTS"]["type"] == "PROJECT" and body["BROWSE_PROJECTS"]["id"] == "10"
    assert make_user("nocat").client.get("/rest/api/2/permissions").status_code == 403


def test_my_permissions_without_context(admin: httpx.Client, make_user, anon: httpx.Client,  # type: ignore[no-untyped-def]
                                        unique_key) -> None:
    make_project(admin, unique_key())  # without a context, project permissions count in any project
    mine = admin.get("/rest/api/2/mypermissions").json()["permissions"]
    assert mine["ADMINISTER"]["havePermission"] is True
    assert mine["BROWSE_PROJECTS"]["havePermission"] is True
    assert mine["EDIT_ISSUE"]["key"] == "EDIT_ISSUES" and mine["EDIT_ISSUE"]["deprecatedKey"] is True
    user = make_user("ctxless").client.get("/rest/api/2/mypermissions").json()["permissions"]
    assert user["ADMINISTER"]["havePermission"] is False
    assert user["CREATE_SHARED_OBJECTS"]["havePermission"] is True
    nobody = anon.get("/rest/api/2/mypermissions", params={"permissions": "ADMINISTER"}).json()["permissions"]
    assert nobody == {"ADMINISTER": {"id": "0", "key": "ADMINISTER", "name": "Jira Administrators",
                                     "type": "GLOBAL", "description": nobody["ADMINISTER"]["description"],
                                     "havePermission": False}}


def test_my_permissions_in_a_project_and_an_issue(admin: httpx.Client, make_user, unique, unique_key) -> None:  # type: ignore[no-untyped-def]
    reporter, other = make_user("rep"), make_user("oth")
    sid = _scheme(admin, unique("mp"), [
        ("BROWSE_PROJECTS", {"type": "applicationRole"}),
        ("CREATE_ISSUES", {"type": "applicationRole"}),
        ("EDIT_ISSUES", {"type": "reporter"}),
    ])
    key = unique_key()
    make_project(admin, key)
    admin.put(f"/rest/api/2/project/{key}/permissionscheme", json={"id": sid})
    issue = make_issue(reporter.client, key, "mine")  # the creator reports it
    asked = {"permissions": "EDIT_ISSUES,BROWSE_PROJECTS,DELETE_ISSUES"}

    in_project = other.client.get("/rest/api/2/mypermissions", params={"projectKey": key, **asked}).json()
    assert in_project["permissions"]["EDIT_ISSUES"]["havePermission"] is True  # could be a reporter
    on_issue = other.client.get("/rest/api/2/mypermissions", params={"issueKey": issue["key"], **asked}).json()
    assert on_issue["permissions"]["EDIT_ISSUES"]["havePermission"] is False
    assert on_issue["permissions"]["BROWSE_PROJECTS"]["havePermission"] is True
    own = reporter.client.get("/rest/api/2/mypermissions", params={"issueId": issue["id"], **asked}).json()
    assert own["permissions"]["EDIT_ISSUES"]["havePermission"] is True
    assert own["permissions"]["DELETE_ISSUES"]["havePermission"] is False


def test_my_permissions_errors(admin: httpx.Client) -> None:
    assert admin.get("/rest/api/2/mypermissions", params={"projectKey": "NOPE404"}).status_code == 404
    assert admin.get("/rest/api/2/mypermissions", params={"issueKey": "NOPE-1"}).status_code == 404
    assert admin.get("/rest/api/2/mypermissions", params={"projectId": "abc"}).status_code == 400
    response = admin.get("/rest/api/2/mypermissions", params={"permissions": "FLY"})
    assert response.status_code == 400
    assert response.json()["errorMessages"] == ["Could not find permission with key: FLY"]


def test_permitted_projects(admin: httpx.Client, make_user, unique, unique_key) -> None:  # type: ignore[no-untyped-def]
    user = make_user("permitted")
    sid = _scheme(admin, unique("pp"), [("BROWSE_PROJECTS", {"type": "user", "parameter": user.name})])
    open_key, closed_key = unique_key(), unique_key()
    make_project(admin, open_key)
    make_project(admin, closed_key)
    admin.put(f"/rest/api/2/project/{closed_key}/permissionscheme", json={"id": sid})
    body = {"permissions": ["BROWSE_PROJECTS", "CREATE_ISSUES"]}
    keys = [p["key"] for p in user.client.post("/rest/api/2/permissions/project", json=body).json()["projects"]]
    assert open_key in keys and closed_key not in keys
    browse = user.client.post("/rest/api/2/permissions/project", json={"permissions": ["BROWSE"]}).json()
    assert closed_key in [p["key"] for p in browse["projects"]]
    bad = user.client.post("/rest/api/2/permissions/project", json={"permissions": ["NOT_EXISTING_PERMISSION_KEY"]})
    assert bad.status_code == 400
    assert bad.json() == {"errorMessages": ["Could not find permission with key: NOT_EXISTING_PERMISSION_KEY"],
                          "errors": {}}


def test_jira_client_my_permissions(jira) -> None:  # type: ignore[no-untyped-def]
    result = jira.my_permissions(permissions="BROWSE_PROJECTS")
    assert result["permissions"]["BROWSE_PROJECTS"]["havePermission"] is True

"""Key and name validation, project properties, statuses, project types and scheme reads."""

from __future__ import annotations

import base64
from collections.abc import Callable
from typing import Any

import httpx

from tests.platform.projects.conftest import API, SCRUM


def test_validate_key(admin: httpx.Client, make_project: Callable[..., dict[str, Any]],
                      unique_key: Callable[[], str]) -> None:
    project = make_project()
    free = admin.get(f"{API}/projectvalidate/key", params={"key": unique_key()})
    assert free.status_code == 200 and free.json() == {"errorMessages": [], "errors": {}}
    taken = admin.get(f"{API}/projectvalidate/key", params={"key": project["key"]}).json()
    assert taken == {"errorMessages": [], "errors": {"projectKey": f"Project '{project['name']}' uses this project key."}}
    bad = admin.get(f"{API}/projectvalidate/key", params={"key": "bad key"}).json()
    assert set(bad["errors"]) == {"projectKey"}
    assert admin.get(f"{API}/projectvalidate/key").json()["errors"] == {
        "projectKey": "You must specify a valid project key."}


def test_valid_project_key_suggestions(admin: httpx.Client, make_project: Callable[..., dict[str, Any]],
                                       unique_key: Callable[[], str]) -> None:
    free = unique_key()
    assert admin.get(f"{API}/projectvalidate/validProjectKey", params={"key": free}).json() == free
    project = make_project()
    suggested = admin.get(f"{API}/projectvalidate/validProjectKey", params={"key": project["key"]}).json()
    assert suggested != project["key"] and suggested.startswith(project["key"][:7])
    assert admin.get(f"{API}/projectvalidate/key", params={"key": suggested}).json()["errors"] == {}
    cleaned = admin.get(f"{API}/projectvalidate/validProjectKey", params={"key": "9ab-cd"}).json()
    assert cleaned[:4] == "ABCD"
    initials = admin.get(f"{API}/projectvalidate/validProjectKey", params={"key": "Valid Project Name Example"})
    assert initials.json().startswith("VPNE")


def test_valid_project_name_suggestions(admin: httpx.Client, make_project: Callable[..., dict[str, Any]],
                                        unique: Callable[[str], str]) -> None:
    name = unique("Free name")
    assert admin.get(f"{API}/projectvalidate/validProjectName", params={"name": name}).json() == name
    project = make_project()
    taken = admin.get(f"{API}/projectvalidate/validProjectName", params={"name": project["name"]}).json()
    assert taken == project["name"] + " 2"
    assert admin.get(f"{API}/projectvalidate/validProjectName", params={"name": "x"}).json() == ""
    assert admin.get(f"{API}/projectvalidate/validProjectName").status_code == 400


def test_project_properties(admin: httpx.Client, base_url: str, make_user: Callable[..., Any],
                            make_project: Callable[..., dict[str, Any]]) -> None:
    project = make_project()
    base = f"{API}/project/{project['key']}/properties"
    assert admin.get(base).json() == {"keys": []}
    created = admin.put(f"{base}/team.info", json={"size": 5, "tags": ["a"]})
    assert created.status_code == 201 and created.content == b""
    updated = admin.put(f"{base}/team.info", json={"size": 6})
    assert updated.status_code == 200
    assert admin.get(f"{base}/team.info").json() == {"key": "team.info", "value": {"size": 6}}
    assert admin.get(f"{API}/project/{project['id']}/properties").json() == {"keys": [
        {"self": f"{base_url}{base}/team.info", "key": "team.info"}]}
    malformed = admin.put(f"{base}/broken", content=b"{nope", headers={"Content-Type": "application/json"})
    assert malformed.status_code == 400
    user = make_user("props")
    assert user.client.get(f"{base}/team.info").status_code == 200
    assert user.client.put(f"{base}/team.info", json=1).status_code == 403
    assert user.client.delete(f"{base}/team.info").status_code == 403
    deleted = admin.delete(f"{base}/team.info")
    assert deleted.status_code == 204
    assert admin.get(f"{base}/team.info").status_code == 404
    assert admin.delete(f"{base}/team.info").status_code == 404
    assert admin.get(f"{API}/project/NOPE55/properties").status_code == 404


def test_statuses_per_issue_type(admin: httpx.Client, base_url: str,
                                 make_project: Callable[..., dict[str, Any]]) -> None:
    simplified = make_project(projectTemplateKey=SCRUM)
    body = admin.get(f"{API}/project/{simplified['key']}/statuses").json()
    assert [t["name"] for t in body] == ["Story", "Task", "Bug", "Epic", "Sub-task"]
    story = body[0]
    assert story["self"] == f"{base_url}{API}/issuetype/10001" and story["id"] == "10001"
    assert story["subtask"] is False and body[-1]["subtask"] is True
    assert [s["name"] for s in story["statuses"]] == ["To Do", "In Progress", "Done"]
    assert story["statuses"][0]["statusCategory"]["key"] == "new"
    classic = make_project()
    statuses = admin.get(f"{API}/project/{classic['key']}/statuses").json()[0]["statuses"]
    assert [s["id"] for s in statuses] == ["1", "3", "4", "5", "6"]
    assert admin.get(f"{API}/project/NOPE44/statuses").status_code == 404


def test_project_types(admin: httpx.Client, anon: httpx.Client) -> None:
    types = admin.get(f"{API}/project/type").json()
    assert [t["key"] for t in types] == ["business", "software", "service_desk"]
    software = admin.get(f"{API}/project/type/software").json()
    assert list(software) == ["key", "formattedKey", "descriptionI18nKey", "icon", "color"]
    assert software["formattedKey"] == "Software"
    assert base64.b64decode(software["icon"]).startswith(b"<?xml")
    assert admin.get(f"{API}/project/type/business/accessible").json()["key"] == "business"
    assert admin.get(f"{API}/project/type/spaceship").status_code == 404
    assert admin.get(f"{API}/project/type/spaceship/accessible").status_code == 404
    assert anon.get(f"{API}/project/type").status_code == 401


def test_scheme_reads_and_permission_scheme_assignment(admin: httpx.Client, base_url: str,
                                                       make_user: Callable[..., Any],
                                                       make_project: Callable[..., dict[str, Any]]) -> None:
    project = make_project()
    scheme = admin.get(f"{API}/project/{project['key']}/permissionscheme").json()
    assert scheme == {"expand": "permissions,user,group,projectRole,field,all", "id": 0,
                      "self": f"{base_url}{API}/permissionscheme/0", "name": "Default Permission Scheme",
                      "description": scheme["description"]}
    assigned = admin.put(f"{API}/project/{project['key']}/permissionscheme", json={"id": 0})
    assert assigned.status_code == 200 and assigned.json()["id"] == 0
    unknown = admin.put(f"{API}/project/{project['key']}/permissionscheme", json={"id": 777777})
    assert unknown.status_code == 404
    notification = admin.get(f"{API}/project/{project['key']}/notificationscheme").json()
    assert notification["id"] == 10000 and notification["name"] == "Default Notification Scheme"
    assert admin.get(f"{API}/project/{project['key']}/issuesecuritylevelscheme").status_code == 404
    secured = make_project(issueSecurityScheme=10000)
    security = admin.get(f"{API}/project/{secured['key']}/issuesecuritylevelscheme").json()
    assert security == {"self": f"{base_url}{API}/issuesecurityschemes/10000", "id": 10000,
                        "name": "Default Issue Security Scheme",
                        "description": "Issue security levels that projects may use.", "levels": []}
    user = make_user("schemes")
    assert user.client.get(f"{API}/project/{project['key']}/permissionscheme").status_code == 403
    assert user.client.put(f"{API}/project/{project['key']}/permissionscheme", json={"id": 0}).status_code == 403
    assert admin.get(f"{API}/project/NOPE33/permissionscheme").status_code == 404

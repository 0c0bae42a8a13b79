"""Projects over HTTP: create, read (with expansions), list, update, delete, and their refusals."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import httpx
import pytest

from tests.platform.projects.conftest import API, SCRUM

KEY_PATTERN_MESSAGE = ("Project keys must start with an uppercase letter, followed by one or more uppercase "
                       "alphanumeric characters.")


def _body(key: str, name: str, **extra: Any) -> dict[str, Any]:
    return {"key": key, "name": name, "lead": "admin", "projectTypeKey": "software", **extra}


def test_create_returns_201_with_identity_and_get_returns_full_shape(
        admin: httpx.Client, base_url: str, unique_key: Callable[[], str], unique: Callable[[str], str]) -> None:
    key, name = unique_key(), unique("Alpha")
    created = admin.post(f"{API}/project", json=_body(
        key, name, projectTemplateKey=SCRUM, description="About it", url="https://example.com/docs",
        assigneeType="PROJECT_LEAD"))
    assert created.status_code == 201, created.text
    identity = created.json()
    assert set(identity) == {"self", "id", "key"}
    assert isinstance(identity["id"], int) and identity["key"] == key
    assert identity["self"] == f"{base_url}{API}/project/{identity['id']}"

    project = admin.get(identity["self"]).json()
    pid = identity["id"]
    assert list(project)[:8] == ["expand", "self", "id", "key", "description", "lead", "components", "issueTypes"]
    assert project["expand"] == "description,lead,issueTypes,url,projectKeys"
    assert project["id"] == str(pid) and project["key"] == key and project["name"] == name
    assert project["description"] == "About it" and project["url"] == "https://example.com/docs"
    assert project["lead"]["name"] == "admin" and project["lead"]["displayName"] == "Administrator"
    assert project["components"] == [] and project["versions"] == []
    assert [t["name"] for t in project["issueTypes"]] == ["Story", "Task", "Bug", "Epic", "Sub-task"]
    assert project["assigneeType"] == "PROJECT_LEAD"
    assert project["projectTypeKey"] == "software" and project["archived"] is False
    assert project["roles"]["Administrators"] == f"{base_url}{API}/project/{pid}/role/10002"
    assert set(project["roles"]) >= {"Administrators", "Developers", "Users"}
    assert project["avatarUrls"] == {
        "48x48": f"{base_url}/secure/projectavatar?size=large&pid={pid}&avatarId=10011",
        "24x24": f"{base_url}/secure/projectavatar?size=small&pid={pid}&avatarId=10011",
        "16x16": f"{base_url}/secure/projectavatar?size=xsmall&pid={pid}&avatarId=10011",
        "32x32": f"{base_url}/secure/projectavatar?size=medium&pid={pid}&avatarId=10011",
    }
    assert "projectCategory" not in project and "projectKeys" not in project
    assert admin.delete(f"{API}/project/{key}").status_code == 204


def test_get_by_key_id_and_lower_case_key(make_project: Callable[..., dict[str, Any]], admin: httpx.Client) -> None:
    project = make_project()
    for ref in (project["key"], project["id"], project["key"].lower()):
        response = admin.get(f"{API}/project/{ref}")
        assert response.status_code == 200 and response.json()["id"] == project["id"]
    keys = admin.get(f"{API}/project/{project['key']}", params={"expand": "projectKeys"}).json()
    assert keys["projectKeys"] == [project["key"]]


def test_unknown_project_is_404(admin: httpx.Client) -> None:
    response = admin.get(f"{API}/project/NOPE999")
    assert response.status_code == 404
    assert response.json() == {"errorMessages": ["No project could be found with key 'NOPE999'."], "errors": {}}
    assert admin.put(f"{API}/project/NOPE999", json={"name": "x"}).status_code == 404
    assert admin.delete(f"{API}/project/NOPE999").status_code == 404


@pytest.mark.parametrize("template, type_key, scheme_types", [
    ("com.pyxis.greenhopper.jira:gh-kanban-template", "software", ["Story", "Task", "Bug", "Epic", "Sub-task"]),
    ("com.atlassian.jira-core-project-templates:jira-core-task-management", "business", ["Task", "Sub-task"]),
    (None, "business", ["Bug", "New Feature", "Task", "Improvement", "Sub-task", "Epic", "Story"]),
])
def test_templates_choose_type_and_issue_types(admin: httpx.Client, make_project: Callable[..., dict[str, Any]],
                                               template: str | None, type_key: str, scheme_types: list[str]) -> None:
    extra = {"projectTemplateKey": template} if template else {}
    project = make_project(projectTypeKey=type_key, **extra)
    assert project["projectTypeKey"] == type_key
    assert sorted(t["name"] for t in project["issueTypes"]) == sorted(scheme_types)


def test_service_desk_template_makes_a_service_desk_project(make_project: Callable[..., dict[str, Any]]) -> None:
    project = make_project(projectTypeKey="service_desk",
                           projectTemplateKey="com.atlassian.servicedesk:itil-v2-service-desk-project")
    assert project["projectTypeKey"] == "service_desk"


def test_list_projects_with_expansions(admin: httpx.Client, make_project: Callable[..., dict[str, Any]]) -> None:
    project = make_project(description="Listed", url="http://listed.example.com")
    plain = {p["key"]: p for p in admin.get(f"{API}/project").json()}[project["key"]]
    assert plain == {
        "expand": "description,lead,issueTypes,url,projectKeys", "self": project["self"], "id": project["id"],
        "key": project["key"], "name": project["name"], "avatarUrls": project["avatarUrls"],
        "projectTypeKey": "software", "simplified": False, "archived": False,
    }
    expanded = admin.get(f"{API}/project", params={"expand": "description,lead,url,projectKeys,issueTypes"})
    item = {p["key"]: p for p in expanded.json()}[project["key"]]
    assert item["description"] == "Listed" and item["url"] == "http://listed.example.com"
    assert item["lead"]["name"] == "admin" and item["projectKeys"] == [project["key"]]
    assert [t["id"] for t in item["issueTypes"]] == [t["id"] for t in project["issueTypes"]]
    names = [p["name"].lower() for p in expanded.json()]
    assert names == sorted(names)


def test_list_recent_is_capped(admin: httpx.Client, make_project: Callable[..., dict[str, Any]]) -> None:
    make_project()
    make_project()
    assert len(admin.get(f"{API}/project", params={"recent": 1}).json()) == 1


def test_update_is_partial_and_returns_the_project(admin: httpx.Client, make_project: Callable[..., dict[str, Any]],
                                                   unique: Callable[[str], str]) -> None:
    project = make_project(description="before", url="http://a.example.com")
    new_name = unique("Renamed")
    response = admin.put(f"{API}/project/{project['key']}", json={"name": new_name, "assigneeType": "PROJECT_LEAD"})
    assert response.status_code == 201, response.text
    body = response.json()
    assert body["name"] == new_name and body["assigneeType"] == "PROJECT_LEAD"
    assert body["description"] == "before" and body["url"] == "http://a.example.com"
    assert admin.get(f"{API}/project/{project['id']}").json()["name"] == new_name


def test_update_key_keeps_the_project_and_stays_unique(admin: httpx.Client,
                                                       make_project: Callable[..., dict[str, Any]],
                                                       unique_key: Callable[[], str]) -> None:
    first, second = make_project(), make_project()
    new_key = unique_key()
    moved = admin.put(f"{API}/project/{first['id']}", json={"key": new_key})
    assert moved.status_code == 201 and moved.json()["key"] == new_key and moved.json()["id"] == first["id"]
    assert admin.get(f"{API}/project/{new_key}").json()["id"] == first["id"]
    clash = admin.put(f"{API}/project/{second['id']}", json={"key": new_key})
    assert clash.status_code == 400
    assert clash.json()["errors"] == {"projectKey": f"Project '{first['name']}' uses this project key."}
    assert admin.get(f"{API}/project/{second['id']}").json()["key"] == second["key"]


def test_old_keys_stay_resolvable_and_reserved(admin: httpx.Client, make_project: Callable[..., dict[str, Any]],
                                               unique_key: Callable[[], str]) -> None:
    project, other = make_project(), make_project()
    old_key, new_key = project["key"], unique_key()
    assert admin.put(f"{API}/project/{old_key}", json={"key": new_key}).status_code == 201
    by_old = admin.get(f"{API}/project/{old_key}", params={"expand": "projectKeys"})
    assert by_old.status_code == 200 and by_old.json()["key"] == new_key
    assert by_old.json()["projectKeys"] == sorted([old_key, new_key])
    taken = admin.put(f"{API}/project/{other['key']}", json={"key": old_key})
    assert taken.status_code == 400
    assert taken.json()["errors"] == {"projectKey": f"Project '{project['name']}' uses this project key."}
    assert admin.get(f"{API}/projectvalidate/key", params={"key": old_key}).json()["errors"] == {
        "projectKey": f"Project '{project['name']}' uses this project key."}
    back = admin.put(f"{API}/project/{new_key}", json={"key": old_key})
    assert back.status_code == 201 and back.json()["key"] == old_key
    assert admin.get(f"{API}/project/{new_key}").json()["key"] == old_key


def test_update_lead_and_bad_values(admin: httpx.Client, make_project: Callable[..., dict[str, Any]],
                                    make_user: Callable[..., Any]) -> None:
    project = make_project()
    user = make_user("lead")
    changed = admin.put(f"{API}/project/{project['key']}", json={"lead": user.name})
    assert changed.status_code == 201 and changed.json()["lead"]["name"] == user.name
    bad = admin.put(f"{API}/project/{project['key']}", json={
        "lead": "no-such-user-x", "name": "", "assigneeType": "SOMEONE", "categoryId": 987654})
    assert bad.status_code == 400
    assert bad.json()["errors"] == {
        "projectLead": "You must specify a valid project lead.",
        "projectName": "You must specify a valid project name.",
        "assigneeType": "The default assignee 'SOMEONE' is not valid; use PROJECT_LEAD or UNASSIGNED.",
        "categoryId": "The project category with id '987654' does not exist.",
    }
    after = admin.get(f"{API}/project/{project['key']}").json()
    assert after["lead"]["name"] == user.name and after["name"] == project["name"]


def test_delete_removes_project_and_its_properties(admin: httpx.Client, unique_key: Callable[[], str],
                                                   unique: Callable[[str], str]) -> None:
    key = unique_key()
    assert admin.post(f"{API}/project", json=_body(key, unique("Doomed"))).status_code == 201
    assert admin.put(f"{API}/project/{key}/properties/flag", json={"on": True}).status_code == 201
    response = admin.delete(f"{API}/project/{key}")
    assert response.status_code == 204 and response.content == b""
    assert admin.get(f"{API}/project/{key}").status_code == 404
    assert key not in [p["key"] for p in admin.get(f"{API}/project").json()]
    again = admin.post(f"{API}/project", json=_body(key, unique("Reborn")))
    assert again.status_code == 201
    assert admin.get(f"{API}/project/{key}/properties").json() == {"keys": []}
    assert admin.delete(f"{API}/project/{key}").status_code == 204


@pytest.mark.parametrize("key, message", [
    ("ab", KEY_PATTERN_MESSAGE),
    ("1AB", KEY_PATTERN_MESSAGE),
    ("A", KEY_PATTERN_MESSAGE),
    ("AB-C", KEY_PATTERN_MESSAGE),
    ("ABCDEFGHIJK", "The project key must not exceed 10 characters in length."),
    ("", "You must specify a valid project key."),
    ("CON", "This keyword is invalid as it is a reserved word on this operating system."),
])
def test_bad_keys_are_field_errors(admin: httpx.Client, unique: Callable[[str], str], key: str, message: str) -> None:
    name = unique("BadKey")
    response = admin.post(f"{API}/project", json=_body(key, name))
    assert response.status_code == 400
    assert response.json() == {"errorMessages": [], "errors": {"projectKey": message}}
    assert admin.get(f"{API}/projectvalidate/validProjectName", params={"name": name}).json() == name


def test_duplicates_and_missing_lead(admin: httpx.Client, make_project: Callable[..., dict[str, Any]],
                                     unique_key: Callable[[], str]) -> None:
    existing = make_project()
    response = admin.post(f"{API}/project", json={
        "key": existing["key"], "name": existing["name"].upper(), "projectTypeKey": "software"})
    assert response.status_code == 400
    assert response.json()["errors"] == {
        "projectKey": f"Project '{existing['name']}' uses this project key.",
        "projectName": "A project with that name already exists.",
        "projectLead": "You must specify a valid project lead.",
    }
    unknown_lead = admin.post(f"{API}/project", json=_body(unique_key(), "Fresh name zz", lead="ghost-user-1"))
    assert unknown_lead.json()["errors"] == {"projectLead": "You must specify a valid project lead."}


def test_unknown_schemes_template_and_type_are_field_errors(admin: httpx.Client, unique_key: Callable[[], str],
                                                            unique: Callable[[str], str]) -> None:
    key = unique_key()
    response = admin.post(f"{API}/project", json=_body(
        key, unique("Schemes"), permissionScheme=424242, notificationScheme=424242, issueSecurityScheme=424242,
        workflowSchemeId=424242, avatarId=424242, url="ftp://nope"))
    assert response.status_code == 400
    assert response.json()["errors"] == {
        "permissionScheme": "The permission scheme with id '424242' does not exist.",
        "notificationScheme": "The notification scheme with id '424242' does not exist.",
        "issueSecurityScheme": "The issue security scheme with id '424242' does not exist.",
        "workflowSchemeId": "The workflow scheme with id '424242' does not exist.",
        "avatarId": "The avatar with id '424242' does not exist or may not be used here.",
        "projectUrl": "The URL specified is not valid - it must start with http:// or https://",
    }
    template = admin.post(f"{API}/project", json=_body(key, unique("Tpl"), projectTemplateKey="no.such:template"))
    assert template.json()["errors"] == {"projectTemplateKey": "The project template 'no.such:template' does not exist."}
    mismatch = admin.post(f"{API}/project", json=_body(key, unique("Mis"), projectTypeKey="business",
                                                       projectTemplateKey=SCRUM))
    assert mismatch.status_code == 400 and set(mismatch.json()["errors"]) == {"projectTypeKey"}
    bad_type = admin.post(f"{API}/project", json=_body(key, unique("Typ"), projectTypeKey="spaceship"))
    assert bad_type.status_code == 400 and set(bad_type.json()["errors"]) == {"projectTypeKey"}
    assert admin.get(f"{API}/project/{key}").status_code == 404


def test_wrong_types_and_malformed_json_are_400(admin: httpx.Client, unique_key: Callable[[], str]) -> None:
    key = unique_key()
    wrong = admin.post(f"{API}/project", json={"key": 12, "name": ["x"], "lead": "admin", "avatarId": "abc"})
    assert wrong.status_code == 400
    assert set(wrong.json()["errors"]) == {"key", "name", "avatarId"}
    malformed = admin.post(f"{API}/project", content=b'{"key": "ABC",', headers={"Content-Type": "application/json"})
    assert malformed.status_code == 400 and malformed.json()["errorMessages"]
    not_object = admin.post(f"{API}/project", json=["key"])
    assert not_object.status_code == 400
    assert admin.get(f"{API}/project/{key}").status_code == 404


def test_permissions(anon: httpx.Client, make_user: Callable[..., Any], make_project: Callable[..., dict[str, Any]],
                     unique_key: Callable[[], str]) -> None:
    project = make_project()
    user = make_user("plain")
    anonymous_list = anon.get(f"{API}/project")  # Jira lists what anyone may browse: not this project
    assert anonymous_list.status_code == 200 and project["key"] not in [p["key"] for p in anonymous_list.json()]
    assert anon.get(f"{API}/project/{project['key']}").status_code == 401
    assert user.client.get(f"{API}/project/{project['key']}").status_code == 200
    assert project["key"] in [p["key"] for p in user.client.get(f"{API}/project").json()]
    key = unique_key()
    denied = user.client.post(f"{API}/project", json=_body(key, "Not allowed x"))
    assert denied.status_code == 403 and denied.json()["errorMessages"]
    assert anon.post(f"{API}/project", json=_body(key, "Not allowed y")).status_code == 401
    assert user.client.put(f"{API}/project/{project['key']}", json={"name": "Hijack"}).status_code == 403
    assert user.client.delete(f"{API}/project/{project['key']}").status_code == 403
    assert user.client.get(f"{API}/project/{key}").status_code == 404
    assert user.client.get(f"{API}/project/{project['key']}").json()["name"] == project["name"]


def test_new_project_copies_default_role_actors_and_adds_the_lead(
        admin: httpx.Client, make_project: Callable[..., dict[str, Any]], make_user: Callable[..., Any]) -> None:
    lead = make_user("leader")
    project = make_project(lead=lead.name)
    admins = admin.get(f"{API}/project/{project['key']}/role/10002").json()
    assert [(a["type"], a["name"]) for a in admins["actors"]] == [
        ("atlassian-group-role-actor", "jira-administrators"), ("atlassian-user-role-actor", lead.name)]
    developers = admin.get(f"{API}/project/{project['key']}/role/10001").json()
    assert [a["name"] for a in developers["actors"]] == ["jira-software-users"]


def test_change_project_type(admin: httpx.Client, make_project: Callable[..., dict[str, Any]],
                             make_user: Callable[..., Any]) -> None:
    project = make_project()
    changed = admin.put(f"{API}/project/{project['key']}/type/business")
    assert changed.status_code == 200 and changed.json()["projectTypeKey"] == "business"
    bad = admin.put(f"{API}/project/{project['key']}/type/spaceship")
    assert bad.status_code == 400 and set(bad.json()["errors"]) == {"projectTypeKey"}
    assert admin.put(f"{API}/project/NOPE123/type/business").status_code == 404
    assert make_user("typer").client.put(f"{API}/project/{project['key']}/type/software").status_code == 403
    assert admin.get(f"{API}/project/{project['key']}").json()["projectTypeKey"] == "business"


def test_lead_by_account_id_or_key(admin: httpx.Client, make_user: Callable[..., Any],
                                   make_project: Callable[..., dict[str, Any]]) -> None:
    user = make_user("acct")
    account_id = admin.get(f"{API}/user", params={"username": user.name}).json()["accountId"]
    by_account = make_project(lead=None, leadAccountId=account_id)
    assert by_account["lead"]["name"] == user.name and by_account["lead"]["accountId"] == account_id
    by_key = make_project(lead=user.key)
    assert by_key["lead"]["name"] == user.name


def test_key_change_renames_issue_keys_and_delete_removes_issues(server: Any, admin: httpx.Client,
                                                                 unique_key: Callable[[], str],
                                                                 unique: Callable[[str], str]) -> None:
    from sqlalchemy import select
    from sqlalchemy.orm import Session

    from ticketry.platform.issues.models import Issue
    from ticketry.platform.properties.service import list_keys, set_property

    key = unique_key()
    created = admin.post(f"{API}/project", json=_body(key, unique("WithIssues"))).json()
    with Session(server.app.state.write_engine) as db, db.begin():
        parent = Issue(project_id=created["id"], number=1, key=f"{key}-1", issue_type_id=3, status_id=1,
                       summary="parent")
        db.add(parent)
        db.flush()
        db.add(Issue(project_id=created["id"], number=2, key=f"{key}-2", issue_type_id=5, status_id=1,
                     summary="child", parent_id=parent.id))
        set_property(db, "issue", parent.id, "note", {"x": 1})
        parent_id = parent.id
    new_key = unique_key()
    assert admin.put(f"{API}/project/{key}", json={"key": new_key}).status_code == 201
    with Session(server.app.state.write_engine) as db:
        keys = db.scalars(select(Issue.key).where(Issue.project_id == created["id"]).order_by(Issue.number))
        assert list(keys) == [f"{new_key}-1", f"{new_key}-2"]
    assert admin.delete(f"{API}/project/{new_key}").status_code == 204
    with Session(server.app.state.write_engine) as db:
        assert db.scalars(select(Issue.id).where(Issue.project_id == created["id"])).all() == []
        assert list_keys(db, "issue", parent_id) == []


def test_ids_too_large_for_the_database_are_unknown(admin: httpx.Client, unique_key: Callable[[], str],
                                                     unique: Callable[[str], str]) -> None:
    huge = "9" * 20
    assert admin.get(f"{API}/project/{huge}").status_code == 404
    assert admin.get(f"{API}/projectCategory/{huge}").status_code == 404
    assert admin.get(f"{API}/role/{huge}").status_code == 404
    key = unique_key()
    response = admin.post(f"{API}/project", json=_body(key, unique("Huge"), categoryId=int(huge),
                                                       permissionScheme=2**40, avatarId=2**40))
    assert response.status_code == 400
    assert set(response.json()["errors"]) == {"categoryId", "permissionScheme", "avatarId"}
    assert admin.get(f"{API}/project/{key}").status_code == 404


def test_listings_follow_changes_at_once(admin: httpx.Client, anon: httpx.Client,
                                         make_project: Callable[..., dict[str, Any]], unique: Callable[[str], str],
                                         server: Any) -> None:
    """GET /project keeps its elements per configuration generation: a rename, a category, a base URL change
    and a deletion show in the next listing, and each caller still gets only what it may browse."""
    project = make_project()

    def listed(client: httpx.Client = admin, **params: Any) -> dict[str, dict[str, Any]]:
        response = client.get(f"{API}/project", params=params)
        assert response.status_code == 200, response.text
        return {p["key"]: p for p in response.json()}

    assert listed()[project["key"]]["name"] == project["name"]
    renamed = unique("Renamed")
    assert admin.put(f"{API}/project/{project['key']}", json={"name": renamed}).status_code == 201
    assert listed()[project["key"]]["name"] == renamed
    category = admin.post(f"{API}/projectCategory", json={"name": unique("Category"), "description": "d"})
    assert category.status_code == 201, category.text
    assert admin.put(f"{API}/project/{project['key']}",
                     json={"categoryId": int(category.json()["id"])}).status_code == 201
    assert listed()[project["key"]]["projectCategory"]["name"] == category.json()["name"]
    assert project["key"] not in listed(anon)
    base = "http://tracker.example.com"
    assert admin.put(f"{API}/application-properties/jira.baseurl", json={"id": "jira.baseurl", "value": base}
                     ).status_code == 200
    try:
        assert listed()[project["key"]]["self"] == f"{base}{API}/project/{project['id']}"
    finally:
        admin.put(f"{API}/application-properties/jira.baseurl", json={"id": "jira.baseurl", "value": ""})
    assert listed()[project["key"]]["self"].startswith(str(admin.base_url).rstrip("/"))
    assert admin.delete(f"{API}/project/{project['key']}").status_code == 204
    assert project["key"] not in listed()

"""Projects, categories, roles and their actors, components, versions: Jira's audit records."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import httpx
import pytest

from tests.platform.auditing.support import records, summaries, the_record, values

API = "/rest/api/2"


@pytest.fixture
def project(admin: httpx.Client, unique_key: Callable[[], str]) -> dict[str, Any]:
    key = unique_key()
    body = {"key": key, "name": f"Project {key}", "projectTypeKey": "software", "lead": "admin",
            "assigneeType": "UNASSIGNED", "description": "first"}
    response = admin.post(f"{API}/project", json=body)
    assert response.status_code == 201, response.text
    return {"id": str(response.json()["id"]), "key": key, "name": f"Project {key}"}


def _item(project: dict[str, Any]) -> dict[str, str]:
    return {"id": project["id"], "name": project["name"], "typeName": "PROJECT"}


def test_project_created_updated_deleted(admin: httpx.Client, project: dict[str, Any]) -> None:
    created = the_record(admin, "Project created", project["name"])
    assert created["category"] == "projects"
    assert created["objectItem"] == _item(project)
    assert values(created) == {"Name": (None, project["name"]), "Key": (None, project["key"]),
                               "Description": (None, "first"), "Project Lead": (None, "admin"),
                               "Default Assignee": (None, "Unassigned")}
    assert [(i["name"], i["typeName"]) for i in created["associatedItems"]] == [("admin", "USER")]

    response = admin.put(f"{API}/project/{project['key']}", json={"description": "second", "url": "http://x.test"})
    assert response.status_code == 201, response.text
    updated = the_record(admin, "Project updated", project["name"])
    assert values(updated) == {"Description": ("first", "second"), "URL": (None, "http://x.test")}
    assert "associatedItems" not in updated

    assert admin.delete(f"{API}/project/{project['key']}").status_code == 204
    deleted = the_record(admin, "Project deleted", project["name"])
    assert deleted["objectItem"] == _item(project)


def test_failed_project_update_leaves_no_record(admin: httpx.Client, project: dict[str, Any]) -> None:
    response = admin.put(f"{API}/project/{project['key']}", json={"description": "x", "assigneeType": "NOBODY"})
    assert response.status_code == 400
    assert summaries(admin, project["key"]) == ["Project created"]


def test_project_categories(admin: httpx.Client, project: dict[str, Any], unique: Callable[[str], str]) -> None:
    name = unique("Category")
    response = admin.post(f"{API}/projectCategory", json={"name": name, "description": "cat"})
    assert response.status_code == 201
    category_id = response.json()["id"]
    created = the_record(admin, "Project category created", name)
    assert created["objectItem"] == {"id": category_id, "name": name, "typeName": "PROJECT_CATEGORY"}
    assert values(created) == {"Name": (None, name), "Description": (None, "cat")}

    assert admin.put(f"{API}/project/{project['key']}", json={"categoryId": int(category_id)}).status_code == 201
    changed = the_record(admin, "Project category changed", project["name"])
    assert values(changed) == {"Category": ("None", name)}

    assert admin.put(f"{API}/projectCategory/{category_id}", json={"description": "feline"}).status_code == 200
    assert values(the_record(admin, "Project category updated", name)) == {"Description": ("cat", "feline")}
    assert admin.delete(f"{API}/projectCategory/{category_id}").status_code == 204
    assert summaries(admin, name)[-1] == "Project category deleted"


def test_project_roles_and_actors(admin: httpx.Client, project: dict[str, Any], make_user: Callable[..., Any],
                                  unique: Callable[[str], str]) -> None:
    role_name = unique("Role")
    response = admin.post(f"{API}/role", json={"name": role_name, "description": "testers"})
    assert response.status_code == 200, response.text
    role_id = str(response.json()["id"])
    role_item = {"id": role_id, "name": role_name, "typeName": "PROJECT_ROLE"}
    assert the_record(admin, "Project role created", role_name)["objectItem"] == role_item

    first, second = make_user("actor"), make_user("actor")
    url = f"{API}/project/{project['key']}/role/{role_id}"
    assert admin.post(url, json={"user": [first.name]}).status_code == 200
    assert admin.post(url, json={"user": [second.name], "group": ["jira-administrators"]}).status_code == 200
    assert admin.delete(url, params={"user": first.name}).status_code == 204
    changes = [r for r in reversed(records(admin, role_name)) if r["summary"] == "Project roles changed"]
    assert [values(r) for r in changes] == [
        {"Users": (None, first.name)},
        {"Users": (first.name, ", ".join(sorted([first.name, second.name]))),
         "Groups": (None, "jira-administrators")},
        {"Users": (", ".join(sorted([first.name, second.name])), second.name)},
    ]
    assert all(r["objectItem"] == role_item and r["associatedItems"] == [_item(project)] for r in changes)

    # Adding someone already in the role is refused: nothing recorded.
    assert admin.post(url, json={"user": [second.name]}).status_code == 400
    assert len([r for r in records(admin, role_name) if r["summary"] == "Project roles changed"]) == 3

    default_url = f"{API}/role/{role_id}/actors"
    assert admin.post(default_url, json={"user": [first.name]}).status_code == 200
    default = the_record(admin, "Default project role actors changed", role_name)
    assert values(default) == {"Users": (None, first.name)}

    assert admin.post(f"{API}/role/{role_id}", json={"description": "checkers"}).status_code == 200
    assert values(the_record(admin, "Project role updated", role_name)) == {"Description": ("testers", "checkers")}
    assert admin.delete(f"{API}/role/{role_id}").status_code == 204
    assert the_record(admin, "Project role deleted", role_name)["objectItem"] == role_item


def test_permission_scheme_assignment(admin: httpx.Client, project: dict[str, Any],
                                      unique: Callable[[str], str]) -> None:
    name = unique("Scheme")
    response = admin.post(f"{API}/permissionscheme", json={"name": name})
    assert response.status_code == 201, response.text
    scheme_id = response.json()["id"]
    response = admin.put(f"{API}/project/{project['key']}/permissionscheme", json={"id": scheme_id})
    assert response.status_code == 200, response.text
    added = the_record(admin, "Permission scheme added to project", name)
    assert added["category"] == "permissions"
    assert added["objectItem"] == {"id": str(scheme_id), "name": name, "typeName": "SCHEME"}
    assert added["associatedItems"] == [_item(project)]
    removed = [r for r in records(admin, project["key"]) if r["summary"] == "Permission scheme removed from project"]
    assert [r["objectItem"]["name"] for r in removed] == ["Default Permission Scheme"]


def test_components(admin: httpx.Client, project: dict[str, Any], unique: Callable[[str], str]) -> None:
    name = unique("Component")
    response = admin.post(f"{API}/component", json={"name": name, "project": project["key"]})
    assert response.status_code == 201
    component_id = response.json()["id"]
    created = the_record(admin, "Project component created", name)
    assert created["category"] == "projects"
    assert created["objectItem"] == {"id": component_id, "name": name, "typeName": "PROJECT_COMPONENT"}
    assert created["changedValues"] == [{"fieldName": "Name", "changedTo": name},
                                        {"fieldName": "Default Assignee", "changedTo": "Project Default"}]
    assert created["associatedItems"] == [_item(project)]

    response = admin.put(f"{API}/component/{component_id}", json={"leadUserName": "admin",
                                                                  "assigneeType": "COMPONENT_LEAD"})
    assert response.status_code == 200
    updated = the_record(admin, "Project component updated", name)
    assert values(updated) == {"Component Lead": (None, "admin"),
                               "Default Assignee": ("Project Default", "Component Lead")}
    assert [i["typeName"] for i in updated["associatedItems"]] == ["PROJECT", "USER"]

    assert admin.put(f"{API}/component/{component_id}", json={"name": ""}).status_code == 400
    assert admin.delete(f"{API}/component/{component_id}").status_code == 204
    assert summaries(admin, name) == ["Project component created", "Project component updated",
                                      "Project component deleted"]


def test_versions(admin: httpx.Client, project: dict[str, Any], unique: Callable[[str], str]) -> None:
    name, target = unique("Version"), unique("Target")
    response = admin.post(f"{API}/version", json={"name": name, "project": project["key"],
                                                  "releaseDate": "2026-12-01"})
    assert response.status_code == 201, response.text
    version_id = response.json()["id"]
    created = the_record(admin, "Project version created", name)
    assert created["objectItem"] == {"id": version_id, "name": name, "typeName": "VERSION"}
    assert values(created) == {"Name": (None, name), "Release Date": (None, "2026-12-01")}
    assert created["associatedItems"] == [_item(project)]

    assert admin.put(f"{API}/version/{version_id}", json={"description": "notes"}).status_code == 200
    assert admin.put(f"{API}/version/{version_id}", json={"released": True}).status_code == 200
    assert admin.put(f"{API}/version/{version_id}", json={"archived": True}).status_code == 200
    assert values(the_record(admin, "Project version updated", name)) == {"Description": (None, "notes")}

    other = admin.post(f"{API}/version", json={"name": target, "project": project["key"]}).json()["id"]
    assert admin.put(f"{API}/version/{version_id}/mergeto/{other}").status_code == 204
    merged = the_record(admin, "Project version merged", name)
    assert values(merged)["Name"] == (name, target)
    assert summaries(admin, name) == ["Project version created", "Project version updated",
                                      "Project version released", "Project version archived",
                                      "Project version merged"]
    assert admin.delete(f"{API}/version/{other}").status_code == 204
    assert summaries(admin, target) == ["Project version created", "Project version merged",
                                        "Project version deleted"]

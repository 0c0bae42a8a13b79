"""Project categories: CRUD, uniqueness, refusals, and what deleting one does to its projects."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import httpx

from tests.platform.projects.conftest import API


def test_category_crud(admin: httpx.Client, base_url: str, unique: Callable[[str], str]) -> None:
    name = unique("Cat")
    created = admin.post(f"{API}/projectCategory", json={"name": name, "description": "First"})
    assert created.status_code == 201
    body = created.json()
    assert body == {"self": f"{base_url}{API}/projectCategory/{body['id']}", "id": body["id"], "name": name,
                    "description": "First"}
    assert admin.get(body["self"]).json() == body
    assert body in admin.get(f"{API}/projectCategory").json()
    renamed = admin.put(body["self"], json={"name": name + "-x"})
    assert renamed.status_code == 200
    assert renamed.json() == {**body, "name": name + "-x"}
    described = admin.put(body["self"], json={"description": "Second"}).json()
    assert described["name"] == name + "-x" and described["description"] == "Second"
    deleted = admin.delete(body["self"])
    assert deleted.status_code == 204 and deleted.content == b""
    assert admin.get(body["self"]).status_code == 404
    assert admin.delete(body["self"]).status_code == 404


def test_category_validation(admin: httpx.Client, unique: Callable[[str], str]) -> None:
    name = unique("Dup")
    first = admin.post(f"{API}/projectCategory", json={"name": name}).json()
    duplicate = admin.post(f"{API}/projectCategory", json={"name": name.upper()})
    assert duplicate.status_code == 409
    assert duplicate.json() == {"errorMessages": [f"A project category with the name '{name.upper()}' already "
                                                  "exists."], "errors": {}}
    missing = admin.post(f"{API}/projectCategory", json={"description": "no name"})
    assert missing.status_code == 400
    assert missing.json()["errors"] == {"name": "The project category name must not be empty."}
    assert admin.post(f"{API}/projectCategory", json={"name": "  "}).status_code == 400
    assert admin.post(f"{API}/projectCategory", json={"name": 5}).status_code == 400
    other = admin.post(f"{API}/projectCategory", json={"name": unique("Other")}).json()
    clash = admin.put(f"{API}/projectCategory/{other['id']}", json={"name": name})
    assert clash.status_code == 409
    assert admin.get(f"{API}/projectCategory/{other['id']}").json()["name"] == other["name"]
    assert admin.put(f"{API}/projectCategory/{first['id']}", json={"name": name}).status_code == 200
    assert admin.get(f"{API}/projectCategory/abc").status_code == 404
    assert admin.put(f"{API}/projectCategory/99999999", json={"name": "x"}).status_code == 404


def test_category_permissions(admin: httpx.Client, anon: httpx.Client, make_user: Callable[..., Any],
                              unique: Callable[[str], str]) -> None:
    category = admin.post(f"{API}/projectCategory", json={"name": unique("Perm")}).json()
    user = make_user("catuser")
    assert user.client.get(f"{API}/projectCategory/{category['id']}").status_code == 200
    assert user.client.post(f"{API}/projectCategory", json={"name": unique("No")}).status_code == 403
    assert user.client.put(f"{API}/projectCategory/{category['id']}", json={"name": "x"}).status_code == 403
    assert user.client.delete(f"{API}/projectCategory/{category['id']}").status_code == 403
    assert anon.get(f"{API}/projectCategory").status_code == 401
    assert admin.get(f"{API}/projectCategory/{category['id']}").json() == category


def test_projects_of_a_deleted_category_lose_it(admin: httpx.Client, unique: Callable[[str], str],
                                                make_project: Callable[..., dict[str, Any]]) -> None:
    category = admin.post(f"{API}/projectCategory", json={"name": unique("Temp"), "description": "d"}).json()
    project = make_project(categoryId=int(category["id"]))
    assert project["projectCategory"] == category
    listed = {p["key"]: p for p in admin.get(f"{API}/project").json()}[project["key"]]
    assert listed["projectCategory"] == category
    assert admin.delete(f"{API}/projectCategory/{category['id']}").status_code == 204
    assert "projectCategory" not in admin.get(f"{API}/project/{project['key']}").json()
    moved = admin.put(f"{API}/project/{project['key']}", json={"categoryId": int(category["id"])})
    assert moved.status_code == 400 and set(moved.json()["errors"]) == {"categoryId"}

"""Administration of project roles (/role): create, update, delete, and their default actors."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import httpx

from tests.platform.projects.conftest import API


def _new_role(admin: httpx.Client, unique: Callable[[str], str]) -> dict[str, Any]:
    created = admin.post(f"{API}/role", json={"name": unique("Role"), "description": "Made in a test"})
    assert created.status_code == 200, created.text
    return created.json()


def test_create_update_and_delete_a_role(admin: httpx.Client, base_url: str, unique: Callable[[str], str],
                                         make_project: Callable[..., dict[str, Any]]) -> None:
    role = _new_role(admin, unique)
    assert role == {"self": f"{base_url}{API}/role/{role['id']}", "name": role["name"], "id": role["id"],
                    "description": "Made in a test", "actors": []}
    assert admin.get(role["self"]).json() == role
    project = make_project()
    assert project["roles"][role["name"]] == f"{base_url}{API}/project/{project['id']}/role/{role['id']}"
    renamed = admin.post(role["self"], json={"name": role["name"] + "-b"})
    assert renamed.status_code == 200
    assert renamed.json()["name"] == role["name"] + "-b" and renamed.json()["description"] == "Made in a test"
    full = admin.put(role["self"], json={"name": role["name"], "description": "Changed"})
    assert full.status_code == 200 and full.json()["description"] == "Changed"
    deleted = admin.delete(role["self"])
    assert deleted.status_code == 204
    assert admin.get(role["self"]).status_code == 404
    assert role["name"] not in admin.get(f"{API}/project/{project['key']}/role").json()


def test_role_validation(admin: httpx.Client, unique: Callable[[str], str]) -> None:
    role = _new_role(admin, unique)
    duplicate = admin.post(f"{API}/role", json={"name": role["name"].upper()})
    assert duplicate.status_code == 409
    for bad in ({"description": "no name"}, {"name": ""}, {"name": " padded"}, {"name": 3}):
        assert admin.post(f"{API}/role", json=bad).status_code == 400
    assert admin.post(role["self"], json={}).status_code == 400
    assert admin.put(role["self"], json={"name": unique("Only")}).status_code == 400
    assert admin.post(role["self"], json={"name": "Administrators"}).status_code == 409
    assert admin.delete(role["self"], params={"swap": "999999"}).status_code == 400
    assert admin.post(f"{API}/role/999999", json={"name": "x"}).status_code == 404
    assert admin.delete(f"{API}/role/999999").status_code == 404
    assert admin.get(role["self"]).json() == role


def test_default_actors(admin: httpx.Client, unique: Callable[[str], str], make_user: Callable[..., Any],
                        make_project: Callable[..., dict[str, Any]]) -> None:
    role = _new_role(admin, unique)
    actors = f"{API}/role/{role['id']}/actors"
    assert admin.get(actors).json() == {"actors": []}
    user = make_user("default")
    added = admin.post(actors, json={"user": [user.name]})
    assert added.status_code == 200
    assert [a["name"] for a in added.json()["actors"]] == [user.name]
    groups = admin.post(actors, json={"group": ["jira-software-users"]}).json()["actors"]
    assert [a["name"] for a in groups] == ["jira-software-users", user.name]
    assert admin.post(actors, json={"user": ["ghost-404"]}).status_code == 400
    assert admin.post(actors, json={"user": [user.name], "group": ["jira-administrators"]}).status_code == 400
    assert admin.post(actors, json={}).status_code == 400
    project = make_project()
    in_project = admin.get(f"{API}/project/{project['key']}/role/{role['id']}").json()["actors"]
    assert [a["name"] for a in in_project] == ["jira-software-users", user.name]
    removed = admin.delete(actors, params={"user": user.name})
    assert removed.status_code == 200
    assert [a["name"] for a in removed.json()["actors"]] == ["jira-software-users"]
    assert admin.delete(actors, params={"user": "ghost-404"}).status_code == 400
    assert admin.delete(actors).status_code == 400
    assert [a["name"] for a in admin.get(f"{API}/project/{project['key']}/role/{role['id']}").json()["actors"]] \
        == ["jira-software-users", user.name]
    admin.delete(role["self"])


def test_role_administration_needs_an_administrator(admin: httpx.Client, anon: httpx.Client,
                                                    make_user: Callable[..., Any],
                                                    unique: Callable[[str], str]) -> None:
    role = _new_role(admin, unique)
    user = make_user("rolelessuser")
    assert user.client.post(f"{API}/role", json={"name": unique("Nope")}).status_code == 403
    assert user.client.put(role["self"], json={"name": "x", "description": "y"}).status_code == 403
    assert user.client.delete(role["self"]).status_code == 403
    assert user.client.post(f"{API}/role/{role['id']}/actors", json={"user": [user.name]}).status_code == 403
    assert anon.get(f"{API}/role").status_code == 401
    assert admin.get(role["self"]).json() == role

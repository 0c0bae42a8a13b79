"""Project roles: the role map, one role with its actors, adding, replacing and removing actors."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import httpx

from tests.platform.projects.conftest import API

USER = "atlassian-user-role-actor"
GROUP = "atlassian-group-role-actor"


def _actors(admin: httpx.Client, key: str, role_id: int) -> list[tuple[str, str]]:
    return [(a["type"], a["name"]) for a in admin.get(f"{API}/project/{key}/role/{role_id}").json()["actors"]]


def test_role_map_and_role_shape(admin: httpx.Client, base_url: str,
                                 make_project: Callable[..., dict[str, Any]]) -> None:
    project = make_project()
    roles = admin.get(f"{API}/project/{project['key']}/role")
    assert roles.status_code == 200
    assert roles.json() == project["roles"]
    role = admin.get(roles.json()["Administrators"])
    assert role.status_code == 200
    body = role.json()
    assert list(body) == ["self", "name", "id", "description", "actors"]
    assert body["self"] == f"{base_url}{API}/project/{project['id']}/role/10002"
    assert body["id"] == 10002 and body["name"] == "Administrators"
    assert body["description"] == "A project role that represents administrators in a project"
    group, user = body["actors"]
    assert set(group) == {"id", "displayName", "type", "name"} and group["type"] == GROUP
    assert isinstance(group["id"], int) and group["displayName"] == "jira-administrators"
    assert user == {"id": user["id"], "displayName": "Administrator", "type": USER, "name": "admin",
                    "avatarUrl": f"{base_url}/secure/useravatar?size=xsmall&ownerId=admin"}


def test_add_users_and_groups(admin: httpx.Client, make_project: Callable[..., dict[str, Any]],
                              make_user: Callable[..., Any]) -> None:
    project = make_project()
    user = make_user("actor")
    added = admin.post(f"{API}/project/{project['key']}/role/10000", json={"user": [user.name]})
    assert added.status_code == 200
    assert [(a["type"], a["name"]) for a in added.json()["actors"]] == [(USER, user.name)]
    groups = admin.post(f"{API}/project/{project['id']}/role/10000", json={"group": ["jira-servicedesk-users"]})
    assert groups.status_code == 200
    assert _actors(admin, project["key"], 10000) == [(GROUP, "jira-servicedesk-users"), (USER, user.name)]
    twice = admin.post(f"{API}/project/{project['key']}/role/10000", json={"user": [user.name]})
    assert twice.status_code == 400
    assert twice.json()["errorMessages"] == [f"'{user.name}' is already a member of the project role."]


def test_add_unknown_actor_is_404_and_adds_nothing(admin: httpx.Client,
                                                   make_project: Callable[..., dict[str, Any]],
                                                   make_user: Callable[..., Any]) -> None:
    project = make_project()
    user = make_user("partial")
    unknown_user = admin.post(f"{API}/project/{project['key']}/role/10000",
                              json={"user": [user.name, "nobody-here-42"]})
    assert unknown_user.status_code == 404 and unknown_user.json()["errorMessages"]
    unknown_group = admin.post(f"{API}/project/{project['key']}/role/10000", json={"group": ["no-such-group-42"]})
    assert unknown_group.status_code == 404
    assert _actors(admin, project["key"], 10000) == []
    empty = admin.post(f"{API}/project/{project['key']}/role/10000", json={})
    assert empty.status_code == 400
    wrong = admin.post(f"{API}/project/{project['key']}/role/10000", json={"user": "not-a-list"})
    assert wrong.status_code == 400


def test_set_actors_replaces_each_given_type(admin: httpx.Client, make_project: Callable[..., dict[str, Any]],
                                             make_user: Callable[..., Any]) -> None:
    project = make_project()
    one, two = make_user("one"), make_user("two")
    admin.post(f"{API}/project/{project['key']}/role/10001", json={"user": [one.name]})
    replaced = admin.put(f"{API}/project/{project['key']}/role/10001", json={
        "id": 10001, "categorisedActors": {USER: [two.name, "admin"]}})
    assert replaced.status_code == 200
    assert sorted(_actors(admin, project["key"], 10001)) == sorted(
        [(GROUP, "jira-software-users"), (USER, two.name), (USER, "admin")])
    cleared = admin.put(f"{API}/project/{project['key']}/role/10001", json={
        "id": 10001, "categorisedActors": {USER: [], GROUP: ["jira-administrators"]}})
    assert [(a["type"], a["name"]) for a in cleared.json()["actors"]] == [(GROUP, "jira-administrators")]
    unknown = admin.put(f"{API}/project/{project['key']}/role/10001", json={
        "categorisedActors": {USER: ["ghost-99"], GROUP: []}})
    assert unknown.status_code == 404
    bad_type = admin.put(f"{API}/project/{project['key']}/role/10001", json={
        "categorisedActors": {"robot": ["x"]}})
    assert bad_type.status_code == 400
    assert _actors(admin, project["key"], 10001) == [(GROUP, "jira-administrators")]


def test_delete_actor(admin: httpx.Client, make_project: Callable[..., dict[str, Any]],
                      make_user: Callable[..., Any]) -> None:
    project = make_project()
    user = make_user("gone")
    admin.post(f"{API}/project/{project['key']}/role/10000", json={"user": [user.name]})
    removed = admin.delete(f"{API}/project/{project['key']}/role/10000", params={"user": user.name})
    assert removed.status_code == 204 and removed.content == b""
    assert _actors(admin, project["key"], 10000) == []
    assert admin.delete(f"{API}/project/{project['key']}/role/10000",
                        params={"user": user.name}).status_code == 404
    group = admin.delete(f"{API}/project/{project['key']}/role/10001", params={"group": "jira-software-users"})
    assert group.status_code == 204 and _actors(admin, project["key"], 10001) == []
    assert admin.delete(f"{API}/project/{project['key']}/role/10000").status_code == 400


def test_unknown_role_or_project_is_404(admin: httpx.Client, make_project: Callable[..., dict[str, Any]]) -> None:
    project = make_project()
    assert admin.get(f"{API}/project/{project['key']}/role/999999").status_code == 404
    assert admin.get(f"{API}/project/{project['key']}/role/abc").status_code == 404
    assert admin.get(f"{API}/project/NOPE77/role").status_code == 404
    assert admin.post(f"{API}/project/NOPE77/role/10000", json={"user": ["admin"]}).status_code == 404


def test_role_changes_need_an_administrator(anon: httpx.Client, make_user: Callable[..., Any],
                                            make_project: Callable[..., dict[str, Any]], admin: httpx.Client) -> None:
    project = make_project()
    user = make_user("nosy")
    assert user.client.get(f"{API}/project/{project['key']}/role/10000").status_code == 200
    assert user.client.post(f"{API}/project/{project['key']}/role/10000",
                            json={"user": [user.name]}).status_code == 403
    assert user.client.put(f"{API}/project/{project['key']}/role/10000",
                           json={"categorisedActors": {USER: [user.name]}}).status_code == 403
    assert user.client.delete(f"{API}/project/{project['key']}/role/10002",
                              params={"user": "admin"}).status_code == 403
    assert anon.get(f"{API}/project/{project['key']}/role").status_code == 401
    assert _actors(admin, project["key"], 10000) == []


def test_role_details_and_global_roles(admin: httpx.Client, base_url: str, make_user: Callable[..., Any],
                                       make_project: Callable[..., dict[str, Any]]) -> None:
    project = make_project()
    details = admin.get(f"{API}/project/{project['key']}/roledetails").json()
    by_name = {d["name"]: d for d in details}
    assert by_name["Users"] == {"self": f"{base_url}{API}/project/{project['id']}/role/10000", "name": "Users",
                                "id": 10000, "description": "A project role that represents users in a project"}
    roles = admin.get(f"{API}/role").json()
    developers = {r["name"]: r for r in roles}["Developers"]
    assert developers["self"] == f"{base_url}{API}/role/10001" and developers["id"] == 10001
    assert [a["name"] for a in developers["actors"]] == ["jira-software-users"]
    one = admin.get(f"{API}/role/10002").json()
    assert one["name"] == "Administrators" and [a["name"] for a in one["actors"]] == ["jira-administrators"]
    assert admin.get(f"{API}/role/424242").status_code == 404
    assert make_user("roles").client.get(f"{API}/role").status_code == 403

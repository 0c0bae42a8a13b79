"""Permission scheme administration: schemes, grants, holders, expand, audit, and its effect on access."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import httpx

from tests.platform.issues.helpers import make_issue, make_project


def _create(admin: httpx.Client, name: str, permissions: list[dict[str, Any]] | None = None,
            **params: str) -> httpx.Response:
    body: dict[str, Any] = {"name": name, "description": "made by a test"}
    if permissions is not None:
        body["permissions"] = permissions
    return admin.post("/rest/api/2/permissionscheme", json=body, params=params)


def test_create_get_update_delete_scheme(admin: httpx.Client, base_url: str, unique: Callable[[str], str]) -> None:
    name = unique("scheme")
    created = _create(admin, name, [{"holder": {"type": "group", "parameter": "jira-software-users"},
                                     "permission": "BROWSE_PROJECTS"}])
    assert created.status_code == 201, created.text
    body = created.json()
    sid = body["id"]
    assert body["self"] == f"{base_url}/rest/api/2/permissionscheme/{sid}"
    assert body["name"] == name and body["description"] == "made by a test"
    (grant,) = body["permissions"]
    assert grant["permission"] == "BROWSE_PROJECTS"
    assert grant["holder"] == {"type": "group", "parameter": "jira-software-users", "expand": "group"}
    assert grant["self"] == f"{base_url}/rest/api/2/permissionscheme/permission/{grant['id']}"

    short = admin.get(f"/rest/api/2/permissionscheme/{sid}").json()
    assert "permissions" not in short and short["expand"] == "permissions,user,group,projectRole,field,all"
    full = admin.get(f"/rest/api/2/permissionscheme/{sid}", params={"expand": "group"}).json()
    assert full["permissions"][0]["holder"]["group"]["name"] == "jira-software-users"

    renamed = admin.put(f"/rest/api/2/permissionscheme/{sid}", json={"name": name + "-2"})
    assert renamed.status_code == 200 and renamed.json()["name"] == name + "-2"
    assert len(renamed.json()["permissions"]) == 1  # no permissions list: grants untouched
    emptied = admin.put(f"/rest/api/2/permissionscheme/{sid}", json={"permissions": []})
    assert emptied.json()["permissions"] == []

    assert admin.delete(f"/rest/api/2/permissionscheme/{sid}").status_code == 204
    assert admin.get(f"/rest/api/2/permissionscheme/{sid}").status_code == 404


def test_grants_add_get_delete_and_duplicates(admin: httpx.Client, make_user, unique) -> None:  # type: ignore[no-untyped-def]
    user = make_user("holder")
    sid = _create(admin, unique("grants")).json()["id"]
    grant = {"holder": {"type": "user", "parameter": user.name}, "permission": "EDIT_ISSUES"}
    added = admin.post(f"/rest/api/2/permissionscheme/{sid}/permission", json=grant, params={"expand": "user"})
    assert added.status_code == 201, added.text
    gid = added.json()["id"]
    assert added.json()["holder"]["parameter"] == user.key
    assert added.json()["holder"]["user"]["name"] == user.name
    again = admin.post(f"/rest/api/2/permissionscheme/{sid}/permission", json=grant)
    assert again.status_code == 400
    listed = admin.get(f"/rest/api/2/permissionscheme/{sid}/permission").json()
    assert [g["id"] for g in listed["permissions"]] == [gid]
    assert listed["expand"] == "user,group,projectRole,field,all"
    assert admin.get(f"/rest/api/2/permissionscheme/{sid}/permission/{gid}").json()["permission"] == "EDIT_ISSUES"
    assert admin.delete(f"/rest/api/2/permissionscheme/{sid}/permission/{gid}").status_code == 204
    assert admin.get(f"/rest/api/2/permissionscheme/{sid}/permission/{gid}").status_code == 404
    assert admin.delete(f"/rest/api/2/permissionscheme/{sid}/permission/{gid}").status_code == 400


def test_legacy_permission_keys_are_stored_as_current_ones(admin: httpx.Client, unique) -> None:  # type: ignore[no-untyped-def]
    sid = _create(admin, unique("legacy")).json()["id"]
    added = admin.post(f"/rest/api/2/permissionscheme/{sid}/permission",
                       json={"holder": {"type": "projectRole", "parameter": "10002"}, "permission": "BROWSE"})
    assert added.status_code == 201
    assert added.json()["permission"] == "BROWSE_PROJECTS"
    assert added.json()["holder"] == {"type": "projectRole", "parameter": "10002", "expand": "projectRole"}


def test_bad_grants_are_400_and_write_nothing(admin: httpx.Client, unique) -> None:  # type: ignore[no-untyped-def]
    name = unique("bad")
    cases = [
        {"holder": {"type": "group", "parameter": "no-such-group"}, "permission": "BROWSE_PROJECTS"},
        {"holder": {"type": "martian"}, "permission": "BROWSE_PROJECTS"},
        {"holder": {"type": "group"}, "permission": "BROWSE_PROJECTS"},
        {"holder": {"type": "anyone"}, "permission": "NOT_A_PERMISSION"},
        {"holder": {"type": "anyone"}, "permission": "ADMINISTER"},
        {"holder": {"type": "projectRole", "parameter": "99999"}, "permission": "BROWSE_PROJECTS"},
        {"holder": {"type": "reporter", "parameter": "x"}, "permission": "BROWSE_PROJECTS"},
        {"holder": {"type": "userCustomField", "parameter": "customfield_1"}, "permission": "BROWSE_PROJECTS"},
        "not an object",
    ]
    for grant in cases:
        response = _create(admin, name, [grant])
        assert response.status_code == 400, (grant, response.text)
        assert response.json()["errorMessages"] or response.json()["errors"]
    names = [s["name"] for s in admin.get("/rest/api/2/permissionscheme").json()["permissionSchemes"]]
    assert name not in names
    assert _create(admin, "").status_code == 400
    assert admin.post("/rest/api/2/permissionscheme", content=b"[1]",
                      headers={"Content-Type": "application/json"}).status_code == 400
    assert admin.get("/rest/api/2/permissionscheme", params={"expand": "bogus"}).status_code == 400


def test_duplicate_scheme_name_is_400(admin: httpx.Client, unique) -> None:  # type: ignore[no-untyped-def]
    name = unique("dup")
    assert _create(admin, name).status_code == 201
    response = _create(admin, name.upper())
    assert response.status_code == 400 and "name" in response.json()["errors"]


def test_default_scheme_has_jira_grants_and_cannot_be_deleted(admin: httpx.Client) -> None:
    body = admin.get("/rest/api/2/permissionscheme/0", params={"expand": "permissions"}).json()
    grants = {(g["permission"], g["holder"]["type"], g["holder"].get("parameter")) for g in body["permissions"]}
    assert ("BROWSE_PROJECTS", "applicationRole", None) in grants
    assert ("DELETE_ISSUES", "projectRole", "10002") in grants
    assert admin.delete("/rest/api/2/permissionscheme/0").status_code == 400


def test_deleting_a_scheme_moves_its_projects_to_the_default(admin: httpx.Client, unique, unique_key) -> None:  # type: ignore[no-untyped-def]
    sid = _create(admin, unique("moving")).json()["id"]
    key = unique_key()
    make_project(admin, key)
    assert admin.put(f"/rest/api/2/project/{key}/permissionscheme", json={"id": sid}).status_code == 200
    assert admin.delete(f"/rest/api/2/permissionscheme/{sid}").status_code == 204
    assert admin.get(f"/rest/api/2/project/{key}/permissionscheme").json()["id"] == 0


def test_scheme_admin_needs_an_administrator(anon: httpx.Client, make_user) -> None:  # type: ignore[no-untyped-def]
    user = make_user("plain")
    assert anon.post("/rest/api/2/permissionscheme", json={"name": "x"}).status_code == 401
    assert user.client.post("/rest/api/2/permissionscheme", json={"name": "x"}).status_code == 403
    assert user.client.delete("/rest/api/2/permissionscheme/0").status_code == 403
    assert user.client.post("/rest/api/2/permissionscheme/0/permission", json={}).status_code == 403


def test_changes_are_audited(admin: httpx.Client, unique) -> None:  # type: ignore[no-untyped-def]
    name = unique("audited")
    sid = _create(admin, name).json()["id"]
    admin.post(f"/rest/api/2/permissionscheme/{sid}/permission",
               json={"holder": {"type": "anyone"}, "permission": "BROWSE_PROJECTS"})
    records = admin.get("/rest/api/2/auditing/record", params={"filter": name}).json()["records"]
    summaries = [r["summary"] for r in records if r["objectItem"]["name"] == name]
    assert "Permission scheme created" in summaries and "Permission scheme updated" in summaries


def test_a_scheme_decides_who_browses(admin: httpx.Client, make_user, unique, unique_key) -> None:  # type: ignore[no-untyped-def]
    """The done-when of issue 6: a project whose issues only one group can see."""
    insider, outsider = make_user("insider"), make_user("outsider")
    group = unique("team")
    assert admin.post("/rest/api/2/group", json={"name": group}).status_code == 201
    assert admin.post("/rest/api/2/group/user", params={"groupname": group},
                      json={"name": insider.name}).status_code == 201
    grants = [{"holder": {"type": "group", "parameter": group}, "permission": p}
              for p in ("BROWSE_PROJECTS", "CREATE_ISSUES", "ADD_COMMENTS")]
    grants.append({"holder": {"type": "group", "parameter": "jira-administrators"}, "permission": "BROWSE_PROJECTS"})
    sid = _create(admin, unique("secret"), grants).json()["id"]
    key = unique_key()
    make_project(admin, key)
    admin.put(f"/rest/api/2/project/{key}/permissionscheme", json={"id": sid})
    issue = make_issue(insider.client, key, "only the team sees this")

    assert insider.client.get(f"/rest/api/2/issue/{issue['key']}").status_code == 200
    assert outsider.client.get(f"/rest/api/2/issue/{issue['key']}").status_code == 404
    found = outsider.client.get("/rest/api/2/search", params={"jql": f"key = {issue['key']}"})
    assert found.status_code == 200 and found.json()["issues"] == [] or found.status_code == 400
    mine = insider.client.get("/rest/api/2/search", params={"jql": f"project = {key}"}).json()
    assert [i["key"] for i in mine["issues"]] == [issue["key"]]
    assert admin.get(f"/rest/api/2/issue/{issue['key']}").status_code == 200

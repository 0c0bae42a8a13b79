"""JQL and permissions: the search filter, projects the caller may not browse, projectsWhereUserHasPermission."""

from __future__ import annotations

from typing import Any

import httpx

from tests.platform.issues.helpers import make_issue, make_project


def _closed_project(admin: httpx.Client, name: str, key: str, grants: list[dict[str, Any]]) -> None:
    scheme = admin.post("/rest/api/2/permissionscheme", json={"name": name, "permissions": grants})
    assert scheme.status_code == 201, scheme.text
    make_project(admin, key)
    admin.put(f"/rest/api/2/project/{key}/permissionscheme", json={"id": scheme.json()["id"]})


def _search(client: httpx.Client, jql: str) -> httpx.Response:
    return client.post("/rest/api/2/search", json={"jql": jql, "fields": ["summary"]})


def test_unbrowsable_project_does_not_exist_in_jql(admin: httpx.Client, make_user, unique, unique_key) -> None:  # type: ignore[no-untyped-def]
    user = make_user("jqlout")
    key = unique_key()
    admins = {"holder": {"type": "group", "parameter": "jira-administrators"}, "permission": "BROWSE_PROJECTS"}
    creators = {"holder": {"type": "group", "parameter": "jira-administrators"}, "permission": "CREATE_ISSUES"}
    _closed_project(admin, unique("closed"), key, [admins, creators])
    make_issue(admin, key, "hidden from the user")
    refused = _search(user.client, f"project = {key}")
    assert refused.status_code == 400
    assert refused.json()["errorMessages"] == [f"The value '{key}' does not exist for the field 'project'."]
    lenient = user.client.get("/rest/api/2/search", params={"jql": f"project = {key}", "validateQuery": "warn"})
    assert lenient.status_code == 200 and lenient.json()["total"] == 0
    assert _search(admin, f"project = {key}").json()["total"] == 1


def test_reporter_grants_filter_search_per_issue(admin: httpx.Client, make_user, unique, unique_key) -> None:  # type: ignore[no-untyped-def]
    alice, bob = make_user("alice"), make_user("bob")
    key = unique_key()
    grants = [{"holder": {"type": "reporter"}, "permission": "BROWSE_PROJECTS"},
              {"holder": {"type": "applicationRole"}, "permission": "CREATE_ISSUES"},
              {"holder": {"type": "group", "parameter": "jira-administrators"}, "permission": "BROWSE_PROJECTS"}]
    _closed_project(admin, unique("reporters"), key, grants)
    mine = make_issue(alice.client, key, "alice's own")
    make_issue(bob.client, key, "bob's own")
    found = _search(alice.client, f"summary ~ own AND project = {key}")
    assert found.status_code == 200, found.text
    assert [i["key"] for i in found.json()["issues"]] == [mine["key"]] and found.json()["total"] == 1
    assert _search(admin, f"project = {key}").json()["total"] == 2


def test_projects_where_user_has_permission(admin: httpx.Client, make_user, unique, unique_key) -> None:  # type: ignore[no-untyped-def]
    user = make_user("resolver")
    key = unique_key()
    grants = [{"holder": {"type": "applicationRole"}, "permission": "BROWSE_PROJECTS"},
              {"holder": {"type": "applicationRole"}, "permission": "CREATE_ISSUES"},
              {"holder": {"type": "user", "parameter": user.name}, "permission": "RESOLVE_ISSUES"}]
    _closed_project(admin, unique("resolvers"), key, grants)
    issue = make_issue(admin, key, "to resolve")
    for name in ('"Resolve Issues"', "RESOLVE_ISSUES", "RESOLVE_ISSUE"):
        found = _search(user.client, f"project in projectsWhereUserHasPermission({name}) AND project = {key}")
        assert found.status_code == 200, (name, found.text)
        assert [i["key"] for i in found.json()["issues"]] == [issue["key"]]
    other = _search(admin, f'project in projectsWhereUserHasPermission("Resolve Issues") AND project = {key}')
    assert other.json()["total"] == 0  # the admin is not granted Resolve Issues in this project
    bad = _search(user.client, 'project in projectsWhereUserHasPermission("Fly")')
    assert bad.status_code == 400
    assert bad.json()["errorMessages"] == ["Could not resolve the permission 'Fly'."]


def test_search_follows_group_and_role_changes_at_once(admin: httpx.Client, make_user, unique, unique_key) -> None:  # type: ignore[no-untyped-def]
    """The caller's walk of every project's grants is kept between requests: changes must still show at once."""
    user = make_user("walker")
    key, group, word = unique_key(), unique("walkers"), unique("zq")
    role = admin.post("/rest/api/2/role", json={"name": unique("walking role")})
    assert role.status_code == 200, role.text
    role_id = role.json()["id"]
    grants = [{"holder": {"type": "group", "parameter": group}, "permission": "BROWSE_PROJECTS"},
              {"holder": {"type": "projectRole", "parameter": str(role_id)}, "permission": "BROWSE_PROJECTS"},
              {"holder": {"type": "group", "parameter": "jira-administrators"}, "permission": "BROWSE_PROJECTS"},
              {"holder": {"type": "group", "parameter": "jira-administrators"}, "permission": "CREATE_ISSUES"}]
    assert admin.post("/rest/api/2/group", json={"name": group}).status_code == 201
    _closed_project(admin, unique("walks"), key, grants)
    make_issue(admin, key, f"{word} behind grants")

    def total() -> int:
        found = _search(user.client, f"summary ~ {word}")
        assert found.status_code == 200, found.text
        return int(found.json()["total"])

    assert total() == 0 and total() == 0
    added = admin.post("/rest/api/2/group/user", params={"groupname": group}, json={"name": user.name})
    assert added.status_code == 201, added.text
    assert total() == 1
    assert admin.delete("/rest/api/2/group/user", params={"groupname": group, "username": user.name}).status_code == 200
    assert total() == 0
    actor = admin.post(f"/rest/api/2/project/{key}/role/{role_id}", json={"user": [user.name]})
    assert actor.status_code == 200, actor.text
    assert total() == 1

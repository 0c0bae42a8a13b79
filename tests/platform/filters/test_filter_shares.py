"""Share permissions of filters and who they let see a filter: global, authenticated, group, project, role."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import httpx

from tests.conftest import TestUser as MadeUser
from tests.platform.filters.conftest import API

NOT_AVAILABLE = {"errorMessages": ["The selected filter is not available to you, perhaps it has been deleted or "
                                   "had its permissions changed."], "errors": {}}


def _group_with(admin: httpx.Client, name: str, *members: MadeUser) -> str:
    assert admin.post(f"{API}/group", json={"name": name}).status_code == 201
    for member in members:
        added = admin.post(f"{API}/group/user", params={"groupname": name}, json={"name": member.name})
        assert added.status_code == 201, added.text
    return name


def _role_id(admin: httpx.Client, name: str) -> int:
    return next(r["id"] for r in admin.get(f"{API}/role").json() if r["name"] == name)


def _sees(client: httpx.Client, filter_id: str) -> bool:
    got = client.get(f"{API}/filter/{filter_id}")
    assert got.status_code in (200, 404), got.text
    if got.status_code == 404:
        assert got.json() == NOT_AVAILABLE
    listed = filter_id in [f["id"] for f in client.get(f"{API}/filter").json()]
    assert listed == (got.status_code == 200)
    return got.status_code == 200


def test_private_filter_is_seen_only_by_its_owner(make_user: Callable[..., MadeUser], anon: httpx.Client,
                                                  admin: httpx.Client,
                                                  make_filter: Callable[..., dict[str, Any]]) -> None:
    owner, other = make_user("owner"), make_user("other")
    made = make_filter(owner.client)
    assert made["owner"]["name"] == owner.name and made["sharePermissions"] == []
    assert _sees(owner.client, made["id"])
    assert not _sees(other.client, made["id"]) and not _sees(anon, made["id"]) and not _sees(admin, made["id"])
    assert other.client.put(f"{API}/filter/{made['id']}", json={"name": "stolen"}).status_code == 404
    assert other.client.delete(f"{API}/filter/{made['id']}").status_code == 404
    assert other.client.put(f"{API}/filter/{made['id']}/favourite").status_code == 404
    assert owner.client.get(f"{API}/filter/{made['id']}").json()["name"] == made["name"]


def test_global_and_authenticated_shares(make_user: Callable[..., MadeUser], anon: httpx.Client,
                                         make_filter: Callable[..., dict[str, Any]]) -> None:
    owner, other = make_user("owner"), make_user("other")
    public = make_filter(owner.client, sharePermissions=[{"type": "global"}])
    assert [p["type"] for p in public["sharePermissions"]] == ["global"]
    logged_in = make_filter(owner.client, sharePermissions=[{"type": "authenticated"}])
    assert [p["type"] for p in logged_in["sharePermissions"]] == ["loggedin"]
    assert _sees(anon, public["id"]) and _sees(other.client, public["id"])
    assert not _sees(anon, logged_in["id"]) and _sees(other.client, logged_in["id"])


def test_group_share(admin: httpx.Client, make_user: Callable[..., MadeUser], unique: Callable[[str], str],
                     make_filter: Callable[..., dict[str, Any]]) -> None:
    owner, member, outsider = make_user("owner"), make_user("member"), make_user("outsider")
    group = _group_with(admin, unique("team"), owner, member)
    made = make_filter(owner.client, sharePermissions=[{"type": "group", "groupname": group.upper()}])
    share = made["sharePermissions"][0]
    assert share["type"] == "group" and share["group"]["name"] == group
    assert share["group"]["self"].endswith(f"{API}/group?groupname={group}")
    assert _sees(member.client, made["id"]) and not _sees(outsider.client, made["id"])
    expanded = owner.client.get(f"{API}/filter/{made['id']}", params={"expand": "sharedUsers"}).json()
    assert sorted(u["name"] for u in expanded["sharedUsers"]["items"]) == sorted([owner.name, member.name])
    assert expanded["sharedUsers"]["size"] == 2 and expanded["sharedUsers"]["end-index"] == 1
    # A user may share only with groups they belong to.
    refused = outsider.client.post(f"{API}/filter", json={"name": unique("f"), "sharePermissions": [
        {"type": "group", "groupname": group}]})
    assert refused.status_code == 400
    assert refused.json() == {"errorMessages": [], "errors": {
        "groupname": f"You do not have permission to share with Group: '{group}'."}}
    assert outsider.client.get(f"{API}/filter/my").json() == []


def test_project_and_role_shares(admin: httpx.Client, make_user: Callable[..., MadeUser],
                                 project: dict[str, Any], anon: httpx.Client, unique: Callable[[str], str],
                                 make_filter: Callable[..., dict[str, Any]]) -> None:
    developer, via_group, outsider = make_user("dev"), make_user("viagroup"), make_user("outsider")
    developers = _role_id(admin, "Administrators")
    group = _group_with(admin, unique("devs"), via_group)
    for actors in ({"user": [developer.name]}, {"group": [group]}):
        added = admin.post(f"{API}/project/{project['key']}/role/{developers}", json=actors)
        assert added.status_code == 200, added.text
    shared = make_filter(sharePermissions=[{"type": "project", "projectId": project["id"]}])
    role_shared = make_filter(sharePermissions=[
        {"type": "projectRole", "projectId": str(project["id"]), "projectRoleId": str(developers)}])
    share = shared["sharePermissions"][0]
    assert share["type"] == "project" and share["project"]["key"] == project["key"] and "role" not in share
    role_share = role_shared["sharePermissions"][0]
    assert role_share["type"] == "project" and role_share["project"]["id"] == str(project["id"])
    assert role_share["role"]["id"] == developers and role_share["role"]["name"] == "Administrators"
    assert {developer.name, group} <= {a["name"] for a in role_share["role"]["actors"]}
    assert _sees(outsider.client, shared["id"]) and not _sees(anon, shared["id"])
    assert _sees(developer.client, role_shared["id"])
    assert _sees(via_group.client, role_shared["id"]) and not _sees(outsider.client, role_shared["id"])


def test_bad_shares_are_400_and_change_nothing(admin: httpx.Client, project: dict[str, Any],
                                               make_filter: Callable[..., dict[str, Any]]) -> None:
    made = make_filter()
    cases: list[tuple[dict[str, Any], dict[str, str]]] = [
        ({}, {"type": "The share type must be given."}),
        ({"type": "everyone"}, {"type": "The share type 'everyone' is not valid. Valid types are: global, "
                                        "authenticated, group, project, projectRole."}),
        ({"type": "group"}, {"groupname": "A group must be given to share with a group."}),
        ({"type": "group", "groupname": "no-such-group-x"}, {"groupname": "Group: 'no-such-group-x' does not exist."}),
        ({"type": "project"}, {"projectId": "A project must be given to share with a project."}),
        ({"type": "project", "projectId": "99999999"}, {"projectId": "Selected project does not exist."}),
        ({"type": "projectRole", "projectId": project["id"]},
         {"projectRoleId": "A project role must be given to share with a project role."}),
        ({"type": "projectRole", "projectId": project["id"], "projectRoleId": "77777"},
         {"projectRoleId": "Selected role does not exist."}),
    ]
    for body, errors in cases:
        refused = admin.post(f"{API}/filter/{made['id']}/permission", json=body)
        assert refused.status_code == 400, (body, refused.text)
        assert refused.json() == {"errorMessages": [], "errors": errors}
    wrong_type = admin.post(f"{API}/filter/{made['id']}/permission", json={"type": ["global"]})
    assert wrong_type.status_code == 400
    assert admin.get(f"{API}/filter/{made['id']}/permission").json() == []


def test_permission_endpoints(admin: httpx.Client, make_user: Callable[..., MadeUser], project: dict[str, Any],
                              anon: httpx.Client, make_filter: Callable[..., dict[str, Any]]) -> None:
    owner, other = make_user("owner"), make_user("other")
    made = make_filter(owner.client)
    path = f"{API}/filter/{made['id']}/permission"
    first = owner.client.post(path, json={"type": "project", "projectId": str(project["id"])})
    assert first.status_code == 201 and [p["type"] for p in first.json()] == ["project"]
    second = owner.client.post(path, json={"type": "project", "projectId": project["key"]})
    assert second.status_code == 201 and second.json() == first.json()  # the same share once
    share_id = first.json()[0]["id"]
    assert isinstance(share_id, int)
    one = other.client.get(f"{path}/{share_id}")
    assert one.status_code == 200 and one.json() == first.json()[0]
    assert other.client.get(path).json() == first.json()
    # Others who see the filter may not change its shares.
    assert other.client.post(path, json={"type": "global"}).status_code == 400
    assert other.client.delete(f"{path}/{share_id}").status_code == 403
    assert anon.get(path).status_code == 401 and anon.post(path, json={"type": "global"}).status_code == 401
    assert owner.client.get(f"{path}/99999999").status_code == 404
    assert owner.client.get(f"{path}/abc").status_code == 404
    # A global share replaces all others.
    replaced = owner.client.post(path, json={"type": "global"})
    assert replaced.status_code == 201 and [p["type"] for p in replaced.json()] == ["global"]
    assert owner.client.get(f"{path}/{share_id}").status_code == 404
    gone = owner.client.delete(f"{path}/{replaced.json()[0]['id']}")
    assert gone.status_code == 204 and owner.client.get(path).json() == []
    assert other.client.get(path).status_code == 404


def test_non_owner_cannot_edit_a_shared_filter(admin: httpx.Client, make_user: Callable[..., MadeUser],
                                               make_filter: Callable[..., dict[str, Any]]) -> None:
    owner, other = make_user("owner"), make_user("other")
    made = make_filter(owner.client, sharePermissions=[{"type": "authenticated"}])
    refused = other.client.put(f"{API}/filter/{made['id']}", json={"name": "mine now"})
    assert refused.status_code == 403
    assert refused.json()["errorMessages"] == ["You do not have permission to edit this filter: only its owner "
                                               "may change it."]
    assert other.client.delete(f"{API}/filter/{made['id']}").status_code == 403
    assert owner.client.get(f"{API}/filter/{made['id']}").json() == made
    # Administrators may edit filters they can see.
    edited = admin.put(f"{API}/filter/{made['id']}", json={"description": "by admin"})
    assert edited.status_code == 200 and edited.json()["owner"]["name"] == owner.name
    assert edited.json()["description"] == "by admin"

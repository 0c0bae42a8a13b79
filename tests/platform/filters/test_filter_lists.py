"""/filter/my, /filter/favourite, favourites, columns of a filter and the default share scope."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import httpx

from tests.conftest import TestUser as MadeUser
from tests.platform.filters.conftest import API


def _ids(response: httpx.Response) -> list[str]:
    assert response.status_code == 200, response.text
    return [f["id"] for f in response.json()]


def test_my_and_favourite_filters(make_user: Callable[..., MadeUser], anon: httpx.Client,
                                  make_filter: Callable[..., dict[str, Any]]) -> None:
    owner, other = make_user("owner"), make_user("other")
    b_mine = make_filter(owner.client, name="b mine")
    a_mine = make_filter(owner.client, name="A mine", favourite=True)
    shared = make_filter(other.client, sharePermissions=[{"type": "authenticated"}])
    assert _ids(owner.client.get(f"{API}/filter/my")) == [a_mine["id"], b_mine["id"]]
    assert _ids(owner.client.get(f"{API}/filter/favourite")) == [a_mine["id"]]
    favoured = owner.client.put(f"{API}/filter/{shared['id']}/favourite")
    assert favoured.status_code == 200
    assert (favoured.json()["favourite"], favoured.json()["favouritedCount"]) == (True, 1)
    assert favoured.json()["owner"]["name"] == other.name
    again = owner.client.put(f"{API}/filter/{shared['id']}/favourite")
    assert again.json()["favouritedCount"] == 1
    assert _ids(owner.client.get(f"{API}/filter/my")) == [a_mine["id"], b_mine["id"]]
    with_favourites = owner.client.get(f"{API}/filter/my", params={"includeFavourites": "true"})
    assert set(_ids(with_favourites)) == {a_mine["id"], b_mine["id"], shared["id"]}
    assert set(_ids(owner.client.get(f"{API}/filter/favourite"))) == {a_mine["id"], shared["id"]}
    # The owner sees the count, not the other user's favourite flag.
    seen_by_other = other.client.get(f"{API}/filter/{shared['id']}").json()
    assert (seen_by_other["favourite"], seen_by_other["favouritedCount"]) == (False, 1)
    other.client.put(f"{API}/filter/{shared['id']}/favourite")
    assert other.client.get(f"{API}/filter/{shared['id']}").json()["favouritedCount"] == 2
    removed = owner.client.delete(f"{API}/filter/{shared['id']}/favourite")
    assert removed.status_code == 200
    assert (removed.json()["favourite"], removed.json()["favouritedCount"]) == (False, 1)
    assert _ids(owner.client.get(f"{API}/filter/favourite")) == [a_mine["id"]]
    assert anon.get(f"{API}/filter/favourite").json() == [] and anon.get(f"{API}/filter/my").json() == []


def test_favourite_disappears_when_the_share_is_removed(make_user: Callable[..., MadeUser],
                                                        make_filter: Callable[..., dict[str, Any]]) -> None:
    owner, other = make_user("owner"), make_user("other")
    shared = make_filter(owner.client, sharePermissions=[{"type": "global"}])
    assert other.client.put(f"{API}/filter/{shared['id']}/favourite").status_code == 200
    assert _ids(other.client.get(f"{API}/filter/favourite")) == [shared["id"]]
    unshared = owner.client.put(f"{API}/filter/{shared['id']}", json={"sharePermissions": []})
    assert unshared.status_code == 200 and unshared.json()["sharePermissions"] == []
    assert other.client.get(f"{API}/filter/favourite").json() == []
    assert other.client.get(f"{API}/filter/my", params={"includeFavourites": True}).json() == []


def test_default_share_scope(make_user: Callable[..., MadeUser], anon: httpx.Client,
                             make_filter: Callable[..., dict[str, Any]]) -> None:
    user = make_user("scoped")
    path = f"{API}/filter/defaultShareScope"
    assert user.client.get(path).json() == {"scope": "PRIVATE"}
    assert make_filter(user.client)["sharePermissions"] == []
    for scope, wire in (("GLOBAL", "global"), ("AUTHENTICATED", "loggedin")):
        changed = user.client.put(path, json={"scope": scope})
        assert changed.status_code == 200 and changed.json() == {"scope": scope}
        assert user.client.get(path).json() == {"scope": scope}
        assert [p["type"] for p in make_filter(user.client)["sharePermissions"]] == [wire]
    # Shares given with the filter win over the default.
    assert make_filter(user.client, sharePermissions=[])["sharePermissions"] == []
    for bad in ({"scope": "EVERYONE"}, {"scope": 3}, {}):
        refused = user.client.put(path, json=bad)
        assert refused.status_code == 400
        assert list(refused.json()["errors"]) == ["scope"]
    assert user.client.get(path).json() == {"scope": "AUTHENTICATED"}
    assert user.client.put(path, json={"scope": "private"}).json() == {"scope": "PRIVATE"}
    assert anon.get(path).status_code == 401 and anon.put(path, json={"scope": "GLOBAL"}).status_code == 401


def test_columns(admin: httpx.Client, make_user: Callable[..., MadeUser],
                 make_filter: Callable[..., dict[str, Any]]) -> None:
    owner, other = make_user("owner"), make_user("other")
    made = make_filter(owner.client, sharePermissions=[{"type": "authenticated"}])
    path = f"{API}/filter/{made['id']}/columns"
    missing = owner.client.get(path)
    assert missing.status_code == 404
    assert missing.json() == {"errorMessages": [f"The filter with id '{made['id']}' does not have any columns."],
                              "errors": {}}
    as_form = owner.client.put(path, data={"columns": ["summary", "issuekey", "summary", "status"]})
    assert as_form.status_code == 200, as_form.text
    expected = [{"label": "Summary", "value": "summary"}, {"label": "Key", "value": "issuekey"},
                {"label": "Status", "value": "status"}]
    assert owner.client.get(path).json() == expected
    assert other.client.get(path).json() == expected
    as_json = owner.client.put(path, json=["assignee", "created"])
    assert as_json.status_code == 200
    assert [c["value"] for c in owner.client.get(path).json()] == ["assignee", "created"]
    for body, errors in (
        (["nosuch"], {"columns": "Field 'nosuch' does not exist or is not navigable."}),
        (["comment"], {"columns": "Field 'comment' does not exist or is not navigable."}),
        ([], {"columns": "You must specify at least one column."}),
        ({"columns": [1]}, {"columns": "The columns must be a list of field ids."}),
    ):
        refused = owner.client.put(path, json=body)
        assert refused.status_code == 400 and refused.json() == {"errorMessages": [], "errors": errors}
    assert other.client.put(path, json=["summary"]).status_code == 403
    assert other.client.delete(path).status_code == 403
    assert [c["value"] for c in owner.client.get(path).json()] == ["assignee", "created"]
    reset = owner.client.delete(path)
    assert reset.status_code == 204 and owner.client.get(path).status_code == 404


def test_non_member_cannot_share_with_a_role(admin: httpx.Client, make_user: Callable[..., MadeUser],
                                             project: dict[str, Any], unique: Callable[[str], str]) -> None:
    user = make_user("sharer")
    role = next(r for r in admin.get(f"{API}/role").json() if r["name"] == "Administrators")
    refused = user.client.post(f"{API}/filter", json={"name": unique("f"), "sharePermissions": [
        {"type": "projectRole", "projectId": project["id"], "projectRoleId": role["id"]}]})
    assert refused.status_code == 400
    assert refused.json() == {"errorMessages": [], "errors": {"projectRoleId": (
        f"You do not have permission to share with Project Role: 'Administrators' in project '{project['name']}'.")}}
    assert user.client.get(f"{API}/filter/my").json() == []
    # Shares written as they are read (group/project/role objects) are accepted too.
    made = admin.post(f"{API}/filter", json={"name": unique("f"), "sharePermissions": [
        {"type": "project", "project": {"id": project["id"]}, "role": {"id": role["id"]}}]})
    assert made.status_code == 200, made.text
    assert made.json()["sharePermissions"][0]["role"]["id"] == role["id"]


def test_shared_users_of_several_filters(admin: httpx.Client, make_user: Callable[..., MadeUser],
                                         unique: Callable[[str], str],
                                         make_filter: Callable[..., dict[str, Any]]) -> None:
    owner, first, second = make_user("owner"), make_user("first"), make_user("second")
    groups = []
    for members in ((owner, first), (owner, first, second)):
        name = unique("grp")
        assert admin.post(f"{API}/group", json={"name": name}).status_code == 201
        for member in members:
            admin.post(f"{API}/group/user", params={"groupname": name}, json={"name": member.name})
        groups.append(name)
    a = make_filter(owner.client, name="a", sharePermissions=[{"type": "group", "groupname": groups[0]}])
    b = make_filter(owner.client, name="b", sharePermissions=[{"type": "group", "groupname": groups[1]}])
    private = make_filter(owner.client, name="c")
    listed = owner.client.get(f"{API}/filter/my", params={"expand": "sharedUsers"}).json()
    assert [f["id"] for f in listed] == [a["id"], b["id"], private["id"]]
    names = [sorted(u["name"] for u in f["sharedUsers"]["items"]) for f in listed]
    assert names == [sorted([owner.name, first.name]), sorted([owner.name, first.name, second.name]), []]
    assert [f["sharedUsers"]["size"] for f in listed] == [2, 3, 0]
    assert listed[1]["sharedUsers"]["max-results"] == 1000 and listed[1]["sharedUsers"]["end-index"] == 2
    plain = owner.client.get(f"{API}/filter/my").json()
    assert all(f["sharedUsers"]["items"] == [] for f in plain)


def test_project_share_reaches_who_may_browse_the_project(admin: httpx.Client, make_user: Callable[..., MadeUser],
                                                          unique: Callable[[str], str], unique_key: Callable[[], str],
                                                          make_filter: Callable[..., dict[str, Any]]) -> None:
    insider, outsider = make_user("proj-in"), make_user("proj-out")
    scheme = admin.post(f"{API}/permissionscheme", json={"name": unique("browse-one"), "permissions": [
        {"holder": {"type": "user", "parameter": insider.name}, "permission": "BROWSE_PROJECTS"},
        {"holder": {"type": "group", "parameter": "jira-administrators"}, "permission": "BROWSE_PROJECTS"}]})
    assert scheme.status_code == 201, scheme.text
    key = unique_key()
    created = admin.post(f"{API}/project", json={"key": key, "name": unique("P"), "lead": "admin",
                                                 "projectTypeKey": "software"})
    assert created.status_code == 201, created.text
    admin.put(f"{API}/project/{key}/permissionscheme", json={"id": scheme.json()["id"]})
    shared = make_filter(admin, name=unique("proj"), sharePermissions=[
        {"type": "project", "projectId": str(created.json()["id"])}])
    body = admin.get(f"{API}/filter/{shared['id']}", params={"expand": "sharedUsers"}).json()
    names = [u["name"] for u in body["sharedUsers"]["items"]]
    assert insider.name in names and "admin" in names and outsider.name not in names
    assert body["sharedUsers"]["size"] == len(names)
    assert insider.client.get(f"{API}/filter/{shared['id']}").status_code == 200
    assert outsider.client.get(f"{API}/filter/{shared['id']}").status_code in (400, 404)

"""Users and groups: each administrative change leaves Jira's audit record."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import httpx

from tests.platform.auditing.support import records, summaries, the_record, values

API = "/rest/api/2"
DIRECTORY = {"parentId": "1", "parentName": "Jira Internal Directory"}


def _user_item(user: Any) -> dict[str, str]:
    return {"id": user.key, "name": user.name, "typeName": "USER", **DIRECTORY}


def test_user_created_with_its_values_and_default_groups(admin: httpx.Client, make_user: Callable[..., Any]) -> None:
    user = make_user("newcomer")
    entry = the_record(admin, "User created", user.name)
    assert entry["category"] == "user management"
    assert entry["objectItem"] == _user_item(user)
    assert entry["changedValues"] == [
        {"fieldName": "Username", "changedTo": user.name},
        {"fieldName": "Full name", "changedTo": user.name.title()},
        {"fieldName": "Email", "changedTo": f"{user.name}@example.com"},
        {"fieldName": "Active / Inactive", "changedTo": "Active"},
    ]
    groups = [g["name"] for g in admin.get(f"{API}/user/groups", params={"username": user.name}).json()]
    joined = [r for r in records(admin, user.name) if r["summary"] == "User added to group"]
    assert sorted(r["objectItem"]["name"] for r in joined) == sorted(groups)
    assert all(r["associatedItems"] == [_user_item(user)] for r in joined)


def test_user_updated_renamed_deactivated_and_deleted(admin: httpx.Client, make_user: Callable[..., Any],
                                                      unique: Callable[[str], str]) -> None:
    user = make_user("changing")
    response = admin.put(f"{API}/user", params={"username": user.name},
                         json={"displayName": "Changed Name", "emailAddress": "changed@example.com"})
    assert response.status_code == 200, response.text
    entry = the_record(admin, "User updated", user.name)
    assert values(entry) == {"Full name": (user.name.title(), "Changed Name"),
                             "Email": (f"{user.name}@example.com", "changed@example.com")}

    assert admin.put(f"{API}/user", params={"username": user.name}, json={"active": False}).status_code == 200
    updates = [r for r in records(admin, user.name) if r["summary"] == "User updated"]
    assert values(updates[0]) == {"Active / Inactive": ("Active", "Inactive")}

    new_name = unique("renamed")
    assert admin.put(f"{API}/user", params={"username": user.name}, json={"name": new_name}).status_code == 200
    renamed = the_record(admin, "User renamed", new_name)
    assert values(renamed) == {"Username": (user.name, new_name)}
    assert renamed["objectItem"]["id"] == user.key

    assert admin.delete(f"{API}/user", params={"username": new_name}).status_code == 204
    deleted = the_record(admin, "User deleted", new_name)
    assert deleted["objectItem"] == {"id": user.key, "name": new_name, "typeName": "USER", **DIRECTORY}
    assert deleted["changedValues"] == []


def test_unchanged_user_update_is_not_recorded(admin: httpx.Client, make_user: Callable[..., Any]) -> None:
    user = make_user("steady")
    response = admin.put(f"{API}/user", params={"username": user.name}, json={"displayName": user.name.title()})
    assert response.status_code == 200
    assert "User updated" not in summaries(admin, user.name)


def test_rejected_user_changes_leave_no_record(admin: httpx.Client, make_user: Callable[..., Any],
                                               unique: Callable[[str], str]) -> None:
    name = unique("rejected")
    response = admin.post(f"{API}/user", json={"name": name, "emailAddress": "not-an-email", "displayName": "R"})
    assert response.status_code == 400
    assert records(admin, name) == []
    user = make_user("kept")
    before = summaries(admin, user.name)
    assert admin.put(f"{API}/user", params={"username": user.name},
                     json={"displayName": "New", "emailAddress": "bad"}).status_code == 400
    assert summaries(admin, user.name) == before


def test_group_lifecycle_and_membership(admin: httpx.Client, make_user: Callable[..., Any],
                                        unique: Callable[[str], str]) -> None:
    group = unique("crew")
    user = make_user("member")
    assert admin.post(f"{API}/group", json={"name": group}).status_code == 201
    assert admin.post(f"{API}/group/user", params={"groupname": group}, json={"name": user.name}).status_code == 201
    assert admin.delete(f"{API}/group/user", params={"groupname": group, "username": user.name}).status_code == 200
    assert admin.delete(f"{API}/group", params={"groupname": group}).status_code == 200
    assert summaries(admin, group) == ["Group created", "User added to group", "User removed from group",
                                       "Group deleted"]
    group_item = {"id": group, "name": group, "typeName": "GROUP", **DIRECTORY}
    for entry in records(admin, group):
        assert entry["category"] == "group management"
        assert entry["objectItem"] == group_item
    added = the_record(admin, "User added to group", group)
    assert added["associatedItems"] == [_user_item(user)]
    removed = the_record(admin, "User removed from group", group)
    assert removed["associatedItems"] == [_user_item(user)]


def test_failed_membership_change_leaves_no_record(admin: httpx.Client, make_user: Callable[..., Any],
                                                   unique: Callable[[str], str]) -> None:
    group = unique("strict")
    user = make_user("outsider")
    assert admin.post(f"{API}/group", json={"name": group}).status_code == 201
    response = admin.delete(f"{API}/group/user", params={"groupname": group, "username": user.name})
    assert response.status_code == 400
    assert summaries(admin, group) == ["Group created"]


def test_non_admin_changes_are_refused_and_not_recorded(make_user: Callable[..., Any], admin: httpx.Client,
                                                        unique: Callable[[str], str]) -> None:
    group = unique("denied")
    response = make_user().client.post(f"{API}/group", json={"name": group})
    assert response.status_code == 403
    assert records(admin, group) == []

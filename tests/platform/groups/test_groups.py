"""/rest/api/2/group, /group/member and /group/user: groups and their members."""

from __future__ import annotations

from collections.abc import Callable

import httpx


def make_group(admin: httpx.Client, unique: Callable[[str], str], prefix: str = "grp") -> str:
    name = unique(prefix)
    assert admin.post("/rest/api/2/group", json={"name": name}).status_code == 201
    return name


def add(admin: httpx.Client, group: str, user: str) -> httpx.Response:
    return admin.post("/rest/api/2/group/user", params={"groupname": group}, json={"name": user})


def test_create_group_returns_201_and_the_group(admin: httpx.Client, unique, base_url: str) -> None:  # type: ignore[no-untyped-def]
    name = unique("Team")
    response = admin.post("/rest/api/2/group", json={"name": name})
    assert response.status_code == 201
    assert response.json() == {
        "name": name,
        "self": f"{base_url}/rest/api/2/group?groupname={name}",
        "users": {"size": 0, "items": [], "max-results": 50, "start-index": 0, "end-index": 0},
        "expand": "users",
    }


def test_duplicate_group_is_400_case_insensitively(admin: httpx.Client, unique) -> None:  # type: ignore[no-untyped-def]
    name = make_group(admin, unique)
    response = admin.post("/rest/api/2/group", json={"name": name.upper()})
    assert response.status_code == 400
    assert response.json() == {"errorMessages": ["A group or user with this name already exists."], "errors": {}}


def test_create_group_bad_input(admin: httpx.Client) -> None:
    for body in ({}, {"name": ""}, {"name": "   "}):
        response = admin.post("/rest/api/2/group", json=body)
        assert response.status_code == 400
        assert response.json() == {"errorMessages": [], "errors": {"name": "You must specify a group name."}}
    too_long = admin.post("/rest/api/2/group", json={"name": "g" * 256})
    assert too_long.status_code == 400
    wrong_type = admin.post("/rest/api/2/group", json={"name": 5})
    assert wrong_type.status_code == 400 and set(wrong_type.json()["errors"]) == {"name"}
    malformed = admin.post("/rest/api/2/group", content=b"{", headers={"Content-Type": "application/json"})
    assert malformed.status_code == 400


def test_group_admin_operations_are_refused_to_others(make_user, anon: httpx.Client, unique, admin) -> None:  # type: ignore[no-untyped-def]
    user = make_user("nogroups")
    name = unique("forbidden")
    assert user.client.post("/rest/api/2/group", json={"name": name}).status_code == 403
    assert anon.post("/rest/api/2/group", json={"name": name}).status_code == 401
    assert admin.get("/rest/api/2/group", params={"groupname": name}).status_code == 404
    existing = make_group(admin, unique)
    assert user.client.get("/rest/api/2/group", params={"groupname": existing}).status_code == 403
    assert user.client.delete("/rest/api/2/group", params={"groupname": existing}).status_code == 403
    assert add(user.client, existing, user.name).status_code == 403
    assert user.client.get("/rest/api/2/group/member", params={"groupname": existing}).status_code == 403
    assert admin.get("/rest/api/2/group", params={"groupname": existing}).json()["users"]["size"] == 0


def test_get_group_with_users_and_index_range(admin: httpx.Client, make_user, unique) -> None:  # type: ignore[no-untyped-def]
    group = make_group(admin, unique)
    users = sorted((make_user("member") for _ in range(3)), key=lambda u: u.name)
    for user in users:
        assert add(admin, group, user.name).status_code == 201
    plain = admin.get("/rest/api/2/group", params={"groupname": group}).json()
    assert plain["users"] == {"size": 3, "items": [], "max-results": 50, "start-index": 0, "end-index": 0}
    full = admin.get("/rest/api/2/group", params={"groupname": group, "expand": "users"}).json()
    assert [u["name"] for u in full["users"]["items"]] == [u.name for u in users]
    assert full["users"]["end-index"] == 2
    ranged = admin.get("/rest/api/2/group", params={"groupname": group, "expand": "users[1:2]"}).json()
    assert [u["name"] for u in ranged["users"]["items"]] == [u.name for u in users[1:3]]
    assert (ranged["users"]["start-index"], ranged["users"]["end-index"], ranged["users"]["size"]) == (1, 2, 3)


def test_get_group_errors(admin: httpx.Client) -> None:
    missing = admin.get("/rest/api/2/group", params={"groupname": "no-such-group-zz"})
    assert missing.status_code == 404
    assert missing.json() == {"errorMessages": ["Specified group does not exist."], "errors": {}}
    no_name = admin.get("/rest/api/2/group")
    assert no_name.status_code == 400
    assert no_name.json()["errors"] == {"groupname": "You must specify a group name."}


def test_add_and_remove_member(admin: httpx.Client, make_user, unique, base_url: str) -> None:  # type: ignore[no-untyped-def]
    group, user = make_group(admin, unique), make_user("joiner")
    added = add(admin, group, user.name.upper())
    assert added.status_code == 201
    assert added.json()["name"] == group
    assert added.json()["users"]["size"] == 1
    assert group in [g["name"] for g in admin.get("/rest/api/2/user/groups", params={"username": user.name}).json()]
    again = add(admin, group, user.name)
    assert again.status_code == 400
    assert again.json()["errorMessages"] == [f"Cannot add user. '{user.name}' is already a member of '{group}'"]
    removed = admin.delete("/rest/api/2/group/user", params={"groupname": group, "username": user.name})
    assert removed.status_code == 200
    assert admin.get("/rest/api/2/group", params={"groupname": group}).json()["users"]["size"] == 0
    not_member = admin.delete("/rest/api/2/group/user", params={"groupname": group, "username": user.name})
    assert not_member.status_code == 400


def test_add_member_by_account_id(admin: httpx.Client, make_user, unique) -> None:  # type: ignore[no-untyped-def]
    group, user = make_group(admin, unique), make_user("acct")
    account_id = admin.get("/rest/api/2/user", params={"username": user.name}).json()["accountId"]
    response = admin.post("/rest/api/2/group/user", params={"groupname": group}, json={"accountId": account_id})
    assert response.status_code == 201
    members = admin.get("/rest/api/2/group/member", params={"groupname": group}).json()
    assert [u["name"] for u in members["values"]] == [user.name]
    removed = admin.delete("/rest/api/2/group/user", params={"groupname": group, "accountId": account_id})
    assert removed.status_code == 200


def test_membership_errors(admin: httpx.Client, make_user, unique) -> None:  # type: ignore[no-untyped-def]
    group, user = make_group(admin, unique), make_user("err")
    assert add(admin, "no-such-group-zz", user.name).status_code == 404
    unknown_user = add(admin, group, "ghost-zz")
    assert unknown_user.status_code == 404
    assert unknown_user.json()["errorMessages"] == ["The user named 'ghost-zz' does not exist"]
    no_user = admin.post("/rest/api/2/group/user", params={"groupname": group}, json={})
    assert no_user.status_code == 400
    assert admin.post("/rest/api/2/group/user", json={"name": user.name}).status_code == 400
    assert admin.delete("/rest/api/2/group/user", params={"groupname": group}).status_code == 400
    assert admin.delete("/rest/api/2/group/user",
                        params={"groupname": group, "username": "ghost-zz"}).status_code == 404
    assert admin.get("/rest/api/2/group", params={"groupname": group}).json()["users"]["size"] == 0


def test_admin_cannot_remove_own_admin_rights(admin: httpx.Client) -> None:
    response = admin.delete("/rest/api/2/group/user", params={"groupname": "jira-administrators", "username": "admin"})
    assert response.status_code == 400
    me = admin.get("/rest/api/2/myself", params={"expand": "groups"}).json()
    assert "jira-administrators" in [g["name"] for g in me["groups"]["items"]]


def test_group_member_pages_by_user_name(admin: httpx.Client, make_user, unique, base_url: str) -> None:  # type: ignore[no-untyped-def]
    group = make_group(admin, unique)
    users = sorted((make_user("pg") for _ in range(3)), key=lambda u: u.name)
    for user in users:
        add(admin, group, user.name)
    admin.put("/rest/api/2/user", params={"username": users[2].name}, json={"active": False})
    first = admin.get("/rest/api/2/group/member", params={"groupname": group, "maxResults": 1}).json()
    assert list(first) == ["self", "nextPage", "maxResults", "startAt", "total", "isLast", "values"]
    assert (first["startAt"], first["maxResults"], first["total"], first["isLast"]) == (0, 1, 2, False)
    assert first["nextPage"] == (f"{base_url}/rest/api/2/group/member?groupname={group}"
                                 "&includeInactiveUsers=false&startAt=1&maxResults=1")
    assert [u["name"] for u in first["values"]] == [users[0].name]
    assert set(first["values"][0]) == {"self", "key", "accountId", "name", "emailAddress", "avatarUrls",
                                       "displayName", "active", "timeZone"}
    last = admin.get("/rest/api/2/group/member", params={"groupname": group, "startAt": 1}).json()
    assert last["isLast"] is True and "nextPage" not in last
    assert [u["name"] for u in last["values"]] == [users[1].name]
    everyone = admin.get("/rest/api/2/group/member", params={"groupname": group, "includeInactiveUsers": "true"})
    assert [u["name"] for u in everyone.json()["values"]] == [u.name for u in users]
    assert everyone.json()["values"][2]["active"] is False


def test_group_member_errors(admin: httpx.Client) -> None:
    assert admin.get("/rest/api/2/group/member").status_code == 400
    assert admin.get("/rest/api/2/group/member", params={"groupname": "no-such-group-zz"}).status_code == 404
    negative = admin.get("/rest/api/2/group/member", params={"groupname": "jira-administrators", "startAt": -1})
    assert negative.status_code == 400
    assert negative.json()["errors"] == {"startAt": "The value of startAt must not be negative."}
    wrong_type = admin.get("/rest/api/2/group/member", params={"groupname": "jira-administrators", "maxResults": "x"})
    assert wrong_type.status_code == 400
    capped = admin.get("/rest/api/2/group/member", params={"groupname": "jira-administrators", "maxResults": 500})
    assert capped.json()["maxResults"] == 50


def test_delete_group(admin: httpx.Client, make_user, unique) -> None:  # type: ignore[no-untyped-def]
    group, user = make_group(admin, unique), make_user("orphan")
    add(admin, group, user.name)
    response = admin.delete("/rest/api/2/group", params={"groupname": group})
    assert response.status_code == 200
    assert admin.get("/rest/api/2/group", params={"groupname": group}).status_code == 404
    assert group not in [g["name"] for g in admin.get("/rest/api/2/user/groups", params={"username": user.name}).json()]
    assert admin.delete("/rest/api/2/group", params={"groupname": group}).status_code == 404
    assert admin.delete("/rest/api/2/group").status_code == 400


def test_delete_group_moves_role_memberships_to_the_swap_group(admin: httpx.Client, unique, role_actor,  # type: ignore[no-untyped-def]
                                                               project_factory) -> None:
    old, swap = make_group(admin, unique, "old"), make_group(admin, unique, "swap")
    project = project_factory()
    role_actor(old, role_id=10001, project_id=project.id)
    role_actor(old, role_id=10000, project_id=project.id)
    role_actor(swap, role_id=10000, project_id=project.id)
    response = admin.delete("/rest/api/2/group", params={"groupname": old, "swapGroup": swap})
    assert response.status_code == 200
    assert role_actor(old) == []
    assert role_actor(swap) == [(10000, project.id, swap), (10001, project.id, swap)]


def test_delete_group_refusals_change_nothing(admin: httpx.Client, unique, role_actor, project_factory) -> None:  # type: ignore[no-untyped-def]
    group = make_group(admin, unique)
    project = project_factory()
    role_actor(group, role_id=10001, project_id=project.id)
    unknown_swap = admin.delete("/rest/api/2/group", params={"groupname": group, "swapGroup": "no-such-zz"})
    assert unknown_swap.status_code == 400
    same = admin.delete("/rest/api/2/group", params={"groupname": group, "swapGroup": group})
    assert same.status_code == 400
    assert role_actor(group) == [(10001, project.id, group)]
    admins = admin.delete("/rest/api/2/group", params={"groupname": "jira-administrators"})
    assert admins.status_code == 400
    assert admin.get("/rest/api/2/group", params={"groupname": "jira-administrators"}).status_code == 200

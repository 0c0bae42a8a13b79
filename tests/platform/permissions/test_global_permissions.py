"""Global permissions: Browse Users guards the user and group finders; administrators are who ADMINISTER names."""

from __future__ import annotations

import httpx

FINDERS = ["/rest/api/2/user/search?username=a", "/rest/api/2/user/picker?query=a",
           "/rest/api/2/groups/picker?query=jira", "/rest/api/2/groupuserpicker?query=a"]


def test_users_with_application_access_may_browse_users(make_user) -> None:  # type: ignore[no-untyped-def]
    user = make_user("browser")
    for url in FINDERS:
        assert user.client.get(url).status_code == 200, url


def test_users_without_browse_users_are_refused(admin: httpx.Client, make_user) -> None:  # type: ignore[no-untyped-def]
    # A user with no application (no default groups) holds no global permission.
    loner = make_user("loner", applicationKeys=[])
    groups = admin.get("/rest/api/2/user", params={"username": loner.name, "expand": "groups"}).json()["groups"]
    assert groups["items"] == []
    for url in FINDERS:
        response = loner.client.get(url)
        assert response.status_code == 403, url
        assert response.json()["errorMessages"] == ["You do not have the permission to browse users and groups."]


def test_administrators_are_holders_of_administer(admin: httpx.Client, make_user) -> None:  # type: ignore[no-untyped-def]
    user = make_user("promoted")
    assert user.client.get("/rest/api/2/permissionscheme").status_code == 403
    assert admin.post("/rest/api/2/group/user", params={"groupname": "jira-administrators"},
                      json={"name": user.name}).status_code == 201
    assert user.client.get("/rest/api/2/permissionscheme").status_code == 200
    mine = user.client.get("/rest/api/2/mypermissions", params={"permissions": "ADMINISTER,SYSTEM_ADMIN"}).json()
    assert {k: v["havePermission"] for k, v in mine["permissions"].items()} == {"ADMINISTER": True,
                                                                                 "SYSTEM_ADMIN": True}

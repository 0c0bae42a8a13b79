"""/rest/api/2/user and /myself: read, create, update, delete, with validation and permissions."""

from __future__ import annotations

from collections.abc import Callable

import httpx
import pytest

USER_KEYS = ["self", "key", "accountId", "name", "emailAddress", "avatarUrls", "displayName", "active",
             "deleted", "timeZone", "locale", "groups", "applicationRoles", "expand"]


def new_user_body(name: str, **extra: object) -> dict[str, object]:
    return {"name": name, "password": "pw-123456", "emailAddress": f"{name}@example.com",
            "displayName": f"{name} Person", **extra}


def test_myself_is_the_caller_in_jira_field_order(admin: httpx.Client, base_url: str) -> None:
    response = admin.get("/rest/api/2/myself")
    assert response.status_code == 200
    body = response.json()
    assert list(body) == USER_KEYS
    assert body["name"] == "admin"
    assert body["self"] == f"{base_url}/rest/api/2/user?username=admin"
    assert body["key"].startswith("JIRAUSER")
    assert set(body["avatarUrls"]) == {"48x48", "24x24", "16x16", "32x32"}
    assert body["avatarUrls"]["16x16"] == f"{base_url}/secure/useravatar?size=xsmall&ownerId=admin"
    assert body["expand"] == "groups,applicationRoles"
    # Not expanded: the sizes, no items.
    assert body["groups"]["items"] == [] and body["groups"]["size"] >= 3  # other tests may add groups
    assert body["applicationRoles"] == {"size": 3, "items": []}


def test_myself_expands_groups_and_application_roles(admin: httpx.Client, base_url: str) -> None:
    body = admin.get("/rest/api/2/myself", params={"expand": "groups,applicationRoles"}).json()
    # Other tests may add the administrator to groups of their own; the default ones are always there.
    items = body["groups"]["items"]
    assert body["groups"]["size"] == len(items)
    assert [i["name"] for i in items] == sorted((i["name"] for i in items), key=str.lower)
    for name in ["jira-administrators", "jira-servicedesk-users", "jira-software-users"]:
        assert {"name": name, "self": f"{base_url}/rest/api/2/group?groupname={name}"} in items
    assert body["applicationRoles"]["items"] == [
        {"key": "jira-core", "name": "Jira Core"},
        {"key": "jira-servicedesk", "name": "Jira Service Desk"},
        {"key": "jira-software", "name": "Jira Software"},
    ]


def test_myself_requires_login(anon: httpx.Client) -> None:
    response = anon.get("/rest/api/2/myself")
    assert response.status_code == 401
    assert response.json()["errorMessages"] == [
        "You are not authenticated. Authentication required to perform this operation."
    ]


def test_create_user_returns_201_and_the_user(admin: httpx.Client, unique: Callable[[str], str],
                                              base_url: str) -> None:
    name = unique("Carol")
    response = admin.post("/rest/api/2/user", json=new_user_body(name))
    assert response.status_code == 201, response.text
    body = response.json()
    assert list(body) == USER_KEYS
    assert body["name"] == name
    assert body["emailAddress"] == f"{name}@example.com"
    assert body["displayName"] == f"{name} Person"
    assert body["active"] is True
    assert body["self"] == f"{base_url}/rest/api/2/user?username={name}"
    # Without applicationKeys the user joins the default groups of the default applications.
    groups = admin.get("/rest/api/2/user/groups", params={"username": name}).json()
    assert [g["name"] for g in groups] == ["jira-servicedesk-users", "jira-software-users"]
    # The password works.
    me = httpx.get(base_url + "/rest/api/2/myself", auth=(name, "pw-123456"))
    assert me.status_code == 200 and me.json()["name"] == name


def test_create_user_with_application_keys_joins_their_default_groups(admin: httpx.Client, unique) -> None:  # type: ignore[no-untyped-def]
    name = unique("appkeys")
    response = admin.post("/rest/api/2/user", json=new_user_body(name, applicationKeys=["jira-software"]))
    assert response.status_code == 201
    groups = admin.get("/rest/api/2/user/groups", params={"username": name}).json()
    assert [g["name"] for g in groups] == ["jira-software-users"]
    roles = admin.get("/rest/api/2/user", params={"username": name, "expand": "applicationRoles"}).json()
    assert roles["applicationRoles"]["items"] == [{"key": "jira-software", "name": "Jira Software"}]


def test_create_user_with_empty_application_keys_grants_no_application(admin: httpx.Client, unique) -> None:  # type: ignore[no-untyped-def]
    name = unique("noapp")
    assert admin.post("/rest/api/2/user", json=new_user_body(name, applicationKeys=[])).status_code == 201
    body = admin.get("/rest/api/2/user", params={"username": name}).json()
    assert body["groups"] == {"size": 0, "items": []}
    assert body["applicationRoles"] == {"size": 0, "items": []}


def test_create_user_with_unknown_application_key_is_400_and_creates_nothing(admin: httpx.Client, unique) -> None:  # type: ignore[no-untyped-def]
    name = unique("badapp")
    response = admin.post("/rest/api/2/user", json=new_user_body(name, applicationKeys=["jira-nope"]))
    assert response.status_code == 400
    assert response.json() == {"errorMessages": [],
                               "errors": {"applicationKeys": "Invalid application key specified: jira-nope"}}
    assert admin.get("/rest/api/2/user", params={"username": name}).status_code == 404
    both = admin.post("/rest/api/2/user", json={"name": name, "applicationKeys": ["jira-nope"]})
    assert both.json()["errors"] == {"email": "You must specify an email address.",
                                     "displayName": "You must specify a full name.",
                                     "applicationKeys": "Invalid application key specified: jira-nope"}


def test_duplicate_user_name_is_400_case_insensitively(admin: httpx.Client, make_user) -> None:  # type: ignore[no-untyped-def]
    user = make_user("dup")
    response = admin.post("/rest/api/2/user", json=new_user_body(user.name.upper()))
    assert response.status_code == 400
    assert response.json() == {"errorMessages": [],
                               "errors": {"username": "A user with that username already exists."}}


@pytest.mark.parametrize(("body", "errors"), [
    ({}, {"username": "You must specify a username.", "email": "You must specify an email address.",
          "displayName": "You must specify a full name."}),
    ({"name": "ok-name-x1", "emailAddress": "not-an-email", "displayName": "X"},
     {"email": "You must specify a valid email address."}),
    ({"name": "  ", "emailAddress": "a@b.c", "displayName": " "},
     {"username": "You must specify a username.", "displayName": "You must specify a full name."}),
    ({"name": "bad<name", "emailAddress": "a@b.c", "displayName": "X"},
     {"username": "The username must not contain '<', '>', '&', quotes or surrounding spaces."}),
    ({"name": "x" * 256, "emailAddress": "a@b.c", "displayName": "X"},
     {"username": "The username must not exceed 255 characters in length."}),
])
def test_create_user_validation(admin: httpx.Client, body: dict[str, object], errors: dict[str, str]) -> None:
    response = admin.post("/rest/api/2/user", json=body)
    assert response.status_code == 400
    assert response.json() == {"errorMessages": [], "errors": errors}


def test_create_user_wrong_types_and_malformed_json(admin: httpx.Client) -> None:
    wrong = admin.post("/rest/api/2/user", json={"name": 12, "emailAddress": "a@b.c", "displayName": "X"})
    assert wrong.status_code == 400
    assert set(wrong.json()["errors"]) == {"name"}
    malformed = admin.post("/rest/api/2/user", content=b'{"name": ', headers={"Content-Type": "application/json"})
    assert malformed.status_code == 400
    assert malformed.json()["errorMessages"][0].startswith("Unexpected character")
    not_object = admin.post("/rest/api/2/user", json=["a"])
    assert not_object.status_code == 400


def test_create_user_needs_an_administrator(make_user, anon: httpx.Client, unique) -> None:  # type: ignore[no-untyped-def]
    user = make_user("plain")
    name = unique("sneaky")
    refused = user.client.post("/rest/api/2/user", json=new_user_body(name))
    assert refused.status_code == 403
    assert refused.json() == {"errorMessages": ["You are not authorized to perform this operation. Please log in."],
                              "errors": {}}
    assert anon.post("/rest/api/2/user", json=new_user_body(name)).status_code == 401
    assert user.client.get("/rest/api/2/user", params={"username": name}).status_code == 404


def test_get_user_by_name_key_or_account_id(admin: httpx.Client, make_user) -> None:  # type: ignore[no-untyped-def]
    user = make_user("ident")
    by_name = admin.get("/rest/api/2/user", params={"username": user.name.upper()})
    assert by_name.status_code == 200
    body = by_name.json()
    assert body["name"] == user.name and body["key"] == user.key
    assert admin.get("/rest/api/2/user", params={"key": user.key}).json()["name"] == user.name
    assert admin.get("/rest/api/2/user", params={"accountId": body["accountId"]}).json()["name"] == user.name
    # Any logged-in user may read users.
    assert user.client.get("/rest/api/2/user", params={"username": "admin"}).status_code == 200


def test_get_user_errors(admin: httpx.Client, anon: httpx.Client) -> None:
    missing = admin.get("/rest/api/2/user", params={"username": "no-such-user-zz"})
    assert missing.status_code == 404
    assert missing.json() == {"errorMessages": ["The user named 'no-such-user-zz' does not exist"], "errors": {}}
    no_param = admin.get("/rest/api/2/user")
    assert no_param.status_code == 400
    assert no_param.json()["errorMessages"] == [
        "Either the 'username', 'key' or 'accountId' query parameter must be provided."
    ]
    assert anon.get("/rest/api/2/user", params={"username": "admin"}).status_code == 401


def test_update_user_renames_and_edits(admin: httpx.Client, make_user, base_url: str, unique) -> None:  # type: ignore[no-untyped-def]
    user = make_user("edit")
    new_name = unique("renamed")
    response = admin.put("/rest/api/2/user", params={"username": user.name},
                         json={"name": new_name, "emailAddress": "new@example.com", "displayName": "New Name"})
    assert response.status_code == 200, response.text
    body = response.json()
    assert (body["name"], body["key"], body["emailAddress"], body["displayName"]) == (
        new_name, user.key, "new@example.com", "New Name")
    assert body["self"] == f"{base_url}/rest/api/2/user?username={new_name}"
    assert admin.get("/rest/api/2/user", params={"username": user.name}).status_code == 404
    assert admin.get("/rest/api/2/user", params={"key": user.key}).json()["name"] == new_name
    # The renamed user logs in with the new name.
    assert httpx.get(base_url + "/rest/api/2/myself", auth=(new_name, user.password)).status_code == 200


def test_update_user_deactivates_and_reactivates(admin: httpx.Client, make_user, base_url: str) -> None:  # type: ignore[no-untyped-def]
    user = make_user("inactive")
    assert admin.put("/rest/api/2/user", params={"key": user.key}, json={"active": False}).json()["active"] is False
    assert httpx.get(base_url + "/rest/api/2/myself", auth=(user.name, user.password)).status_code == 401
    assert admin.put("/rest/api/2/user", params={"key": user.key}, json={"active": True}).json()["active"] is True


def test_update_user_validation_changes_nothing(admin: httpx.Client, make_user) -> None:  # type: ignore[no-untyped-def]
    user, other = make_user("upd"), make_user("taken")
    before = admin.get("/rest/api/2/user", params={"username": user.name}).json()
    response = admin.put("/rest/api/2/user", params={"username": user.name},
                         json={"name": other.name.upper(), "emailAddress": "bad", "displayName": "Fine"})
    assert response.status_code == 400
    assert response.json() == {"errorMessages": [], "errors": {
        "username": "A user with that username already exists.", "email": "You must specify a valid email address."}}
    assert admin.get("/rest/api/2/user", params={"username": user.name}).json() == before
    wrong_type = admin.put("/rest/api/2/user", params={"username": user.name}, json={"active": "yes"})
    assert wrong_type.status_code == 400 and set(wrong_type.json()["errors"]) == {"active"}


def test_update_user_errors_and_permissions(admin: httpx.Client, make_user) -> None:  # type: ignore[no-untyped-def]
    user = make_user("updperm")
    assert admin.put("/rest/api/2/user", params={"username": "ghost-zz"}, json={}).status_code == 404
    assert admin.put("/rest/api/2/user", json={"displayName": "X"}).status_code == 400
    refused = user.client.put("/rest/api/2/user", params={"username": user.name}, json={"displayName": "Me"})
    assert refused.status_code == 403
    yourself = admin.put("/rest/api/2/user", params={"username": "admin"}, json={"active": False})
    assert yourself.status_code == 400
    assert yourself.json()["errors"] == {"active": "You cannot deactivate your own user."}


def test_delete_user(admin: httpx.Client, make_user) -> None:  # type: ignore[no-untyped-def]
    user = make_user("gone")
    response = admin.delete("/rest/api/2/user", params={"username": user.name})
    assert response.status_code == 204
    assert response.content == b""
    assert admin.get("/rest/api/2/user", params={"username": user.name}).status_code == 404
    again = admin.delete("/rest/api/2/user", params={"key": user.key})
    assert again.status_code == 404


def test_delete_user_refusals(admin: httpx.Client, make_user, anon: httpx.Client) -> None:  # type: ignore[no-untyped-def]
    user = make_user("keep")
    yourself = admin.delete("/rest/api/2/user", params={"username": "admin"})
    assert yourself.status_code == 400
    assert yourself.json() == {"errorMessages": ["You cannot delete the currently logged in user."], "errors": {}}
    assert user.client.delete("/rest/api/2/user", params={"username": "admin"}).status_code == 403
    assert anon.delete("/rest/api/2/user", params={"username": user.name}).status_code == 401
    assert admin.delete("/rest/api/2/user").status_code == 400
    assert admin.get("/rest/api/2/user", params={"username": user.name}).status_code == 200


def test_delete_user_referenced_as_project_lead_is_refused(admin: httpx.Client, make_user, project_factory) -> None:  # type: ignore[no-untyped-def]
    user = make_user("lead")
    project_factory(lead=user.name)
    response = admin.delete("/rest/api/2/user", params={"username": user.name})
    assert response.status_code == 400
    assert response.json()["errorMessages"] == [
        f"Cannot delete user '{user.name}' because the user is the lead of one or more projects."
    ]
    assert admin.get("/rest/api/2/user", params={"username": user.name}).status_code == 200


def test_user_groups(admin: httpx.Client, make_user, base_url: str) -> None:  # type: ignore[no-untyped-def]
    user = make_user("grp")
    response = user.client.get("/rest/api/2/user/groups", params={"key": user.key})
    assert response.status_code == 200
    assert response.json() == [
        {"name": "jira-servicedesk-users", "self": f"{base_url}/rest/api/2/group?groupname=jira-servicedesk-users"},
        {"name": "jira-software-users", "self": f"{base_url}/rest/api/2/group?groupname=jira-software-users"},
    ]
    assert admin.get("/rest/api/2/user/groups", params={"username": "ghost-zz"}).status_code == 404
    assert admin.get("/rest/api/2/user/groups").status_code == 400

"""A user's navigator columns, entity properties and legacy /userProperties; application roles."""

from __future__ import annotations

import httpx

DEFAULT = ["issuetype", "issuekey", "summary", "assignee", "reporter", "priority", "status", "resolution",
           "created", "updated", "duedate"]


def values(response: httpx.Response) -> list[str]:
    assert response.status_code == 200, response.text
    return [c["value"] for c in response.json()]


def test_columns_default_set_and_reset(make_user) -> None:  # type: ignore[no-untyped-def]
    user = make_user("cols")
    default = user.client.get("/rest/api/2/user/columns")
    assert values(default) == DEFAULT
    assert default.json()[0] == {"label": "Issue Type", "value": "issuetype"}
    form = user.client.put("/rest/api/2/user/columns", data={"columns": ["summary", "status", "customfield_10001"]})
    assert form.status_code == 200
    assert values(user.client.get("/rest/api/2/user/columns")) == ["summary", "status", "customfield_10001"]
    as_json = user.client.put("/rest/api/2/user/columns", json=["duedate", "issuekey"])
    assert as_json.status_code == 200
    assert values(user.client.get("/rest/api/2/user/columns")) == ["duedate", "issuekey"]
    reset = user.client.delete("/rest/api/2/user/columns")
    assert reset.status_code == 204
    assert values(user.client.get("/rest/api/2/user/columns")) == DEFAULT


def test_columns_bad_input_changes_nothing(make_user) -> None:  # type: ignore[no-untyped-def]
    user = make_user("badcols")
    user.client.put("/rest/api/2/user/columns", json=["summary"])
    unknown = user.client.put("/rest/api/2/user/columns", data={"columns": ["summary", "nonsense"]})
    assert unknown.status_code == 400
    assert unknown.json() == {"errorMessages": [],
                              "errors": {"columns": "Field 'nonsense' does not exist or is not navigable."}}
    empty = user.client.put("/rest/api/2/user/columns", data={})
    assert empty.status_code == 400
    assert empty.json()["errors"] == {"columns": "You must specify at least one column."}
    wrong_type = user.client.put("/rest/api/2/user/columns", json={"columns": [1, 2]})
    assert wrong_type.status_code == 400
    malformed = user.client.put("/rest/api/2/user/columns", content=b"[",
                                headers={"Content-Type": "application/json"})
    assert malformed.status_code == 400
    assert values(user.client.get("/rest/api/2/user/columns")) == ["summary"]


def test_columns_of_another_user_need_admin(admin: httpx.Client, make_user, anon: httpx.Client) -> None:  # type: ignore[no-untyped-def]
    user, other = make_user("colown"), make_user("colother")
    assert admin.put("/rest/api/2/user/columns", data={"columns": ["status"], "username": user.name}).status_code == 200
    assert values(admin.get("/rest/api/2/user/columns", params={"username": user.name})) == ["status"]
    assert values(user.client.get("/rest/api/2/user/columns")) == ["status"]
    # The spec answers 401 when the caller may not see another user's columns.
    assert other.client.get("/rest/api/2/user/columns", params={"username": user.name}).status_code == 401
    assert other.client.delete("/rest/api/2/user/columns", params={"username": user.name}).status_code == 401
    assert other.client.put("/rest/api/2/user/columns",
                            data={"columns": ["summary"], "username": user.name}).status_code == 401
    assert values(user.client.get("/rest/api/2/user/columns")) == ["status"]
    assert admin.get("/rest/api/2/user/columns", params={"username": "ghost-zz"}).status_code == 404
    assert anon.get("/rest/api/2/user/columns").status_code == 401


def test_user_properties_lifecycle(admin: httpx.Client, make_user, base_url: str) -> None:  # type: ignore[no-untyped-def]
    user = make_user("props")
    created = user.client.put("/rest/api/2/user/properties/my.prop", params={"username": user.name},
                              json={"a": [1, 2], "b": "x"})
    assert created.status_code == 201
    updated = admin.put("/rest/api/2/user/properties/my.prop", params={"userKey": user.key}, json={"a": 2})
    assert updated.status_code == 200
    keys = admin.get("/rest/api/2/user/properties", params={"username": user.name})
    assert keys.status_code == 200
    assert keys.json() == {"keys": [{"self": f"{base_url}/rest/api/2/user/properties/my.prop?userKey={user.key}",
                                     "key": "my.prop"}]}
    got = user.client.get("/rest/api/2/user/properties/my.prop", params={"userKey": user.key})
    assert got.json() == {"key": "my.prop", "value": {"a": 2}}
    assert user.client.delete("/rest/api/2/user/properties/my.prop", params={"username": user.name}).status_code == 204
    missing = admin.get("/rest/api/2/user/properties/my.prop", params={"username": user.name})
    assert missing.status_code == 404
    assert admin.get("/rest/api/2/user/properties", params={"username": user.name}).json() == {"keys": []}


def test_user_properties_errors_and_permissions(admin: httpx.Client, make_user, anon: httpx.Client) -> None:  # type: ignore[no-untyped-def]
    user, other = make_user("propown"), make_user("propother")
    admin.put("/rest/api/2/user/properties/k1", params={"username": user.name}, json=1)
    refused = other.client.put("/rest/api/2/user/properties/k1", params={"username": user.name}, json=2)
    assert refused.status_code == 403
    assert other.client.delete("/rest/api/2/user/properties/k1", params={"username": user.name}).status_code == 403
    # Reading is open to anyone logged in.
    assert other.client.get("/rest/api/2/user/properties/k1", params={"username": user.name}).json()["value"] == 1
    assert anon.get("/rest/api/2/user/properties", params={"username": user.name}).status_code == 401
    assert admin.get("/rest/api/2/user/properties").status_code == 400
    assert admin.get("/rest/api/2/user/properties", params={"username": "ghost-zz"}).status_code == 404
    bad_json = admin.put("/rest/api/2/user/properties/k1", params={"username": user.name}, content=b"{oops",
                         headers={"Content-Type": "application/json"})
    assert bad_json.status_code == 400
    empty = admin.put("/rest/api/2/user/properties/k1", params={"username": user.name}, content=b"",
                      headers={"Content-Type": "application/json"})
    assert empty.status_code == 400
    too_big = admin.put("/rest/api/2/user/properties/k1", params={"username": user.name}, json="x" * 40000)
    assert too_big.status_code == 400
    assert admin.get("/rest/api/2/user/properties/k1", params={"username": user.name}).json()["value"] == 1
    assert admin.delete("/rest/api/2/user/properties/nope", params={"username": user.name}).status_code == 404


def test_properties_go_with_the_deleted_user(admin: httpx.Client, make_user) -> None:  # type: ignore[no-untyped-def]
    user = make_user("propgone")
    admin.put("/rest/api/2/user/properties/k", params={"username": user.name}, json={"v": 1})
    assert admin.delete("/rest/api/2/user", params={"username": user.name}).status_code == 204
    assert admin.get("/rest/api/2/user/properties", params={"userKey": user.key}).status_code == 404


def test_legacy_user_properties_of_the_caller(make_user, anon: httpx.Client) -> None:  # type: ignore[no-untyped-def]
    user = make_user("legacy")
    for path in ("/rest/api/2/userProperties", "/rest/api/2//userProperties"):
        created = user.client.post(path, json={"key": "jira.pref", "value": "on"})
        assert created.status_code in (200, 201)
        assert created.json()["key"] == "jira.pref" and created.json()["value"] == "on"
        assert user.client.get(path, params={"key": "jira.pref"}).json() == {"key": "jira.pref", "value": "on"}
        assert user.client.delete(path, params={"key": "jira.pref"}).status_code == 204
        assert user.client.get(path, params={"key": "jira.pref"}).status_code == 404
    assert user.client.post("/rest/api/2/userProperties", json={"value": "x"}).status_code == 400
    assert user.client.post("/rest/api/2/userProperties", json={"key": "k", "value": {"a": 1}}).status_code == 400
    assert user.client.get("/rest/api/2/userProperties").status_code == 400
    assert anon.get("/rest/api/2/userProperties", params={"key": "k"}).status_code == 401


def test_application_roles(admin: httpx.Client, make_user, anon: httpx.Client) -> None:  # type: ignore[no-untyped-def]
    software = admin.get("/rest/api/2/applicationrole/jira-software")
    assert software.status_code == 200
    body = software.json()
    assert list(body) == ["key", "groups", "name", "defaultGroups", "selectedByDefault", "defined", "numberOfSeats",
                          "remainingSeats", "userCount", "userCountDescription", "hasUnlimitedSeats", "platform"]
    assert body["key"] == "jira-software" and body["name"] == "Jira Software"
    assert body["groups"] == ["jira-administrators", "jira-software-users"]
    assert body["defaultGroups"] == ["jira-software-users"]
    assert (body["hasUnlimitedSeats"], body["numberOfSeats"], body["remainingSeats"]) == (True, -1, -1)
    assert body["platform"] is False and body["defined"] is True
    assert body["userCountDescription"] == f"{body['userCount']} users"
    before = body["userCount"]
    user = make_user("seat", applicationKeys=["jira-software"])
    assert admin.get("/rest/api/2/applicationrole/jira-software").json()["userCount"] == before + 1
    listed = admin.get("/rest/api/2/applicationrole")
    assert listed.headers["ETag"].startswith('"')
    assert admin.get("/rest/api/2/applicationrole").headers["ETag"] == listed.headers["ETag"]
    everything = listed.json()
    assert [r["key"] for r in everything] == ["jira-core", "jira-servicedesk", "jira-software"]
    assert everything[0]["platform"] is True
    missing = admin.get("/rest/api/2/applicationrole/jira-nope")
    assert missing.status_code == 404
    assert user.client.get("/rest/api/2/applicationrole").status_code == 403
    assert anon.get("/rest/api/2/applicationrole/jira-software").status_code == 401

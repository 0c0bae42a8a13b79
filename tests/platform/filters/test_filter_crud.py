"""/rest/api/2/filter and /filter/{id}: create, read, edit, delete, with Jira's validation."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any
from urllib.parse import quote

import httpx

from tests.conftest import TestUser as MadeUser
from tests.platform.filters.conftest import API

EMPTY_LIST = {"size": 0, "items": [], "max-results": 0, "start-index": 0, "end-index": 0}


def test_create_returns_the_filter(admin: httpx.Client, base_url: str, unique: Callable[[str], str]) -> None:
    name = unique("Open bugs")
    jql = "issuetype = Bug AND resolution is EMPTY ORDER BY priority DESC"
    created = admin.post(f"{API}/filter", json={"name": name, "description": "All open bugs", "jql": jql,
                                                "favourite": True})
    assert created.status_code == 200, created.text
    body = created.json()
    fid = body["id"]
    assert isinstance(fid, str) and int(fid) >= 10000
    assert list(body) == ["self", "id", "name", "description", "owner", "jql", "viewUrl", "searchUrl", "favourite",
                          "favouritedCount", "sharePermissions", "sharedUsers", "subscriptions"]
    assert body["self"] == f"{base_url}{API}/filter/{fid}"
    assert (body["name"], body["description"], body["jql"]) == (name, "All open bugs", jql)
    assert body["owner"]["name"] == "admin" and body["owner"]["self"] == f"{base_url}{API}/user?username=admin"
    assert body["viewUrl"] == f"{base_url}/issues/?filter={fid}"
    assert body["searchUrl"] == f"{base_url}{API}/search?jql={quote(jql, safe='')}"
    assert (body["favourite"], body["favouritedCount"]) == (True, 1)
    assert body["sharePermissions"] == []
    assert body["sharedUsers"] == EMPTY_LIST and body["subscriptions"] == EMPTY_LIST
    fetched = admin.get(body["self"])
    assert fetched.status_code == 200 and fetched.json() == body
    latest = admin.get(f"/rest/api/latest/filter/{fid}")
    assert latest.status_code == 200 and latest.json()["id"] == fid


def test_description_is_omitted_when_not_given_and_empty_jql_is_allowed(
        admin: httpx.Client, unique: Callable[[str], str]) -> None:
    created = admin.post(f"{API}/filter", json={"name": unique("All")})
    assert created.status_code == 200, created.text
    body = created.json()
    assert "description" not in body and body["jql"] == "" and body["favourite"] is False
    assert body["favouritedCount"] == 0


def _count_named(admin: httpx.Client, name: str) -> int:
    return sum(1 for f in admin.get(f"{API}/filter/my").json() if f["name"] == name)


def test_bad_input_is_refused_and_nothing_is_saved(admin: httpx.Client, unique: Callable[[str], str]) -> None:
    name = unique("Bad")
    cases: list[tuple[dict[str, Any], dict[str, str]]] = [
        ({"jql": "issuetype = Bug"}, {"filterName": "You must specify a name to save this filter as."}),
        ({"name": "   ", "jql": ""}, {"filterName": "You must specify a name to save this filter as."}),
        ({"name": "x" * 256}, {"filterName": "The filter name must not exceed 255 characters."}),
        ({"name": name, "jql": "foo = bar"},
         {"jql": "Field 'foo' does not exist or you do not have permission to view it."}),
        ({"name": name, "jql": "summary = "},
         {"jql": "Error in the JQL Query: Expecting either a value, list or function but got 'end of query'. "
                 "You must surround 'end of query' in quotation marks to use it in a query. (line 1, character 11)"}),
        ({"name": name, "jql": "summary = x"},
         {"jql": "The operator '=' is not supported by the 'summary' field."}),
    ]
    for body, errors in cases:
        refused = admin.post(f"{API}/filter", json=body)
        assert refused.status_code == 400, (body, refused.text)
        got = refused.json()
        if "jql" in errors and errors["jql"].startswith("Error in the JQL"):
            assert got["errors"]["jql"].startswith("Error in the JQL Query:"), got
            assert got["errorMessages"] == []
        else:
            assert got == {"errorMessages": [], "errors": errors}
    assert _count_named(admin, name) == 0


def test_wrong_types_are_400(admin: httpx.Client, unique: Callable[[str], str]) -> None:
    name = unique("Typed")
    string = "Input should be a valid string."
    for body, errors in (
        ({"name": 12}, {"name": f"Invalid value for 'name': {string}"}),
        ({"name": name, "jql": ["a"]}, {"jql": f"Invalid value for 'jql': {string}"}),
        ({"name": name, "description": {"x": 1}}, {"description": f"Invalid value for 'description': {string}"}),
        ({"name": name, "favourite": "maybe"},
         {"favourite": "Invalid value for 'favourite': Value error, The value must be true or false."}),
        ({"name": name, "sharePermissions": "global"},
         {"sharePermissions": "Invalid value for 'sharePermissions': Input should be a valid array."}),
    ):
        refused = admin.post(f"{API}/filter", json=body)
        assert refused.status_code == 400, (body, refused.text)
        assert refused.json() == {"errorMessages": [], "errors": errors}
    broken = admin.post(f"{API}/filter", content=b"{not json", headers={"content-type": "application/json"})
    assert broken.status_code == 400 and broken.json()["errors"] == {}
    empty = admin.post(f"{API}/filter")
    assert empty.status_code == 400
    assert empty.json() == {"errorMessages": ["No content to map to Object due to end of input"], "errors": {}}
    assert _count_named(admin, name) == 0


def test_duplicate_name_per_owner(admin: httpx.Client, make_user: Callable[..., MadeUser],
                                  make_filter: Callable[..., dict[str, Any]], unique: Callable[[str], str]) -> None:
    name = unique("Same")
    make_filter(name=name)
    again = admin.post(f"{API}/filter", json={"name": name.upper(), "jql": ""})
    assert again.status_code == 400
    assert again.json() == {"errorMessages": [], "errors": {"filterName": "Filter with same name already exists."}}
    other = make_user("owner")
    assert other.client.post(f"{API}/filter", json={"name": name}).status_code == 200
    assert _count_named(admin, name) == 1


def test_update_changes_only_given_values(admin: httpx.Client, make_filter: Callable[..., dict[str, Any]],
                                          unique: Callable[[str], str]) -> None:
    original = make_filter(description="before")
    changed = admin.put(f"{API}/filter/{original['id']}", json={"jql": "issuetype = Task", "favourite": True})
    assert changed.status_code == 200, changed.text
    body = changed.json()
    assert (body["name"], body["description"], body["jql"]) == (original["name"], "before", "issuetype = Task")
    assert body["favourite"] is True and body["favouritedCount"] == 1
    new_name = unique("Renamed")
    renamed = admin.put(f"{API}/filter/{original['id']}", json={"name": new_name, "description": "after",
                                                                "favourite": "false"})
    assert renamed.status_code == 200
    assert (renamed.json()["name"], renamed.json()["description"], renamed.json()["favourite"]) == \
        (new_name, "after", False)
    assert admin.get(f"{API}/filter/{original['id']}").json() == renamed.json()


def test_failed_update_changes_nothing(admin: httpx.Client, make_filter: Callable[..., dict[str, Any]]) -> None:
    first = make_filter()
    second = make_filter(description="keep")
    for body, errors in (
        ({"name": first["name"], "description": "lost"}, {"filterName": "Filter with same name already exists."}),
        ({"name": "", "jql": "issuetype = Task"}, {"filterName": "You must specify a name to save this filter as."}),
        ({"description": "lost", "jql": "nosuchfield = 1"},
         {"jql": "Field 'nosuchfield' does not exist or you do not have permission to view it."}),
        ({"description": "lost", "favourite": True, "sharePermissions": [{"type": "group", "groupname": "nope-x"}]},
         {"groupname": "Group: 'nope-x' does not exist."}),
    ):
        refused = admin.put(f"{API}/filter/{second['id']}", json=body)
        assert refused.status_code == 400, refused.text
        assert refused.json() == {"errorMessages": [], "errors": errors}
    assert admin.get(f"{API}/filter/{second['id']}").json() == second


def test_delete(admin: httpx.Client, make_filter: Callable[..., dict[str, Any]]) -> None:
    made = make_filter(favourite=True)
    deleted = admin.delete(f"{API}/filter/{made['id']}")
    assert deleted.status_code == 204 and deleted.content == b""
    assert admin.get(f"{API}/filter/{made['id']}").status_code == 404
    assert all(f["id"] != made["id"] for f in admin.get(f"{API}/filter/favourite").json())
    assert admin.delete(f"{API}/filter/{made['id']}").status_code == 404


def test_unknown_ids_are_404(admin: httpx.Client) -> None:
    message = ("The selected filter is not available to you, perhaps it has been deleted or had its "
               "permissions changed.")
    for fid in ("99999999", "abc", "-1", "99999999999999999999"):
        for method, path in (("GET", ""), ("PUT", ""), ("DELETE", ""), ("PUT", "/favourite"),
                             ("GET", "/permission"), ("GET", "/columns")):
            got = admin.request(method, f"{API}/filter/{fid}{path}", json={"name": "x"})
            assert got.status_code == 404, (method, path, fid, got.text)
            assert got.json() == {"errorMessages": [message], "errors": {}}


def test_anonymous_may_not_write(anon: httpx.Client, make_filter: Callable[..., dict[str, Any]]) -> None:
    made = make_filter(sharePermissions=[{"type": "global"}])
    assert anon.post(f"{API}/filter", json={"name": "anon"}).status_code == 401
    assert anon.put(f"{API}/filter/{made['id']}", json={"name": "anon"}).status_code == 401
    assert anon.delete(f"{API}/filter/{made['id']}").status_code == 401
    assert anon.put(f"{API}/filter/{made['id']}/favourite").status_code == 401
    assert anon.get(f"{API}/filter/{made['id']}").status_code == 200


def test_jira_client(jira: Any, unique: Callable[[str], str]) -> None:
    name = unique("Client")
    created = jira.create_filter(name=name, description="made by jira", jql="issuetype = Bug", favourite=True)
    assert created.name == name and created.jql == "issuetype = Bug" and created.favourite is True
    fetched = jira.filter(created.id)
    assert fetched.description == "made by jira" and fetched.owner.name == "admin"
    assert created.id in [f.id for f in jira.favourite_filters()]
    updated = jira.update_filter(created.id, jql="issuetype = Task")
    assert updated.jql == "issuetype = Task" and updated.name == name
    fetched.delete()
    assert created.id not in [f.id for f in jira.favourite_filters()]


def test_atlassian_client(base_url: str, unique: Callable[[str], str]) -> None:
    from atlassian import Jira

    client = Jira(url=base_url, username="admin", password="admin")
    name = unique("Atlassian")
    created = client.create_filter(name, "issuetype = Bug", description="via atlassian", favourite=True)
    assert created["name"] == name and created["favourite"] is True and created["description"] == "via atlassian"
    fid = created["id"]
    assert client.get_filter(fid)["jql"] == "issuetype = Bug"
    assert client.update_filter(fid, "issuetype = Task")["jql"] == "issuetype = Task"
    assert client.edit_filter(fid, name + " 2", description="edited")["name"] == name + " 2"
    added = client.add_filter_share_permission(fid, "authenticated")
    assert [p["type"] for p in added] == ["loggedin"]
    assert client.get_filter_share_permissions(fid) == added
    client.delete_filter_share_permission(fid, added[0]["id"])
    assert client.get_filter_share_permissions(fid) == []
    client.delete_filter(fid)
    assert client.get_filter_share_permissions is not None

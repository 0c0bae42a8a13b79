"""Input that databases choke on (NUL characters, out-of-range numbers) is a 400, never a 500."""

from __future__ import annotations

import httpx
import pytest

HUGE = str(2**64)


@pytest.mark.parametrize(("path", "params"), [
    ("/rest/api/2/user/search", {"username": "a", "startAt": HUGE}),
    ("/rest/api/2/user/bulk", {"username": "admin", "startAt": HUGE}),
    ("/rest/api/2/user/search/query", {"query": "is assignee of X", "startAt": HUGE}),
    ("/rest/api/2/group/member", {"groupname": "jira-administrators", "startAt": HUGE}),
    ("/rest/api/2/group", {"groupname": "jira-administrators", "expand": f"users[{HUGE}:{HUGE}]"}),
    ("/rest/api/2/user", {"username": "a\x00b"}),
    ("/rest/api/2/user/search", {"username": "a\x00b"}),
    ("/rest/api/2/user/picker", {"query": "a\x00b"}),
    ("/rest/api/2/groups/picker", {"query": "a\x00b"}),
    ("/rest/api/2/group", {"groupname": "a\x00b"}),
    ("/rest/api/2/user/properties/k", {"username": "a\x00b"}),
    ("/rest/api/2/userProperties", {"key": "a\x00b"}),
])
def test_hostile_query_parameters_are_400(admin: httpx.Client, path: str, params: dict[str, str]) -> None:
    response = admin.get(path, params=params)
    assert response.status_code == 400, response.text
    assert set(response.json()) == {"errorMessages", "errors"}


def test_nul_in_bodies_is_refused_and_stores_nothing(admin: httpx.Client, unique, make_user) -> None:  # type: ignore[no-untyped-def]
    name = unique("nul")
    created = admin.post("/rest/api/2/user", json={"name": name + "\x00", "emailAddress": "a\x00@b.c",
                                                   "displayName": "N\x00"})
    assert created.status_code == 400
    assert set(created.json()["errors"]) == {"username", "email", "displayName"}
    group = admin.post("/rest/api/2/group", json={"name": name + "\x00"})
    assert group.status_code == 400
    assert admin.get("/rest/api/2/groups/picker", params={"query": name}).json()["total"] == 0
    member = admin.post("/rest/api/2/group/user", params={"groupname": "jira-software-users"},
                        json={"name": "x\x00"})
    assert member.status_code == 404
    user = make_user("nulprop")
    prop = admin.put("/rest/api/2/user/properties/k", params={"username": user.name}, json={"v": "a\x00"})
    assert prop.status_code == 400
    assert admin.get("/rest/api/2/user/properties", params={"username": user.name}).json() == {"keys": []}
    legacy = user.client.post("/rest/api/2/userProperties", json={"key": "k", "value": "a\x00"})
    assert legacy.status_code == 400
    columns = user.client.put("/rest/api/2/user/columns", json={"columns": ["summary"], "username": "x\x00"})
    assert columns.status_code == 404


@pytest.mark.parametrize(("method", "path", "params"), [
    ("POST", "/rest/api/2/user", {}),
    ("PUT", "/rest/api/2/user", {"username": "admin"}),
    ("POST", "/rest/api/2/group", {}),
    ("POST", "/rest/api/2/group/user", {"groupname": "jira-administrators"}),
])
def test_permission_is_checked_before_the_body_is_read(method: str, path: str, params: dict[str, str],  # type: ignore[no-untyped-def]
                                                       anon: httpx.Client, make_user) -> None:
    broken = {"content": b"{broken", "headers": {"Content-Type": "application/json"}}
    assert anon.request(method, path, params=params, **broken).status_code == 401  # type: ignore[arg-type]
    user = make_user("nobody")
    assert user.client.request(method, path, params=params, **broken).status_code == 403  # type: ignore[arg-type]


def test_body_errors_keep_the_jira_format(admin: httpx.Client) -> None:
    empty = admin.post("/rest/api/2/group", content=b"", headers={"Content-Type": "application/json"})
    assert empty.status_code == 400
    assert empty.json() == {"errorMessages": ["No content to map to Object due to end of input"], "errors": {}}
    array = admin.post("/rest/api/2/group", json=[1, 2])
    assert array.status_code == 400
    assert array.json()["errorMessages"] == ["Can not deserialize the request body: a JSON object was expected."]
    text = admin.post("/rest/api/2/group", content=b"name", headers={"Content-Type": "text/plain"})
    assert text.status_code == 400
    broken = admin.post("/rest/api/2/user", content=b"{broken", headers={"Content-Type": "application/json"})
    assert broken.status_code == 400
    assert broken.json()["errorMessages"][0].startswith("Unexpected character in the request body")
    wrong = admin.post("/rest/api/2/group", json={"name": ["x"]})
    assert wrong.status_code == 400 and set(wrong.json()["errors"]) == {"name"}

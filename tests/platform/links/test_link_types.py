"""Writing issue link types: administrators only, names unique, deleting a type removes its links."""

from __future__ import annotations

from collections.abc import Callable

import httpx

from tests import conftest
from tests.platform.links.conftest import API, IssueRef, linking_disabled


def _names(admin: httpx.Client) -> list[str]:
    return [t["name"] for t in admin.get(f"{API}/issueLinkType").json()["issueLinkTypes"]]


def test_create_update_delete_link_type(admin: httpx.Client, base_url: str, unique: Callable[[str], str]) -> None:
    name = unique("Tests")
    created = admin.post(f"{API}/issueLinkType", json={"name": name, "inward": " is tested by ", "outward": "tests"})
    assert created.status_code == 201
    type_id = created.json()["id"]
    try:
        assert created.json() == {"id": type_id, "name": name, "inward": "is tested by", "outward": "tests",
                                  "self": f"{base_url}{API}/issueLinkType/{type_id}"}
        assert admin.get(f"{API}/issueLinkType/{type_id}").json() == created.json()
        renamed = admin.put(f"{API}/issueLinkType/{type_id}", json={"name": name + "X", "outward": "checks"})
        assert renamed.status_code == 200
        assert renamed.json() == {**created.json(), "name": name + "X", "outward": "checks"}
        assert admin.get(f"{API}/issueLinkType/{type_id}").json() == renamed.json()
    finally:
        deleted = admin.delete(f"{API}/issueLinkType/{type_id}")
    assert deleted.status_code == 204 and deleted.content == b""
    assert admin.get(f"{API}/issueLinkType/{type_id}").status_code == 404
    assert admin.delete(f"{API}/issueLinkType/{type_id}").json() == {
        "errorMessages": [f"No issue link type with id '{type_id}' found."], "errors": {}}


def test_link_type_bad_input_is_400_and_creates_nothing(admin: httpx.Client, link_type: dict[str, str]) -> None:
    before = _names(admin)
    empty = admin.post(f"{API}/issueLinkType", json={"name": " ", "inward": 3})
    assert empty.status_code == 400
    assert empty.json() == {"errorMessages": [], "errors": {
        "name": "The issue link type name must not be empty.",
        "inward": "The inward description of the issue link type must not be empty.",
        "outward": "The outward description of the issue link type must not be empty."}}
    duplicate = admin.post(f"{API}/issueLinkType", json={"name": link_type["name"].upper(), "inward": "a",
                                                         "outward": "b"})
    assert duplicate.status_code == 400
    assert duplicate.json()["errors"] == {
        "name": f"An issue link type with the name '{link_type['name'].upper()}' already exists."}
    too_long = admin.post(f"{API}/issueLinkType", json={"name": "n" * 256, "inward": "a", "outward": "b"})
    assert too_long.json()["errors"] == {"name": "The name of the issue link type must not be longer than 255 "
                                                 "characters."}
    not_object = admin.post(f"{API}/issueLinkType", json=["name"])
    assert not_object.status_code == 400
    assert _names(admin) == before
    clash = admin.put(f"{API}/issueLinkType/{link_type['id']}", json={"name": "Blocks"})
    assert clash.status_code == 400
    assert clash.json()["errors"] == {"name": "An issue link type with the name 'Blocks' already exists."}
    blank = admin.put(f"{API}/issueLinkType/{link_type['id']}", json={"inward": ""})
    assert blank.status_code == 400
    assert admin.get(f"{API}/issueLinkType/{link_type['id']}").json() == link_type
    assert admin.put(f"{API}/issueLinkType/abc", json={"name": "x"}).status_code == 404


def test_link_type_writes_need_an_administrator(admin: httpx.Client, anon: httpx.Client,
                                                make_user: Callable[..., conftest.TestUser],
                                                link_type: dict[str, str]) -> None:
    user = make_user()
    body = {"name": "Nope", "inward": "a", "outward": "b"}
    url = f"{API}/issueLinkType/{link_type['id']}"
    assert user.client.post(f"{API}/issueLinkType", json=body).status_code == 403
    assert user.client.put(url, json=body).status_code == 403
    assert user.client.delete(url).status_code == 403
    assert anon.post(f"{API}/issueLinkType", json=body).status_code == 401
    assert anon.delete(url).status_code == 401
    assert admin.get(url).json() == link_type and "Nope" not in _names(admin)


def test_link_type_writes_are_404_while_linking_is_disabled(admin: httpx.Client, link_type: dict[str, str]) -> None:
    url = f"{API}/issueLinkType/{link_type['id']}"
    with linking_disabled(admin):
        for response in (admin.post(f"{API}/issueLinkType", json={"name": "Off", "inward": "a", "outward": "b"}),
                         admin.put(url, json={"name": "Off"}), admin.delete(url)):
            assert response.status_code == 404
            assert response.json() == {"errorMessages": ["Issue linking is currently disabled."], "errors": {}}
    assert admin.get(url).json() == link_type and "Off" not in _names(admin)


def test_deleting_a_link_type_removes_its_links(admin: httpx.Client, unique: Callable[[str], str],
                                                make_issues: Callable[[int], list[IssueRef]]) -> None:
    first, second = make_issues(2)
    name = unique("Gone")
    type_id = admin.post(f"{API}/issueLinkType", json={"name": name, "inward": "in", "outward": "out"}).json()["id"]
    created = admin.post(f"{API}/issueLink", json={"type": {"id": type_id}, "inwardIssue": {"key": first.key},
                                                   "outwardIssue": {"key": second.key}})
    assert created.status_code == 201
    link_url = created.headers["location"]
    assert admin.get(link_url).status_code == 200
    assert admin.delete(f"{API}/issueLinkType/{type_id}").status_code == 204
    assert admin.get(link_url).status_code == 404
    assert admin.get(f"{API}/issue/{first.key}", params={"fields": "issuelinks"}).json()["fields"] == {
        "issuelinks": []}

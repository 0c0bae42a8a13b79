"""Dashboard item properties: keys, get, set (201/200), delete; reads need the dashboard visible,
writes its owner or an admin (the system dashboard: admins only)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import httpx

from tests.conftest import TestUser as MadeUser
from tests.platform.dashboards.conftest import API, not_found


def _props(dashboard_id: str, item_id: str = "7") -> str:
    return f"{API}/dashboard/{dashboard_id}/items/{item_id}/properties"


def test_property_lifecycle(make_user: Callable[..., MadeUser], base_url: str,
                            make_dashboard: Callable[..., dict[str, Any]]) -> None:
    owner = make_user()
    board = make_dashboard(owner.client)
    url = _props(board["id"])
    assert owner.client.get(url).json() == {"keys": []}
    assert owner.client.put(f"{url}/color", json={"a": [1, 2]}).status_code == 201
    assert owner.client.put(f"{url}/color", json="red").status_code == 200
    assert owner.client.put(f"{url}/size", json=3).status_code == 201
    assert owner.client.get(f"{url}/color").json() == {"key": "color", "value": "red"}
    assert owner.client.get(url).json() == {"keys": [
        {"self": f"{base_url}{url}/color", "key": "color"}, {"self": f"{base_url}{url}/size", "key": "size"}]}
    assert owner.client.get(_props(board["id"], "8")).json() == {"keys": []}
    assert owner.client.delete(f"{url}/color").status_code == 204
    missing = owner.client.get(f"{url}/color")
    assert missing.status_code == 404
    assert missing.json() == {"errorMessages": ["The property with key 'color' does not exist."], "errors": {}}
    assert owner.client.delete(f"{url}/color").status_code == 404


def test_reads_need_the_dashboard_visible(make_user: Callable[..., MadeUser], anon: httpx.Client,
                                          make_dashboard: Callable[..., dict[str, Any]]) -> None:
    owner, other = make_user(), make_user()
    private = make_dashboard(owner.client)
    shared = make_dashboard(owner.client, sharePermissions=[{"type": "authenticated"}])
    for board in (private, shared):
        assert owner.client.put(f"{_props(board['id'])}/k", json={"v": 1}).status_code == 201
    for path in (_props(private["id"]), f"{_props(private['id'])}/k"):
        hidden = other.client.get(path)
        assert hidden.status_code == 404 and hidden.json() == not_found(private["id"])
    assert other.client.get(f"{_props(shared['id'])}/k").json() == {"key": "k", "value": {"v": 1}}
    assert anon.get(f"{_props(shared['id'])}/k").status_code == 404
    assert other.client.put(f"{_props(private['id'])}/k", json=2).status_code == 404
    assert other.client.delete(f"{_props(private['id'])}/k").status_code == 404


def test_writes_need_the_owner_or_an_admin(make_user: Callable[..., MadeUser], admin: httpx.Client,
                                           make_dashboard: Callable[..., dict[str, Any]]) -> None:
    owner, other = make_user(), make_user()
    shared = make_dashboard(owner.client, sharePermissions=[{"type": "authenticated"}])
    url = f"{_props(shared['id'])}/k"
    assert owner.client.put(url, json=1).status_code == 201
    assert other.client.put(url, json=2).status_code == 403
    assert other.client.put(f"{_props(shared['id'])}/new", json=2).status_code == 403
    assert other.client.delete(url).status_code == 403
    assert owner.client.get(url).json() == {"key": "k", "value": 1}
    assert owner.client.get(_props(shared["id"])).json()["keys"][0]["key"] == "k"
    assert len(owner.client.get(_props(shared["id"])).json()["keys"]) == 1
    assert admin.put(url, json=3).status_code == 200
    assert admin.delete(url).status_code == 204


def test_system_dashboard_items(make_user: Callable[..., MadeUser], anon: httpx.Client,
                                admin: httpx.Client, unique: Callable[[str], str]) -> None:
    user = make_user()
    key = unique("sys")
    url = f"{_props('10000', '1')}/{key}"
    assert anon.put(url, json=1).status_code == 401
    assert anon.put(url, content=b"{broken").status_code == 401
    assert user.client.put(url, content=b"{broken").status_code == 403
    assert user.client.put(url, json=1).status_code == 403
    assert anon.get(url).status_code == 404
    assert admin.put(url, json={"x": True}).status_code == 201
    assert anon.get(url).json() == {"key": key, "value": {"x": True}}
    assert user.client.delete(url).status_code == 403 and anon.delete(url).status_code == 401
    assert admin.delete(url).status_code == 204


def test_bad_input_stores_nothing(make_user: Callable[..., MadeUser],
                                  make_dashboard: Callable[..., dict[str, Any]]) -> None:
    owner = make_user()
    board = make_dashboard(owner.client)
    invalid = owner.client.get(_props(board["id"], "abc"))
    assert invalid.status_code == 400
    assert invalid.json() == {"errorMessages": ["The dashboard item id 'abc' is invalid."], "errors": {}}
    assert owner.client.put(f"{_props(board['id'], 'abc')}/k", json=1).status_code == 400
    assert owner.client.put(f"{_props(board['id'])}/big", json="x" * 40000).status_code == 400
    assert owner.client.put(f"{_props(board['id'])}/bad", content=b"{nope").status_code == 400
    assert owner.client.put(f"{_props(board['id'])}/empty", content=b"").status_code == 400
    assert owner.client.put(f"{_props(board['id'])}/{'k' * 256}", json=1).status_code == 400
    assert owner.client.get(_props(board["id"])).json() == {"keys": []}
    unknown = owner.client.get(f"{_props('99999999')}/k")
    assert unknown.status_code == 404 and unknown.json() == not_found("99999999")


def test_jira_client_item_properties(jira, make_dashboard: Callable[..., dict[str, Any]]) -> None:  # type: ignore[no-untyped-def]
    board = make_dashboard()
    prop = jira.set_dashboard_item_property(board["id"], "5", "cfg", {"rows": 3})
    assert prop.key == "cfg" and prop.value.rows == 3
    assert [k.key for k in jira.dashboard_item_property_keys(board["id"], "5")] == ["cfg"]
    assert jira.dashboard_item_property(board["id"], "5", "cfg").value.rows == 3

"""GET /dashboard (all, favourite, my; paging), GET /dashboard/{id}, and our create/delete/favourite API."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import httpx

from tests.conftest import TestUser as MadeUser
from tests.platform.dashboards.conftest import API, OWN, not_found


def _system(base_url: str) -> dict[str, str]:
    return {"id": "10000", "name": "System Dashboard", "self": f"{base_url}{API}/dashboard/10000",
            "view": f"{base_url}/secure/Dashboard.jspa?selectPageId=10000"}


def _sees(client: httpx.Client, dashboard_id: str) -> bool:
    got = client.get(f"{API}/dashboard/{dashboard_id}")
    assert got.status_code in (200, 404), got.text
    if got.status_code == 404:
        assert got.json() == not_found(dashboard_id)
    listed = client.get(f"{API}/dashboard", params={"maxResults": 1000}).json()["dashboards"]
    assert (dashboard_id in [d["id"] for d in listed]) == (got.status_code == 200)
    return got.status_code == 200


def test_system_dashboard_is_seen_by_everyone(anon: httpx.Client, base_url: str,
                                              make_user: Callable[..., MadeUser]) -> None:
    user = make_user()
    for client in (anon, user.client):
        got = client.get(f"{API}/dashboard/10000")
        assert got.status_code == 200 and got.json() == _system(base_url)
    first = anon.get(f"{API}/dashboard", params={"maxResults": 1}).json()
    assert first["startAt"] == 0 and first["maxResults"] == 1 and first["dashboards"] == [_system(base_url)]
    assert "prev" not in first
    if first["total"] > 1:
        assert first["next"] == f"{base_url}{API}/dashboard?startAt=1&maxResults=1"


def test_unknown_dashboards_are_404(anon: httpx.Client, admin: httpx.Client) -> None:
    for dashboard_id in ("99999999", "abc", "-1", "99999999999999999999"):
        got = admin.get(f"{API}/dashboard/{dashboard_id}")
        assert got.status_code == 404 and got.json() == not_found(dashboard_id)
    assert anon.get(f"{API}/dashboard/424242").status_code == 404


def test_my_dashboards_are_paged(make_user: Callable[..., MadeUser], base_url: str,
                                 make_dashboard: Callable[..., dict[str, Any]]) -> None:
    owner = make_user()
    made = [make_dashboard(owner.client) for _ in range(3)]
    ids = [d["id"] for d in made]
    assert made[0] == {"id": ids[0], "name": made[0]["name"], "self": f"{base_url}{API}/dashboard/{ids[0]}",
                       "view": f"{base_url}/secure/Dashboard.jspa?selectPageId={ids[0]}"}
    first = owner.client.get(f"{API}/dashboard", params={"filter": "my", "maxResults": 2}).json()
    url = f"{base_url}{API}/dashboard?filter=my"
    assert first == {"startAt": 0, "maxResults": 2, "total": 3, "next": f"{url}&startAt=2&maxResults=2",
                     "dashboards": made[:2]}
    second = owner.client.get(f"{API}/dashboard", params={"filter": "my", "startAt": 2, "maxResults": 2}).json()
    assert second == {"startAt": 2, "maxResults": 2, "total": 3, "prev": f"{url}&startAt=0&maxResults=2",
                      "dashboards": made[2:]}
    every = owner.client.get(f"{API}/dashboard", params={"maxResults": 1000}).json()
    assert [d["id"] for d in every["dashboards"]][:1] == ["10000"]
    assert set(ids) <= {d["id"] for d in every["dashboards"]}


def test_private_dashboard_is_seen_only_by_its_owner(make_user: Callable[..., MadeUser], anon: httpx.Client,
                                                     admin: httpx.Client,
                                                     make_dashboard: Callable[..., dict[str, Any]]) -> None:
    owner, other = make_user(), make_user()
    made = make_dashboard(owner.client)
    assert _sees(owner.client, made["id"])
    assert not _sees(other.client, made["id"]) and not _sees(anon, made["id"]) and not _sees(admin, made["id"])
    mine = other.client.get(f"{API}/dashboard", params={"filter": "my"}).json()
    assert mine == {"startAt": 0, "maxResults": 20, "total": 0, "dashboards": []}


def test_shares(make_user: Callable[..., MadeUser], anon: httpx.Client, admin: httpx.Client,
                unique: Callable[[str], str], make_dashboard: Callable[..., dict[str, Any]]) -> None:
    owner, member, outsider = make_user(), make_user(), make_user()
    group = unique("dash-grp")
    assert admin.post(f"{API}/group", json={"name": group}).status_code == 201
    for user in (owner, member):
        assert admin.post(f"{API}/group/user", params={"groupname": group},
                          json={"name": user.name}).status_code == 201
    public = make_dashboard(owner.client, sharePermissions=[{"type": "global"}])
    logged_in = make_dashboard(owner.client, sharePermissions=[{"type": "authenticated"}])
    grouped = make_dashboard(owner.client, sharePermissions=[{"type": "group", "groupname": group}])
    assert _sees(anon, public["id"]) and _sees(outsider.client, public["id"])
    assert not _sees(anon, logged_in["id"]) and _sees(outsider.client, logged_in["id"])
    assert _sees(member.client, grouped["id"]) and not _sees(outsider.client, grouped["id"])
    assert not _sees(anon, grouped["id"])


def test_favourites(make_user: Callable[..., MadeUser], anon: httpx.Client,
                    make_dashboard: Callable[..., dict[str, Any]]) -> None:
    owner, other = make_user(), make_user()
    private = make_dashboard(owner.client)
    shared = make_dashboard(owner.client, sharePermissions=[{"type": "authenticated"}])
    assert other.client.put(f"{OWN}/dashboard/{private['id']}/favourite").status_code == 404
    marked = other.client.put(f"{OWN}/dashboard/{shared['id']}/favourite")
    assert marked.status_code == 200 and marked.json() == shared
    assert other.client.put(f"{OWN}/dashboard/{shared['id']}/favourite").status_code == 200
    favourites = other.client.get(f"{API}/dashboard", params={"filter": "favourite"}).json()
    assert favourites == {"startAt": 0, "maxResults": 20, "total": 1, "dashboards": [shared]}
    assert owner.client.get(f"{API}/dashboard", params={"filter": "favourite"}).json()["total"] == 0
    assert anon.get(f"{API}/dashboard", params={"filter": "favourite"}).json()["total"] == 0
    assert anon.put(f"{OWN}/dashboard/10000/favourite").status_code == 401
    assert other.client.delete(f"{OWN}/dashboard/{shared['id']}/favourite").status_code == 204
    assert other.client.get(f"{API}/dashboard", params={"filter": "favourite"}).json()["total"] == 0


def test_bad_list_parameters(admin: httpx.Client) -> None:
    bad = admin.get(f"{API}/dashboard", params={"filter": "bogus"})
    assert bad.status_code == 400
    assert bad.json() == {"errorMessages": [], "errors": {
        "filter": "The filter 'bogus' is not valid. Valid filters are: favourite, my."}}
    assert admin.get(f"{API}/dashboard", params={"startAt": -1}).status_code == 400
    assert admin.get(f"{API}/dashboard", params={"maxResults": -1}).status_code == 400
    assert admin.get(f"{API}/dashboard", params={"startAt": "x"}).status_code == 400


def test_create_refusals_store_nothing(make_user: Callable[..., MadeUser], anon: httpx.Client) -> None:
    owner = make_user()
    assert anon.post(f"{OWN}/dashboard", json={"name": "x"}).status_code == 401
    for body, field in (({}, "name"), ({"name": "  "}, "name"), ({"name": 5}, "name"), ({"name": "x" * 256}, "name"),
                        ({"name": "a\x00b"}, "name"), ({"name": "ok", "description": 3}, "description"),
                        ({"name": "ok", "description": "a\x00"}, "description"),
                        ({"name": "ok", "sharePermissions": [{"type": "nope"}]}, "type"),
                        ({"name": "ok", "sharePermissions": [{"type": "group", "groupname": "no-such"}]},
                         "groupname")):
        refused = owner.client.post(f"{OWN}/dashboard", json=body)
        assert refused.status_code == 400, (body, refused.text)
        assert list(refused.json()["errors"]) == [field]
    assert owner.client.post(f"{OWN}/dashboard", content=b"{", headers={"content-type": "application/json"}
                             ).status_code == 400
    assert owner.client.get(f"{API}/dashboard", params={"filter": "my"}).json()["total"] == 0


def test_delete(make_user: Callable[..., MadeUser], admin: httpx.Client,
                make_dashboard: Callable[..., dict[str, Any]]) -> None:
    owner, other = make_user(), make_user()
    private = make_dashboard(owner.client)
    shared = make_dashboard(owner.client, sharePermissions=[{"type": "authenticated"}])
    assert other.client.delete(f"{OWN}/dashboard/{private['id']}").status_code == 404
    refused = other.client.delete(f"{OWN}/dashboard/{shared['id']}")
    assert refused.status_code == 403 and _sees(other.client, shared["id"])
    assert admin.put(f"{API}/dashboard/{shared['id']}/items/1/properties/k", json=1).status_code == 201
    assert admin.delete(f"{OWN}/dashboard/{shared['id']}").status_code == 204
    assert owner.client.delete(f"{OWN}/dashboard/{private['id']}").status_code == 204
    assert not _sees(owner.client, private["id"]) and not _sees(owner.client, shared["id"])
    assert owner.client.delete(f"{OWN}/dashboard/{private['id']}").status_code == 404
    system = admin.delete(f"{OWN}/dashboard/10000")
    assert system.status_code == 400 and system.json()["errorMessages"] == ["The system dashboard cannot be deleted."]
    assert other.client.delete(f"{OWN}/dashboard/10000").status_code == 403


def test_jira_client(jira, base_url: str, make_dashboard: Callable[..., dict[str, Any]]) -> None:  # type: ignore[no-untyped-def]
    made = make_dashboard()
    found = jira.dashboard(made["id"])
    assert found.id == made["id"] and found.name == made["name"] and found.view == made["view"]
    listed = jira.dashboards(filter="my", maxResults=False)
    assert made["id"] in [d.id for d in listed]
    first = jira.dashboards(maxResults=1)
    assert [d.id for d in first] == ["10000"] and first.total >= 2
    assert jira.dashboard("10000").name == "System Dashboard"


def test_atlassian_client(base_url: str, make_dashboard: Callable[..., dict[str, Any]]) -> None:
    from atlassian import Jira

    made = make_dashboard()
    client = Jira(url=base_url, username="admin", password="admin", cloud=False)
    assert client.get_dashboard(made["id"]) == made
    mine = client.get_dashboards(filter="my", limit=1000)
    assert made in mine["dashboards"]

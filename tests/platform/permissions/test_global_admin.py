"""Ticketry's admin API for global permission grants: changes take effect at once and are audited."""

from __future__ import annotations

import httpx

API = "/rest/ticketry/1/globalpermission"


def test_grant_and_revoke_browse_users(admin: httpx.Client, make_user, unique) -> None:  # type: ignore[no-untyped-def]
    group = unique("pickers")
    assert admin.post("/rest/api/2/group", json={"name": group}).status_code == 201
    user = make_user("granted", applicationKeys=[])
    assert user.client.get("/rest/api/2/user/picker", params={"query": "a"}).status_code == 403
    admin.post("/rest/api/2/group/user", params={"groupname": group}, json={"name": user.name})
    added = admin.post(API, json={"permission": "USER_PICKER", "group": group})
    assert added.status_code == 201, added.text
    assert added.json()["group"] == group and added.json()["permission"] == "USER_PICKER"
    assert user.client.get("/rest/api/2/user/picker", params={"query": "a"}).status_code == 200
    assert admin.post(API, json={"permission": "USER_PICKER", "group": group}).status_code == 400
    assert added.json()["id"] in [g["id"] for g in admin.get(API).json()["grants"]]
    assert admin.delete(f"{API}/{added.json()['id']}").status_code == 204
    assert user.client.get("/rest/api/2/user/picker", params={"query": "a"}).status_code == 403
    records = admin.get("/rest/api/2/auditing/record", params={"filter": "Global permission"}).json()["records"]
    assert {"Global permission added", "Global permission deleted"} <= {r["summary"] for r in records}


def test_bad_grants_and_the_last_system_administrator(admin: httpx.Client, make_user) -> None:  # type: ignore[no-untyped-def]
    assert admin.post(API, json={"permission": "BROWSE_PROJECTS", "group": "jira-administrators"}).status_code == 400
    assert admin.post(API, json={"permission": "USER_PICKER", "group": "no-such-group"}).status_code == 400
    assert admin.post(API, json={"permission": "ADMINISTER"}).status_code == 400
    system = [g for g in admin.get(API).json()["grants"] if g["permission"] == "SYSTEM_ADMIN"]
    assert len(system) == 1
    refused = admin.delete(f"{API}/{system[0]['id']}")
    assert refused.status_code == 400
    assert make_user("notadmin").client.get(API).status_code == 403

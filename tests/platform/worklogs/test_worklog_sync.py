"""Worklog properties, worklogs updated or deleted since an instant, and worklogs by ids."""

from __future__ import annotations

import time
from collections.abc import Callable

import httpx

from tests.platform.worklogs.conftest import API, IssueRef


def _now_ms() -> int:
    return int(time.time() * 1000)


def test_worklog_properties(admin: httpx.Client, make_user: Callable[..., object], issue: IssueRef,
                            base_url: str) -> None:
    worklog = admin.post(issue.worklogs, json={"timeSpent": "1h"}).json()
    props = f"{issue.worklogs}/{worklog['id']}/properties"
    assert admin.get(props).json() == {"keys": []}
    assert admin.put(f"{props}/sync.state", json={"synced": True}).status_code == 201
    assert admin.put(f"{props}/sync.state", json={"synced": False}).status_code == 200
    assert admin.get(props).json() == {"keys": [{
        "self": f"{base_url}{API}/issue/{issue.id}/worklog/{worklog['id']}/properties/sync.state", "key": "sync.state"}]}
    assert admin.get(f"{props}/sync.state").json() == {"key": "sync.state", "value": {"synced": False}}
    expanded = admin.get(f"{issue.worklogs}/{worklog['id']}", params={"expand": "properties"}).json()
    assert expanded["properties"] == [{"key": "sync.state", "value": {"synced": False}}]
    other = make_user().client  # type: ignore[attr-defined]
    assert other.put(f"{props}/x", json=1).status_code == 403
    assert other.delete(f"{props}/sync.state").status_code == 403
    assert admin.put(f"{props}/bad", content=b"{not json", headers={"Content-Type": "application/json"}
                     ).status_code == 400
    assert admin.get(props).json()["keys"][0]["key"] == "sync.state"
    assert admin.get(f"{props}/missing").status_code == 404
    assert admin.get(f"{issue.worklogs}/99999999/properties").status_code == 404
    assert admin.delete(f"{props}/sync.state").status_code == 204
    assert admin.get(f"{props}/sync.state").status_code == 404


def test_updated_and_deleted_since(admin: httpx.Client, issue: IssueRef, base_url: str) -> None:
    since = _now_ms() - 1
    first = admin.post(issue.worklogs, json={"timeSpent": "1h"}).json()
    second = admin.post(issue.worklogs, json={"timeSpent": "2h"}).json()
    admin.put(f"{issue.worklogs}/{second['id']}/properties/p", json="v")
    updated = admin.get(f"{API}/worklog/updated", params={"since": since, "expand": "properties"})
    assert updated.status_code == 200
    body = updated.json()
    ids = [v["worklogId"] for v in body["values"]]
    assert ids[-2:] == [int(first["id"]), int(second["id"])]
    assert body["values"][-1]["properties"] == [{"key": "p", "value": "v"}]
    assert body["since"] == since and body["until"] == body["values"][-1]["updatedTime"]
    assert body["isLastPage"] is True and "nextPage" not in body
    assert body["self"] == f"{base_url}{API}/worklog/updated?since={since}"
    later = admin.get(f"{API}/worklog/updated", params={"since": body["until"] + 1}).json()
    assert later["values"] == [] and later["until"] == body["until"] + 1

    before_delete = _now_ms() - 1
    assert admin.delete(f"{issue.worklogs}/{first['id']}").status_code == 204
    deleted = admin.get(f"{API}/worklog/deleted", params={"since": before_delete}).json()
    assert int(first["id"]) in [v["worklogId"] for v in deleted["values"]]
    assert all(v["properties"] == [] for v in deleted["values"])
    assert admin.get(f"{API}/worklog/updated", params={"since": -5}).status_code == 400
    assert admin.get(f"{API}/worklog/updated", params={"since": "soon"}).status_code == 400


def test_list_by_ids(admin: httpx.Client, anon: httpx.Client, make_user: Callable[..., object], issue: IssueRef,
                     unique: Callable[[str], str]) -> None:
    first = admin.post(issue.worklogs, json={"timeSpent": "1h"}).json()
    group = unique("wlgrp")
    assert admin.post(f"{API}/group", json={"name": group}).status_code == 201
    assert admin.post(f"{API}/group/user", params={"groupname": group}, json={"name": "admin"}).status_code == 201
    hidden = admin.post(issue.worklogs, json={"timeSpent": "1h", "visibility": {"type": "group", "value": group}})
    listed = admin.post(f"{API}/worklog/list", json={"ids": [int(hidden.json()["id"]), int(first["id"]), 99999999]})
    assert listed.status_code == 200
    assert [w["id"] for w in listed.json()] == [first["id"], hidden.json()["id"]]
    assert listed.json()[0] == first
    outsider = make_user().client  # type: ignore[attr-defined]
    assert [w["id"] for w in outsider.post(f"{API}/worklog/list", json={"ids": [int(hidden.json()["id"]),
                                                                              int(first["id"])]}).json()] == [first["id"]]
    assert admin.post(f"{API}/worklog/list", json={"ids": list(range(1, 1002))}).json() == {
        "errorMessages": [], "errors": {"ids": "Too many worklog ids: at most 1000 may be requested."}}
    assert admin.post(f"{API}/worklog/list", json={"ids": "1"}).status_code == 400
    assert admin.post(f"{API}/worklog/list", json={}).status_code == 400
    assert anon.post(f"{API}/worklog/list", json={"ids": [1]}).status_code == 401


def test_deleting_an_issue_reports_its_worklogs_deleted(admin: httpx.Client, server: object,
                                                          issue: IssueRef) -> None:
    """Deleted issues' worklogs appear in /worklog/deleted and leave no properties behind."""
    from sqlalchemy import select

    from ticketry.platform.properties.models import EntityProperty

    since = _now_ms() - 1
    worklog = admin.post(issue.worklogs, json={"timeSpent": "1h"}).json()
    assert admin.put(f"{issue.worklogs}/{worklog['id']}/properties/k", json=1).status_code == 201
    assert admin.delete(f"{API}/issue/{issue.key}").status_code == 204
    with server.app.state.read_sessions() as db:  # type: ignore[attr-defined]
        left = db.scalars(select(EntityProperty.id).where(EntityProperty.entity_type == "worklog",
                                                          EntityProperty.entity_id == str(worklog["id"]))).all()
    assert left == []
    deleted = admin.get(f"{API}/worklog/deleted", params={"since": since}).json()
    assert int(worklog["id"]) in [v["worklogId"] for v in deleted["values"]]

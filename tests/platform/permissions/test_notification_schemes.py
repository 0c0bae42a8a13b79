"""Notification schemes: Jira's default scheme with its events and recipients; who may read them."""

from __future__ import annotations

import httpx

from tests.platform.issues.helpers import make_project


def test_default_scheme_lists_events_with_recipients(admin: httpx.Client, base_url: str) -> None:
    scheme = admin.get("/rest/api/2/notificationscheme/10000").json()
    assert scheme["name"] == "Default Notification Scheme"
    assert scheme["self"] == f"{base_url}/rest/api/2/notificationscheme/10000"
    assert scheme["expand"] == "notificationSchemeEvents,user,group,projectRole,field,all"
    created = scheme["notificationSchemeEvents"][0]
    assert created["event"] == {"id": 1, "name": "Issue Created", "description": "This is the 'issue created' event."}
    assert [n["notificationType"] for n in created["notifications"]] == ["CurrentAssignee", "Reporter", "AllWatchers"]
    assert {e["event"]["id"] for e in scheme["notificationSchemeEvents"]} >= set(range(1, 18))


def test_list_is_paged(admin: httpx.Client) -> None:
    page = admin.get("/rest/api/2/notificationscheme", params={"maxResults": 100}).json()
    assert page["maxResults"] == 50 and page["startAt"] == 0
    assert "Default Notification Scheme" in [s["name"] for s in page["values"]]
    assert page["total"] >= 1 and page["isLast"] is True
    assert admin.get("/rest/api/2/notificationscheme", params={"expand": "nope"}).status_code == 400


def test_visibility_follows_project_administration(admin: httpx.Client, make_user, anon: httpx.Client,  # type: ignore[no-untyped-def]
                                                   unique_key) -> None:
    user = make_user("notif")
    assert anon.get("/rest/api/2/notificationscheme/10000").status_code == 401
    assert user.client.get("/rest/api/2/notificationscheme/10000").status_code == 404
    assert user.client.get("/rest/api/2/notificationscheme").json()["values"] == []
    key = unique_key()
    make_project(admin, key, notificationScheme=10000)
    role = admin.post(f"/rest/api/2/project/{key}/role/10002", json={"user": [user.name]})
    assert role.status_code == 200, role.text
    assert user.client.get("/rest/api/2/notificationscheme/10000").status_code == 200
    assert admin.get(f"/rest/api/2/project/{key}/notificationscheme").json()["notificationSchemeEvents"]
    assert admin.get("/rest/api/2/notificationscheme/abc").status_code == 404


def test_jira_client_reads_notification_schemes(jira) -> None:  # type: ignore[no-untyped-def]
    names = [s["name"] for s in jira.notificationschemes()]
    assert "Default Notification Scheme" in names

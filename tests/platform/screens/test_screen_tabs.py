"""Tabs of a screen: list, add, rename, delete, move; validation and admin-only changes."""

from __future__ import annotations

from collections.abc import Callable

import httpx

from tests.platform.screens.conftest import API, ScreenRef


def _tabs(client: httpx.Client, screen: ScreenRef) -> list[dict[str, object]]:
    response = client.get(f"{screen.url}/tabs")
    assert response.status_code == 200
    return list(response.json())


def test_default_screens_have_jiras_tabs(admin: httpx.Client) -> None:
    assert admin.get(f"{API}/screens/1/tabs").json() == [{"id": 10000, "name": "Field Tab"}]
    assert admin.get(f"{API}/screens/2/tabs").json() == [{"id": 10001, "name": "Field Tab"}]
    assert admin.get(f"{API}/screens/3/tabs").json() == [{"id": 10002, "name": "Field Tab"}]
    resolve = admin.get(f"{API}/screens/2/tabs/10001/fields").json()
    assert resolve == [{"id": "resolution", "name": "Resolution"}, {"id": "fixVersions", "name": "Fix Version/s"},
                       {"id": "assignee", "name": "Assignee"}, {"id": "worklog", "name": "Log Work"}]
    assert admin.get(f"{API}/screens/3/tabs/10002/fields").json() == [{"id": "assignee", "name": "Assignee"}]
    default = [f["id"] for f in admin.get(f"{API}/screens/1/tabs/10000/fields").json()]
    assert default[:4] == ["summary", "issuetype", "security", "priority"]
    assert {"description", "timetracking", "attachment", "labels", "reporter"} <= set(default)


def test_tab_crud(admin: httpx.Client, make_screen: Callable[..., ScreenRef]) -> None:
    screen = make_screen("summary")
    added = admin.post(f"{screen.url}/tabs", json={"name": "Details"})
    assert added.status_code == 200
    tab = added.json()
    assert tab == {"id": tab["id"], "name": "Details"} and isinstance(tab["id"], int)
    assert _tabs(admin, screen) == [{"id": screen.tab_id, "name": "Field Tab"}, tab]
    renamed = admin.put(f"{screen.url}/tabs/{tab['id']}", json={"name": "More"})
    assert renamed.status_code == 200 and renamed.json() == {"id": tab["id"], "name": "More"}
    deleted = admin.delete(f"{screen.url}/tabs/{tab['id']}")
    assert deleted.status_code == 201 and deleted.content == b""
    assert _tabs(admin, screen) == [{"id": screen.tab_id, "name": "Field Tab"}]


def test_tab_validation_changes_nothing(admin: httpx.Client, make_screen: Callable[..., ScreenRef]) -> None:
    screen = make_screen()
    for body in ({}, {"name": ""}, {"name": "   "}, {"name": 5}):
        response = admin.post(f"{screen.url}/tabs", json=body)
        assert response.status_code == 400
        assert response.json() == {"errorMessages": [], "errors": {"name": "Tab name cannot be empty."}}
    nul = admin.post(f"{screen.url}/tabs", json={"name": "a\x00b"})
    assert nul.status_code == 400
    assert nul.json()["errors"] == {"name": "Tab name must not contain NUL characters."}
    duplicate = admin.post(f"{screen.url}/tabs", json={"name": "field tab"})
    assert duplicate.status_code == 400
    assert duplicate.json()["errors"] == {"name": "Screen already contains tab with name 'field tab'."}
    second = admin.post(f"{screen.url}/tabs", json={"name": "Second"}).json()
    clash = admin.put(f"{screen.url}/tabs/{second['id']}", json={"name": "Field Tab"})
    assert clash.status_code == 400
    same = admin.put(f"{screen.url}/tabs/{second['id']}", json={"name": "SECOND"})
    assert same.status_code == 200 and same.json()["name"] == "SECOND"
    assert _tabs(admin, screen) == [{"id": screen.tab_id, "name": "Field Tab"}, {"id": second["id"], "name": "SECOND"}]


def test_last_tab_cannot_be_deleted(admin: httpx.Client, make_screen: Callable[..., ScreenRef]) -> None:
    screen = make_screen("summary")
    response = admin.delete(screen.tab_url)
    assert response.status_code == 400
    assert response.json() == {"errorMessages": ["A screen must have at least one tab."], "errors": {}}
    assert _tabs(admin, screen) == [{"id": screen.tab_id, "name": "Field Tab"}]


def test_unknown_screen_and_tab(admin: httpx.Client, make_screen: Callable[..., ScreenRef]) -> None:
    screen = make_screen()
    missing = admin.get(f"{API}/screens/999999/tabs")
    assert missing.status_code == 400
    assert missing.json() == {"errorMessages": ["Screen with id 999999 does not exist"], "errors": {}}
    assert admin.get(f"{API}/screens/abc/tabs").status_code == 400
    assert admin.post(f"{API}/screens/999999/tabs", json={"name": "x"}).status_code == 400
    other = admin.put(f"{API}/screens/1/tabs/{screen.tab_id}", json={"name": "x"})
    assert other.status_code == 400
    assert other.json() == {"errorMessages": [f"Tab with id {screen.tab_id} does not exist on screen with id 1"],
                            "errors": {}}
    assert admin.delete(f"{screen.url}/tabs/99999999999").status_code == 400
    assert admin.get(f"{screen.url}/tabs/123456789/fields").status_code == 400


def test_move_tab(admin: httpx.Client, make_screen: Callable[..., ScreenRef]) -> None:
    screen = make_screen()
    b = admin.post(f"{screen.url}/tabs", json={"name": "B"}).json()
    c = admin.post(f"{screen.url}/tabs", json={"name": "C"}).json()
    a = {"id": screen.tab_id, "name": "Field Tab"}
    moved = admin.post(f"{screen.url}/tabs/{c['id']}/move/0")
    assert moved.status_code == 201 and moved.content == b""
    assert _tabs(admin, screen) == [c, a, b]
    assert admin.post(f"{screen.url}/tabs/{c['id']}/move/2").status_code == 201
    assert _tabs(admin, screen) == [a, b, c]
    for bad in ("3", "-1", "x"):
        response = admin.post(f"{screen.url}/tabs/{c['id']}/move/{bad}")
        assert response.status_code == 400
    assert _tabs(admin, screen) == [a, b, c]


def test_changes_need_an_administrator(admin: httpx.Client, anon: httpx.Client, make_user,  # type: ignore[no-untyped-def]
                                       make_screen: Callable[..., ScreenRef]) -> None:
    screen = make_screen("summary")
    user = make_user()
    assert anon.get(f"{screen.url}/tabs").status_code == 401
    assert user.client.get(f"{screen.url}/tabs").status_code == 403
    assert user.client.get(f"{screen.tab_url}/fields").status_code == 403
    assert user.client.get(f"{screen.url}/availableFields").status_code == 403
    assert user.client.post(f"{screen.url}/tabs", json={"name": "X"}).status_code == 403
    assert user.client.post(f"{screen.tab_url}/fields", json={"fieldId": "labels"}).status_code == 403
    assert user.client.post(f"{API}/screens/addToDefault/labels").status_code == 403
    assert user.client.delete(f"{screen.tab_url}/fields/summary").status_code == 403
    assert _tabs(admin, screen) == [{"id": screen.tab_id, "name": "Field Tab"}]
    assert [f["id"] for f in admin.get(f"{screen.tab_url}/fields").json()] == ["summary"]


def test_project_lead_reads_with_project_key(admin: httpx.Client, make_user,  # type: ignore[no-untyped-def]
                                             unique_key: Callable[[], str],
                                             make_screen: Callable[..., ScreenRef]) -> None:
    screen = make_screen("summary")
    lead = make_user()
    key = unique_key()
    created = admin.post(f"{API}/project", json={"key": key, "name": key, "projectTypeKey": "software",
                                                 "lead": lead.name})
    assert created.status_code == 201, created.text
    assert lead.client.get(f"{screen.url}/tabs", params={"projectKey": key}).status_code == 200
    fields = lead.client.get(f"{screen.tab_url}/fields", params={"projectKey": key})
    assert fields.json() == [{"id": "summary", "name": "Summary"}]
    other = make_user()
    assert other.client.get(f"{screen.url}/tabs", params={"projectKey": key}).status_code == 403
    unknown = admin.get(f"{screen.url}/tabs", params={"projectKey": "NOPE9Z"})
    assert unknown.status_code == 200
    lost = other.client.get(f"{screen.url}/tabs", params={"projectKey": "NOPE9Z"})
    assert lost.status_code == 400
    assert lost.json()["errorMessages"] == ["No project could be found with key 'NOPE9Z'."]

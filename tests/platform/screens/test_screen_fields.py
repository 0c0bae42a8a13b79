"""Fields on tabs: list, add, remove, move, available fields and adding to the default screen."""

from __future__ import annotations

from collections.abc import Callable

import httpx

from tests.platform.screens.conftest import API, ScreenRef


def _ids(client: httpx.Client, screen: ScreenRef, tab_id: int | None = None) -> list[str]:
    url = f"{screen.url}/tabs/{tab_id or screen.tab_id}/fields"
    response = client.get(url)
    assert response.status_code == 200
    return [f["id"] for f in response.json()]


def test_add_and_remove_fields(admin: httpx.Client, make_screen: Callable[..., ScreenRef],
                               make_custom_field: Callable[[], tuple[str, str]]) -> None:
    screen = make_screen("summary")
    added = admin.post(f"{screen.tab_url}/fields", json={"fieldId": "labels"})
    assert added.status_code == 200 and added.json() == {"id": "labels", "name": "Labels"}
    cf_id, cf_name = make_custom_field()
    custom = admin.post(f"{screen.tab_url}/fields", json={"fieldId": cf_id})
    assert custom.status_code == 200 and custom.json() == {"id": cf_id, "name": cf_name}
    assert admin.get(f"{screen.tab_url}/fields").json() == [
        {"id": "summary", "name": "Summary"}, {"id": "labels", "name": "Labels"}, {"id": cf_id, "name": cf_name}]
    removed = admin.delete(f"{screen.tab_url}/fields/labels")
    assert removed.status_code == 201 and removed.content == b""
    assert _ids(admin, screen) == ["summary", cf_id]
    again = admin.delete(f"{screen.tab_url}/fields/labels")
    assert again.status_code == 400
    assert again.json() == {"errorMessages": [f"Field with id 'labels' is not on tab with id {screen.tab_id}."],
                            "errors": {}}


def test_add_field_validation_changes_nothing(admin: httpx.Client, make_screen: Callable[..., ScreenRef],
                                             make_custom_field: Callable[[], tuple[str, str]]) -> None:
    screen = make_screen("summary")
    second = admin.post(f"{screen.url}/tabs", json={"name": "Other"}).json()
    cases = [
        ({"fieldId": "nosuchfield"}, {"fieldId": "Field with id 'nosuchfield' does not exist."}),
        ({"fieldId": "customfield_99999999"}, {"fieldId": "Field with id 'customfield_99999999' does not exist."}),
        ({}, {"fieldId": "Field id is required."}),
        ({"fieldId": 7}, {"fieldId": "Field id is required."}),
        ({"fieldId": "status"}, {"fieldId": "Field with id 'status' cannot be placed on a screen."}),
        ({"fieldId": "summary"}, {"fieldId": "Field with id 'summary' already exists on the screen."}),
    ]
    for body, errors in cases:
        response = admin.post(f"{screen.tab_url}/fields", json=body)
        assert response.status_code == 400, body
        assert response.json() == {"errorMessages": [], "errors": errors}
    # A field may be on only one tab of a screen; a custom field's name is not its id.
    on_other_tab = admin.post(f"{screen.url}/tabs/{second['id']}/fields", json={"fieldId": "summary"})
    assert on_other_tab.status_code == 400
    _cf_id, cf_name = make_custom_field()
    assert admin.post(f"{screen.tab_url}/fields", json={"fieldId": cf_name}).status_code == 400
    assert _ids(admin, screen) == ["summary"]
    assert _ids(admin, screen, second["id"]) == []


def test_available_fields(admin: httpx.Client, make_screen: Callable[..., ScreenRef],
                          make_custom_field: Callable[[], tuple[str, str]]) -> None:
    screen = make_screen("summary", "labels")
    cf_id, cf_name = make_custom_field()
    response = admin.get(f"{screen.url}/availableFields")
    assert response.status_code == 200
    available = response.json()
    ids = [f["id"] for f in available]
    assert "summary" not in ids and "labels" not in ids
    assert {"id": "description", "name": "Description"} in available
    assert {"id": cf_id, "name": cf_name} in available
    assert "status" not in ids and "created" not in ids
    admin.post(f"{screen.tab_url}/fields", json={"fieldId": cf_id})
    assert cf_id not in [f["id"] for f in admin.get(f"{screen.url}/availableFields").json()]
    missing = admin.get(f"{API}/screens/999999/availableFields")
    assert missing.status_code == 400
    assert missing.json() == {"errorMessages": ["Screen with id 999999 does not exist"], "errors": {}}


def test_move_field(admin: httpx.Client, make_screen: Callable[..., ScreenRef]) -> None:
    screen = make_screen("summary", "description", "labels", "duedate")

    def move(field: str, body: object) -> httpx.Response:
        return admin.post(f"{screen.tab_url}/fields/{field}/move", json=body)

    response = move("labels", {"position": "First"})
    assert response.status_code == 201 and response.content == b""
    assert _ids(admin, screen) == ["labels", "summary", "description", "duedate"]
    assert move("labels", {"position": "Last"}).status_code == 201
    assert _ids(admin, screen) == ["summary", "description", "duedate", "labels"]
    assert move("labels", {"position": "Earlier"}).status_code == 201
    assert _ids(admin, screen) == ["summary", "description", "labels", "duedate"]
    assert move("summary", {"position": "Later"}).status_code == 201
    assert _ids(admin, screen) == ["description", "summary", "labels", "duedate"]
    assert move("description", {"position": "Earlier"}).status_code == 201
    assert _ids(admin, screen) == ["description", "summary", "labels", "duedate"]
    after_uri = f"{admin.base_url}{screen.tab_url}/fields/labels"
    assert move("description", {"after": after_uri}).status_code == 201
    assert _ids(admin, screen) == ["summary", "labels", "description", "duedate"]
    assert move("duedate", {"after": "summary"}).status_code == 201
    assert _ids(admin, screen) == ["summary", "duedate", "labels", "description"]


def test_move_field_validation(admin: httpx.Client, make_screen: Callable[..., ScreenRef]) -> None:
    screen = make_screen("summary", "description")
    cases = [
        ("summary", {"position": "Sideways"}, [], {"position": "Position must be one of Earlier, Later, First or Last."}),
        ("summary", {}, ["Either 'position' or 'after' must be given to move a field."], {}),
        ("summary", {"after": "labels"}, [], {"after": "Field with id 'labels' is not on this tab."}),
        ("labels", {"position": "First"}, [f"Field with id 'labels' is not on tab with id {screen.tab_id}."], {}),
    ]
    for field, body, messages, errors in cases:
        response = admin.post(f"{screen.tab_url}/fields/{field}/move", json=body)
        assert response.status_code == 400, body
        assert response.json() == {"errorMessages": messages, "errors": errors}
    assert _ids(admin, screen) == ["summary", "description"]


def test_add_to_default_screen(admin: httpx.Client, make_custom_field: Callable[[], tuple[str, str]]) -> None:
    cf_id, cf_name = make_custom_field()
    response = admin.post(f"{API}/screens/addToDefault/{cf_id}")
    assert response.status_code == 201 and response.content == b""
    fields = admin.get(f"{API}/screens/1/tabs/10000/fields").json()
    assert fields[-1] == {"id": cf_id, "name": cf_name}
    again = admin.post(f"{API}/screens/addToDefault/{cf_id}")
    assert again.status_code == 400
    assert again.json()["errors"] == {"fieldId": f"Field with id '{cf_id}' already exists on the screen."}
    unknown = admin.post(f"{API}/screens/addToDefault/nosuchfield")
    assert unknown.status_code == 400
    assert unknown.json()["errors"] == {"fieldId": "Field with id 'nosuchfield' does not exist."}
    assert admin.get(f"{API}/screens/1/tabs/10000/fields").json() == fields

"""/field/{fieldKey}/option*, suggestions and /customFieldOption/{id}."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import httpx

EMPTY_CONFIG = {"scope": {"projects": [], "projects2": [], "global": {}}, "attributes": []}


def _project(admin: httpx.Client, key: str) -> dict[str, Any]:
    response = admin.post("/rest/api/2/project", json={
        "key": key, "name": f"Project {key}", "projectTypeKey": "software", "lead": "admin"})
    assert response.status_code == 201, response.text
    body: dict[str, Any] = response.json()
    return body


def test_option_crud(admin: httpx.Client, make_field: Callable[..., dict[str, Any]], base_url: str) -> None:
    field = make_field("select")["id"]
    created = admin.post(f"/rest/api/2/field/{field}/option",
                         json={"value": "Team 1", "properties": {"members": 42}})
    assert created.status_code == 200
    option = created.json()
    assert option == {"id": option["id"], "value": "Team 1", "properties": {"members": 42}, "config": EMPTY_CONFIG}
    assert option["id"] >= 10000
    url = f"/rest/api/2/field/{field}/option/{option['id']}"
    assert admin.get(url).json() == option
    custom = admin.get(f"/rest/api/2/customFieldOption/{option['id']}")
    assert custom.status_code == 200
    assert custom.json() == {"self": f"{base_url}/rest/api/2/customFieldOption/{option['id']}", "value": "Team 1"}

    updated = admin.put(url, json={"id": option["id"], "value": "Team One", "properties": {},
                                   "config": {"attributes": ["notSelectable"]}})
    assert updated.status_code == 200
    assert updated.json() == {"id": option["id"], "value": "Team One", "properties": {},
                              "config": {"scope": EMPTY_CONFIG["scope"], "attributes": ["notSelectable"]}}
    assert admin.get(url).json() == updated.json()

    assert admin.delete(url).status_code == 204
    assert admin.get(url).status_code == 404
    assert admin.get(f"/rest/api/2/customFieldOption/{option['id']}").status_code == 404


def test_option_validation_changes_nothing(admin: httpx.Client, make_field: Callable[..., dict[str, Any]],
                                           add_option: Callable[..., dict[str, Any]]) -> None:
    field = make_field("radiobuttons")["id"]
    option = add_option(field, "Red")
    url = f"/rest/api/2/field/{field}/option"
    cases = [
        ({}, {"value": "The option value must be a non-empty string."}),
        ({"value": "  "}, {"value": "The option value must be a non-empty string."}),
        ({"value": "red"}, {"value": "Option value 'red' already exists for this field."}),
        ({"value": "x", "properties": [1]}, {"properties": "The option properties must be an object."}),
        ({"value": "x", "config": {"attributes": ["bogus"]}},
         {"config": "The option attributes must be a list of: notSelectable, defaultValue."}),
        ({"value": "x", "config": {"scope": {"projects": [99999999]}}},
         {"config": "The project with id '99999999' does not exist."}),
        ({"value": "x", "parentId": option["id"]},
         {"parentId": "Only options of cascading select fields can have a parent option."}),
    ]
    for body, errors in cases:
        response = admin.post(url, json=body)
        assert response.status_code == 400, body
        assert response.json() == {"errorMessages": [], "errors": errors}
    mismatch = admin.put(f"{url}/{option['id']}", json={"id": 1, "value": "Blue"})
    assert mismatch.status_code == 400
    assert mismatch.json()["errors"] == {"id": "The option id '1' does not match the option id in the path."}
    listed = admin.get(url).json()
    assert [o["value"] for o in listed["values"]] == ["Red"]


def test_unknown_fields_and_options(admin: httpx.Client, make_field: Callable[..., dict[str, Any]]) -> None:
    text_field = make_field("textfield")["id"]
    response = admin.get(f"/rest/api/2/field/{text_field}/option")
    assert response.status_code == 404
    assert response.json() == {"errorMessages": [f"The field with key '{text_field}' does not support options."],
                               "errors": {}}
    assert admin.get("/rest/api/2/field/customfield_99999999/option").status_code == 404
    assert admin.get("/rest/api/2/field/summary/option").status_code == 404
    select = make_field("select")["id"]
    assert admin.get(f"/rest/api/2/field/{select}/option/99999999").status_code == 404
    assert admin.get(f"/rest/api/2/field/{select}/option/abc").status_code == 404
    assert admin.put(f"/rest/api/2/field/{select}/option/99999999", json={"value": "x"}).status_code == 404
    assert admin.delete(f"/rest/api/2/field/{select}/option/99999999").status_code == 404
    missing = admin.get("/rest/api/2/customFieldOption/99999999")
    assert missing.status_code == 404
    assert missing.json() == {"errorMessages": ["A custom field option with id '99999999' does not exist"],
                              "errors": {}}


def test_options_of_another_field_are_not_found(admin: httpx.Client, make_field: Callable[..., dict[str, Any]],
                                                add_option: Callable[..., dict[str, Any]]) -> None:
    first, second = make_field("select")["id"], make_field("select")["id"]
    option = add_option(first, "A")
    assert admin.get(f"/rest/api/2/field/{second}/option/{option['id']}").status_code == 404


def test_options_are_paged_in_id_order(admin: httpx.Client, make_field: Callable[..., dict[str, Any]],
                                       add_option: Callable[..., dict[str, Any]], base_url: str) -> None:
    field = make_field("multiselect")["id"]
    ids = [add_option(field, f"v{i}")["id"] for i in range(3)]
    first = admin.get(f"/rest/api/2/field/{field}/option", params={"maxResults": 2}).json()
    base = f"{base_url}/rest/api/2/field/{field}/option"
    assert first == {
        "self": f"{base}?startAt=0&maxResults=2", "nextPage": f"{base}?startAt=2&maxResults=2",
        "maxResults": 2, "startAt": 0, "total": 3, "isLast": False,
        "values": [{"id": ids[0], "value": "v0", "properties": {}, "config": EMPTY_CONFIG},
                   {"id": ids[1], "value": "v1", "properties": {}, "config": EMPTY_CONFIG}],
    }
    second = admin.get(f"/rest/api/2/field/{field}/option", params={"startAt": 2, "maxResults": 2}).json()
    assert "nextPage" not in second
    assert second["isLast"] is True
    assert [o["id"] for o in second["values"]] == [ids[2]]
    bad = admin.get(f"/rest/api/2/field/{field}/option", params={"startAt": -1})
    assert bad.status_code == 400


def test_option_api_needs_an_administrator(make_user: Callable[..., Any], make_field: Callable[..., dict[str, Any]],
                                           add_option: Callable[..., dict[str, Any]], admin: httpx.Client) -> None:
    field = make_field("select")["id"]
    option = add_option(field, "A")
    user = make_user().client
    assert user.get(f"/rest/api/2/field/{field}/option").status_code == 403
    assert user.post(f"/rest/api/2/field/{field}/option", json={"value": "B"}).status_code == 403
    assert user.delete(f"/rest/api/2/field/{field}/option/{option['id']}").status_code == 403
    assert user.get(f"/rest/api/2/customFieldOption/{option['id']}").status_code == 200
    assert admin.get(f"/rest/api/2/field/{field}/option").json()["total"] == 1


def test_suggestions_respect_selectability_and_scope(admin: httpx.Client, unique_key: Callable[[], str],
                                                     make_field: Callable[..., dict[str, Any]],
                                                     add_option: Callable[..., dict[str, Any]],
                                                     make_user: Callable[..., Any]) -> None:
    project = int(_project(admin, unique_key())["id"])
    other = int(_project(admin, unique_key())["id"])
    field = make_field("select")["id"]
    everywhere = add_option(field, "Everywhere")["id"]
    disabled = add_option(field, "Disabled", config={"attributes": ["notSelectable"]})["id"]
    scoped = add_option(field, "Scoped", config={"scope": {"projects": [project]}})["id"]
    visible = add_option(field, "Visible", config={"scope": {"projects2": [
        {"id": project, "attributes": ["notSelectable"]}]}})["id"]
    user = make_user().client

    def ids(kind: str, **params: Any) -> list[int]:
        response = user.get(f"/rest/api/2/field/{field}/option/suggestions/{kind}", params=params)
        assert response.status_code == 200
        assert all("config" not in v for v in response.json()["values"])
        return [v["id"] for v in response.json()["values"]]

    assert ids("search") == [everywhere, disabled, scoped, visible]
    assert ids("edit") == [everywhere, scoped, visible]
    assert ids("search", projectId=project) == [everywhere, disabled, scoped, visible]
    assert ids("edit", projectId=project) == [everywhere, scoped]
    assert ids("edit", projectId=other) == [everywhere]
    page = user.get(f"/rest/api/2/field/{field}/option/suggestions/edit", params={"maxResults": 1}).json()
    assert page["total"] == 3
    assert page["nextPage"].endswith(f"/field/{field}/option/suggestions/edit?startAt=1&maxResults=1")


def test_cascading_children_and_delete_rules(admin: httpx.Client, make_field: Callable[..., dict[str, Any]],
                                             add_option: Callable[..., dict[str, Any]]) -> None:
    field = make_field("cascadingselect")["id"]
    parent = add_option(field, "Europe")
    child = add_option(field, "France", parentId=parent["id"])
    again = admin.post(f"/rest/api/2/field/{field}/option", json={"value": "france", "parentId": parent["id"]})
    assert again.status_code == 400
    assert admin.post(f"/rest/api/2/field/{field}/option",
                      json={"value": "Paris", "parentId": child["id"]}).status_code == 400
    # The top-level list holds parents only; the child is reachable by id.
    listed = admin.get(f"/rest/api/2/field/{field}/option").json()
    assert [o["id"] for o in listed["values"]] == [parent["id"]]
    assert admin.get(f"/rest/api/2/customFieldOption/{child['id']}").json()["value"] == "France"
    assert admin.delete(f"/rest/api/2/field/{field}/option/{parent['id']}").status_code == 204
    assert admin.get(f"/rest/api/2/customFieldOption/{child['id']}").status_code == 404


def test_malformed_scopes_are_refused(admin: httpx.Client, make_field: Callable[..., dict[str, Any]]) -> None:
    field = make_field("select")["id"]
    for config, message in [
        ({"scope": {"projects": 5}}, "The scope's projects must be a list."),
        ({"scope": {"projects2": "x"}}, "The scope's projects2 must be a list."),
        ({"scope": {"projects": ["1"]}}, "Project ids in the option scope must be numbers."),
        ({"scope": {"projects2": [{"id": 1, "attributes": "notSelectable"}]}},
         "The project scope attributes must be a list of: notSelectable, defaultValue."),
        ({"scope": []}, "The option scope must be an object."),
        ("x", "The option config must be an object."),
    ]:
        response = admin.post(f"/rest/api/2/field/{field}/option", json={"value": "v", "config": config})
        assert response.status_code == 400, config
        assert response.json() == {"errorMessages": [], "errors": {"config": message}}, config
    assert admin.get(f"/rest/api/2/field/{field}/option").json()["total"] == 0

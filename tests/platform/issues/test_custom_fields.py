"""Custom fields on issues: the screen decides, values round-trip, update verbs, changelog, meta."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import httpx

from tests.platform.issues.helpers import changelog_items, get_fields, make_issue, make_project

PREFIX = "com.atlassian.jira.plugin.system.customfieldtypes:"


def _field(admin: httpx.Client, name: str, kind: str) -> str:
    response = admin.post("/rest/api/2/field", json={"name": name, "type": PREFIX + kind})
    assert response.status_code == 201, response.text
    field_id: str = response.json()["id"]
    return field_id


def test_custom_fields_on_issues(admin: httpx.Client, unique_key: Callable[[], str],
                                 unique: Callable[[str], str]) -> None:
    key = unique_key()
    make_project(admin, key)
    colours = _field(admin, unique("Colours"), "multiselect")
    notes = _field(admin, unique("Notes"), "textfield")
    for value in ("red", "green", "blue"):
        assert admin.post(f"/rest/api/2/field/{colours}/option", json={"value": value}).status_code == 200
    off_screen = admin.post("/rest/api/2/issue", json={"fields": {
        "project": {"key": key}, "issuetype": {"name": "Bug"}, "summary": "x", notes: "hello"}})
    assert off_screen.status_code == 400
    assert off_screen.json()["errors"] == {
        notes: f"Field '{notes}' cannot be set. It is not on the appropriate screen, or unknown."}
    for field_id in (colours, notes):
        assert admin.post(f"/rest/api/2/screens/addToDefault/{field_id}").status_code == 201
    unknown_option = admin.post("/rest/api/2/issue", json={"fields": {
        "project": {"key": key}, "issuetype": {"name": "Bug"}, "summary": "x", colours: [{"value": "purple"}]}})
    assert unknown_option.status_code == 400
    assert list(unknown_option.json()["errors"]) == [colours]
    issue = make_issue(admin, key, "Custom", **{colours: [{"value": "red"}], notes: "hello"})
    fields = get_fields(admin, issue["key"])
    assert [o["value"] for o in fields[colours]] == ["red"]
    assert fields[notes] == "hello"
    response = admin.put(f"/rest/api/2/issue/{issue['key']}", json={
        "update": {colours: [{"add": {"value": "blue"}}, {"remove": {"value": "red"}}]},
        "fields": {notes: "changed"}})
    assert response.status_code == 204, response.text
    fields = get_fields(admin, issue["key"])
    assert [o["value"] for o in fields[colours]] == ["blue"]
    assert fields[notes] == "changed"
    items: list[dict[str, Any]] = changelog_items(admin, issue["key"])
    custom = {i["fieldId"]: i for i in items if i["fieldtype"] == "custom"}
    assert custom[notes]["fromString"] == "hello" and custom[notes]["toString"] == "changed"
    assert custom[colours]["toString"] == "blue"
    meta = admin.get(f"/rest/api/2/issue/{issue['key']}/editmeta").json()["fields"]
    assert [o["value"] for o in meta[colours]["allowedValues"]] == ["red", "green", "blue"]
    assert meta[colours]["operations"] == ["add", "set", "remove"]
    selected = admin.get(f"/rest/api/2/issue/{issue['key']}", params={"fields": f"summary,{notes}",
                                                                       "expand": "names"}).json()
    assert set(selected["fields"]) == {"summary", notes}
    assert selected["names"][notes].startswith("Notes")

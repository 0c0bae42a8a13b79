"""GET /rest/api/2/field and POST /rest/api/2/field."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import httpx
import pytest

from tests.platform.fields.conftest import PREFIX, TYPES

SCHEMAS = {
    "textfield": {"type": "string"}, "textarea": {"type": "string"}, "float": {"type": "number"},
    "datepicker": {"type": "date"}, "datetime": {"type": "datetime"}, "url": {"type": "string"},
    "select": {"type": "option"}, "multiselect": {"type": "array", "items": "option"},
    "radiobuttons": {"type": "option"}, "multicheckboxes": {"type": "array", "items": "option"},
    "cascadingselect": {"type": "option-with-child"}, "userpicker": {"type": "user"},
    "multiuserpicker": {"type": "array", "items": "user"}, "grouppicker": {"type": "group"},
    "multigrouppicker": {"type": "array", "items": "group"}, "labels": {"type": "array", "items": "string"},
    "version": {"type": "version"}, "multiversion": {"type": "array", "items": "version"},
    "project": {"type": "project"},
}


def _fields(client: httpx.Client) -> dict[str, dict[str, Any]]:
    response = client.get("/rest/api/2/field")
    assert response.status_code == 200
    return {f["id"]: f for f in response.json()}


def test_system_fields_as_jira_reports_them(admin: httpx.Client) -> None:
    fields = _fields(admin)
    assert fields["summary"] == {
        "id": "summary", "key": "summary", "name": "Summary", "custom": False, "orderable": True,
        "navigable": True, "searchable": True, "clauseNames": ["summary"],
        "schema": {"type": "string", "system": "summary"},
    }
    assert fields["issuetype"]["clauseNames"] == ["issuetype", "type"]
    assert fields["fixVersions"]["schema"] == {"type": "array", "items": "version", "system": "fixVersions"}
    assert fields["fixVersions"]["clauseNames"] == ["fixVersion"]
    assert fields["components"]["name"] == "Component/s"
    assert fields["duedate"]["clauseNames"] == ["due", "duedate"]
    assert fields["status"]["orderable"] is False
    assert fields["timetracking"]["navigable"] is False
    assert fields["issuekey"] == {
        "id": "issuekey", "key": "issuekey", "name": "Key", "custom": False, "orderable": False,
        "navigable": True, "searchable": False, "clauseNames": ["id", "issue", "issuekey", "key"],
    }
    assert fields["comment"]["schema"] == {"type": "comments-page", "system": "comment"}
    assert fields["aggregatetimespent"]["name"] == "Σ Time Spent"
    for fid in ("environment", "project", "priority", "assignee", "reporter", "creator", "labels", "versions",
                "resolution", "resolutiondate", "security", "timeoriginalestimate", "timeestimate", "timespent",
                "aggregatetimeoriginalestimate", "aggregatetimeestimate", "aggregateprogress", "progress",
                "workratio", "created", "updated", "lastViewed", "parent", "subtasks", "issuelinks", "votes",
                "watches", "worklog", "attachment", "thumbnail"):
        assert fields[fid]["custom"] is False, fid


def test_fields_are_readable_anonymously_and_by_users(anon: httpx.Client, make_user: Callable[..., Any]) -> None:
    assert "summary" in _fields(anon)
    assert "summary" in _fields(make_user().client)


@pytest.mark.parametrize("kind", sorted(TYPES))
def test_create_every_custom_field_type(admin: httpx.Client, unique: Callable[[str], str], kind: str) -> None:
    name = unique(f"Field {kind}")
    response = admin.post("/rest/api/2/field", json={
        "name": name, "description": "d", "type": PREFIX + kind, "searcherKey": PREFIX + TYPES[kind]})
    assert response.status_code == 201, response.text
    body = response.json()
    number = int(body["id"].removeprefix("customfield_"))
    assert number >= 10000
    assert body == {
        "id": f"customfield_{number}", "key": f"customfield_{number}", "name": name, "custom": True,
        "orderable": True, "navigable": True, "searchable": True,
        "clauseNames": sorted([f"cf[{number}]", name]),
        "schema": {**SCHEMAS[kind], "custom": PREFIX + kind, "customId": number},
    }
    assert _fields(admin)[body["id"]] == body


def test_field_without_searcher_is_not_searchable(admin: httpx.Client, unique: Callable[[str], str]) -> None:
    response = admin.post("/rest/api/2/field", json={"name": unique("nosearch"), "type": PREFIX + "textfield"})
    assert response.status_code == 201
    assert response.json()["searchable"] is False


def test_create_field_validation(admin: httpx.Client, unique: Callable[[str], str]) -> None:
    name = unique("bad")
    cases = [
        ({"type": PREFIX + "textfield"}, {"name": "The custom field name must be specified."}),
        ({"name": name}, {"type": "The custom field type must be specified."}),
        ({"name": name, "type": PREFIX + "nosuchtype"},
         {"type": f"The custom field type '{PREFIX}nosuchtype' is not valid."}),
        ({"name": name, "type": PREFIX + "textfield", "searcherKey": PREFIX + "daterange"},
         {"searcherKey": f"The searcher key '{PREFIX}daterange' is not valid for the custom field type "
                         f"'{PREFIX}textfield'. Valid searcher keys are: {PREFIX}textsearcher."}),
        ({"name": 5, "type": PREFIX + "textfield"}, {"name": "The value of 'name' must be a string."}),
    ]
    for body, errors in cases:
        response = admin.post("/rest/api/2/field", json=body)
        assert response.status_code == 400, body
        assert response.json() == {"errorMessages": [], "errors": errors}
    response = admin.post("/rest/api/2/field", json=[1])
    assert response.status_code == 400
    assert response.json() == {"errorMessages": ["The request body must be a JSON object."], "errors": {}}
    assert all(f["name"] != name for f in _fields(admin).values())


def test_create_field_needs_an_administrator(anon: httpx.Client, make_user: Callable[..., Any],
                                             unique: Callable[[str], str], admin: httpx.Client) -> None:
    name = unique("denied")
    body = {"name": name, "type": PREFIX + "textfield"}
    assert anon.post("/rest/api/2/field", json=body).status_code == 401
    assert make_user().client.post("/rest/api/2/field", json=body).status_code == 403
    assert all(f["name"] != name for f in _fields(admin).values())


def test_jira_client_reads_fields(jira: Any, make_field: Callable[..., dict[str, Any]]) -> None:
    created = make_field("select")
    fields = {f["id"]: f for f in jira.fields()}
    assert fields["summary"]["name"] == "Summary"
    assert fields[created["id"]]["name"] == created["name"]
    assert fields[created["id"]]["schema"]["custom"] == PREFIX + "select"

"""Jira's /workflow resources: the listing and transition properties."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import httpx

from .conftest import API

PROPS = f"{API}/workflow/transitions/11/properties"
FLOW = {"transitions": [{"id": 11, "name": "Start", "from": ["To Do"], "to": "In Progress",
                         "properties": {"jira.i18n.title": "start.title"}}]}


def test_list_workflows(admin: httpx.Client, make_workflow: Callable[..., dict[str, Any]]) -> None:
    made = make_workflow(description="Mine")
    listed = admin.get(f"{API}/workflow")
    assert listed.status_code == 200
    by_name = {w["name"]: w for w in listed.json()}
    assert by_name["jira"]["default"] is True
    assert by_name["jira"]["steps"] == 5
    assert by_name["jira"]["description"] == "The default Jira workflow."
    assert by_name["Software Simplified Workflow"]["steps"] == 3
    assert by_name["Software Simplified Workflow"]["default"] is False
    mine = by_name[made["name"]]
    assert mine["description"] == "Mine"
    assert (mine["steps"], mine["default"], mine["lastModifiedUserAccountId"]) == (3, False, "admin")
    assert mine["lastModifiedUser"] == admin.get(f"{API}/myself").json()["displayName"]
    assert len(mine["lastModifiedDate"]) == len("2017-12-06T07:05:45.886+0000")


def test_get_one_workflow_by_name(admin: httpx.Client) -> None:
    one = admin.get(f"{API}/workflow", params={"workflowName": "jira"})
    assert one.status_code == 200
    assert (one.json()["name"], one.json()["steps"]) == ("jira", 5)
    missing = admin.get(f"{API}/workflow", params={"workflowName": "no such flow"})
    assert missing.status_code == 404
    assert missing.json() == {"errorMessages": ["The workflow 'no such flow' does not exist."], "errors": {}}


def test_workflows_are_for_administrators(anon: httpx.Client, make_user: Callable[..., Any]) -> None:
    assert anon.get(f"{API}/workflow").status_code == 401
    assert make_user().client.get(f"{API}/workflow").status_code == 403
    assert make_user().client.get(PROPS, params={"workflowName": "jira"}).status_code == 403


def test_read_properties_with_and_without_reserved_keys(admin: httpx.Client) -> None:
    plain = admin.get(f"{API}/workflow/transitions/5/properties", params={"workflowName": "jira"})
    assert plain.status_code == 200
    assert plain.json() == []
    reserved = admin.get(f"{API}/workflow/transitions/5/properties",
                         params={"workflowName": "jira", "includeReservedKeys": "true"})
    assert reserved.json() == [
        {"key": "jira.description", "value": "Resolving an issue indicates that the developers are satisfied the "
                                             "issue is finished.", "id": "jira.description"},
        {"key": "jira.fieldscreen.id", "value": "2", "id": "jira.fieldscreen.id"},
    ]


def test_property_lifecycle(admin: httpx.Client, make_workflow: Callable[..., dict[str, Any]]) -> None:
    name = make_workflow(**FLOW)["name"]
    params = {"workflowName": name}
    assert admin.get(PROPS, params=params).json() == [
        {"key": "jira.i18n.title", "value": "start.title", "id": "jira.i18n.title"}]

    added = admin.post(PROPS, params={**params, "key": "color"}, json={"value": "blue"})
    assert added.status_code == 200
    assert added.json() == {"key": "color", "value": "blue", "id": "color"}
    again = admin.post(PROPS, params={**params, "key": "color"}, json={"value": "red"})
    assert again.status_code == 400
    assert again.json()["errors"] == {"key": "The property with key 'color' already exists."}
    one = admin.get(PROPS, params={**params, "key": "color"})
    assert one.json() == {"key": "color", "value": "blue", "id": "color"}

    updated = admin.put(PROPS, params={**params, "key": "color"}, json={"value": "green"})
    assert (updated.status_code, updated.json()) == (200, {"key": "color", "value": "green", "id": "color"})
    assert admin.put(PROPS, params={**params, "key": "color"}, json={"value": "green"}).status_code == 304
    created = admin.put(PROPS, params={**params, "key": "size"}, json={"value": "L"})
    assert created.status_code == 200
    assert [p["key"] for p in admin.get(PROPS, params=params).json()] == ["color", "jira.i18n.title", "size"]

    assert admin.delete(PROPS, params={**params, "key": "color"}).status_code == 200
    assert admin.delete(PROPS, params={**params, "key": "color"}).status_code == 304
    gone = admin.get(PROPS, params={**params, "key": "color"})
    assert gone.status_code == 404
    assert gone.json() == {"errorMessages": ["The property with key 'color' does not exist."], "errors": {}}
    exported = admin.get(f"/rest/ticketry/1/workflow/{name}").json()
    assert exported["transitions"][0]["properties"] == {"jira.i18n.title": "start.title", "size": "L"}


def test_bad_property_requests_change_nothing(admin: httpx.Client,
                                              make_workflow: Callable[..., dict[str, Any]]) -> None:
    name = make_workflow(**FLOW)["name"]
    params = {"workflowName": name}
    cases = [
        (admin.post(PROPS, params=params, json={"value": "x"}), {"key": "The property key is required."}),
        (admin.post(PROPS, params={**params, "key": "k"}, json={"value": 5}),
         {"value": "The property value must be a text."}),
        (admin.put(PROPS, params={**params, "key": "k"}, json={}), {"value": "The property value must be a text."}),
        (admin.post(PROPS, params={**params, "key": "jira.description"}, json={"value": "x"}),
         {"key": "The property key 'jira.description' is reserved and cannot be changed."}),
        (admin.delete(PROPS, params={**params, "key": "jira.fieldscreen.id"}),
         {"key": "The property key 'jira.fieldscreen.id' is reserved and cannot be changed."}),
        (admin.get(PROPS), {"workflowName": "The name of the workflow is required."}),
        (admin.get(PROPS, params={**params, "workflowMode": "other"}),
         {"workflowMode": "The workflow mode 'other' is not valid: use live or draft."}),
    ]
    for response, errors in cases:
        assert response.status_code == 400, response.text
        assert response.json() == {"errorMessages": [], "errors": errors}
    no_draft = admin.get(PROPS, params={**params, "workflowMode": "draft"})
    assert (no_draft.status_code, no_draft.json()) == (
        404, {"errorMessages": [f"The workflow '{name}' does not have a draft."], "errors": {}})
    assert admin.get(PROPS, params={**params, "workflowMode": "live"}).json() == [
        {"key": "jira.i18n.title", "value": "start.title", "id": "jira.i18n.title"}]


def test_unknown_workflow_or_transition_is_404(admin: httpx.Client) -> None:
    missing_flow = admin.get(PROPS, params={"workflowName": "nope"})
    assert missing_flow.status_code == 404
    assert missing_flow.json()["errorMessages"] == ["The workflow 'nope' does not exist."]
    for transition in ("999", "abc", "99999999999999999"):
        missing = admin.get(f"{API}/workflow/transitions/{transition}/properties", params={"workflowName": "jira"})
        assert missing.status_code == 404
        assert missing.json()["errorMessages"] == [
            f"The transition with id '{transition}' does not exist in the workflow 'jira'."]


def test_system_workflows_are_read_only(admin: httpx.Client) -> None:
    params = {"workflowName": "jira", "key": "color"}
    refused = admin.put(f"{API}/workflow/transitions/5/properties", params=params, json={"value": "x"})
    assert refused.status_code == 400
    assert refused.json()["errorMessages"] == [
        "The workflow 'jira' is a system workflow and cannot be changed."]
    assert admin.get(f"{API}/workflow/transitions/5/properties", params={"workflowName": "jira"}).json() == []


def test_latest_alias(admin: httpx.Client) -> None:
    assert admin.get("/rest/api/latest/workflow", params={"workflowName": "jira"}).json()["name"] == "jira"

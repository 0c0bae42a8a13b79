"""Drafts of active workflows: our admin API, and Jira's transition properties with workflowMode=draft."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import httpx
from jira import JIRA

from .conftest import ADMIN_API, API

DRAFTS = f"{ADMIN_API}/workflowdraft"
FLOW = {"statuses": ["Open", "In Progress", "Closed"], "initialStatus": "Open", "transitions": [
    {"id": 11, "name": "Work", "from": ["Open"], "to": "In Progress", "properties": {"jira.i18n.title": "work"}},
    {"id": 21, "name": "Close", "from": ["In Progress"], "to": "Closed"}]}


def _errors(*messages: str, **fields: str) -> dict[str, Any]:
    return {"errorMessages": list(messages), "errors": fields}


def _props(workflow: str, mode: str, transition: int = 11) -> tuple[str, dict[str, str]]:
    return f"{API}/workflow/transitions/{transition}/properties", {"workflowName": workflow, "workflowMode": mode}


def test_draft_lifecycle_and_draft_mode_properties(
        admin: httpx.Client, jira: JIRA, make_workflow: Callable[..., dict[str, Any]],
        make_scheme: Callable[..., dict[str, Any]], make_project: Callable[..., dict[str, Any]]) -> None:
    name = make_workflow(**FLOW)["name"]
    inactive = admin.post(f"{DRAFTS}/{name}")
    assert (inactive.status_code, inactive.json()) == (400, _errors(
        f"The workflow '{name}' is not active: change it directly, a draft is only needed while a project uses it."))
    scheme = make_scheme(**{"1": name})
    project = make_project(workflowSchemeId=scheme["id"])
    bug = jira.create_issue(project=project["key"], summary="Bug", issuetype={"name": "Bug"})
    jira.transition_issue(bug, "Work")

    created = admin.post(f"{DRAFTS}/{name}")
    assert created.status_code == 201, created.text
    assert created.json() == admin.get(f"{ADMIN_API}/workflow/{name}").json()
    assert admin.post(f"{DRAFTS}/{name}").json() == _errors(f"The workflow '{name}' already has a draft.")

    # Draft mode reads and writes the draft; the live workflow keeps its properties.
    url, draft = _props(name, "draft")
    _, live = _props(name, "live")
    added = admin.post(url, params={**draft, "key": "color"}, json={"value": "blue"})
    assert (added.status_code, added.json()) == (200, {"key": "color", "value": "blue", "id": "color"})
    assert admin.put(url, params={**draft, "key": "jira.i18n.title"}, json={"value": "go"}).status_code == 200
    assert admin.get(url, params=draft).json() == [{"key": "color", "value": "blue", "id": "color"},
                                                   {"key": "jira.i18n.title", "value": "go", "id": "jira.i18n.title"}]
    assert admin.get(url, params=live).json() == [
        {"key": "jira.i18n.title", "value": "work", "id": "jira.i18n.title"}]
    assert admin.delete(url, params={**draft, "key": "color"}).status_code == 200
    assert admin.delete(url, params={**draft, "key": "color"}).status_code == 304
    missing = admin.get(f"{API}/workflow/transitions/99/properties", params=draft)
    assert (missing.status_code, missing.json()) == (404, _errors(
        f"The transition with id '99' does not exist in the workflow '{name}'."))

    # A draft dropping the status an issue is in cannot be published; one keeping it can.
    document = admin.get(f"{DRAFTS}/{name}").json()
    assert document["transitions"][0]["properties"] == {"jira.i18n.title": "go"}
    dropped = {**document, "statuses": ["Open", "Closed"],
               "transitions": [{"id": 31, "name": "Finish", "from": ["Open"], "to": "Closed"}]}
    assert admin.put(f"{DRAFTS}/{name}", json=dropped).status_code == 200
    refused = admin.post(f"{DRAFTS}/{name}/publish")
    assert refused.status_code == 400
    assert refused.json()["errors"] == {"statuses": f"The status 'In Progress' cannot be removed: issues of project "
                                                    f"{project['key']} using this workflow are in it."}
    assert admin.put(f"{DRAFTS}/{name}", json={**document, "name": "other"}).json() == _errors(
        name="A draft cannot rename its workflow.")
    assert admin.put(f"{DRAFTS}/{name}", json={**document, "statuses": ["Nope"]}).status_code == 400
    kept = {**document, "transitions": [*document["transitions"],
                                        {"id": 41, "name": "Reopen", "from": ["Closed"], "to": "Open"}]}
    assert admin.put(f"{DRAFTS}/{name}", json=kept).status_code == 200
    assert [t["name"] for t in jira.transitions(bug.key)] == ["Close"]
    published = admin.post(f"{DRAFTS}/{name}/publish")
    assert published.status_code == 200, published.text
    assert [t["id"] for t in published.json()["transitions"]] == [11, 21, 41]
    assert admin.get(url, params=live).json() == [{"key": "jira.i18n.title", "value": "go", "id": "jira.i18n.title"}]
    assert admin.get(f"{DRAFTS}/{name}").status_code == 404
    jira.transition_issue(bug, "Close")
    assert [t["name"] for t in jira.transitions(bug.key)] == ["Reopen"]

    # Deleting a draft leaves the workflow as it is.
    assert admin.post(f"{DRAFTS}/{name}").status_code == 201
    assert admin.delete(f"{DRAFTS}/{name}").status_code == 204
    assert admin.delete(f"{DRAFTS}/{name}").json() == _errors(f"The workflow '{name}' does not have a draft.")
    records = admin.get(f"{API}/auditing/record", params={"filter": name, "limit": 100}).json()["records"]
    summaries = {r["summary"] for r in records}
    assert {"Draft workflow created", "Draft workflow updated", "Draft workflow published",
            "Draft workflow deleted"} <= summaries
    assert admin.delete(f"{API}/project/{project['key']}").status_code == 204


def test_system_workflows_have_no_drafts(admin: httpx.Client, make_user: Callable[..., Any]) -> None:
    refused = admin.post(f"{DRAFTS}/jira")
    assert (refused.status_code, refused.json()) == (400, _errors(
        "The workflow 'jira' is a system workflow and cannot be changed."))
    assert admin.get(f"{DRAFTS}/nope").status_code == 404
    assert make_user().client.get(f"{DRAFTS}/jira").status_code == 403

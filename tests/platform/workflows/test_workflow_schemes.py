"""Jira's /workflowscheme resource over HTTP: schemes, mappings, drafts of active schemes, publishing."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import httpx
import pytest
from jira import JIRA

from tests.conftest import ADMIN

from .conftest import ADMIN_API, API

WS = f"{API}/workflowscheme"
SIMPLE = "Software Simplified Workflow"
BUG, TASK, STORY = "1", "3", "10001"
CHANGE_ACTIVE = ("Cannot change the workflow mappings of an active workflow scheme (it is used by a project); "
                 "pass updateDraftIfNeeded=true to change its draft instead.")


def _errors(*messages: str, **fields: str) -> dict[str, Any]:
    return {"errorMessages": list(messages), "errors": fields}


@pytest.fixture
def new_scheme(admin: httpx.Client, unique: Callable[[str], str]) -> Iterator[Callable[..., dict[str, Any]]]:
    """Creates a scheme through Jira's API; deletes it (projects first) afterwards."""
    made: list[int] = []

    def make(**body: Any) -> dict[str, Any]:
        created = admin.post(WS, json={"name": unique("WS"), **body})
        assert created.status_code == 201, created.text
        made.append(created.json()["id"])
        return dict(created.json())

    yield make
    for scheme_id in made:
        admin.delete(f"{WS}/{scheme_id}")


def _audit(admin: httpx.Client, name: str) -> list[str]:
    records = admin.get(f"{API}/auditing/record", params={"filter": name, "limit": 100}).json()["records"]
    return [r["summary"] for r in records if r.get("objectItem", {}).get("name") == name]


def test_create_get_update_delete(admin: httpx.Client, base_url: str, make_workflow: Callable[..., dict[str, Any]],
                                  new_scheme: Callable[..., dict[str, Any]], unique: Callable[[str], str]) -> None:
    flow = make_workflow()["name"]
    scheme = new_scheme(description="d", defaultWorkflow=flow, issueTypeMappings={BUG: SIMPLE})
    sid = scheme["id"]
    assert scheme == {"id": sid, "name": scheme["name"], "description": "d", "defaultWorkflow": flow,
                      "issueTypeMappings": {BUG: SIMPLE}, "draft": False, "self": f"{base_url}{WS}/{sid}"}
    assert admin.get(f"{WS}/{sid}").json() == scheme

    # Values not sent stay; issueTypeMappings replaces every type mapping; a null default is "jira".
    renamed = unique("Renamed")
    updated = admin.put(f"{WS}/{sid}", json={"name": renamed, "issueTypeMappings": {TASK: flow, STORY: SIMPLE}})
    assert updated.status_code == 200, updated.text
    assert updated.json() == {**scheme, "name": renamed, "issueTypeMappings": {TASK: flow, STORY: SIMPLE}}
    cleared = admin.put(f"{WS}/{sid}", json={"defaultWorkflow": None}).json()
    assert (cleared["defaultWorkflow"], cleared["description"]) == ("jira", "d")

    expanded = admin.get(f"{WS}/{sid}", params={"expand": "issueTypes"}).json()
    assert expanded["issueTypes"][BUG]["name"] == "Bug" and expanded["issueTypes"][BUG]["subtask"] is False

    assert admin.delete(f"{WS}/{sid}").status_code == 204
    assert admin.get(f"{WS}/{sid}").status_code == 404
    assert _audit(admin, renamed)[:2] == ["Workflow scheme deleted", "Workflow scheme updated"]


def test_validation(admin: httpx.Client, new_scheme: Callable[..., dict[str, Any]]) -> None:
    taken = new_scheme()
    cases = [
        ({}, _errors("The workflow scheme must have a name.")),
        ({"name": "  "}, _errors("The workflow scheme must have a name.")),
        ({"name": taken["name"]}, _errors(f"A workflow scheme with the name '{taken['name']}' already exists.")),
        ({"name": "x" * 256}, _errors("The name of a workflow scheme must be at most 255 characters.")),
        ({"name": "ok-name-ws", "defaultWorkflow": "nope"}, _errors("The workflow 'nope' does not exist.")),
        ({"name": "ok-name-ws", "issueTypeMappings": {"77777": "jira"}},
         _errors("The issue type '77777' does not exist.")),
        ({"name": "ok-name-ws", "issueTypeMappings": {BUG: "nope"}}, _errors("The workflow 'nope' does not exist.")),
        ({"name": "ok-name-ws", "issueTypeMappings": {BUG: None}}, _errors("The workflow '<null>' does not exist.")),
        ({"name": "ok-name-ws", "issueTypeMappings": ["x"]}, _errors(
            issueTypeMappings="The issue type mappings must be an object of issue type ids to workflow names.")),
    ]
    for body, expected in cases:
        response = admin.post(WS, json=body)
        assert (response.status_code, response.json()) == (400, expected), body
    assert admin.put(f"{WS}/{taken['id']}", json={"issueTypeMappings": {BUG: "nope"}}).json() == _errors(
        "The workflow 'nope' does not exist.")
    assert admin.get(f"{WS}/{taken['id']}").json() == taken
    for missing in ("99999", "abc"):
        response = admin.get(f"{WS}/{missing}")
        assert (response.status_code, response.json()) == (
            404, _errors(f"The workflow scheme with id '{missing}' does not exist."))


def test_non_admins_are_refused(anon: httpx.Client, make_user: Callable[..., Any]) -> None:
    user = make_user()
    assert anon.get(f"{WS}/10000").status_code == 401
    assert user.client.get(f"{WS}/10000").status_code == 403
    assert user.client.post(WS, json={"name": "nope"}).status_code == 403


def test_mapping_resources_of_an_inactive_scheme(admin: httpx.Client, make_workflow: Callable[..., dict[str, Any]],
                                                 new_scheme: Callable[..., dict[str, Any]]) -> None:
    flow = make_workflow()["name"]
    sid = new_scheme(issueTypeMappings={BUG: flow})["id"]

    assert admin.get(f"{WS}/{sid}/default").json() == {"workflow": "jira"}
    assert admin.put(f"{WS}/{sid}/default", json={"workflow": flow}).json()["defaultWorkflow"] == flow
    assert admin.delete(f"{WS}/{sid}/default").json()["defaultWorkflow"] == "jira"
    assert admin.put(f"{WS}/{sid}/default", json={"workflow": "nope"}).json() == _errors(
        "The workflow 'nope' does not exist.")

    assert admin.get(f"{WS}/{sid}/issuetype/{BUG}").json() == {"issueType": BUG, "workflow": flow}
    assert admin.get(f"{WS}/{sid}/issuetype/{TASK}").json() == {"issueType": TASK}
    set_task = admin.put(f"{WS}/{sid}/issuetype/{TASK}", json={"workflow": SIMPLE})
    assert set_task.json()["issueTypeMappings"] == {BUG: flow, TASK: SIMPLE}
    assert admin.delete(f"{WS}/{sid}/issuetype/{TASK}").json()["issueTypeMappings"] == {BUG: flow}
    missing_type = admin.get(f"{WS}/{sid}/issuetype/77777")
    assert (missing_type.status_code, missing_type.json()) == (404, _errors("The issue type '77777' does not exist."))

    assert admin.get(f"{WS}/{sid}/workflow").json() == [
        {"workflow": "jira", "issueTypes": [], "defaultMapping": True},
        {"workflow": flow, "issueTypes": [BUG], "defaultMapping": False}]
    assert admin.get(f"{WS}/{sid}/workflow", params={"workflowName": SIMPLE}).json() == {
        "workflow": SIMPLE, "issueTypes": [], "defaultMapping": False}
    assert admin.get(f"{WS}/{sid}/workflow", params={"workflowName": "nope"}).status_code == 404

    # issueTypes become exactly the types of the workflow; defaultMapping makes it the default.
    merged = admin.put(f"{WS}/{sid}/workflow", params={"workflowName": flow},
                       json={"issueTypes": [TASK, STORY], "defaultMapping": True}).json()
    assert (merged["defaultWorkflow"], merged["issueTypeMappings"]) == (flow, {TASK: flow, STORY: flow})
    unset = admin.put(f"{WS}/{sid}/workflow", params={"workflowName": flow}, json={"defaultMapping": False}).json()
    assert unset["defaultWorkflow"] == "jira"
    removed = admin.delete(f"{WS}/{sid}/workflow", params={"workflowName": flow}).json()
    assert (removed["defaultWorkflow"], removed["issueTypeMappings"]) == ("jira", {})
    no_name = admin.put(f"{WS}/{sid}/workflow", json={"issueTypes": [BUG]})
    assert (no_name.status_code, no_name.json()) == (404, _errors("The workflowName parameter is required."))
    bad_type = admin.put(f"{WS}/{sid}/workflow", params={"workflowName": flow}, json={"issueTypes": ["77777"]})
    assert (bad_type.status_code, bad_type.json()) == (400, _errors("The issue type '77777' does not exist."))

    # An inactive scheme has no draft.
    assert admin.post(f"{WS}/{sid}/createdraft").json() == _errors(
        "The workflow scheme is not active: only a scheme used by a project has a draft.")
    no_draft = admin.get(f"{WS}/{sid}/draft")
    assert (no_draft.status_code, no_draft.json()) == (404, _errors("The workflow scheme does not have a draft."))
    assert admin.get(f"{WS}/{sid}", params={"returnDraftIfExists": "true"}).json()["draft"] is False


def test_active_scheme_changes_go_to_its_draft(admin: httpx.Client, base_url: str,
                                               make_workflow: Callable[..., dict[str, Any]],
                                               new_scheme: Callable[..., dict[str, Any]],
                                               make_project: Callable[..., dict[str, Any]],
                                               unique: Callable[[str], str]) -> None:
    flow = make_workflow(statuses=["Open", "In Progress", "Resolved", "Reopened", "Closed"])["name"]
    scheme = new_scheme(issueTypeMappings={BUG: SIMPLE})
    sid = scheme["id"]
    make_project(workflowSchemeId=sid)

    # Without updateDraftIfNeeded an active scheme's mappings cannot change; its name can.
    for response in (admin.put(f"{WS}/{sid}", json={"issueTypeMappings": {BUG: flow}}),
                     admin.put(f"{WS}/{sid}/issuetype/{BUG}", json={"workflow": flow}),
                     admin.put(f"{WS}/{sid}/default", json={"workflow": flow}),
                     admin.delete(f"{WS}/{sid}/issuetype/{BUG}"),
                     admin.delete(f"{WS}/{sid}/workflow", params={"workflowName": SIMPLE})):
        assert (response.status_code, response.json()) == (400, _errors(CHANGE_ACTIVE))
    renamed = unique("Active")
    assert admin.put(f"{WS}/{sid}", json={"name": renamed}).json()["name"] == renamed
    deleted = admin.delete(f"{WS}/{sid}")
    assert (deleted.status_code, deleted.json()) == (400, _errors("Cannot delete an active workflow scheme."))

    # With it, the change creates the draft; the scheme itself is untouched.
    drafted = admin.put(f"{WS}/{sid}/issuetype/{BUG}", json={"workflow": flow, "updateDraftIfNeeded": True})
    assert drafted.status_code == 200, drafted.text
    draft = drafted.json()
    assert draft["id"] != sid and draft["draft"] is True
    assert {k: draft[k] for k in ("name", "defaultWorkflow", "issueTypeMappings", "originalDefaultWorkflow",
                                  "originalIssueTypeMappings", "self")} == {
        "name": renamed, "defaultWorkflow": "jira", "issueTypeMappings": {BUG: flow},
        "originalDefaultWorkflow": "jira", "originalIssueTypeMappings": {BUG: SIMPLE},
        "self": f"{base_url}{WS}/{sid}/draft"}
    assert draft["lastModifiedUser"]["name"] == "admin" and draft["lastModified"]
    assert admin.get(f"{WS}/{sid}").json()["issueTypeMappings"] == {BUG: SIMPLE}
    assert admin.get(f"{WS}/{sid}", params={"returnDraftIfExists": "true"}).json() == draft
    assert admin.get(f"{WS}/{sid}/draft").json() == draft
    assert admin.get(f"{WS}/{sid}/issuetype/{BUG}", params={"returnDraftIfExists": "true"}).json() == {
        "issueType": BUG, "workflow": flow}
    again = admin.post(f"{WS}/{sid}/createdraft")
    assert (again.status_code, again.json()) == (400, _errors("The workflow scheme already has a draft."))

    # The draft's own resources.
    assert admin.put(f"{WS}/{sid}/draft/default", json={"workflow": SIMPLE}).json()["defaultWorkflow"] == SIMPLE
    assert admin.get(f"{WS}/{sid}/draft/default").json() == {"workflow": SIMPLE}
    assert admin.get(f"{WS}/{sid}/default").json() == {"workflow": "jira"}
    assert admin.delete(f"{WS}/{sid}/draft/default").json()["defaultWorkflow"] == "jira"
    assert admin.put(f"{WS}/{sid}/draft/issuetype/{TASK}", json={"workflow": flow}).json()[
        "issueTypeMappings"] == {BUG: flow, TASK: flow}
    assert admin.get(f"{WS}/{sid}/draft/issuetype/{TASK}").json() == {"issueType": TASK, "workflow": flow}
    assert admin.get(f"{WS}/{sid}/draft/workflow", params={"workflowName": flow}).json() == {
        "workflow": flow, "issueTypes": [BUG, TASK], "defaultMapping": False}
    assert admin.delete(f"{WS}/{sid}/draft/issuetype/{TASK}").json()["issueTypeMappings"] == {BUG: flow}
    merged = admin.put(f"{WS}/{sid}/draft/workflow", params={"workflowName": SIMPLE},
                       json={"issueTypes": [STORY]}).json()
    assert merged["issueTypeMappings"] == {BUG: flow, STORY: SIMPLE}
    assert admin.delete(f"{WS}/{sid}/draft/workflow", params={"workflowName": SIMPLE}).json()[
        "issueTypeMappings"] == {BUG: flow}
    # PUT with updateDraftIfNeeded updates the existing draft; the name still goes to the scheme.
    whole = admin.put(f"{WS}/{sid}", json={"description": "new", "defaultWorkflow": flow,
                                           "updateDraftIfNeeded": True}).json()
    assert (whole["draft"], whole["defaultWorkflow"], whole["description"]) == (True, flow, "new")
    assert admin.get(f"{WS}/{sid}").json()["description"] == "new"

    # A workflow a draft uses cannot be deleted; the draft can.
    assert admin.delete(f"{ADMIN_API}/workflow/{flow}").status_code == 400
    assert admin.delete(f"{WS}/{sid}/draft").status_code == 204
    assert admin.get(f"{WS}/{sid}/draft").status_code == 404
    assert admin.delete(f"{WS}/{sid}/draft").status_code == 404
    assert admin.put(f"{WS}/{sid}/draft/default", json={"workflow": flow}).status_code == 404

    # PUT /draft creates the draft when missing; createdraft copies the scheme.
    created = admin.put(f"{WS}/{sid}/draft", json={"issueTypeMappings": {TASK: flow}}).json()
    assert (created["draft"], created["issueTypeMappings"]) == (True, {TASK: flow})
    assert admin.delete(f"{WS}/{sid}/draft").status_code == 204
    copy = admin.post(f"{WS}/{sid}/createdraft")
    assert copy.status_code == 201
    assert (copy.json()["issueTypeMappings"], copy.json()["draft"]) == ({BUG: SIMPLE}, True)

    assert _audit(admin, scheme["name"]) == ["Workflow scheme created"]
    summaries = _audit(admin, renamed)
    for summary in ("Workflow scheme updated", "Draft workflow scheme created", "Draft workflow scheme updated",
                    "Draft workflow scheme deleted"):
        assert summary in summaries


def test_default_scheme_is_read_only(admin: httpx.Client) -> None:
    before = admin.get(f"{WS}/10000").json()
    assert before["name"] == "Default Workflow Scheme" and before["defaultWorkflow"] == "jira"
    refused = admin.put(f"{WS}/10000/issuetype/{BUG}", json={"workflow": SIMPLE, "updateDraftIfNeeded": True})
    assert refused.status_code == 400
    assert admin.delete(f"{WS}/10000").json() == _errors("Cannot delete the default workflow scheme.")
    assert admin.delete(f"{WS}/10001").json() == _errors(
        "Cannot delete the workflow scheme 'Software Simplified Workflow Scheme': project templates use it.")
    assert admin.get(f"{WS}/10000").json() == before


def test_publishing_a_draft_moves_issues_to_their_new_workflows(
        admin: httpx.Client, jira: JIRA, make_workflow: Callable[..., dict[str, Any]],
        new_scheme: Callable[..., dict[str, Any]], make_project: Callable[..., dict[str, Any]]) -> None:
    flow = make_workflow(statuses=["Open", "In Progress", "Closed"], initialStatus="Open", transitions=[
        {"id": 11, "name": "Work", "from": ["Open"], "to": "In Progress"},
        {"id": 21, "name": "Finish", "from": ["In Progress"], "to": "Closed"}])["name"]
    sid = new_scheme()["id"]
    project = make_project(workflowSchemeId=sid)
    bug = jira.create_issue(project=project["key"], summary="Bug", issuetype={"name": "Bug"},
                            assignee={"name": "admin"})
    assert [t["name"] for t in jira.transitions(bug.key)] == ["Start Progress", "Resolve Issue", "Close Issue"]

    admin.put(f"{WS}/{sid}/issuetype/{BUG}", json={"workflow": flow, "updateDraftIfNeeded": True})
    assert [t["name"] for t in jira.transitions(bug.key)] == ["Start Progress", "Resolve Issue", "Close Issue"]
    published = admin.post(f"{ADMIN_API}/workflowscheme/{sid}/draft/publish")
    assert published.status_code == 200, published.text
    assert (published.json()["issueTypeMappings"], published.json()["draft"]) == ({BUG: flow}, False)
    assert admin.get(f"{WS}/{sid}/draft").status_code == 404
    assert [t["name"] for t in jira.transitions(bug.key)] == ["Work"]
    jira.transition_issue(bug, "Work")

    # A draft leaving the bug in a status its new workflow lacks is refused, naming the status.
    admin.put(f"{WS}/{sid}/issuetype/{BUG}", json={"workflow": SIMPLE, "updateDraftIfNeeded": True})
    admin.put(f"{WS}/{sid}/draft/issuetype/{BUG}", json={"workflow": "jira"})
    admin.put(f"{WS}/{sid}/draft/default", json={"workflow": SIMPLE})
    task = jira.create_issue(project=project["key"], summary="Task", issuetype={"name": "Task"})
    jira.transition_issue(task, "Resolve Issue", fields={"resolution": {"name": "Done"}})
    refused = admin.post(f"{ADMIN_API}/workflowscheme/{sid}/draft/publish")
    assert (refused.status_code, refused.json()) == (400, _errors(
        "The draft cannot be published: issues are in the statuses 'Resolved', which their new workflows do not "
        "have, and Ticketry cannot migrate issue statuses yet. Move those issues to statuses the new workflows "
        "have first."))
    assert admin.get(f"{WS}/{sid}").json()["issueTypeMappings"] == {BUG: flow}
    assert admin.post(f"{ADMIN_API}/workflowscheme/99999/draft/publish").status_code == 404


def test_switching_a_project_scheme_keeps_issue_statuses(
        admin: httpx.Client, jira: JIRA, new_scheme: Callable[..., dict[str, Any]],
        make_project: Callable[..., dict[str, Any]]) -> None:
    project = make_project()
    issue = jira.create_issue(project=project["key"], summary="Open bug", issuetype={"name": "Bug"})
    simple = new_scheme(defaultWorkflow=SIMPLE)["id"]
    refused = admin.put(f"{API}/project/{project['key']}", json={"workflowSchemeId": simple})
    assert (refused.status_code, refused.json()) == (400, _errors(workflowSchemeId=(
        "The workflow scheme cannot be changed: issues are in the statuses 'Open', which their new workflows do "
        "not have, and Ticketry cannot migrate issue statuses yet. Move those issues to statuses the new "
        "workflows have first.")))
    classic = new_scheme(issueTypeMappings={BUG: SIMPLE, TASK: "jira"})["id"]
    assert admin.put(f"{API}/project/{project['key']}", json={"workflowSchemeId": classic}).status_code == 400
    fits = new_scheme(issueTypeMappings={TASK: SIMPLE})["id"]
    assert admin.put(f"{API}/project/{project['key']}", json={"workflowSchemeId": fits}).status_code == 201
    assert str(jira.issue(issue.key).fields.status) == "Open"


def test_each_issue_type_follows_its_own_workflow(
        admin: httpx.Client, jira: JIRA, base_url: str, make_workflow: Callable[..., dict[str, Any]],
        new_scheme: Callable[..., dict[str, Any]], make_project: Callable[..., dict[str, Any]]) -> None:
    """The end to end: an administrator maps Bug to workflow A and Task to workflow B with the
    spec's endpoints (and the atlassian-python-api client), and issues follow their own workflow."""
    from atlassian.jira import JiraCloud

    a = make_workflow(statuses=["Open", "In Progress", "Closed"], initialStatus="Open", transitions=[
        {"id": 11, "name": "Triage", "from": ["Open"], "to": "In Progress"},
        {"id": 21, "name": "Squash", "from": ["In Progress"], "to": "Closed"}])["name"]
    b = make_workflow(statuses=["To Do", "Done"], initialStatus="To Do", transitions=[
        {"id": 31, "name": "Complete", "from": ["To Do"], "to": "Done"}])["name"]
    client = JiraCloud(base_url, username=ADMIN[0], password=ADMIN[1], api_version=2)
    sid = new_scheme()["id"]
    client.update_workflow_scheme(sid, data={"issueTypeMappings": {BUG: a, TASK: b}})
    scheme = client.get_workflow_scheme(sid)
    assert (scheme["issueTypeMappings"], scheme["defaultWorkflow"]) == ({BUG: a, TASK: b}, "jira")
    assert client.get_default_workflow(sid) == {"workflow": "jira"}
    project = make_project(workflowSchemeId=sid)

    bug = jira.create_issue(project=project["key"], summary="A bug", issuetype={"name": "Bug"})
    task = jira.create_issue(project=project["key"], summary="A task", issuetype={"name": "Task"})
    story = jira.create_issue(project=project["key"], summary="A story", issuetype={"name": "Story"},
                              assignee={"name": "admin"})
    assert (str(bug.fields.status), str(task.fields.status), str(story.fields.status)) == ("Open", "To Do", "Open")
    assert [t["name"] for t in jira.transitions(bug.key)] == ["Triage"]
    assert [t["name"] for t in jira.transitions(task.key)] == ["Complete"]
    assert [t["name"] for t in jira.transitions(story.key)] == ["Start Progress", "Resolve Issue", "Close Issue"]
    jira.transition_issue(bug, "Triage")
    jira.transition_issue(bug, "Squash")
    jira.transition_issue(task, "Complete")
    assert (str(jira.issue(bug.key).fields.status), str(jira.issue(task.key).fields.status)) == ("Closed", "Done")
    refused = admin.post(f"{API}/issue/{task.key}/transitions", json={"transition": {"id": "11"}})
    assert refused.status_code == 400

    # The draft API through the client: the change waits in the draft until published.
    client.update_workflow_scheme_draft(sid, data={"defaultWorkflow": b})
    assert client.get_workflow_scheme_draft(sid)["defaultWorkflow"] == b
    assert client.get_draft_default_workflow(sid) == {"workflow": b}
    assert client.get_workflow_scheme(sid, return_draft_if_exists=True)["draft"] is True
    client.delete_workflow_scheme_draft(sid)
    assert client.get_workflow_scheme(sid, return_draft_if_exists=True)["draft"] is False


def test_hostile_bodies_are_400s_that_change_nothing(admin: httpx.Client,
                                                     new_scheme: Callable[..., dict[str, Any]]) -> None:
    scheme = new_scheme(issueTypeMappings={BUG: SIMPLE})
    sid = scheme["id"]
    bodies: list[Any] = [{"name": 5}, {"description": ["x"]}, {"defaultWorkflow": 7}, {"issueTypeMappings": "x"},
                         {"issueTypeMappings": {BUG: 5}}, {"updateDraftIfNeeded": "yes"}, [1], "text", None]
    for body in bodies:
        for path in ("", "/draft"):
            response = admin.put(f"{WS}/{sid}{path}", json=body)
            assert 400 <= response.status_code < 500 and "errorMessages" in response.json(), (path, body)
    for body in ({"workflow": 5}, {"workflow": "nope"}, {"workflow": []}, {"workflow": "jira",
                                                                           "updateDraftIfNeeded": "yes"}, [1]):
        for path in ("/default", "/issuetype/1"):
            response = admin.put(f"{WS}/{sid}{path}", json=body)
            assert 400 <= response.status_code < 500 and "errorMessages" in response.json(), (path, body)
    for body in ({"issueTypes": "1"}, {"issueTypes": [{"id": 1}]}, {"defaultMapping": "yes"},
                 {"issueTypes": [True]}):
        response = admin.put(f"{WS}/{sid}/workflow", params={"workflowName": "jira"}, json=body)
        assert response.status_code == 400, body
    assert admin.delete(f"{WS}/{sid}/default", params={"updateDraftIfNeeded": "maybe"}).status_code == 400
    assert admin.get(f"{WS}/{sid}").json() == scheme

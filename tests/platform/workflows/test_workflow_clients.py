"""End to end with the `jira` package: issues moving through the built-in and custom workflows."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import httpx
import pytest
import yaml
from jira import JIRA, JIRAError

from .conftest import ADMIN_API, API, SCRUM

CUSTOM_FLOW = """
description: Triage, then work; only administrators may reject
statuses: [Open, In Progress, Resolved, Closed]
initialStatus: Open
transitions:
  - id: 11
    name: Take
    from: [Open]
    to: In Progress
    postFunctions: [{type: assign_to_current_user}]
  - id: 21
    name: Fix
    from: [In Progress]
    to: Resolved
    screen: 2
    validators: [{type: field_required, field: resolution}]
    postFunctions: [{type: set_resolution}, {type: update_field, field: priority, value: Low}]
  - id: 31
    name: Reject
    from: [Open, In Progress]
    to: Closed
    conditions: [{type: user_in_group, group: jira-administrators}]
    postFunctions: [{type: set_resolution, resolution: "Won't Do"}, {type: assign_to_reporter}]
  - id: 41
    name: Back to triage
    to: Open
    conditions: [{type: only_reporter}]
    postFunctions: [{type: clear_resolution}]
"""


def _names(jira: JIRA, key: str) -> list[str]:
    return [t["name"] for t in jira.transitions(key)]


def _status_changes(admin: httpx.Client, key: str) -> list[tuple[str, str]]:
    histories = admin.get(f"{API}/issue/{key}", params={"expand": "changelog"}).json()["changelog"]["histories"]
    return [(i["fromString"], i["toString"]) for h in histories for i in h["items"] if i["field"] == "status"]


def test_classic_workflow_with_the_jira_client(jira: JIRA, admin: httpx.Client,
                                               make_project: Callable[..., dict[str, Any]]) -> None:
    project = make_project()
    issue = jira.create_issue(project=project["key"], summary="Classic", issuetype={"name": "Bug"},
                              assignee={"name": "admin"})
    assert str(issue.fields.status) == "Open"
    assert _names(jira, issue.key) == ["Start Progress", "Resolve Issue", "Close Issue"]
    jira.transition_issue(issue, "Start Progress")
    assert str(jira.issue(issue.key).fields.status) == "In Progress"
    assert _names(jira, issue.key) == ["Stop Progress", "Resolve Issue", "Close Issue"]

    with pytest.raises(JIRAError) as refused:
        jira.transition_issue(issue, "Resolve Issue")
    assert refused.value.status_code == 400
    assert admin.post(f"{API}/issue/{issue.key}/transitions", json={"transition": {"id": "5"}}).json() == {
        "errorMessages": [], "errors": {"resolution": "Resolution is required."}}
    assert str(jira.issue(issue.key).fields.status) == "In Progress"

    jira.transition_issue(issue, "Resolve Issue", fields={"resolution": {"name": "Done"}})
    resolved = jira.issue(issue.key)
    assert (str(resolved.fields.status), str(resolved.fields.resolution)) == ("Resolved", "Done")
    assert _names(jira, issue.key) == ["Close Issue", "Reopen Issue"]
    jira.transition_issue(issue, "Reopen Issue")
    reopened = jira.issue(issue.key)
    assert (str(reopened.fields.status), reopened.fields.resolution) == ("Reopened", None)
    assert _status_changes(admin, issue.key) == [("Open", "In Progress"), ("In Progress", "Resolved"),
                                                 ("Resolved", "Reopened")]


def test_simplified_workflow_with_the_jira_client(jira: JIRA, make_project: Callable[..., dict[str, Any]]) -> None:
    project = make_project(projectTemplateKey=SCRUM)
    issue = jira.create_issue(project=project["key"], summary="Simple", issuetype={"name": "Story"})
    assert str(issue.fields.status) == "To Do"
    assert _names(jira, issue.key) == ["To Do", "In Progress", "Done"]
    jira.transition_issue(issue, "Done")
    done = jira.issue(issue.key)
    assert (str(done.fields.status), str(done.fields.resolution)) == ("Done", "Done")
    jira.transition_issue(issue, "21")
    again = jira.issue(issue.key)
    assert (str(again.fields.status), again.fields.resolution) == ("In Progress", None)


def test_custom_workflow_applied_as_yaml(jira: JIRA, admin: httpx.Client, make_user: Callable[..., Any],
                                         make_project: Callable[..., dict[str, Any]],
                                         make_scheme: Callable[..., dict[str, Any]],
                                         unique: Callable[[str], str]) -> None:
    name = unique("Triage Flow")
    applied = admin.post(f"{ADMIN_API}/workflow/apply", content=f"name: {name}\n{CUSTOM_FLOW}",
                         headers={"Content-Type": "application/yaml"})
    assert applied.status_code == 201, applied.text
    scheme = make_scheme(**{"1": name})
    project = make_project(workflowSchemeId=scheme["id"])
    developer = make_user("dev")

    issue = jira.create_issue(project=project["key"], summary="Custom", issuetype={"name": "Bug"})
    assert str(issue.fields.status) == "Open"
    task = jira.create_issue(project=project["key"], summary="Classic task", issuetype={"name": "Task"},
                             assignee={"name": "admin"})
    assert _names(jira, task.key) == ["Start Progress", "Resolve Issue", "Close Issue"]

    # Conditions: the reporter (admin) may go back to triage; a developer may neither reject nor go back.
    assert _names(jira, issue.key) == ["Take", "Reject", "Back to triage"]
    as_developer = developer.client.get(f"{API}/issue/{issue.key}/transitions").json()["transitions"]
    assert [t["name"] for t in as_developer] == ["Take"]
    refused = developer.client.post(f"{API}/issue/{issue.key}/transitions", json={"transition": {"id": "31"}})
    assert refused.status_code == 400
    assert refused.json()["errorMessages"][0].startswith(
        "It seems that you have tried to perform a workflow operation (Reject) that is not valid")

    taken = developer.client.post(f"{API}/issue/{issue.key}/transitions", json={"transition": {"id": "11"}})
    assert taken.status_code == 204, taken.text
    after_take = jira.issue(issue.key)
    assert (str(after_take.fields.status), after_take.fields.assignee.name) == ("In Progress", developer.name)

    missing = admin.post(f"{API}/issue/{issue.key}/transitions", json={"transition": {"id": "21"}})
    assert (missing.status_code, missing.json()["errors"]) == (400, {"resolution": "Resolution is required."})
    jira.transition_issue(issue, "Fix", fields={"resolution": {"name": "Duplicate"}})
    fixed = jira.issue(issue.key)
    assert (str(fixed.fields.status), str(fixed.fields.resolution), str(fixed.fields.priority)) == (
        "Resolved", "Duplicate", "Low")
    jira.transition_issue(issue, "Back to triage")
    back = jira.issue(issue.key)
    assert (str(back.fields.status), back.fields.resolution) == ("Open", None)
    jira.transition_issue(issue, "Reject")
    rejected = jira.issue(issue.key)
    assert (str(rejected.fields.status), str(rejected.fields.resolution), rejected.fields.assignee.name) == (
        "Closed", "Won't Do", "admin")

    # The workflow in use keeps the statuses its issues are in.
    exported = yaml.safe_load(admin.get(f"{ADMIN_API}/workflow/{name}", params={"format": "yaml"}).text)
    exported["statuses"] = ["Open", "In Progress", "Resolved"]
    exported["transitions"] = [t for t in exported["transitions"] if t["to"] != "Closed"]
    stranded = admin.put(f"{ADMIN_API}/workflow/{name}", content=yaml.safe_dump(exported),
                         headers={"Content-Type": "application/yaml"})
    assert stranded.status_code == 400
    assert stranded.json()["errors"] == {"statuses": f"The status 'Closed' cannot be removed: issues of project "
                                                     f"{project['key']} using this workflow are in it."}
    moved_away = admin.post(f"{ADMIN_API}/workflowscheme/{scheme['id']}/mapping",
                            json={"issueType": "1", "workflow": "Software Simplified Workflow"})
    assert moved_away.status_code == 400
    assert moved_away.json()["errors"] == {"workflow": f"Issues of project {project['key']} are in the status "
                                                       "'Closed', which the workflow 'Software Simplified "
                                                       "Workflow' does not have."}
    assert admin.delete(f"{API}/project/{project['key']}").status_code == 204

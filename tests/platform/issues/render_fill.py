"""Issues with every part an issue document shows (for the rendering query-count tests), made over HTTP."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import httpx

from tests.platform.issues.helpers import make_issue

if TYPE_CHECKING:
    from tests.conftest import TestUser

XSRF = {"X-Atlassian-Token": "no-check"}
TEXT_FIELD = "com.atlassian.jira.plugin.system.customfieldtypes:textfield"
SELECT_FIELD = "com.atlassian.jira.plugin.system.customfieldtypes:select"
GROUP_ONLY = {"type": "group", "value": "jira-administrators"}
ROLE_ONLY = {"type": "role", "value": "Administrators"}


def custom_fields(admin: httpx.Client, unique: Callable[[str], str]) -> tuple[str, str]:
    """A text field and a select field (with an option "one"), on the default screen."""
    made = []
    for kind in (TEXT_FIELD, SELECT_FIELD):
        response = admin.post("/rest/api/2/field", json={"name": unique("Render"), "type": kind})
        assert response.status_code == 201, response.text
        field_id = response.json()["id"]
        assert admin.post(f"/rest/api/2/screens/addToDefault/{field_id}").status_code == 201
        made.append(field_id)
    assert admin.post(f"/rest/api/2/field/{made[1]}/option", json={"value": "one"}).status_code == 200
    return made[0], made[1]


def _ok(response: httpx.Response) -> Any:
    assert response.status_code < 300, response.text
    return response.json() if response.content else None


def fill(admin: httpx.Client, other: TestUser, project: str, key: str, count: int,
         fields: tuple[str, str]) -> None:
    """`count` of each part: comments (open and restricted, by another user), worklogs (open and
    restricted), sub-tasks, links (to issues of this and of another project), labels, components and
    versions, an attachment, a watcher and a vote of the other user, custom field values, changelog."""
    text, select = fields
    _ok(admin.put(f"/rest/api/2/issue/{key}", json={"fields": {text: f"text {key}", select: {"value": "one"},
                                                                 "timetracking": {"originalEstimate": "2d"}}}))
    for n in range(count):
        _ok(other.client.post(f"/rest/api/2/issue/{key}/comment", json={"body": f"comment {n} [~admin]"}))
        _ok(admin.post(f"/rest/api/2/issue/{key}/comment", json={"body": f"hidden {n}", "visibility": GROUP_ONLY}))
        _ok(admin.post(f"/rest/api/2/issue/{key}/comment", json={"body": f"role {n}", "visibility": ROLE_ONLY}))
        _ok(other.client.post(f"/rest/api/2/issue/{key}/worklog", json={"timeSpent": "1h", "comment": f"w{n}"}))
        _ok(admin.post(f"/rest/api/2/issue/{key}/worklog", json={"timeSpent": "2h", "visibility": ROLE_ONLY}))
        make_issue(admin, project, f"sub {n}", "Sub-task", parent={"key": key})
        target = make_issue(admin, project, f"linked {n}")["key"]
        _ok(admin.post("/rest/api/2/issueLink", json={
            "type": {"name": "Blocks"}, "inwardIssue": {"key": key}, "outwardIssue": {"key": target}}))
        component = _ok(admin.post("/rest/api/2/component", json={"project": project, "name": f"c{key}{n}"}))
        version = _ok(admin.post("/rest/api/2/version", json={"project": project, "name": f"v{key}{n}"}))
        _ok(admin.put(f"/rest/api/2/issue/{key}", json={"update": {
            "components": [{"add": {"id": component["id"]}}], "labels": [{"add": f"l{n}"}],
            "fixVersions": [{"add": {"id": version["id"]}}]}}))
        upload = admin.post(f"/rest/api/2/issue/{key}/attachments", headers=XSRF,
                            files=[("file", (f"f{n}.txt", b"data", "text/plain"))])
        assert upload.status_code == 200, upload.text
    _ok(admin.post(f"/rest/api/2/issue/{key}/watchers", json=other.name))
    _ok(other.client.post(f"/rest/api/2/issue/{key}/votes"))

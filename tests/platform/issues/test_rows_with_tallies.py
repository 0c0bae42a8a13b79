"""Comments, attachments and custom values reach an issue document as JSON rows of the tallies' statement
(`ticketry/db/json_rows.py`): every type must come back as the entity endpoints, which read them as rows of
their own, show it."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import httpx

from tests.platform.issues.helpers import make_issue, make_project

XSRF = {"X-Atlassian-Token": "no-check"}
TYPES = "com.atlassian.jira.plugin.system.customfieldtypes:"
AWKWARD = 'quote " backslash \\ newline\n tab\t unicode é 漢字 🙂 </script> \u2028'


def _field(admin: httpx.Client, unique: Callable[[str], str], kind: str) -> str:
    response = admin.post("/rest/api/2/field", json={"name": unique(f"Rows {kind}"), "type": TYPES + kind})
    assert response.status_code == 201, response.text
    field_id: str = response.json()["id"]
    assert admin.post(f"/rest/api/2/screens/addToDefault/{field_id}").status_code == 201
    return field_id


def _ok(response: httpx.Response) -> Any:
    assert response.status_code < 300, response.text
    return response.json() if response.content else None


def test_values_of_every_type_come_back_as_written(admin: httpx.Client, unique: Callable[[str], str],
                                                    unique_key: Callable[[], str]) -> None:
    key = unique_key()
    make_project(admin, key)
    whole, half, day, instant, text, people = (_field(admin, unique, kind) for kind in (
        "float", "float", "datepicker", "datetime", "textarea", "multiuserpicker"))
    issue = make_issue(admin, key, "typed rows")["key"]
    _ok(admin.put(f"/rest/api/2/issue/{issue}", json={"fields": {
        whole: 3, half: -2.5, day: "2024-02-29", instant: "2024-03-01T23:59:58.120+0530", text: AWKWARD,
        people: [{"name": "admin"}]}}))
    document = _ok(admin.get(f"/rest/api/2/issue/{issue}"))
    raw = admin.get(f"/rest/api/2/issue/{issue}").text
    fields = document["fields"]
    assert f'"{whole}":3.0' in raw  # a float, as Jira writes a number field, though JSON wrote it as 3
    assert (fields[whole], fields[half], fields[day], fields[text]) == (3.0, -2.5, "2024-02-29", AWKWARD)
    assert fields[instant].startswith("2024-03-01T") and ".120" in fields[instant]
    assert [p["name"] for p in fields[people]] == ["admin"]
    # The same values through a search page (many issues' rows) and a field list naming them.
    page = _ok(admin.post("/rest/api/2/search", json={"jql": f"key = {issue}", "fields": [whole, instant, text]}))
    assert page["issues"][0]["fields"] == {whole: 3.0, instant: fields[instant], text: AWKWARD}


def test_comments_and_attachments_match_their_own_endpoints(admin: httpx.Client,
                                                            unique_key: Callable[[], str]) -> None:
    key = unique_key()
    make_project(admin, key)
    issue = make_issue(admin, key, "rows")["key"]
    for body in (AWKWARD, "second", "third"):
        _ok(admin.post(f"/rest/api/2/issue/{issue}/comment", json={"body": body}))
    _ok(admin.post(f"/rest/api/2/issue/{issue}/comment", json={
        "body": "for administrators", "visibility": {"type": "group", "value": "jira-administrators"}}))
    for name in ("b.png", "a é.txt"):
        upload = admin.post(f"/rest/api/2/issue/{issue}/attachments", headers=XSRF,
                            files=[("file", (name, b"bytes", "image/png" if name.endswith("png") else "text/plain"))])
        assert upload.status_code == 200, upload.text
    fields = _ok(admin.get(f"/rest/api/2/issue/{issue}"))["fields"]
    own = _ok(admin.get(f"/rest/api/2/issue/{issue}/comment"))
    assert fields["comment"]["comments"] == own["comments"]
    assert [c["body"] for c in own["comments"]] == [AWKWARD, "second", "third", "for administrators"]
    assert own["comments"][3]["visibility"] == {"type": "group", "value": "jira-administrators"}
    attachments = fields["attachment"]
    assert [a["filename"] for a in attachments] == ["b.png", "a é.txt"]  # oldest first
    for shown in attachments:
        alone = _ok(admin.get(f"/rest/api/2/attachment/{shown['id']}"))
        assert {k: alone[k] for k in shown} == shown
    assert "thumbnail" in attachments[0] and "thumbnail" not in attachments[1]

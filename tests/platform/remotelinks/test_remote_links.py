"""Remote issue links over HTTP: create or update by globalId, get, list, replace, delete."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import httpx

from tests import conftest
from tests.platform.remotelinks.conftest import API, IssueRef

FULL = {
    "globalId": "system=http://www.mycompany.com/support&id=1",
    "application": {"type": "com.acme.tracker", "name": "My Acme Tracker"},
    "relationship": "causes",
    "object": {"url": "http://www.mycompany.com/support?id=1", "title": "TSTSUP-111",
               "summary": "Crazy customer support issue",
               "icon": {"url16x16": "http://www.mycompany.com/support/ticket.png", "title": "Support Ticket"},
               "status": {"resolved": True, "icon": {"url16x16": "http://www.mycompany.com/support/resolved.png",
                                                     "title": "Case Closed",
                                                     "link": "http://www.mycompany.com/support?id=1&details=closed"}}},
}
LINKING = f"{API}/application-properties/jira.option.issuelinking"


def _self(base_url: str, issue: IssueRef, link_id: int) -> str:
    return f"{base_url}{API}/issue/{issue.key}/remotelink/{link_id}"


def test_create_get_list_and_update_by_global_id(admin: httpx.Client, base_url: str, issue: IssueRef) -> None:
    created = admin.post(issue.remotelinks, json=FULL)
    assert created.status_code == 201
    link_id = created.json()["id"]
    assert isinstance(link_id, int)
    assert created.json() == {"id": link_id, "self": _self(base_url, issue, link_id)}
    full = {"id": link_id, "self": _self(base_url, issue, link_id), **FULL}
    assert admin.get(f"{issue.remotelinks}/{link_id}").json() == full
    simple = admin.post(issue.remotelinks, json={"object": {"url": "https://example.com", "title": "Example"}})
    assert simple.status_code == 201
    simple_id = simple.json()["id"]
    simple_json = {"id": simple_id, "self": _self(base_url, issue, simple_id), "application": {},
                   "object": {"url": "https://example.com", "title": "Example", "icon": {}, "status": {"icon": {}}}}
    assert admin.get(issue.remotelinks).json() == [full, simple_json]
    assert admin.get(issue.remotelinks, params={"globalId": FULL["globalId"]}).json() == full
    updated = admin.post(issue.remotelinks, json={"globalId": FULL["globalId"],
                                                  "object": {"url": "http://x.org", "title": "Renamed"}})
    assert updated.status_code == 200 and updated.json() == created.json()
    assert admin.get(f"{issue.remotelinks}/{link_id}").json() == {
        "id": link_id, "self": _self(base_url, issue, link_id), "globalId": FULL["globalId"], "application": {},
        "object": {"url": "http://x.org", "title": "Renamed", "icon": {}, "status": {"icon": {}}}}
    assert len(admin.get(issue.remotelinks).json()) == 2


def test_replace_and_delete(admin: httpx.Client, base_url: str, issue: IssueRef) -> None:
    link_id = admin.post(issue.remotelinks, json=FULL).json()["id"]
    replaced = admin.put(f"{issue.remotelinks}/{link_id}", json={"object": {"url": "http://y.org", "title": "Y"},
                                                                 "relationship": "mentions"})
    assert replaced.status_code == 204 and replaced.content == b""
    assert admin.get(f"{issue.remotelinks}/{link_id}").json() == {
        "id": link_id, "self": _self(base_url, issue, link_id), "application": {}, "relationship": "mentions",
        "object": {"url": "http://y.org", "title": "Y", "icon": {}, "status": {"icon": {}}}}
    deleted = admin.delete(f"{issue.remotelinks}/{link_id}")
    assert deleted.status_code == 204 and deleted.content == b""
    assert admin.get(f"{issue.remotelinks}/{link_id}").status_code == 404
    admin.post(issue.remotelinks, json=FULL)
    by_global = admin.delete(issue.remotelinks, params={"globalId": FULL["globalId"]})
    assert by_global.status_code == 204
    assert admin.get(issue.remotelinks).json() == []
    missing = admin.delete(issue.remotelinks, params={"globalId": FULL["globalId"]})
    assert missing.status_code == 404
    assert admin.delete(issue.remotelinks).json() == {"errorMessages": [],
                                                      "errors": {"globalId": "'globalId' is required."}}


def test_bad_input_is_400_and_changes_nothing(admin: httpx.Client, issue: IssueRef,
                                              make_issue: Callable[[], IssueRef]) -> None:
    link_id = admin.post(issue.remotelinks, json=FULL).json()["id"]
    before = admin.get(issue.remotelinks).json()
    no_title = admin.post(issue.remotelinks, json={"object": {"url": "http://a"}})
    assert no_title.status_code == 400
    assert no_title.json() == {"errorMessages": [], "errors": {"title": "'title' is required."}}
    assert admin.post(issue.remotelinks, json={}).json()["errors"] == {"url": "'url' is required.",
                                                                       "title": "'title' is required."}
    wrong: dict[str, Any] = {"globalId": 5, "object": {"url": "http://a", "title": "t" * 256,
                                                       "status": {"resolved": "yes"}}}
    assert admin.post(issue.remotelinks, json=wrong).json()["errors"] == {
        "globalId": "'globalId' must be a string.", "title": "'title' must not be longer than 255 characters.",
        "resolved": "'resolved' must be true or false."}
    assert admin.post(issue.remotelinks, json={"object": "x"}).json()["errors"] == {"object": "'object' must be an object."}
    assert admin.post(issue.remotelinks, json=[1]).status_code == 400
    assert admin.put(f"{issue.remotelinks}/{link_id}", json={"object": {"url": "http://a"}}).status_code == 400
    other = admin.post(issue.remotelinks, json={"globalId": "g2", "object": {"url": "http://b", "title": "B"}})
    clash = admin.put(f"{issue.remotelinks}/{other.json()['id']}", json={**FULL})
    assert clash.status_code == 400 and list(clash.json()["errors"]) == ["globalId"]
    assert admin.get(issue.remotelinks).json()[0] == before[0]
    elsewhere = make_issue()
    assert admin.get(f"{elsewhere.remotelinks}/{link_id}").status_code == 400
    assert admin.delete(f"{elsewhere.remotelinks}/{link_id}").status_code == 400
    assert admin.get(f"{issue.remotelinks}/abc").status_code == 400
    assert admin.get(f"{issue.remotelinks}/99999999").status_code == 404
    assert admin.get(f"{API}/issue/NOPE-1/remotelink").status_code == 404
    assert admin.get(issue.remotelinks, params={"globalId": "unknown"}).status_code == 404
    assert len(admin.get(issue.remotelinks).json()) == 2


def test_refusals(admin: httpx.Client, anon: httpx.Client, make_user: Callable[..., conftest.TestUser],
                  issue: IssueRef) -> None:
    link_id = admin.post(issue.remotelinks, json=FULL).json()["id"]
    assert anon.get(issue.remotelinks).status_code == 401
    assert anon.post(issue.remotelinks, json=FULL).status_code == 401
    assert anon.delete(f"{issue.remotelinks}/{link_id}").status_code == 401
    assert make_user().client.get(f"{issue.remotelinks}/{link_id}").status_code == 200
    assert admin.put(LINKING, json={"id": "jira.option.issuelinking", "value": "false"}).status_code == 200
    try:
        for response in (admin.get(issue.remotelinks), admin.post(issue.remotelinks, json=FULL),
                         admin.get(f"{issue.remotelinks}/{link_id}"), admin.delete(f"{issue.remotelinks}/{link_id}"),
                         admin.put(f"{issue.remotelinks}/{link_id}", json=FULL)):
            assert response.status_code == 403
            assert response.json() == {"errorMessages": ["Issue linking is currently disabled."], "errors": {}}
    finally:
        assert admin.put(LINKING, json={"id": "jira.option.issuelinking", "value": "true"}).status_code == 200
    assert len(admin.get(issue.remotelinks).json()) == 1


def test_deleting_the_issue_removes_its_remote_links(admin: httpx.Client, issue: IssueRef) -> None:
    link_id = admin.post(issue.remotelinks, json=FULL).json()["id"]
    assert admin.delete(f"{API}/issue/{issue.key}").status_code == 204
    assert admin.get(f"{API}/issue/{issue.id}/remotelink/{link_id}").status_code == 404

"""Issue security levels: an issue with a level is invisible (404, absent from search) to anyone outside it."""

from __future__ import annotations

from typing import Any

import httpx

from tests.platform.issues.helpers import make_issue, make_project

ADMIN_API = "/rest/ticketry/1/issuesecurityschemes"


def _scheme_with_level(admin: httpx.Client, name: str, members: list[dict[str, Any]]) -> tuple[int, str]:
    scheme = admin.post(ADMIN_API, json={"name": name, "description": "levels for a test"})
    assert scheme.status_code == 201, scheme.text
    sid = scheme.json()["id"]
    level = admin.post(f"{ADMIN_API}/{sid}/level", json={"name": "Secret", "description": "team only"})
    assert level.status_code == 201, level.text
    lid = level.json()["id"]
    for holder in members:
        added = admin.post(f"{ADMIN_API}/{sid}/level/{lid}/member", json={"holder": holder})
        assert added.status_code == 201, added.text
    return sid, lid


def test_scheme_level_and_member_admin(admin: httpx.Client, base_url: str, unique) -> None:  # type: ignore[no-untyped-def]
    sid, lid = _scheme_with_level(admin, unique("sec"), [{"type": "group", "parameter": "jira-administrators"}])
    body = admin.get(f"/rest/api/2/issuesecurityschemes/{sid}").json()
    assert body["levels"] == [{"self": f"{base_url}/rest/api/2/securitylevel/{lid}", "id": lid,
                               "description": "team only", "name": "Secret"}]
    members = admin.get(f"{ADMIN_API}/{sid}/level/{lid}/member").json()["members"]
    assert [m["holder"]["parameter"] for m in members] == ["jira-administrators"]
    duplicate = admin.post(f"{ADMIN_API}/{sid}/level/{lid}/member",
                           json={"holder": {"type": "group", "parameter": "jira-administrators"}})
    assert duplicate.status_code == 400
    assert admin.post(f"{ADMIN_API}/{sid}/level/{lid}/member",
                      json={"holder": {"type": "group", "parameter": "nope-nope"}}).status_code == 400
    updated = admin.put(f"{ADMIN_API}/{sid}", json={"defaultSecurityLevelId": int(lid)})
    assert updated.status_code == 200 and updated.json()["defaultSecurityLevelId"] == int(lid)
    assert admin.delete(f"{ADMIN_API}/{sid}/level/{lid}/member/{members[0]['id']}").status_code == 204
    assert admin.get(f"{ADMIN_API}/{sid}/level/{lid}/member").json()["members"] == []
    assert admin.delete(f"{ADMIN_API}/{sid}/level/{lid}").status_code == 204
    assert admin.delete(f"{ADMIN_API}/{sid}").status_code == 204
    assert admin.get(f"/rest/api/2/issuesecurityschemes/{sid}").status_code == 404


def test_admin_api_needs_an_administrator(make_user, anon: httpx.Client) -> None:  # type: ignore[no-untyped-def]
    assert anon.post(ADMIN_API, json={"name": "x"}).status_code == 401
    assert make_user("nosec").client.post(ADMIN_API, json={"name": "x"}).status_code == 403


def test_a_level_hides_issues_from_everyone_outside_it(admin: httpx.Client, make_user, unique,  # type: ignore[no-untyped-def]
                                                       unique_key) -> None:
    insider, outsider = make_user("in"), make_user("out")
    sid, lid = _scheme_with_level(admin, unique("hide"), [
        {"type": "user", "parameter": insider.name}, {"type": "reporter"},
        {"type": "group", "parameter": "jira-administrators"},
    ])
    key = unique_key()
    make_project(admin, key, issueSecurityScheme=sid)
    secret = make_issue(admin, key, "secret plans", security={"id": lid})
    public = make_issue(admin, key, "public plans")

    assert insider.client.get(f"/rest/api/2/issue/{secret['key']}").status_code == 200
    hidden = outsider.client.get(f"/rest/api/2/issue/{secret['key']}")
    assert hidden.status_code == 404
    assert outsider.client.get(f"/rest/api/2/issue/{secret['key']}/comment").status_code == 404
    keys = [i["key"] for i in outsider.client.get("/rest/api/2/search", params={"jql": f"project = {key}"})
            .json()["issues"]]
    assert keys == [public["key"]]
    mine = insider.client.get("/rest/api/2/search", params={"jql": f"project = {key} ORDER BY key"}).json()
    assert [i["key"] for i in mine["issues"]] == [secret["key"], public["key"]]
    assert mine["total"] == 2

    # The settable levels of the project: administrators hold Set Issue Security and are members.
    levels = admin.get(f"/rest/api/2/project/{key}/securitylevel").json()["levels"]
    assert [lv["id"] for lv in levels] == [lid]
    assert outsider.client.get(f"/rest/api/2/project/{key}/securitylevel").json() == {"levels": []}

    # Deleting the level needs a decision about its issues; -1 makes them public.
    assert admin.delete(f"{ADMIN_API}/{sid}/level/{lid}").status_code == 400
    assert outsider.client.get(f"/rest/api/2/issue/{secret['key']}").status_code == 404
    assert admin.delete(f"{ADMIN_API}/{sid}/level/{lid}", params={"replaceWith": "-1"}).status_code == 204
    assert outsider.client.get(f"/rest/api/2/issue/{secret['key']}").status_code == 200


def test_scheme_in_use_cannot_be_deleted(admin: httpx.Client, unique, unique_key) -> None:  # type: ignore[no-untyped-def]
    sid, _lid = _scheme_with_level(admin, unique("used"), [])
    key = unique_key()
    make_project(admin, key, issueSecurityScheme=sid)
    response = admin.delete(f"{ADMIN_API}/{sid}")
    assert response.status_code == 400 and key in response.json()["errorMessages"][0]

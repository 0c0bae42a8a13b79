"""GET/POST/DELETE /issue/{key}/watchers and the issue's "watches" field."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import httpx

from tests.platform.watchers.conftest import API, IssueRef


def names(body: dict[str, Any]) -> list[str]:
    return [w["name"] for w in body["watchers"]]


def watches(client: httpx.Client, issue: IssueRef) -> dict[str, Any]:
    response = client.get(f"{API}/issue/{issue.key}", params={"fields": "watches"})
    assert response.status_code == 200, response.text
    return response.json()["fields"]["watches"]


def test_empty_watcher_list(admin: httpx.Client, issue: IssueRef, base_url: str) -> None:
    response = admin.get(issue.watchers)
    assert response.status_code == 200
    assert response.json() == {"self": f"{base_url}{issue.watchers}", "watchCount": 0, "isWatching": False,
                               "watchers": []}


def test_add_self_with_empty_body_and_remove(admin: httpx.Client, issue: IssueRef) -> None:
    assert admin.post(issue.watchers).status_code == 204
    body = admin.get(issue.watchers).json()
    assert (body["watchCount"], body["isWatching"], names(body)) == (1, True, ["admin"])
    assert watches(admin, issue) == {"self": body["self"], "watchCount": 1, "isWatching": True}
    assert admin.post(issue.watchers).status_code == 204  # twice is still one watcher
    assert admin.get(issue.watchers).json()["watchCount"] == 1
    assert admin.delete(issue.watchers, params={"username": "admin"}).status_code == 204
    assert admin.get(issue.watchers).json()["watchCount"] == 0
    assert watches(admin, issue)["isWatching"] is False


def test_admin_adds_other_user_by_name_and_account_id(admin: httpx.Client, issue: IssueRef, make_user) -> None:
    bob, carol = make_user("bob"), make_user("carol")
    assert admin.post(issue.watchers, json=bob.name).status_code == 204
    account_id = admin.get(f"{API}/user", params={"username": carol.name}).json()["accountId"]
    assert admin.post(issue.watchers, json=account_id).status_code == 204
    body = admin.get(issue.watchers).json()
    assert sorted(names(body)) == sorted([bob.name, carol.name])
    assert body["isWatching"] is False
    watcher = next(w for w in body["watchers"] if w["name"] == bob.name)
    assert watcher["key"] == bob.key and watcher["active"] is True
    assert admin.delete(issue.watchers, params={"accountId": account_id}).status_code == 204
    assert names(admin.get(issue.watchers).json()) == [bob.name]
    # The default scheme grants "View Voters and Watchers" to every user (the matrix tests the refusal).
    seen = bob.client.get(issue.watchers).json()
    assert (seen["watchCount"], seen["isWatching"], names(seen)) == (1, True, [bob.name])
    assert watches(bob.client, issue)["isWatching"] is True


def test_user_watches_and_unwatches_self(issue: IssueRef, make_user, admin: httpx.Client) -> None:
    bob = make_user("bob")
    assert bob.client.post(issue.watchers, json=bob.name).status_code == 204
    assert names(admin.get(issue.watchers).json()) == [bob.name]
    assert bob.client.delete(issue.watchers, params={"username": bob.name}).status_code == 204
    assert admin.get(issue.watchers).json()["watchCount"] == 0


def test_user_cannot_manage_others(issue: IssueRef, make_user, admin: httpx.Client) -> None:
    bob, carol = make_user("bob"), make_user("carol")
    refused = bob.client.post(issue.watchers, json=carol.name)
    assert refused.status_code == 401
    assert refused.json() == {"errorMessages": [f"User '{bob.name}' is not allowed to manage the watcher list "
                                                f"of issue '{issue.key}'."], "errors": {}}
    assert admin.post(issue.watchers, json=carol.name).status_code == 204
    assert bob.client.delete(issue.watchers, params={"username": carol.name}).status_code == 401
    assert names(admin.get(issue.watchers).json()) == [carol.name]


def test_project_administrators_role_manages_watchers(issue: IssueRef, make_user, admin: httpx.Client) -> None:
    bob, carol = make_user("bob"), make_user("carol")
    roles = admin.get(f"{API}/project/{issue.project_key}/role").json()
    role_url = next(url for name, url in roles.items() if name == "Administrators")
    assert admin.post(role_url, json={"user": [bob.name]}).status_code == 200
    assert bob.client.post(issue.watchers, json=carol.name).status_code == 204
    assert names(bob.client.get(issue.watchers).json()) == [carol.name]


def test_bad_input(admin: httpx.Client, issue: IssueRef, unique: Callable[[str], str]) -> None:
    for body in ('{"name": "admin"}', "42", "[\"admin\"]"):
        response = admin.post(issue.watchers, content=body, headers={"Content-Type": "application/json"})
        assert response.status_code == 400, body
        assert response.json() == {"errorMessages": ["The watcher must be given as a JSON string: the user's name."],
                                   "errors": {}}
    broken = admin.post(issue.watchers, content="{nope", headers={"Content-Type": "application/json"})
    assert broken.status_code == 400
    ghost = unique("ghost")
    unknown = admin.post(issue.watchers, json=ghost)
    assert unknown.status_code == 404
    assert unknown.json()["errorMessages"] == [f'The user "{ghost}" does not exist.']
    missing = admin.delete(issue.watchers)
    assert missing.status_code == 400
    assert missing.json() == {"errorMessages": [],
                              "errors": {"username": "The 'username' query parameter was not provided"}}
    assert admin.delete(issue.watchers, params={"username": ghost}).status_code == 404
    assert admin.get(issue.watchers).json()["watchCount"] == 0


def test_inactive_user_cannot_watch(admin: httpx.Client, issue: IssueRef, make_user) -> None:
    bob = make_user("bob")
    assert admin.put(f"{API}/user", params={"username": bob.name}, json={"active": False}).status_code == 200
    refused = admin.post(issue.watchers, json=bob.name)
    assert refused.status_code == 400
    assert refused.json() == {"errorMessages": [f'The user "{bob.name}" is inactive and cannot watch issues.'],
                              "errors": {}}
    assert admin.get(issue.watchers).json()["watchCount"] == 0

def test_unknown_issue_and_anonymous(admin: httpx.Client, anon: httpx.Client, issue: IssueRef) -> None:
    for method in ("GET", "POST", "DELETE"):
        response = admin.request(method, f"{API}/issue/NOPE-999999/watchers", params={"username": "admin"})
        assert response.status_code == 404, method
        assert response.json() == {"errorMessages": ["Issue Does Not Exist"], "errors": {}}
        assert anon.request(method, issue.watchers, params={"username": "admin"}).status_code == 401
    assert admin.get(issue.watchers).json()["watchCount"] == 0


def test_watching_disabled(admin: httpx.Client, issue: IssueRef, switched_off) -> None:
    assert admin.post(issue.watchers).status_code == 204
    with switched_off("jira.option.watching"):
        for method in ("GET", "POST", "DELETE"):
            response = admin.request(method, issue.watchers, params={"username": "admin"})
            assert response.status_code == 404, method
            assert response.json() == {"errorMessages": ["Watching is disabled on this JIRA instance."],
                                       "errors": {}}
    assert admin.get(issue.watchers).json()["watchCount"] == 1


def test_deleted_issue_takes_its_watchers(admin: httpx.Client, issue: IssueRef) -> None:
    assert admin.post(issue.watchers).status_code == 204
    assert admin.delete(f"{API}/issue/{issue.key}").status_code == 204
    assert admin.get(issue.watchers).status_code == 404


def test_jira_client(jira, issue: IssueRef, make_user) -> None:  # type: ignore[no-untyped-def]
    bob = make_user("bob")
    jira.add_watcher(issue.key, bob.name)
    jira.add_watcher(issue.key, "admin")
    watchers = jira.watchers(issue.key)
    assert watchers.watchCount == 2 and watchers.isWatching is True
    assert sorted(w.name for w in watchers.watchers) == sorted(["admin", bob.name])
    fetched = jira.issue(issue.key)
    assert fetched.fields.watches.watchCount == 2 and fetched.fields.watches.isWatching is True
    jira.remove_watcher(issue.key, bob.name)
    assert [w.name for w in jira.watchers(issue.key).watchers] == ["admin"]


def test_atlassian_client(base_url: str, issue: IssueRef, make_user) -> None:  # type: ignore[no-untyped-def]
    from atlassian import Jira

    client = Jira(url=base_url, username="admin", password="admin")
    bob = make_user("bob")
    client.issue_add_watcher(issue.key, bob.name)
    body = client.issue_get_watchers(issue.key)
    assert (body["watchCount"], names(body)) == (1, [bob.name])
    client.issue_delete_watcher(issue.key, bob.name)
    assert client.issue_get_watchers(issue.key)["watchCount"] == 0


def test_creator_and_reporter_watch_new_issues(admin: httpx.Client, make_user, unique_key) -> None:  # type: ignore[no-untyped-def]
    reporter = make_user("autowatch")
    key = unique_key()
    assert admin.post("/rest/api/2/project", json={"key": key, "name": key, "projectTypeKey": "software",
                                                   "lead": "admin"}).status_code == 201
    created = admin.post("/rest/api/2/issue", json={"fields": {
        "project": {"key": key}, "summary": "Autowatched", "issuetype": {"name": "Task"},
        "reporter": {"name": reporter.name}}}).json()
    body = admin.get(f"/rest/api/2/issue/{created['key']}/watchers").json()
    assert sorted(w["name"] for w in body["watchers"]) == sorted(["admin", reporter.name])
    assert body["watchCount"] == 2 and body["isWatching"] is True

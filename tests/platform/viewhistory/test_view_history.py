"""The issue history: GET /issue/{key}?updateHistory=true records a view; issueHistory() and lastViewed read it."""

from __future__ import annotations

import time
from collections.abc import Callable

import httpx
import pytest

from tests.conftest import TestUser as MadeUser

API = "/rest/api/2"


@pytest.fixture
def project(admin: httpx.Client, unique_key: Callable[[], str]) -> str:
    key = unique_key()
    created = admin.post(f"{API}/project", json={"key": key, "name": key, "lead": "admin", "projectTypeKey": "software"})
    assert created.status_code == 201, created.text
    return key


def make_issues(admin: httpx.Client, project: str, count: int) -> list[str]:
    updates = [{"fields": {"project": {"key": project}, "summary": f"viewed {n}", "issuetype": {"name": "Task"}}}
               for n in range(count)]
    created = admin.post(f"{API}/issue/bulk", json={"issueUpdates": updates})
    assert created.status_code == 201, created.text
    return [issue["key"] for issue in created.json()["issues"]]


def view(client: httpx.Client, key: str, update: bool = True) -> None:
    params = {"updateHistory": "true"} if update else {}
    response = client.get(f"{API}/issue/{key}", params={**params, "fields": "summary"})
    assert response.status_code == 200, response.text


def found(client: httpx.Client, jql: str) -> list[str]:
    response = client.post(f"{API}/search", json={"jql": jql, "fields": ["key"], "maxResults": 200})
    assert response.status_code == 200, response.text
    return [issue["key"] for issue in response.json()["issues"]]


def test_views_fill_the_callers_history_only(admin: httpx.Client, project: str,
                                             make_user: Callable[..., MadeUser]) -> None:
    first, second, third = make_issues(admin, project, 3)
    alice, bob = make_user("alice"), make_user("bob")
    view(alice.client, first)
    view(alice.client, second)
    view(alice.client, third, update=False)  # Jira records a view only when asked to
    view(bob.client, third)
    scope = f"project = {project} AND "
    assert found(alice.client, scope + "issue in issueHistory() ORDER BY key") == [first, second]
    assert found(bob.client, scope + "issue in issueHistory()") == [third]
    assert found(alice.client, scope + "issue not in issueHistory()") == [third]
    assert found(admin, scope + "issue in issueHistory()") == []


def test_last_viewed_is_a_date_of_the_callers_views(admin: httpx.Client, project: str,
                                                    make_user: Callable[..., MadeUser]) -> None:
    first, second, third = make_issues(admin, project, 3)
    carol = make_user("carol")
    view(carol.client, first)
    time.sleep(0.05)
    view(carol.client, second)
    time.sleep(0.05)
    view(carol.client, first)  # viewing again moves it to the front
    scope = f"project = {project} AND "
    assert found(carol.client, scope + "lastViewed is not EMPTY ORDER BY lastViewed DESC") == [first, second]
    assert found(carol.client, scope + "lastViewed is EMPTY") == [third]
    assert found(carol.client, scope + "lastViewed = EMPTY") == [third]
    assert found(carol.client, scope + "lastViewed > -1h ORDER BY key") == [first, second]
    assert found(carol.client, scope + "lastViewed >= startOfDay() ORDER BY key") == [first, second]
    assert found(carol.client, scope + "lastViewed < -1h") == []
    assert found(carol.client, scope + "lastViewed <= endOfDay(-1) ") == []
    assert found(carol.client, scope + "lastViewed != EMPTY ORDER BY key") == [first, second]
    assert found(carol.client, scope + "lastViewed in (EMPTY) ") == [third]
    # Empty values sort last going up, as every date does.
    assert found(carol.client, f"project = {project} ORDER BY lastViewed ASC") == [second, first, third]
    assert found(admin, scope + "lastViewed is not EMPTY") == []


def test_history_keeps_the_fifty_most_recent_views(admin: httpx.Client, project: str,
                                                   make_user: Callable[..., MadeUser]) -> None:
    keys = make_issues(admin, project, 52)
    dave = make_user("dave")
    for key in keys:
        view(dave.client, key)
    kept = found(dave.client, f"project = {project} AND issue in issueHistory()")
    assert len(kept) == 50 and set(kept) == set(keys[2:])
    assert found(dave.client, f"project = {project} AND lastViewed is EMPTY ORDER BY key") == keys[:2]
    view(dave.client, keys[0])  # back into the history; the oldest remaining view drops out
    kept = found(dave.client, f"project = {project} AND issue in issueHistory()")
    assert keys[0] in kept and keys[2] not in kept and len(kept) == 50


def test_issue_history_takes_no_arguments(admin: httpx.Client) -> None:
    response = admin.post(f"{API}/search", json={"jql": "issue in issueHistory(x)"})
    assert response.status_code == 400
    assert response.json() == {"errorMessages": ["Function 'issueHistory' expected '0' arguments but received '1'."],
                               "errors": {}}


def test_deleted_issues_leave_the_history(admin: httpx.Client, project: str) -> None:
    first, second = make_issues(admin, project, 2)
    view(admin, first)
    view(admin, second)
    assert admin.delete(f"{API}/issue/{first}").status_code == 204
    assert found(admin, f"project = {project} AND issue in issueHistory()") == [second]


def test_jira_client_searches_the_history(jira, admin: httpx.Client, project: str) -> None:  # type: ignore[no-untyped-def]
    (key,) = make_issues(admin, project, 1)
    view(admin, key)
    issues = jira.search_issues(f"project = {project} AND issue in issueHistory()")
    assert [issue.key for issue in issues] == [key]

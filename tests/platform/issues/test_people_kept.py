"""Processes keep the users they render for the configuration generation (`issues/people.py`): a change to a
user is seen by the very next page that names them, in issues, searches and comments alike."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import httpx

from tests.platform.issues.helpers import make_issue, make_project

API = "/rest/api/2"


def _assignee(admin: httpx.Client, key: str) -> dict[str, Any]:
    issue = admin.get(f"{API}/issue/{key}", params={"fields": "assignee,comment"})
    assert issue.status_code == 200, issue.text
    found: dict[str, Any] = issue.json()["fields"]["assignee"]
    return found


def _found_in_search(admin: httpx.Client, key: str) -> dict[str, Any]:
    page = admin.post(f"{API}/search", json={"jql": f"key = {key}", "fields": ["assignee"]})
    assert page.status_code == 200, page.text
    found: dict[str, Any] = page.json()["issues"][0]["fields"]["assignee"]
    return found


def test_a_changed_user_is_rendered_changed_at_once(admin: httpx.Client, make_user,  # type: ignore[no-untyped-def]
                                                    unique_key: Callable[[], str]) -> None:
    user = make_user("kept")
    key = unique_key()
    make_project(admin, key)
    issue = make_issue(admin, key, "named", assignee={"name": user.name})["key"]
    assert admin.post(f"{API}/issue/{issue}/comment", json={"body": "by admin"}).status_code == 201
    assert user.client.post(f"{API}/issue/{issue}/comment", json={"body": "by the user"}).status_code == 201
    before = _assignee(admin, issue)
    assert before["displayName"] == user.name.title() and before["active"] is True
    assert _found_in_search(admin, issue) == before

    changed = admin.put(f"{API}/user", params={"username": user.name},
                        json={"displayName": "Renamed Person", "emailAddress": f"new-{user.name}@example.org"})
    assert changed.status_code == 200, changed.text
    after = _assignee(admin, issue)
    assert after["displayName"] == "Renamed Person"
    assert after["emailAddress"] == f"new-{user.name}@example.org"
    assert _found_in_search(admin, issue) == after
    comments = admin.get(f"{API}/issue/{issue}/comment").json()["comments"]
    assert [c["author"]["displayName"] for c in comments] == [admin.get(f"{API}/myself").json()["displayName"],
                                                             "Renamed Person"]

    gone = admin.put(f"{API}/user", params={"username": user.name}, json={"active": False})
    assert gone.status_code == 200, gone.text
    assert _assignee(admin, issue)["active"] is False
    assert _found_in_search(admin, issue)["active"] is False


def test_pages_render_the_same_when_the_process_keeps_few_users(admin: httpx.Client, make_user,  # type: ignore[no-untyped-def]
                                                                unique_key: Callable[[], str],
                                                                monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """Past its limit the process starts its kept users again, without changing a page."""
    from ticketry.platform.issues import people

    users = [make_user(f"few{n}") for n in range(3)]
    key = unique_key()
    make_project(admin, key)
    issues = [make_issue(admin, key, f"few {n}", assignee={"name": u.name})["key"] for n, u in enumerate(users)]
    kept = [_found_in_search(admin, i) for i in issues]
    monkeypatch.setattr(people, "_SHARED_LIMIT", 1)
    assert [_found_in_search(admin, i) for i in issues] == kept
    assert [_assignee(admin, i)["name"] for i in issues] == [u.name for u in users]


def _user_statements(server, action: Callable[[], object]) -> list[str]:  # type: ignore[no-untyped-def]
    from tests.querycount import counted_queries

    with counted_queries(server) as statements:
        action()
    return [s for s in statements if "FROM app_user" in s]


def test_a_process_loads_its_users_in_bulk_once_it_meets_one(admin: httpx.Client, make_user,  # type: ignore[no-untyped-def]
                                                            server, unique_key: Callable[[], str],
                                                            monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """After a configuration change, the first page that names someone not kept loads the users in bulk with
    them (`_WARM_ROWS` at a time, by id): pages naming others then need no statement for their people."""
    from ticketry.platform.issues import people

    users = [make_user(f"bulk{n}") for n in range(4)]
    key = unique_key()
    make_project(admin, key)
    issues = [make_issue(admin, key, f"bulk {n}", assignee={"name": u.name})["key"] for n, u in enumerate(users)]

    make_user("bump")  # a user written: a new generation, nobody kept
    first = _user_statements(server, lambda: _assignee(admin, issues[0]))
    assert any("next_users" in s for s in first)
    for issue, user in zip(issues[1:], users[1:], strict=True):
        assert _user_statements(server, lambda i=issue: _assignee(admin, i)) == []
        assert _assignee(admin, issue)["name"] == user.name

    monkeypatch.setattr(people, "_WARM_ROWS", 2)  # a few users a statement: pages load until all are kept
    make_user("bump")
    loads = 0
    for issue, user in [*zip(issues, users, strict=True)] * 2:
        loads += len(_user_statements(server, lambda i=issue: _found_in_search(admin, i)))
        assert _found_in_search(admin, issue)["name"] == user.name
    assert loads >= 1
    assert all(_user_statements(server, lambda i=issue: _assignee(admin, i)) == [] for issue in issues)


def test_while_one_thread_loads_users_in_bulk_the_others_load_their_own(
        admin: httpx.Client, make_user, server, unique_key: Callable[[], str]) -> None:  # type: ignore[no-untyped-def]
    """The request threads of a new process all met unknown users at once and each loaded the same next users
    in bulk; now one does, and a page meanwhile loads only the users it names (right all the same)."""
    from ticketry.platform.issues import people

    users = [make_user(f"own{n}") for n in range(2)]
    key = unique_key()
    make_project(admin, key)
    issues = [make_issue(admin, key, f"own {n}", assignee={"name": u.name})["key"] for n, u in enumerate(users)]
    make_user("bump")  # a new generation: nobody kept
    with people._WARMING:  # another thread is loading the next users
        found: dict[str, Any] = {}
        loaded = _user_statements(server, lambda: found.update(_assignee(admin, issues[0])))
        assert found["name"] == users[0].name
        assert loaded and not any("next_users" in s for s in loaded)
    assert any("next_users" in s for s in _user_statements(server, lambda: _assignee(admin, issues[1])))

"""A caller whose password was verified is remembered (`auth.service.RememberedCallers`): their next
requests read no user row. Whatever would refuse them or change what they see of themselves takes effect
at once all the same."""

from __future__ import annotations

import httpx

from tests.harness import RunningServer, backend
from tests.querycount import least_queries

API = "/rest/api/2"
SESSION = "/rest/auth/1/session"


def _remembered(client: httpx.Client) -> None:
    for _ in range(2):  # the first request verifies the password, the second remembers the caller
        assert client.get(f"{API}/myself").status_code == 200


def test_a_remembered_caller_reads_no_user_row(server: RunningServer, make_user) -> None:  # type: ignore[no-untyped-def]
    user = make_user("quiet")
    _remembered(user.client)
    # The request's transaction (a BEGIN on SQLite) and the configuration generation, nothing else.
    assert least_queries(server, lambda: user.client.get(f"{API}/serverInfo")) == (2 if backend() == "sqlite" else 1)


def test_a_deactivated_or_deleted_caller_is_refused_at_once(admin: httpx.Client, make_user) -> None:  # type: ignore[no-untyped-def]
    user = make_user("leaving")
    _remembered(user.client)
    assert admin.put(f"{API}/user", params={"username": user.name}, json={"active": False}).status_code == 200
    assert user.client.get(f"{API}/myself").status_code == 401
    assert admin.put(f"{API}/user", params={"username": user.name}, json={"active": True}).status_code == 200
    assert user.client.get(f"{API}/myself").status_code == 200
    assert admin.delete(f"{API}/user", params={"username": user.name}).status_code == 204
    assert user.client.get(f"{API}/myself").status_code == 401


def test_failures_throttle_a_remembered_caller(make_user, base_url: str) -> None:  # type: ignore[no-untyped-def]
    user = make_user("guessed")
    _remembered(user.client)
    for _ in range(5):
        assert httpx.get(base_url + SESSION, auth=(user.name, "bad")).status_code == 401
    denied = user.client.get(f"{API}/myself")
    assert denied.status_code == 403
    assert denied.headers["X-Seraph-LoginReason"] == "AUTHENTICATION_DENIED"


def test_a_remembered_caller_sees_their_own_changes(base_url: str, make_user) -> None:  # type: ignore[no-untyped-def]
    user = make_user("changing")
    _remembered(user.client)
    assert user.client.put(f"{API}/user/columns", data={"columns": ["summary", "status"]}).status_code == 200
    assert [c["value"] for c in user.client.get(f"{API}/user/columns").json()] == ["summary", "status"]
    before = user.client.get(SESSION).json()["loginInfo"]["loginCount"]
    with httpx.Client(base_url=base_url) as browser:
        assert browser.post(SESSION, json={"username": user.name, "password": user.password}).status_code == 200
    assert user.client.get(SESSION).json()["loginInfo"]["loginCount"] == before + 1
    assert httpx.get(base_url + SESSION, auth=(user.name, "bad")).status_code == 401
    assert user.client.get(SESSION).json()["loginInfo"]["failedLoginCount"] == 1


def test_a_right_password_after_a_failure_is_remembered_again(server: RunningServer, make_user,  # type: ignore[no-untyped-def]
                                                              base_url: str) -> None:
    """A right password ends a run of failed logins even when it was verified before, so the caller is
    remembered again instead of being read on every request."""
    user = make_user("slipped")
    _remembered(user.client)
    assert httpx.get(base_url + SESSION, auth=(user.name, "bad")).status_code == 401
    _remembered(user.client)
    _remembered(user.client)
    assert user.client.get(SESSION).json()["loginInfo"]["failedLoginCount"] == 1
    assert least_queries(server, lambda: user.client.get(f"{API}/serverInfo")) == (2 if backend() == "sqlite" else 1)

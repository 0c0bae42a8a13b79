"""Authentication: Basic with password or token, bearer tokens, session cookies, throttling, XSRF."""

from __future__ import annotations

import httpx

from ticketry.core.passwords import hash_token


def test_basic_password_identifies_the_caller(admin: httpx.Client) -> None:
    response = admin.get("/rest/auth/1/session")
    assert response.status_code == 200
    assert response.json()["name"] == "admin"
    assert response.headers["X-AUSERNAME"] == "admin"


def test_anonymous_is_refused_where_login_is_required(anon: httpx.Client) -> None:
    response = anon.get("/rest/auth/1/session")
    assert response.status_code == 401
    assert response.json() == {
        "errorMessages": ["You are not authenticated. Authentication required to perform this operation."],
        "errors": {},
    }
    assert response.headers["X-AUSERNAME"] == "anonymous"


def test_wrong_password_is_401_even_on_public_resources(base_url: str) -> None:
    response = httpx.get(base_url + "/rest/api/2/serverInfo", auth=("admin", "wrong"))
    assert response.status_code == 401
    assert response.headers["X-Seraph-LoginReason"] == "AUTHENTICATED_FAILED"


def test_session_cookie_login_and_logout(base_url: str) -> None:
    with httpx.Client(base_url=base_url) as client:
        login = client.post("/rest/auth/1/session", json={"username": "admin", "password": "admin"})
        assert login.status_code == 200, login.text
        body = login.json()
        assert body["session"]["name"] == "JSESSIONID"
        assert client.cookies.get("JSESSIONID") == body["session"]["value"]
        assert body["loginInfo"]["loginCount"] >= 1
        me = client.get("/rest/auth/1/session")
        assert me.status_code == 200 and me.json()["name"] == "admin"
        assert client.delete("/rest/auth/1/session").status_code == 204
        client.cookies.set("JSESSIONID", body["session"]["value"])
        assert client.get("/rest/auth/1/session").status_code == 401


def test_session_login_with_bad_password_is_401_and_sets_no_cookie(base_url: str) -> None:
    with httpx.Client(base_url=base_url) as client:
        response = client.post("/rest/auth/1/session", json={"username": "admin", "password": "nope"})
        assert response.status_code == 401
        assert "JSESSIONID" not in client.cookies


def test_login_requires_a_username(anon: httpx.Client) -> None:
    response = anon.post("/rest/auth/1/session", json={"password": "x"})
    assert response.status_code == 400
    assert "username" in response.json()["errors"]


def test_api_token_as_basic_password_and_as_bearer(server, make_user) -> None:  # type: ignore[no-untyped-def]
    from sqlalchemy.orm import Session

    from ticketry.platform.auth.service import create_api_token
    from ticketry.platform.users.service import find_user

    user = make_user("tok")
    with Session(server.app.state.write_engine) as db, db.begin():
        api_token, secret = create_api_token(db, find_user(db, user.name), "ci")  # type: ignore[arg-type]
        assert api_token.token_hash == hash_token(secret) and secret not in api_token.token_hash
    basic = httpx.get(server.url + "/rest/auth/1/session", auth=(user.name, secret))
    assert basic.status_code == 200 and basic.json()["name"] == user.name
    bearer = httpx.get(server.url + "/rest/auth/1/session", headers={"Authorization": f"Bearer {secret}"})
    assert bearer.status_code == 200 and bearer.json()["name"] == user.name
    wrong = httpx.get(server.url + "/rest/auth/1/session", headers={"Authorization": "Bearer not-a-token"})
    assert wrong.status_code == 401


def test_repeated_failures_throttle_even_the_right_password(make_user, base_url: str) -> None:  # type: ignore[no-untyped-def]
    user = make_user("throttled")
    for _ in range(5):
        assert httpx.get(base_url + "/rest/auth/1/session", auth=(user.name, "bad")).status_code == 401
    denied = httpx.get(base_url + "/rest/auth/1/session", auth=(user.name, user.password))
    assert denied.status_code == 403
    assert denied.headers["X-Seraph-LoginReason"] == "AUTHENTICATION_DENIED"


def test_multipart_without_xsrf_token_is_refused(admin: httpx.Client) -> None:
    files = {"file": ("a.txt", b"hello", "text/plain")}
    refused = admin.post("/rest/api/2/project/XSRF/avatar2", files=files)
    assert refused.status_code == 403
    assert refused.json()["errorMessages"] == ["XSRF check failed"]
    allowed = admin.post("/rest/api/2/project/XSRF/avatar2", files=files, headers={"X-Atlassian-Token": "no-check"})
    assert allowed.status_code != 403

"""POST /rest/api/2/licenseValidator: Jira's answer for a key it cannot accept, for every key.

Jira reads the body as plain text (JSON quotes included) and lets anyone call the resource.
"""

from __future__ import annotations

import httpx

URL = "/rest/api/2/licenseValidator"
INVALID = {"license": "Invalid license key specified."}
# Made up, shaped like an Atlassian licence: a base64 body, "X02" and a length suffix.
ATLASSIAN_SHAPED = ("AAABBw0ODAoPeNptkFFLwzAUhd/zKwI+Z7RVYQQK1W7gcHbDdj4IPsT0ugW3pNwkxf17m6YqiA"
                    "95OPeQe853L1Z7oLWhLKVpxpOUZ1m6oOWa3NTlM30QCGXx0qyYAr3NxjzzWbTg4M3O2sW2QZ2i9fUuGE2"
                    "3rkPtpeUN07t0AswHmvPTl4p4I2yTm+rRgG3pmJ9Kqm9MQ5pUVEJyPTz6c6PG1ZVO+IgDGe4XyoNX5WX"
                    "3q5ojxCNe4hbzNxPtWTUJQPjvNjJo8+C4pZ0vO8Umy9acclhvXQkYDFe0HJjNMRz1Xkk2NvdiaWX6xTo"
                    "CeLQhPcqDkOTPxLZacCACPGn+Ks4gq2vhJ6R36C8PKLNsm3lpm+mKq4M3wzA3E3K2MMTQIVAJBYFP+6X"
                    "02kf")


def post(client: httpx.Client, body: bytes, content_type: str | None = "application/json") -> httpx.Response:
    headers = {"Content-Type": content_type} if content_type else {}
    return client.post(URL, content=body, headers=headers)


def test_anyone_may_ask_and_no_key_is_valid(anon: httpx.Client, admin: httpx.Client, make_user) -> None:  # type: ignore[no-untyped-def]
    user = make_user("lic").client
    for client in (anon, user, admin):
        response = post(client, b"AAAB-not-a-licence")
        assert response.status_code == 200
        assert response.json() == {"errors": INVALID, "licenseString": "AAAB-not-a-licence"}
    assert post(anon, b"x").headers["X-AUSERNAME"] == "anonymous"


def test_wrong_credentials_are_refused_even_here(base_url: str) -> None:
    response = httpx.post(base_url + URL, content=b'"AAAB"', headers={"Content-Type": "application/json"},
                          auth=("admin", "wrong"))
    assert response.status_code == 401
    assert set(response.json()) == {"errorMessages", "errors"}


def test_empty_and_blank_keys_get_jiras_invalid_key_answer(anon: httpx.Client) -> None:
    for body in (b"", b"   ", b'""'):
        response = post(anon, body)
        assert response.status_code == 200
        assert response.json() == {"errors": INVALID, "licenseString": body.decode()}
    assert post(anon, b"", content_type=None).json() == {"errors": INVALID, "licenseString": ""}


def test_garbage_and_atlassian_shaped_keys_are_echoed_with_the_error(anon: httpx.Client) -> None:
    for key in ("garbage", ATLASSIAN_SHAPED, "ünïcødé\nkey", "x" * 20_000):
        assert post(anon, key.encode()).json() == {"errors": INVALID, "licenseString": key}
    quoted = f'"{ATLASSIAN_SHAPED}"'
    assert post(anon, quoted.encode()).json() == {"errors": INVALID, "licenseString": quoted}


def test_any_json_document_is_read_as_text_like_jira(anon: httpx.Client) -> None:
    for body in (b"42", b"null", b'{"license": "AAAB"}', b"[1, 2]", b"{bad json", b"\xff\xfe"):
        response = post(anon, body)
        assert response.status_code == 200
        assert response.json() == {"errors": INVALID, "licenseString": body.decode("utf-8", errors="replace")}


def test_bodies_that_are_not_json_are_refused_as_unsupported(anon: httpx.Client) -> None:
    for content_type in ("text/plain", "application/x-www-form-urlencoded"):
        response = post(anon, b"AAAB", content_type=content_type)
        assert response.status_code == 415
        assert set(response.json()) == {"errorMessages", "errors"}
    assert post(anon, b'"AAAB"', content_type="application/json; charset=UTF-8").status_code == 200


def test_nothing_is_stored_a_second_call_answers_the_same(anon: httpx.Client, admin: httpx.Client) -> None:
    first = post(admin, ATLASSIAN_SHAPED.encode())
    second = post(anon, ATLASSIAN_SHAPED.encode())
    assert first.status_code == second.status_code == 200
    assert first.json() == second.json() == {"errors": INVALID, "licenseString": ATLASSIAN_SHAPED}

"""No input produces a 500: every routed endpoint gets hostile ids, parameters and bodies.

Each answer must be a Jira error body (or a success) with a status below 500.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

import httpx
import pytest
from fastapi.routing import APIRoute

from tests.harness import RunningServer

HOSTILE_IDS = ["0", "-1", "abc", "99999999999999999999", "NOPE-1", "%20", "a%2Fb"]
HOSTILE_BODIES: list[tuple[str, bytes]] = [
    ("application/json", b"{bad json"),
    ("application/json", b"[1, 2]"),
    ("application/json", b'"just a string"'),
    ("application/json", b"{}"),
    ("application/json", b'{"name": 5, "key": [], "id": {}, "value": null, "username": true}'),
    ("application/json", b"null"),
    ("text/plain", b"plain text"),
]
HOSTILE_QUERY = {"startAt": "-5", "maxResults": "abc", "expand": "%%%", "username": "", "key": "x" * 300}
# Endpoints whose success would disturb other tests sharing the server.
SKIP = {("DELETE", "/rest/auth/1/session")}


def _routes(server: RunningServer) -> Iterator[tuple[str, str]]:
    for route in server.app.routes:
        if isinstance(route, APIRoute) and route.path.startswith("/rest/"):
            for method in sorted(route.methods - {"HEAD", "OPTIONS"}):
                if (method, route.path) not in SKIP:
                    yield method, route.path


def _fill(path: str, value: str) -> str:
    return re.sub(r"\{[^}]+\}", value, path)


@pytest.fixture(scope="module")
def hostile_admin(base_url: str) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=base_url, auth=("admin", "admin"), timeout=30) as client:
        yield client


def test_hostile_requests_never_get_a_server_error(server: RunningServer, hostile_admin: httpx.Client) -> None:
    failures = []
    for method, path in _routes(server):
        for value in HOSTILE_IDS:
            url = _fill(path, value)
            bodies = HOSTILE_BODIES if method in ("POST", "PUT") else [(None, None)]
            for content_type, body in bodies:
                headers = {"Content-Type": content_type} if content_type else {}
                response = hostile_admin.request(method, url, params=HOSTILE_QUERY, content=body, headers=headers)
                if response.status_code >= 500 or (response.status_code >= 400 and not _is_jira_error(response)):
                    failures.append(f"{method} {url} {body!r} -> {response.status_code} {response.text[:200]}")
    assert failures == []


def _is_jira_error(response: httpx.Response) -> bool:
    try:
        body = response.json()
    except ValueError:
        return False
    return isinstance(body, dict) and "errorMessages" in body and "errors" in body

"""Fixtures: one real server per test session (per xdist worker), clients for it, unique names."""

from __future__ import annotations

import itertools
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass

import httpx
import pytest

from tests.harness import RunningServer, running_server

ADMIN = ("admin", "admin")
PASSWORD = "s3cret-Passw0rd"
_counter = itertools.count(1)


@pytest.fixture(scope="session")
def server() -> Iterator[RunningServer]:
    with running_server() as srv:
        yield srv


@pytest.fixture(scope="session")
def base_url(server: RunningServer) -> str:
    return server.url


def _client(base_url: str, auth: tuple[str, str] | None) -> httpx.Client:
    return httpx.Client(base_url=base_url, auth=auth, timeout=30, headers={"Accept": "application/json"})


@pytest.fixture(scope="session")
def admin(base_url: str) -> Iterator[httpx.Client]:
    """Plain HTTP as the administrator: for exact status codes and bodies."""
    with _client(base_url, ADMIN) as client:
        yield client


@pytest.fixture(scope="session")
def anon(base_url: str) -> Iterator[httpx.Client]:
    with _client(base_url, None) as client:
        yield client


@pytest.fixture(scope="session")
def jira(base_url: str):  # type: ignore[no-untyped-def]
    """The `jira` package from PyPI, logged in as the administrator."""
    from jira import JIRA

    client = JIRA(server=base_url, basic_auth=ADMIN, get_server_info=True, max_retries=0)
    yield client
    client.close()


@pytest.fixture
def unique() -> Callable[[str], str]:
    """Names that no other test uses: unique('grp') -> 'grp-3f9a1c-7'."""
    token = uuid.uuid4().hex[:6]
    return lambda prefix="x": f"{prefix}-{token}-{next(_counter)}"


@pytest.fixture
def unique_key() -> Callable[[], str]:
    """Project keys: upper-case letters and digits, starting with a letter, at most 10 characters."""
    return lambda: "P" + uuid.uuid4().hex[:7].upper().replace("0", "Z")


@dataclass
class TestUser:
    name: str
    password: str
    key: str
    client: httpx.Client


@pytest.fixture
def make_user(admin: httpx.Client, base_url: str, unique: Callable[[str], str]) -> Iterator[Callable[..., TestUser]]:
    """Creates users through the REST API and gives each an authenticated client."""
    made: list[TestUser] = []

    def make(prefix: str = "user", **extra: object) -> TestUser:
        name = unique(prefix)
        body = {"name": name, "password": PASSWORD, "emailAddress": f"{name}@example.com",
                "displayName": name.title(), **extra}
        response = admin.post("/rest/api/2/user", json=body)
        assert response.status_code == 201, response.text
        user = TestUser(name, PASSWORD, response.json()["key"], _client(base_url, (name, PASSWORD)))
        made.append(user)
        return user

    yield make
    for user in made:
        user.client.close()

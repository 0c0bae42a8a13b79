"""Fixtures of the filter tests: filters and projects created through the REST API."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import httpx
import pytest

API = "/rest/api/2"


@pytest.fixture
def make_filter(admin: httpx.Client, unique: Callable[[str], str]) -> Callable[..., dict[str, Any]]:
    """Creates a filter (as admin unless a client is given) and returns its JSON."""

    def make(client: httpx.Client | None = None, **fields: Any) -> dict[str, Any]:
        body = {"name": unique("Filter"), "jql": "issuetype = Bug ORDER BY created DESC", **fields}
        created = (client or admin).post(f"{API}/filter", json=body)
        assert created.status_code == 200, created.text
        return created.json()

    return make


@pytest.fixture
def project(admin: httpx.Client, unique_key: Callable[[], str], unique: Callable[[str], str]
            ) -> Iterator[dict[str, Any]]:
    body = {"key": unique_key(), "name": unique("Project"), "lead": "admin", "projectTypeKey": "software"}
    created = admin.post(f"{API}/project", json=body)
    assert created.status_code == 201, created.text
    yield admin.get(f"{API}/project/{created.json()['id']}").json()
    admin.delete(f"{API}/project/{created.json()['id']}")

"""Fixtures of the dashboard tests: dashboards created through our own API."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import httpx
import pytest

API = "/rest/api/2"
OWN = "/rest/ticketry/1"


def not_found(dashboard_id: str) -> dict[str, Any]:
    return {"errorMessages": [f"The dashboard with id '{dashboard_id}' does not exist."], "errors": {}}


@pytest.fixture
def make_dashboard(admin: httpx.Client, unique: Callable[[str], str]) -> Callable[..., dict[str, Any]]:
    """Creates a dashboard (as admin unless a client is given) and returns its JSON."""

    def make(client: httpx.Client | None = None, **fields: Any) -> dict[str, Any]:
        created = (client or admin).post(f"{OWN}/dashboard", json={"name": unique("Board"), **fields})
        assert created.status_code == 201, created.text
        return created.json()

    return make

"""Fixtures of the project tests: projects created through the REST API."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import httpx
import pytest

API = "/rest/api/2"
SCRUM = "com.pyxis.greenhopper.jira:gh-scrum-template"


@pytest.fixture
def make_project(admin: httpx.Client, unique_key: Callable[[], str],
                 unique: Callable[[str], str]) -> Iterator[Callable[..., dict[str, Any]]]:
    """Creates a project (admin as lead unless given) and returns its full representation."""
    made: list[str] = []

    def make(**fields: Any) -> dict[str, Any]:
        body = {"key": unique_key(), "name": unique("Project"), "lead": "admin", "projectTypeKey": "software",
                **fields}
        created = admin.post(f"{API}/project", json=body)
        assert created.status_code == 201, created.text
        made.append(str(created.json()["id"]))
        project = admin.get(f"{API}/project/{created.json()['key']}")
        assert project.status_code == 200, project.text
        return project.json()

    yield make
    for project_id in made:
        admin.delete(f"{API}/project/{project_id}")

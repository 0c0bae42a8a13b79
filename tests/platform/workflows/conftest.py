"""Fixtures of the workflow tests: projects, custom workflows and schemes through the APIs."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import httpx
import pytest
from sqlalchemy.orm import Session

from tests.harness import RunningServer

API = "/rest/api/2"
ADMIN_API = "/rest/ticketry/1"
SCRUM = "com.pyxis.greenhopper.jira:gh-scrum-template"


@pytest.fixture
def make_project(admin: httpx.Client, unique_key: Callable[[], str],
                 unique: Callable[[str], str]) -> Iterator[Callable[..., dict[str, Any]]]:
    """Creates a project (classic workflow scheme unless a template is given); deletes it afterwards."""
    made: list[str] = []

    def make(**fields: Any) -> dict[str, Any]:
        body = {"key": unique_key(), "name": unique("Project"), "lead": "admin", "projectTypeKey": "software",
                **fields}
        created = admin.post(f"{API}/project", json=body)
        assert created.status_code == 201, created.text
        made.append(str(created.json()["id"]))
        return dict(created.json())

    yield make
    for project_id in made:
        admin.delete(f"{API}/project/{project_id}")


@pytest.fixture
def make_workflow(admin: httpx.Client, unique: Callable[[str], str]) -> Iterator[Callable[..., dict[str, Any]]]:
    """Creates a workflow from a document (a unique name unless given); deletes it afterwards."""
    made: list[str] = []

    def make(**document: Any) -> dict[str, Any]:
        body = {"name": unique("Flow"), "statuses": ["To Do", "In Progress", "Done"], **document}
        created = admin.post(f"{ADMIN_API}/workflow", json=body)
        assert created.status_code == 201, created.text
        made.append(created.json()["name"])
        return dict(created.json())

    yield make
    for name in made:
        admin.delete(f"{ADMIN_API}/workflow/{name}")


@pytest.fixture
def db(server: RunningServer) -> Iterator[Session]:
    """A read session on the test server's database, for calling the workflow service directly."""
    session = server.app.state.read_sessions()
    try:
        yield session
    finally:
        session.rollback()
        session.close()


@pytest.fixture
def make_scheme(admin: httpx.Client, unique: Callable[[str], str]) -> Iterator[Callable[..., dict[str, Any]]]:
    """Creates a workflow scheme of our own (so mappings touch no other test); deletes it afterwards."""
    made: list[int] = []

    def make(default_workflow: str = "jira", **mappings: str) -> dict[str, Any]:
        created = admin.post(f"{ADMIN_API}/workflowscheme",
                             json={"name": unique("Scheme"), "defaultWorkflow": default_workflow})
        assert created.status_code == 201, created.text
        scheme = dict(created.json())
        made.append(scheme["id"])
        for issue_type, workflow in mappings.items():
            mapped = admin.post(f"{ADMIN_API}/workflowscheme/{scheme['id']}/mapping",
                                json={"issueType": issue_type, "workflow": workflow})
            assert mapped.status_code == 200, mapped.text
            scheme = dict(mapped.json())
        return scheme

    yield make
    for scheme_id in made:
        admin.delete(f"{ADMIN_API}/workflowscheme/{scheme_id}")

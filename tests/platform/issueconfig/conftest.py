"""Fixtures of the issue type tests: issue types, projects and issues made over HTTP, removed afterwards.

Issue types made here join the default issue type scheme, which other tests' projects show; they are
deleted after each test (after its projects, which hold their issues).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import httpx
import pytest
from sqlalchemy import select

from tests.harness import RunningServer
from ticketry.platform.auditing.models import AuditRecord

API = "/rest/api/2"
ADMIN_API = "/rest/ticketry/1"


@pytest.fixture
def make_issue_type(admin: httpx.Client, unique: Callable[[str], str]) -> Iterator[Callable[..., dict[str, Any]]]:
    made: list[str] = []

    def make(**fields: Any) -> dict[str, Any]:
        body = {"name": unique("Type")[:60], "description": "Made by a test", **fields}
        response = admin.post(f"{API}/issuetype", json=body)
        assert response.status_code == 201, response.text
        made.append(response.json()["id"])
        return dict(response.json())

    yield make
    for type_id in reversed(made):
        # 404: the test deleted it itself.
        assert admin.delete(f"{API}/issuetype/{type_id}").status_code in (204, 404)


@pytest.fixture
def make_issue(admin: httpx.Client) -> Callable[..., dict[str, Any]]:
    def make(project_key: str, issue_type_id: str, summary: str = "An issue", **fields: Any) -> dict[str, Any]:
        body = {"fields": {"project": {"key": project_key}, "summary": summary,
                           "issuetype": {"id": issue_type_id}, **fields}}
        response = admin.post(f"{API}/issue", json=body)
        assert response.status_code == 201, response.text
        return dict(response.json())

    return make


@pytest.fixture
def make_workflow_scheme(admin: httpx.Client, unique: Callable[[str], str],
                         make_issue_type: Callable[..., dict[str, Any]]) -> Iterator[Callable[..., dict[str, Any]]]:
    """A workflow and a workflow scheme mapping the given issue type ids to it; removed afterwards."""
    schemes: list[int] = []
    workflows: list[str] = []

    def make(*issue_type_ids: str) -> dict[str, Any]:
        workflow = admin.post(f"{ADMIN_API}/workflow",
                              json={"name": unique("Flow"), "statuses": ["To Do", "In Progress", "Done"]})
        assert workflow.status_code == 201, workflow.text
        workflows.append(workflow.json()["name"])
        scheme = admin.post(f"{ADMIN_API}/workflowscheme", json={"name": unique("Scheme"), "defaultWorkflow": "jira"})
        assert scheme.status_code == 201, scheme.text
        schemes.append(scheme.json()["id"])
        for type_id in issue_type_ids:
            mapped = admin.post(f"{ADMIN_API}/workflowscheme/{scheme.json()['id']}/mapping",
                                json={"issueType": type_id, "workflow": workflow.json()["name"]})
            assert mapped.status_code == 200, mapped.text
        return dict(scheme.json())

    yield make
    for scheme_id in schemes:
        assert admin.delete(f"{ADMIN_API}/workflowscheme/{scheme_id}").status_code == 204
    for name in workflows:
        assert admin.delete(f"{ADMIN_API}/workflow/{name}").status_code == 204


@pytest.fixture
def make_project(admin: httpx.Client, unique_key: Callable[[], str], unique: Callable[[str], str],
                 make_workflow_scheme: Callable[..., dict[str, Any]]) -> Iterator[Callable[..., dict[str, Any]]]:
    """Projects on the default issue type and workflow schemes unless told otherwise; deleted afterwards,
    before the workflow schemes they use and the issue types of their issues."""
    made: list[str] = []

    def make(**fields: Any) -> dict[str, Any]:
        body = {"key": unique_key(), "name": unique("Project"), "lead": "admin", "projectTypeKey": "software",
                **fields}
        response = admin.post(f"{API}/project", json=body)
        assert response.status_code == 201, response.text
        made.append(response.json()["key"])
        return dict(admin.get(f"{API}/project/{response.json()['key']}").json())

    yield make
    for key in made:
        assert admin.delete(f"{API}/project/{key}").status_code == 204


@pytest.fixture
def audit_records(server: RunningServer) -> Callable[[str], list[AuditRecord]]:
    """The audit records about one object (by its id), oldest first, read from the server's database."""
    def read(object_id: str) -> list[AuditRecord]:
        with server.app.state.read_sessions() as db:
            rows = db.scalars(select(AuditRecord).where(AuditRecord.category == "issue types")
                              .order_by(AuditRecord.id))
            return [r for r in rows if (r.object_item or {}).get("id") == object_id]

    return read

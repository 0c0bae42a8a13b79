"""Helpers shared by the component and version tests.

Projects are made through POST /rest/api/2/project. Issues are inserted directly into the database
(the issues REST API does not exist yet), to test issue counts and the moves of issue links.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

import httpx
from sqlalchemy import select
from sqlalchemy.orm import Session

from tests.harness import RunningServer
from ticketry.platform.issues.models import Issue, IssueComponent, IssueVersion
from ticketry.platform.projects.models import Project


@dataclass
class ProjectRef:
    id: int
    key: str


@contextmanager
def write_session(server: RunningServer) -> Iterator[Session]:
    db: Session = server.app.state.write_sessions()
    try:
        yield db
        db.commit()
    finally:
        db.close()


def create_project(server: RunningServer, key: str, *, lead: str = "admin",
                   assignee_type: str = "UNASSIGNED") -> ProjectRef:
    body = {"key": key, "name": f"Project {key}", "projectTypeKey": "software", "lead": lead,
            "assigneeType": assignee_type}
    response = httpx.post(f"{server.url}/rest/api/2/project", json=body, auth=("admin", "admin"), timeout=30)
    assert response.status_code == 201, response.text
    created = response.json()
    return ProjectRef(int(created["id"]), created["key"])


def insert_issue(server: RunningServer, project: ProjectRef, *, components: tuple[int, ...] = (),
                 fix: tuple[int, ...] = (), affects: tuple[int, ...] = (), resolved: bool = False) -> int:
    """An issue row with component and version links (no issues REST API yet)."""
    with write_session(server) as db:
        row = db.get(Project, project.id)
        assert row is not None
        row.issue_counter += 1
        issue = Issue(project_id=project.id, number=row.issue_counter, key=f"{project.key}-{row.issue_counter}",
                      issue_type_id=1, status_id=5 if resolved else 1, summary="counted",
                      resolution_id=10000 if resolved else None)
        db.add(issue)
        db.flush()
        db.add_all([IssueComponent(issue_id=issue.id, component_id=c) for c in components])
        db.add_all([IssueVersion(issue_id=issue.id, version_id=v, kind="fix") for v in fix])
        db.add_all([IssueVersion(issue_id=issue.id, version_id=v, kind="affects") for v in affects])
        return issue.id


def component_links(server: RunningServer, issue_id: int) -> set[int]:
    with write_session(server) as db:
        return set(db.scalars(select(IssueComponent.component_id).where(IssueComponent.issue_id == issue_id)))


def version_links(server: RunningServer, issue_id: int) -> set[tuple[int, str]]:
    with write_session(server) as db:
        rows = db.execute(select(IssueVersion.version_id, IssueVersion.kind).where(IssueVersion.issue_id == issue_id))
        return {(version_id, kind) for version_id, kind in rows}


def error(field: str, message: str) -> dict[str, Any]:
    return {"errorMessages": [], "errors": {field: message}}

"""Rows of features whose REST resources are not ours to call (projects, issues, role actors),
written straight into the test server's database."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from tests.harness import RunningServer
from ticketry.platform.issues.models import Issue
from ticketry.platform.projects.models import Project, ProjectRoleActor
from ticketry.platform.users.models import Group, User


@dataclass
class MadeProject:
    id: int
    key: str


def _user_id(db: Session, name: str) -> int:
    return db.scalars(select(User.id).where(User.lower_name == name.lower())).one()


@pytest.fixture
def project_factory(server: RunningServer) -> Callable[..., MadeProject]:
    def make(lead: str = "admin") -> MadeProject:
        key = "U" + uuid.uuid4().hex[:6].upper().replace("0", "Z")
        with Session(server.app.state.write_engine) as db, db.begin():
            project = Project(key=key, name=f"Project {key}", lead_id=_user_id(db, lead), permission_scheme_id=0,
                              workflow_scheme_id=10000, issue_type_scheme_id=10000)
            db.add(project)
            db.flush()
            return MadeProject(project.id, key)

    return make


@pytest.fixture
def issue_factory(server: RunningServer) -> Callable[..., str]:
    def make(project: MadeProject, *, assignee: str | None = None, reporter: str = "admin") -> str:
        with Session(server.app.state.write_engine) as db, db.begin():
            number = len(db.scalars(select(Issue.id).where(Issue.project_id == project.id)).all()) + 1
            key = f"{project.key}-{number}"
            db.add(Issue(project_id=project.id, number=number, key=key, issue_type_id=3, status_id=1,
                         summary="An issue", reporter_id=_user_id(db, reporter),
                         assignee_id=_user_id(db, assignee) if assignee else None))
            return key

    return make


@pytest.fixture
def role_actor(server: RunningServer) -> Callable[..., list[tuple[int, int | None, str]]]:
    """role_actor(group, role_id=..., project_id=...) adds a group actor; role_actor(group) lists them."""

    def actors(group: str, role_id: int | None = None, project_id: int | None = None) -> list[tuple[int, int | None, str]]:
        with Session(server.app.state.write_engine) as db, db.begin():
            group_id = db.scalars(select(Group.id).where(Group.lower_name == group.lower())).first()
            if role_id is not None and group_id is not None:
                db.add(ProjectRoleActor(role_id=role_id, project_id=project_id, group_id=group_id))
                db.flush()
            rows = db.execute(
                select(ProjectRoleActor.role_id, ProjectRoleActor.project_id, Group.name)
                .join(Group, Group.id == ProjectRoleActor.group_id)
                .where(Group.lower_name == group.lower())
                .order_by(ProjectRoleActor.role_id)
            ).all()
            return [(r, p, g) for r, p, g in rows]

    return actors

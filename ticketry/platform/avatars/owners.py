"""The entities that own avatars through /universal_avatar: projects and issue types."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.orm import Session

from ticketry.core.errors import NotFound
from ticketry.core.ids import db_id
from ticketry.platform.avatars.service import DEFAULT_PROJECT_AVATAR, ISSUE_TYPE, PROJECT
from ticketry.platform.issueconfig.models import IssueType
from ticketry.platform.projects.models import Project
from ticketry.platform.projects.service import find_project


@dataclass
class Owner:
    avatar_type: str
    entity: Project | IssueType

    @property
    def owner_id(self) -> str:
        return str(self.entity.id)

    @property
    def selected(self) -> int | None:
        return self.entity.avatar_id

    def select(self, avatar_id: int | None) -> None:
        self.entity.avatar_id = avatar_id

    def reset(self) -> None:
        """After its selected avatar is deleted: projects go back to the default avatar."""
        self.entity.avatar_id = DEFAULT_PROJECT_AVATAR if self.avatar_type == PROJECT else None


def get_owner(db: Session, avatar_type: str, entity_id: str) -> Owner:
    if avatar_type == PROJECT:
        project = find_project(db, entity_id)
        if project is None:
            raise NotFound(f"No project could be found with key '{entity_id}'.")
        return Owner(PROJECT, project)
    if avatar_type == ISSUE_TYPE:
        number = db_id(entity_id)
        issue_type = db.get(IssueType, number) if number is not None else None
        if issue_type is None:
            raise NotFound(f"The issue type with id '{entity_id}' does not exist.")
        return Owner(ISSUE_TYPE, issue_type)
    raise NotFound(f"The avatar type '{avatar_type}' is not valid; use project or issuetype.")

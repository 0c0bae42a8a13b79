"""What the issue's configuration decides: screens (which fields apply), workflow (initial status)."""

from __future__ import annotations

from sqlalchemy.orm import Session

from ticketry.platform.projects.models import Project
from ticketry.platform.screens import service as screens
from ticketry.platform.workflows import service as workflows


def screen_fields(db: Session, project_id: int, issue_type_id: int, operation: str) -> set[str]:
    """The fields on the project's create, edit or view screen for the issue type."""
    return set(screens.screen_field_ids(db, project_id, issue_type_id, operation))


def transition_screen_fields(db: Session, screen_id: int | None) -> list[str]:
    return screens.tab_field_ids(db, screen_id) if screen_id is not None else []


def initial_status_id(db: Session, project: Project, issue_type_id: int) -> int:
    return workflows.initial_status_id(db, workflows.workflow_for(db, project.id, issue_type_id))

"""What the issue's configuration decides: screens (which fields apply), workflow (initial status).

Both are read on every create, edit and transition, so they come from the per-process configuration cache
(invalidated by any change to screens, schemes, workflows or projects, in any process)."""

from __future__ import annotations

from sqlalchemy.orm import Session

from ticketry.core.config_cache import cached
from ticketry.platform.projects.models import Project
from ticketry.platform.screens import service as screens
from ticketry.platform.workflows import service as workflows


def screen_fields(db: Session, project_id: int, issue_type_id: int, operation: str) -> set[str]:
    """The fields on the project's create, edit or view screen for the issue type."""
    ids = cached(db, ("screen_fields", project_id, issue_type_id, operation),
                 lambda s: tuple(screens.screen_field_ids(s, project_id, issue_type_id, operation)))
    return set(ids)


def transition_screen_fields(db: Session, screen_id: int | None) -> list[str]:
    return screens.tab_field_ids(db, screen_id) if screen_id is not None else []


def initial_status_id(db: Session, project: Project, issue_type_id: int) -> int:
    return cached(db, ("initial_status", project.id, issue_type_id),
                  lambda s: workflows.initial_status_id(s, workflows.workflow_for(s, project.id, issue_type_id)))

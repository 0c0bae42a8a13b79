"""Project rules. (Lookup first: other features resolve projects through these functions.)"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from ticketry.core.errors import NotFound
from ticketry.platform.projects.models import Project


def find_project(db: Session, id_or_key: str | int | None) -> Project | None:
    """A project by numeric id or by key (case-insensitive)."""
    if id_or_key is None or id_or_key == "":
        return None
    text = str(id_or_key)
    if text.isdigit():
        found = db.get(Project, int(text))
        if found is not None:
            return found
    return db.scalars(select(Project).where(Project.key == text.upper())).first()


def get_project(db: Session, id_or_key: str | int | None) -> Project:
    project = find_project(db, id_or_key)
    if project is None:
        raise NotFound(f"No project could be found with key '{id_or_key}'.")
    return project

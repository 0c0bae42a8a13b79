"""Administration of the project roles themselves: create, rename, describe, delete."""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ticketry.core.errors import BadRequest, Conflict, NotFound
from ticketry.platform.projects.models import ProjectRole
from ticketry.platform.projects.roles import get_role

MAX_NAME = 255
MAX_DESCRIPTION = 1000


def _check_name(db: Session, name: str | None, exclude_id: int | None) -> str:
    if name is None or not name.strip() or name != name.strip():
        raise BadRequest(errors={"name": "The role name must not be empty, nor start or end with whitespace."})
    if len(name) > MAX_NAME:
        raise BadRequest(errors={"name": f"The role name must not exceed {MAX_NAME} characters."})
    holder = db.scalar(select(ProjectRole.id).where(func.lower(ProjectRole.name) == name.lower()))
    if holder is not None and holder != exclude_id:
        raise Conflict(f"A project role with name '{name}' already exists.")
    return name


def _check_description(description: str | None) -> str | None:
    if description is not None and len(description) > MAX_DESCRIPTION:
        raise BadRequest(errors={"description": f"The description must not exceed {MAX_DESCRIPTION} characters."})
    return description


def create_role(db: Session, name: str | None, description: str | None) -> ProjectRole:
    role = ProjectRole(name=_check_name(db, name, None), description=_check_description(description) or "")
    db.add(role)
    db.flush()
    return role


def update_role(db: Session, role: ProjectRole, name: str | None, description: str | None, *,
                full: bool) -> ProjectRole:
    """Partial (POST): at least one of name and description; full (PUT): both."""
    if full and (name is None or description is None):
        raise BadRequest("Both the name and the description of the role must be given.")
    if name is None and description is None:
        raise BadRequest("Give a new name or a new description of the role.")
    if name is not None:
        role.name = _check_name(db, name, role.id)
    if description is not None:
        role.description = _check_description(description) or ""
    db.flush()
    return role


def delete_role(db: Session, role: ProjectRole, swap: str | None) -> None:
    """Deletes the role and its actors. Nothing else refers to roles yet, so `swap` is only checked."""
    if swap is not None:
        try:
            replacement = get_role(db, swap)
        except NotFound:
            raise BadRequest(f"The project role with id '{swap}' to swap in does not exist.") from None
        if replacement.id == role.id:
            raise BadRequest("A role cannot be swapped with itself.")
    db.delete(role)
    db.flush()

"""Project categories: names are unique (case-insensitive); deleting one uncategorises its projects."""

from __future__ import annotations

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from ticketry.core.errors import BadRequest, Conflict, NotFound
from ticketry.core.ids import db_id
from ticketry.platform.projects.models import Project, ProjectCategory

MAX_NAME = 255
MAX_DESCRIPTION = 1000


def all_categories(db: Session) -> list[ProjectCategory]:
    return list(db.scalars(select(ProjectCategory).order_by(func.lower(ProjectCategory.name), ProjectCategory.id)))


def get_category(db: Session, category_id: str | int) -> ProjectCategory:
    number = db_id(category_id)
    category = db.get(ProjectCategory, number) if number is not None else None
    if category is None:
        raise NotFound(f"No project category with id '{category_id}' exists.")
    return category


def _check(db: Session, name: str | None, description: str | None, exclude_id: int | None) -> None:
    if name is not None:
        if not name.strip():
            raise BadRequest(errors={"name": "The project category name must not be empty."})
        if len(name) > MAX_NAME:
            raise BadRequest(errors={"name": f"The project category name must not exceed {MAX_NAME} characters."})
        holder = db.scalar(select(ProjectCategory.id).where(
            func.lower(ProjectCategory.name) == name.strip().lower()))
        if holder is not None and holder != exclude_id:
            raise Conflict(f"A project category with the name '{name.strip()}' already exists.")
    if description is not None and len(description) > MAX_DESCRIPTION:
        raise BadRequest(errors={"description": f"The description must not exceed {MAX_DESCRIPTION} characters."})


def create_category(db: Session, name: str | None, description: str | None) -> ProjectCategory:
    if name is None:
        raise BadRequest(errors={"name": "The project category name must not be empty."})
    _check(db, name, description, None)
    category = ProjectCategory(name=name.strip(), description=description or "")
    db.add(category)
    db.flush()
    return category


def update_category(db: Session, category: ProjectCategory, name: str | None,
                    description: str | None) -> ProjectCategory:
    _check(db, name, description, category.id)
    if name is not None:
        category.name = name.strip()
    if description is not None:
        category.description = description
    db.flush()
    return category


def delete_category(db: Session, category: ProjectCategory) -> None:
    db.execute(update(Project).where(Project.category_id == category.id).values(category_id=None)
               .execution_options(synchronize_session=False))
    db.delete(category)
    db.flush()

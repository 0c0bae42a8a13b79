"""Issue keys: PROJ-N numbers allocated by one atomic UPDATE ... RETURNING (no gaps, no duplicates)."""

from __future__ import annotations

from sqlalchemy import update
from sqlalchemy.orm import Session

from ticketry.platform.projects.models import Project


def allocate_number(db: Session, project_id: int) -> int:
    """The next issue number of the project; the row stays locked until the transaction ends."""
    number = db.execute(
        update(Project)
        .where(Project.id == project_id)
        .values(issue_counter=Project.issue_counter + 1)
        .returning(Project.issue_counter)
        .execution_options(synchronize_session=False)
    ).scalar_one()
    return int(number)


def issue_key(project_key: str, number: int) -> str:
    return f"{project_key}-{number}"

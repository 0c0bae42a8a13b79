"""Issue keys: PROJ-N numbers allocated by one atomic UPDATE ... RETURNING (no gaps, no duplicates)."""

from __future__ import annotations

from collections import Counter
from typing import cast

from sqlalchemy import Integer, Table, bindparam, update
from sqlalchemy.orm import Session

from ticketry.platform.projects.models import Project

PROJECT = cast(Table, Project.__table__)  # a Core UPDATE: the ORM's bulk-update bookkeeping is not needed
# Built once: building the statement cost a create more than SQLAlchemy's cached compile of it.
_TAKE_NUMBERS = (update(PROJECT).where(PROJECT.c.id == bindparam("project"))
                 .values(issue_counter=PROJECT.c.issue_counter + bindparam("count", type_=Integer))
                 .returning(PROJECT.c.issue_counter))


def allocate_numbers(db: Session, project_ids: list[int]) -> list[int]:
    """The next numbers for issues of these projects, in the order given: one UPDATE ... RETURNING per project
    takes a whole range, and the project row stays locked until the transaction ends, so concurrent writers
    never share a number. Projects are locked in id order, so two batches never wait on each other in a cycle."""
    wanted = Counter(project_ids)
    next_of: dict[int, int] = {}
    for project_id in sorted(wanted):
        last = db.execute(_TAKE_NUMBERS, {"project": project_id, "count": wanted[project_id]}).scalar_one()
        next_of[project_id] = int(last) - wanted[project_id] + 1
    numbers = []
    for project_id in project_ids:
        numbers.append(next_of[project_id])
        next_of[project_id] += 1
    return numbers


def issue_key(project_key: str, number: int) -> str:
    return f"{project_key}-{number}"

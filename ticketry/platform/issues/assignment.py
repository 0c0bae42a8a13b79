"""Who an issue is assigned to automatically ("-1"): the first component's rule, else the project's."""

from __future__ import annotations

from sqlalchemy.orm import Session

from ticketry.core.errors import BadRequest
from ticketry.platform.components.models import Component
from ticketry.platform.components.render import AssigneeRules, load_people, unassigned_allowed
from ticketry.platform.projects.models import Project
from ticketry.platform.users.models import User


def automatic_assignee(db: Session, project: Project, components: list[Component]) -> User | None:
    allow = unassigned_allowed(db)
    if not components and project.assignee_type == "UNASSIGNED" and allow:
        return None  # the project's default without reading its lead
    people = load_people(db, components, [project])
    for component in sorted(components, key=lambda c: c.name.lower()):
        kind, user = AssigneeRules(component, project, people, allow).real()
        if kind != "PROJECT_DEFAULT" and (user is not None or kind == "UNASSIGNED"):
            return user
    if project.assignee_type == "UNASSIGNED" and allow:
        return None
    return people.get(project.lead_id)


def check_unassigned(db: Session, assignee: User | None) -> None:
    if assignee is None and not unassigned_allowed(db):
        raise BadRequest(errors={"assignee": "Issues must be assigned."})

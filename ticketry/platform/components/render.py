"""The component's wire shape, with the assignee Jira would pick for it (its "real" assignee)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from ticketry.core.context import RequestContext
from ticketry.platform.appsettings.service import stored_values
from ticketry.platform.components.models import Component
from ticketry.platform.components.service import project_components
from ticketry.platform.projects.models import Project
from ticketry.platform.users.models import User
from ticketry.platform.users.render import user_ref

ALLOW_UNASSIGNED = "jira.option.allowunassigned"


def unassigned_allowed(db: Session) -> bool:
    value = stored_values(db).get(ALLOW_UNASSIGNED)
    return value is None or value.strip().lower() == "true"


def load_people(db: Session, components: Iterable[Component], projects: Iterable[Project]) -> dict[int, User]:
    """Every lead of the components and projects, in one query (no query per component)."""
    ids = {c.lead_id for c in components if c.lead_id} | {p.lead_id for p in projects if p.lead_id}
    if not ids:
        return {}
    return {user.id: user for user in db.scalars(select(User).where(User.id.in_(ids)))}


class AssigneeRules:
    """Jira's choice of default assignee for a component: the configured type if it can be honoured,
    else the project's default (project lead, or nobody when unassigned issues are allowed)."""

    def __init__(self, component: Component, project: Project, users: dict[int, User], allow_unassigned: bool):
        self.component = component
        self.project = project
        self.lead = users.get(component.lead_id) if component.lead_id else None
        self.project_lead = users.get(project.lead_id) if project.lead_id else None
        self.allow_unassigned = allow_unassigned

    def _project_default(self) -> tuple[str, User | None]:
        if self.project.assignee_type == "UNASSIGNED" and self.allow_unassigned:
            return "UNASSIGNED", None
        return "PROJECT_LEAD", self.project_lead

    def configured(self) -> tuple[str, User | None]:
        kind = self.component.assignee_type
        if kind == "COMPONENT_LEAD":
            return kind, self.lead
        if kind == "PROJECT_LEAD":
            return kind, self.project_lead
        if kind == "UNASSIGNED":
            return kind, None
        return self._project_default()

    def is_valid(self) -> bool:
        kind = self.component.assignee_type
        if kind == "COMPONENT_LEAD":
            return self.lead is not None and self.lead.active
        if kind == "PROJECT_LEAD":
            return self.project_lead is not None and self.project_lead.active
        if kind == "UNASSIGNED":
            return self.allow_unassigned
        return True

    def real(self) -> tuple[str, User | None]:
        if self.component.assignee_type != "PROJECT_DEFAULT" and self.is_valid():
            return self.configured()
        return self._project_default()


def component_json(
    ctx: RequestContext,
    component: Component,
    *,
    project: Project | None = None,
    users: dict[int, User] | None = None,
    allow_unassigned: bool | None = None,
    issue_count: int | None = None,
) -> dict[str, Any]:
    """The full component. Pass project, users (load_people) and allow_unassigned when rendering many."""
    project = project or ctx.db.get(Project, component.project_id)
    assert project is not None
    if users is None:
        users = load_people(ctx.db, [component], [project])
    if allow_unassigned is None:
        allow_unassigned = unassigned_allowed(ctx.db)
    rules = AssigneeRules(component, project, users, allow_unassigned)
    body: dict[str, Any] = {"self": ctx.api(f"component/{component.id}"), "id": str(component.id),
                            "name": component.name}
    if component.description:
        body["description"] = component.description
    if rules.lead is not None:
        body["lead"] = user_ref(ctx, rules.lead)
        body["leadUserName"] = rules.lead.name
    _, assignee = rules.configured()
    body["assigneeType"] = component.assignee_type
    if assignee is not None:
        body["assignee"] = user_ref(ctx, assignee)
    real_type, real = rules.real()
    body["realAssigneeType"] = real_type
    if real is not None:
        body["realAssignee"] = user_ref(ctx, real)
    body["isAssigneeTypeValid"] = rules.is_valid()
    body["project"] = project.key
    body["projectId"] = project.id
    body["archived"] = component.archived
    if issue_count is not None:
        body["issueCount"] = issue_count
    return body


def components_json(ctx: RequestContext, components: list[Component], project: Project,
                    counts: dict[int, int] | None = None) -> list[dict[str, Any]]:
    """Many components of one project with a constant number of queries."""
    users = load_people(ctx.db, components, [project])
    allow = unassigned_allowed(ctx.db)
    return [
        component_json(ctx, c, project=project, users=users, allow_unassigned=allow,
                       issue_count=None if counts is None else counts.get(c.id, 0))
        for c in components
    ]


def project_components_json(ctx: RequestContext, project: Project) -> list[dict[str, Any]]:
    """The `components` list of a project representation, sorted by name."""
    return components_json(ctx, project_components(ctx.db, project), project)

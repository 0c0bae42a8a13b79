"""Component rules: validation, creation, changes, deletion with issue moves, issue counts, paging."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import ColumnElement, Integer, Select, and_, delete, exists, func, insert, literal, or_, select
from sqlalchemy.orm import Session, aliased

from ticketry.core.context import RequestContext
from ticketry.core.errors import BadRequest, NotFound
from ticketry.core.ids import db_id
from ticketry.platform.components.models import Component
from ticketry.platform.components.schemas import ComponentIn
from ticketry.platform.issues.models import IssueComponent
from ticketry.platform.permissions.checks import can_administer_project, deny
from ticketry.platform.projects.models import Project
from ticketry.platform.projects.service import get_project
from ticketry.platform.projects.visibility import ADMINISTER_DENIED, require_view
from ticketry.platform.users.models import User
from ticketry.platform.users.service import find_user

ASSIGNEE_TYPES = ("PROJECT_DEFAULT", "COMPONENT_LEAD", "PROJECT_LEAD", "UNASSIGNED")
NAME_LIMIT = 255
MAX_LONG = 2**63 - 1
# Offsets beyond this return an empty page (databases refuse larger OFFSET values).
MAX_OFFSET = 2**31 - 1




def check_start_at(start_at: int) -> int:
    if start_at > MAX_LONG:
        raise BadRequest(errors={"startAt": f"The value of startAt must not exceed {MAX_LONG}."})
    return start_at


def like_pattern(text: str) -> str:
    """A case-insensitive 'contains' LIKE pattern (lower-cased), with the wildcards escaped."""
    escaped = text.replace("\x00", "").lower().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def get_component(db: Session, raw_id: str | int) -> Component:
    component_id = db_id(raw_id)
    component = db.get(Component, component_id) if component_id is not None else None
    if component is None:
        raise NotFound(f"The component with id {raw_id} does not exist.")
    return component


def visible_component(ctx: RequestContext, raw_id: str | int) -> Component:
    component = get_component(ctx.db, raw_id)
    require_view(ctx, component.project_id, f"The component with id {raw_id} does not exist.")
    return component


def administered_component(ctx: RequestContext, raw_id: str | int) -> Component:
    """Component changes need Administer Projects in its project (or Jira administration)."""
    component = visible_component(ctx, raw_id)
    if not can_administer_project(ctx, component.project_id):
        raise deny(ctx, ADMINISTER_DENIED)
    return component


def viewable_project(ctx: RequestContext, ref: str | int) -> Project:
    project = lookup_project(ctx.db, ref)
    require_view(ctx, project.id, f"No project could be found with key '{ref}'.")
    return project


def administered_project_of(ctx: RequestContext, key: str | int | None, project_id: str | int | None) -> Project:
    """The project a new component or version goes to, if the caller administers it."""
    project = resolve_project(ctx.db, key, project_id)
    require_view(ctx, project.id, f"No project could be found with key '{project_id or key}'.")
    if not can_administer_project(ctx, project.id):
        raise deny(ctx, ADMINISTER_DENIED)
    return project


def lookup_project(db: Session, ref: str | int) -> Project:
    """A project by id or key; 404 for ids beyond any database integer (rather than a database error)."""
    text = str(ref).strip()
    if text.isdigit() and db_id(text) is None:
        raise NotFound(f"No project could be found with key '{ref}'.")
    return get_project(db, text)


def resolve_project(db: Session, key: str | int | None, project_id: str | int | None) -> Project:
    """The project of a new component or version: projectId wins over the key."""
    ref = project_id if project_id not in (None, "") else key
    if ref is None or str(ref).strip() == "":
        raise BadRequest(errors={"project": "The project is not valid."})
    return lookup_project(db, ref)


def _name_error(db: Session, project_id: int, name: str, own_id: int | None) -> str | None:
    if not name:
        return "The component name must not be empty."
    if len(name) > NAME_LIMIT:
        return f"The component name must not exceed {NAME_LIMIT} characters in length."
    query = select(Component.id).where(
        Component.project_id == project_id, func.lower(Component.name) == name.lower()
    )
    if own_id is not None:
        query = query.where(Component.id != own_id)
    if db.scalar(query.limit(1)) is not None:
        return f"A component with the name {name} already exists in this project."
    return None


def _resolve_lead(db: Session, identifier: str) -> User | None:
    if identifier == "":
        return None
    user = find_user(db, identifier)
    if user is None:
        raise BadRequest(errors={"leadUserName": f"The user {identifier} does not exist."})
    return user


def _check_assignee_type(value: str | None) -> None:
    if value is not None and value not in ASSIGNEE_TYPES:
        raise BadRequest(errors={"assigneeType": f"The assignee type '{value}' is not valid. "
                                 f"Valid types are: {', '.join(ASSIGNEE_TYPES)}."})


def create_component(db: Session, body: ComponentIn) -> Component:
    project = resolve_project(db, body.project, body.projectId)
    name = (body.name or "").strip()
    error = _name_error(db, project.id, name, None)
    if error:
        raise BadRequest(errors={"name": error})
    _check_assignee_type(body.assigneeType)
    lead_ref = body.lead_identifier()
    lead = _resolve_lead(db, lead_ref) if lead_ref is not None else None
    component = Component(
        project_id=project.id,
        name=name,
        description=body.description or "",
        lead_id=lead.id if lead else None,
        assignee_type=body.assigneeType or "PROJECT_DEFAULT",
        archived=bool(body.archived),
    )
    db.add(component)
    db.flush()
    return component


def update_component(db: Session, component: Component, body: ComponentIn) -> Component:
    """Fields present override; absent (or null) fields are left alone; leadUserName "" clears the lead."""
    if body.name is not None:
        name = body.name.strip()
        error = _name_error(db, component.project_id, name, component.id)
        if error:
            raise BadRequest(errors={"name": error})
        component.name = name
    _check_assignee_type(body.assigneeType)
    lead_ref = body.lead_identifier()
    if lead_ref is not None:
        lead = _resolve_lead(db, lead_ref)
        component.lead_id = lead.id if lead else None
    if body.description is not None:
        component.description = body.description
    if body.assigneeType is not None:
        component.assignee_type = body.assigneeType
    if body.archived is not None:
        component.archived = body.archived
    db.flush()
    return component


def delete_component(db: Session, component: Component, move_issues_to: str | None) -> None:
    if move_issues_to not in (None, ""):
        target = _move_target(db, component, str(move_issues_to))
        _copy_links(db, component.id, target.id)
    db.execute(delete(IssueComponent).where(IssueComponent.component_id == component.id))
    db.delete(component)
    db.flush()


def _move_target(db: Session, component: Component, ref: str) -> Component:
    target_id = db_id(ref)
    target = db.get(Component, target_id) if target_id is not None else None
    if target is None:
        target = db.scalars(select(Component).where(
            Component.project_id == component.project_id, Component.name == ref)).first()
    if target is None or target.project_id != component.project_id or target.id == component.id:
        raise BadRequest(errors={"moveIssuesTo": f"The component with id {ref} does not exist "
                                 "in the project of the component being deleted."})
    return target


def _copy_links(db: Session, source_id: int, target_id: int) -> None:
    """Links every issue of the source component to the target (unless it already is)."""
    existing = aliased(IssueComponent)
    rows = select(IssueComponent.issue_id, literal(target_id, Integer)).where(
        IssueComponent.component_id == source_id,
        ~exists().where(and_(existing.issue_id == IssueComponent.issue_id, existing.component_id == target_id)),
    )
    db.execute(insert(IssueComponent).from_select(["issue_id", "component_id"], rows))


def issue_count(db: Session, component_id: int) -> int:
    return db.scalar(
        select(func.count()).select_from(IssueComponent).where(IssueComponent.component_id == component_id)
    ) or 0


def issue_counts(db: Session, component_ids: list[int]) -> dict[int, int]:
    if not component_ids:
        return {}
    rows = db.execute(
        select(IssueComponent.component_id, func.count())
        .where(IssueComponent.component_id.in_(component_ids))
        .group_by(IssueComponent.component_id)
    )
    return {component_id: count for component_id, count in rows}


def project_components(db: Session, project: Project) -> list[Component]:
    return list(db.scalars(
        select(Component).where(Component.project_id == project.id).order_by(func.lower(Component.name), Component.id)
    ))


@dataclass
class ComponentPage:
    components: list[Component]
    counts: dict[int, int]
    total: int


def _count_column() -> ColumnElement[int]:
    return (
        select(func.count()).select_from(IssueComponent)
        .where(IssueComponent.component_id == Component.id).scalar_subquery()
    )


def _order_columns(order_by: str | None) -> list[Any]:
    raw = (order_by or "name").strip()
    descending = raw.startswith("-")
    field = raw.lstrip("+-")
    lead = aliased(User)
    columns: dict[str, Any] = {
        "name": func.lower(Component.name),
        "description": func.lower(Component.description),
        "lead": select(func.lower(lead.display_name)).where(lead.id == Component.lead_id).scalar_subquery(),
        "assignee": Component.assignee_type,
        "assigneeType": Component.assignee_type,
        "issueCount": _count_column(),
    }
    if field not in columns:
        raise BadRequest(errors={"orderBy": f"The value '{raw}' is not a valid orderBy field. "
                                 f"Valid fields are: {', '.join(columns)}."})
    column = columns[field]
    return [column.desc() if descending else column.asc(), func.lower(Component.name), Component.id]


def page_components(db: Session, project: Project, *, start_at: int, max_results: int,
                    order_by: str | None, query: str | None) -> ComponentPage:
    base: Select[Any] = select(Component).where(Component.project_id == project.id)
    if query:
        pattern = like_pattern(query)
        base = base.where(or_(func.lower(Component.name).like(pattern, escape="\\"),
                              func.lower(Component.description).like(pattern, escape="\\")))
    total = db.scalar(select(func.count()).select_from(base.subquery())) or 0
    ordered = base.order_by(*_order_columns(order_by)).offset(min(start_at, MAX_OFFSET)).limit(max_results)
    components = list(db.scalars(ordered))
    return ComponentPage(components, issue_counts(db, [c.id for c in components]), total)

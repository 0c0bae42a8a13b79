"""Permission holders ({"type", "parameter"}) as the REST API takes and shows them: validated on the way
in (the parameter stored in Jira's canonical form), expanded on the way out."""

from __future__ import annotations

from typing import Any

from sqlalchemy.orm import Session

from ticketry.core.context import RequestContext
from ticketry.core.errors import BadRequest
from ticketry.platform.fields.catalog import custom_field_def, field_json, find_custom_field
from ticketry.platform.fields.types import field_type
from ticketry.platform.permissions import catalog as c
from ticketry.platform.projects.models import ProjectRole
from ticketry.platform.users.models import ApplicationRole, User
from ticketry.platform.users.render import group_ref, user_json
from ticketry.platform.users.service import find_group, find_user

# What each holder type can expand into (the holder's "expand" attribute).
EXPANDS = {c.GROUP: "group", c.USER: "user", c.PROJECT_ROLE: "projectRole", c.USER_CUSTOM_FIELD: "field",
           c.GROUP_CUSTOM_FIELD: "field"}


def parse_holder(db: Session, raw: Any) -> tuple[str, str | None]:
    """A holder from a request body, with its parameter made canonical (group name, user key, role id,
    custom field id); 400 naming what is wrong."""
    if not isinstance(raw, dict):
        raise BadRequest("The permission holder is required.")
    kind = raw.get("type")
    parameter = raw.get("parameter")
    if not isinstance(kind, str) or kind not in c.HOLDER_TYPES:
        raise BadRequest(f"Invalid permission holder type '{kind}'.")
    if parameter is not None and not isinstance(parameter, str):
        raise BadRequest("The permission holder parameter must be a string.")
    parameter = (parameter or "").strip() or None
    if kind in c.NEEDS_PARAMETER and parameter is None:
        raise BadRequest(f"Permission holder of type '{kind}' requires a parameter.")
    if kind in (c.ANYONE, c.REPORTER, c.ASSIGNEE, c.PROJECT_LEAD):
        if parameter is not None:
            raise BadRequest(f"Permission holder of type '{kind}' does not take a parameter.")
        return kind, None
    return kind, _canonical_parameter(db, kind, parameter)


def _canonical_parameter(db: Session, kind: str, parameter: str | None) -> str | None:
    if kind == c.APPLICATION_ROLE:
        if parameter is not None and db.get(ApplicationRole, parameter) is None:
            raise BadRequest(f"Application role '{parameter}' does not exist.")
        return parameter
    assert parameter is not None
    if kind == c.GROUP:
        group = find_group(db, parameter)
        if group is None:
            raise BadRequest(f"Group '{parameter}' does not exist.")
        return group.name
    if kind == c.USER:
        user = find_user(db, parameter)
        if user is None:
            raise BadRequest(f"User '{parameter}' does not exist.")
        return user.key
    if kind == c.PROJECT_ROLE:
        role = db.get(ProjectRole, int(parameter)) if parameter.isdigit() and len(parameter) < 10 else None
        if role is None:
            raise BadRequest(f"Project role with id '{parameter}' does not exist.")
        return str(role.id)
    return _custom_field_parameter(db, kind, parameter)


def _custom_field_parameter(db: Session, kind: str, parameter: str) -> str:
    wanted = "user" if kind == c.USER_CUSTOM_FIELD else "group"
    field = find_custom_field(db, parameter) if parameter.startswith("customfield_") else None
    kind_of = field_type(field.type_key) if field is not None else None
    if field is None or kind_of is None or kind_of.schema_type != wanted:
        raise BadRequest(f"Custom field '{parameter}' does not exist or is not a {wanted} field.")
    return f"customfield_{field.id}"


def holder_json(ctx: RequestContext, kind: str, parameter: str | None, expand: set[str]) -> dict[str, Any]:
    body: dict[str, Any] = {"type": kind}
    if parameter is not None:
        body["parameter"] = parameter
    what = EXPANDS.get(kind)
    if what is None:
        return body
    body["expand"] = what
    if what in expand or "all" in expand:
        expanded = _expanded(ctx, kind, parameter)
        if expanded is not None:
            body[what] = expanded
    return body


def _expanded(ctx: RequestContext, kind: str, parameter: str | None) -> dict[str, Any] | None:
    if parameter is None:
        return None
    if kind == c.GROUP:
        return group_ref(ctx, parameter)
    if kind == c.USER:
        user = find_user(ctx.db, parameter)
        return user_json(ctx, user) if isinstance(user, User) else None
    if kind == c.PROJECT_ROLE:
        role = ctx.db.get(ProjectRole, int(parameter)) if parameter.isdigit() else None
        return None if role is None else {"self": ctx.api(f"role/{role.id}"), "name": role.name, "id": role.id,
                                          "description": role.description}
    field = find_custom_field(ctx.db, parameter)
    return field_json(custom_field_def(field)) if field is not None else None

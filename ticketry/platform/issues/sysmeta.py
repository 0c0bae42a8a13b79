"""createmeta/editmeta entries of the system fields: required, schema, name, operations, allowed values."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select

from ticketry.core.context import RequestContext
from ticketry.platform.components.models import Component
from ticketry.platform.fields.catalog import field_by_id
from ticketry.platform.fields.metadata import project_versions
from ticketry.platform.issueconfig.lookup import constant, in_sequence
from ticketry.platform.issueconfig.models import IssueType, Priority, Resolution
from ticketry.platform.issueconfig.render import issue_type_json, priority_json, resolution_json
from ticketry.platform.issues.render import component_ref, version_ref
from ticketry.platform.permissions.models import IssueSecurityLevel
from ticketry.platform.projects.models import Project
from ticketry.platform.projects.render import project_ref

OPERATIONS = {
    "summary": ["set"], "description": ["set"], "environment": ["set"], "issuetype": [], "project": ["set"],
    "parent": ["set"], "priority": ["set"], "resolution": ["set"], "assignee": ["set"], "reporter": ["set"],
    "duedate": ["set"], "security": ["set"], "labels": ["add", "set", "remove"],
    "components": ["add", "set", "remove"], "versions": ["set", "add", "remove"],
    "fixVersions": ["set", "add", "remove"], "timetracking": ["set", "edit"],
}
REQUIRED = {"summary", "issuetype", "project", "parent"}


def _allowed(ctx: RequestContext, field_id: str, project: Project, issue_type: IssueType) -> list[Any] | None:
    db = ctx.db
    if field_id == "priority":
        return [priority_json(ctx, p) for p in in_sequence(db, Priority)]
    if field_id == "resolution":
        return [resolution_json(ctx, r) for r in in_sequence(db, Resolution)]
    if field_id == "components":
        return [component_ref(ctx, c) for c in ctx.once(f"meta.components.{project.id}", lambda: list(db.scalars(
            select(Component).where(Component.project_id == project.id).order_by(Component.name))))]
    if field_id in ("versions", "fixVersions"):
        return [version_ref(ctx, v) for v in project_versions(ctx, project.id)]
    if field_id == "security":
        levels = db.scalars(select(IssueSecurityLevel).where(
            IssueSecurityLevel.scheme_id == project.issue_security_scheme_id).order_by(IssueSecurityLevel.name))
        return [{"self": ctx.api(f"securitylevel/{lv.id}"), "id": str(lv.id), "description": lv.description,
                 "name": lv.name} for lv in levels]
    if field_id == "issuetype":
        return [issue_type_json(ctx, issue_type)]
    if field_id == "project":
        return [project_ref(ctx, project)]
    return None


def _auto_complete(ctx: RequestContext, field_id: str, issue_key: str | None) -> str | None:
    if field_id == "assignee":
        return ctx.url(f"/rest/api/latest/user/assignable/search?issueKey={issue_key or 'null'}&username=")
    if field_id == "reporter":
        return ctx.url("/rest/api/latest/user/search?username=")
    if field_id == "labels":
        return ctx.url("/rest/api/1.0/labels/suggest?query=")
    return None


def system_metadata(ctx: RequestContext, field_id: str, project: Project, issue_type: IssueType, *,
                    issue_key: str | None = None, required: bool | None = None) -> dict[str, Any]:
    definition = field_by_id(ctx.db, field_id)
    schema = definition.schema if definition and definition.schema else {"type": "issuelink", "system": field_id}
    name = definition.name if definition else field_id
    body: dict[str, Any] = {"required": field_id in REQUIRED if required is None else required,
                            "schema": schema, "name": name, "key": field_id}
    url = _auto_complete(ctx, field_id, issue_key)
    if url is not None:
        body["autoCompleteUrl"] = url
    body["hasDefaultValue"] = field_id == "priority"
    body["operations"] = OPERATIONS.get(field_id, ["set"])
    allowed = _allowed(ctx, field_id, project, issue_type)
    if allowed is not None:
        body["allowedValues"] = allowed
    if field_id == "priority":
        default = constant(ctx.db, Priority, 3)
        if default is not None:
            body["defaultValue"] = priority_json(ctx, default)
    return body

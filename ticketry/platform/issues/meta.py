"""createmeta and editmeta: exactly the fields create and edit accept, from the screens."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select

from ticketry.core.context import RequestContext
from ticketry.core.expand import Expand
from ticketry.platform.issueconfig.lookup import constant
from ticketry.platform.issueconfig.models import IssueType
from ticketry.platform.issueconfig.render import issue_type_json
from ticketry.platform.issues import custom, permits
from ticketry.platform.issues.models import Issue
from ticketry.platform.issues.registry import HANDLERS
from ticketry.platform.issues.sysmeta import system_metadata
from ticketry.platform.permissions.engine import access
from ticketry.platform.projects.models import Project
from ticketry.platform.projects.render import project_avatar_urls, project_issue_types, project_self
from ticketry.platform.projects.service import project_of
from ticketry.platform.screens.service import screen_field_ids


def accepted(field_ids: list[str]) -> list[str]:
    """The screen's fields that the input layer can set (attachments, worklogs... are set elsewhere)."""
    return [f for f in field_ids if f in HANDLERS or custom.is_custom(f)]


def field_meta(ctx: RequestContext, field_id: str, project: Project, issue_type: IssueType, *,
               issue_key: str | None = None, required: bool | None = None) -> dict[str, Any]:
    if custom.is_custom(field_id):
        body = custom.metadata(ctx, field_id, project.id)
        if required is not None:
            body["required"] = required
        return body
    return system_metadata(ctx, field_id, project, issue_type, issue_key=issue_key, required=required)


def create_fields(ctx: RequestContext, project: Project, issue_type: IssueType) -> dict[str, Any]:
    hidden = permits.hidden_on_create(ctx, project)
    ids = ["project", "issuetype", *(["parent"] if issue_type.subtask else []),
           *accepted(screen_field_ids(ctx.db, project.id, issue_type.id, "create"))]
    return {f: field_meta(ctx, f, project, issue_type) for f in dict.fromkeys(ids) if f not in hidden}


def edit_meta(ctx: RequestContext, issue: Issue) -> dict[str, Any]:
    """The fields the caller may edit: none without Edit Issues."""
    if not permits.may_edit(ctx, issue):
        return {"fields": {}}
    project = project_of(ctx.db, issue.project_id)
    issue_type = constant(ctx.db, IssueType, issue.issue_type_id)
    assert issue_type is not None
    hidden = permits.hidden_on_issue(ctx, issue)
    ids = [f for f in accepted(screen_field_ids(ctx.db, project.id, issue_type.id, "edit")) if f not in hidden]
    return {"fields": {f: field_meta(ctx, f, project, issue_type, issue_key=issue.key,
                                     required=f == "summary" or None) for f in ids}}


def _projects(ctx: RequestContext, ids: list[str], keys: list[str]) -> list[Project]:
    """The asked projects the caller may create issues in. Asked projects are checked one by one: listing
    every creatable project in the statement cost most of the request with thousands of projects."""
    query = select(Project).where(Project.archived.is_(False))
    checks = access(ctx)
    if not (ids or keys):
        creatable = sorted(checks.projects_with("CREATE_ISSUES"))
        return list(ctx.db.scalars(query.where(Project.id.in_(creatable)).order_by(Project.name)))
    numeric = [int(i) for i in ids if i.isdigit() and len(i) < 10]
    query = query.where(Project.id.in_(numeric) | Project.key.in_([k.upper() for k in keys]))
    return [p for p in ctx.db.scalars(query.order_by(Project.name)) if checks.can("CREATE_ISSUES", p.id)]


def create_meta(ctx: RequestContext, project_ids: list[str], project_keys: list[str], type_ids: list[str],
                type_names: list[str], expand: Expand) -> dict[str, Any]:
    with_fields = "fields" in expand.nested("projects").nested("issuetypes")
    projects = []
    for project in _projects(ctx, project_ids, project_keys):
        types = [t for t in project_issue_types(ctx.db, project)
                 if (not type_ids or str(t.id) in type_ids) and (not type_names or t.name in type_names)]
        projects.append({
            "expand": "issuetypes", "self": project_self(ctx, project), "id": str(project.id),
            "key": project.key, "name": project.name, "avatarUrls": project_avatar_urls(ctx, project),
            "issuetypes": [_type_entry(ctx, project, t, with_fields) for t in types],
        })
    return {"expand": "projects", "projects": projects}


def _type_entry(ctx: RequestContext, project: Project, issue_type: IssueType, with_fields: bool) -> dict[str, Any]:
    body = issue_type_json(ctx, issue_type)
    body["expand"] = "fields"
    if with_fields:
        body["fields"] = create_fields(ctx, project, issue_type)
    return body


def split_params(values: list[str]) -> list[str]:
    return [part.strip() for value in values for part in value.split(",") if part.strip()]

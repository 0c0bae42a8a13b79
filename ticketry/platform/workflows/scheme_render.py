"""Wire shapes of Jira's /workflowscheme resource: schemes and drafts, workflow, issue type and
default mappings (field order as Jira sends them)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select

from ticketry.core.context import RequestContext
from ticketry.core.expand import Expand
from ticketry.core.timefmt import format_datetime
from ticketry.platform.issueconfig.models import IssueType
from ticketry.platform.issueconfig.render import issue_type_json
from ticketry.platform.users.models import User
from ticketry.platform.users.render import user_ref
from ticketry.platform.workflows.scheme_service import SchemeView, live_mappings, mappings_of, named


def _type_map(names: dict[int | None, str]) -> dict[str, str]:
    return {str(type_id): name for type_id, name in sorted((k, v) for k, v in names.items() if k is not None)}


def scheme_json(ctx: RequestContext, target: SchemeView, expand: Expand | None = None) -> dict[str, Any]:
    scheme, draft = target.scheme, target.draft
    current = named(ctx.db, mappings_of(ctx.db, target))
    body: dict[str, Any] = {
        "id": draft.id if draft is not None else scheme.id,
        "name": scheme.name,
        "description": scheme.description,
        "defaultWorkflow": current[None],
        "issueTypeMappings": _type_map(current),
    }
    if draft is not None:
        original = named(ctx.db, live_mappings(ctx.db, scheme))
        body["originalDefaultWorkflow"] = original[None]
        body["originalIssueTypeMappings"] = _type_map(original)
    body["draft"] = draft is not None
    if draft is not None:
        author = ctx.db.get(User, draft.last_modified_user_id) if draft.last_modified_user_id else None
        if author is not None:
            body["lastModifiedUser"] = user_ref(ctx, author)
        body["lastModified"] = format_datetime(draft.last_modified)
    body["self"] = ctx.api(f"workflowscheme/{scheme.id}" + ("/draft" if draft is not None else ""))
    if expand is not None and "issueTypes" in expand:
        types = ctx.db.scalars(select(IssueType).order_by(IssueType.id))
        body["issueTypes"] = {str(t.id): issue_type_json(ctx, t) for t in types}
    return body


def default_json(ctx: RequestContext, target: SchemeView) -> dict[str, str]:
    return {"workflow": named(ctx.db, {None: mappings_of(ctx.db, target)[None]})[None]}


def issue_type_mapping_json(ctx: RequestContext, target: SchemeView, type_id: int) -> dict[str, Any]:
    """The issue type's own mapping: no workflow when the type follows the default."""
    mappings = mappings_of(ctx.db, target)
    body: dict[str, Any] = {"issueType": str(type_id)}
    if type_id in mappings:
        body["workflow"] = named(ctx.db, {type_id: mappings[type_id]})[type_id]
    return body


def workflow_mapping_json(names: dict[int | None, str], workflow: str) -> dict[str, Any]:
    types = sorted(type_id for type_id, name in names.items() if type_id is not None and name == workflow)
    return {"workflow": workflow, "issueTypes": [str(t) for t in types], "defaultMapping": names[None] == workflow}


def workflow_mappings_json(ctx: RequestContext, target: SchemeView, workflow: str | None) -> Any:
    """One workflow's mapping, or every workflow the scheme uses (the default first, then by name)."""
    names = named(ctx.db, mappings_of(ctx.db, target))
    if workflow is not None:
        return workflow_mapping_json(names, workflow)
    others = sorted(set(names.values()) - {names[None]})
    return [workflow_mapping_json(names, name) for name in [names[None], *others]]


"""Wire shapes of workflows, transition properties and workflow schemes."""

from __future__ import annotations

from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ticketry.core.context import RequestContext
from ticketry.core.timefmt import format_datetime
from ticketry.platform.defaults import CLASSIC_WORKFLOW
from ticketry.platform.users.models import User
from ticketry.platform.workflows.admin import scheme_mappings
from ticketry.platform.workflows.models import Workflow, WorkflowScheme, WorkflowStatus


def workflows_json(db: Session, name: str | None = None) -> list[dict[str, Any]]:
    """GET /workflow: every workflow (or the named one) with its step count, in one query."""
    steps = (select(func.count()).where(WorkflowStatus.workflow_id == Workflow.id)
             .correlate(Workflow).scalar_subquery())
    query = (select(Workflow, steps, User.name, User.display_name)
             .outerjoin(User, User.lower_name == func.lower(Workflow.updated_by))
             .order_by(Workflow.name))
    if name is not None:
        query = query.where(Workflow.name == name)
    return [_workflow_json(w, count, user_name, display) for w, count, user_name, display in db.execute(query)]


def _workflow_json(workflow: Workflow, steps: int, user_name: str | None, display: str | None) -> dict[str, Any]:
    body: dict[str, Any] = {"name": workflow.name, "description": workflow.description,
                            "lastModifiedDate": format_datetime(workflow.updated)}
    if workflow.updated_by:
        body["lastModifiedUser"] = display or workflow.updated_by
        body["lastModifiedUserAccountId"] = user_name or workflow.updated_by
    body["steps"] = int(steps)
    body["default"] = workflow.id == CLASSIC_WORKFLOW
    return body


def property_json(key: str, value: str) -> dict[str, str]:
    return {"key": key, "value": value, "id": key}


def scheme_json(ctx: RequestContext, scheme: WorkflowScheme) -> dict[str, Any]:
    default, mappings = scheme_mappings(ctx.db, scheme)
    return {"id": scheme.id, "name": scheme.name, "description": scheme.description, "defaultWorkflow": default,
            "issueTypeMappings": mappings, "draft": False, "self": ctx.api(f"workflowscheme/{scheme.id}")}

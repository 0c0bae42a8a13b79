"""Our admin API for drafts of workflows (Jira's v2 API reads and edits their transition
properties with workflowMode=draft but has no way to create or publish them).

Under /workflowdraft/{name} rather than /workflow/{name}/draft: workflow names may hold slashes,
and /workflow/{name:path} would swallow the suffix.
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request, Response

from ticketry.core.deps import AdminCtx
from ticketry.core.responses import JiraJSONResponse
from ticketry.core.routing import JiraRoute
from ticketry.platform.auditing.service import WORKFLOWS, Item, record
from ticketry.platform.workflows import document, drafts
from ticketry.platform.workflows.service import get_workflow

router = APIRouter(route_class=JiraRoute, tags=["workflow administration"])


def _author(ctx: AdminCtx) -> str:
    assert ctx.user is not None
    return ctx.user.name


def _audit(ctx: AdminCtx, summary: str, workflow_id: int, name: str) -> None:
    record(ctx, summary, WORKFLOWS, item=Item(workflow_id, name, "WORKFLOW"))


@router.post("/workflowdraft/{name:path}/publish")
def publish_draft(name: str, ctx: AdminCtx) -> dict[str, Any]:
    """The draft replaces the workflow (400 when issues are in a status it drops); the draft is gone."""
    workflow = drafts.publish_draft(ctx.db, get_workflow(ctx.db, name), _author(ctx))
    _audit(ctx, "Draft workflow published", workflow.id, workflow.name)
    return document.export_document(ctx.db, workflow)


@router.post("/workflowdraft/{name:path}", status_code=201)
def create_draft(name: str, ctx: AdminCtx) -> Response:
    """A draft copying the (active) workflow."""
    workflow = get_workflow(ctx.db, name)
    draft = drafts.create_draft(ctx.db, workflow, _author(ctx))
    _audit(ctx, "Draft workflow created", workflow.id, workflow.name)
    return JiraJSONResponse(draft.document, status_code=201)


@router.get("/workflowdraft/{name:path}")
def get_draft(name: str, ctx: AdminCtx) -> Any:
    return drafts.get_draft(ctx.db, get_workflow(ctx.db, name)).document


@router.put("/workflowdraft/{name:path}")
async def replace_draft(name: str, request: Request, ctx: AdminCtx) -> Any:
    """The draft becomes the request's workflow document (JSON or YAML)."""
    body = document.load_body(await request.body(), request.headers.get("content-type"))
    workflow = get_workflow(ctx.db, name)
    draft = drafts.replace_draft(ctx.db, workflow, body, _author(ctx))
    _audit(ctx, "Draft workflow updated", workflow.id, workflow.name)
    return draft.document


@router.delete("/workflowdraft/{name:path}", status_code=204)
def delete_draft(name: str, ctx: AdminCtx) -> Response:
    workflow = get_workflow(ctx.db, name)
    drafts.delete_draft(ctx.db, workflow)
    _audit(ctx, "Draft workflow deleted", workflow.id, workflow.name)
    return Response(status_code=204)

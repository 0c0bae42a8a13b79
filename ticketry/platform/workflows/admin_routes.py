"""Our admin API for what Jira's v2 API cannot do: define workflows as JSON/YAML documents."""

from __future__ import annotations

from typing import Any
from urllib.parse import quote

from fastapi import APIRouter, Request, Response

from ticketry.core.deps import AdminCtx
from ticketry.core.errors import BadRequest
from ticketry.core.responses import JiraJSONResponse
from ticketry.core.routing import JiraRoute
from ticketry.platform.auditing import config as audit
from ticketry.platform.workflows import admin, document, scheme_service
from ticketry.platform.workflows.render import scheme_json, workflows_json
from ticketry.platform.workflows.service import find_workflow, get_workflow

router = APIRouter(route_class=JiraRoute, tags=["workflow administration"])


async def _document(request: Request, default_name: str | None = None) -> dict[str, Any]:
    body = document.load_body(await request.body(), request.headers.get("content-type"))
    if default_name is not None:
        body.setdefault("name", default_name)
    return body


def _author(ctx: AdminCtx) -> str:
    assert ctx.user is not None
    return ctx.user.name


def _document_response(ctx: AdminCtx, name: str, status_code: int = 200, output: str | None = None) -> Response:
    if output not in (None, "json", "yaml"):
        raise BadRequest(errors={"format": "The format must be json or yaml."})
    exported = document.export_document(ctx.db, get_workflow(ctx.db, name))
    if output == "yaml":
        return Response(document.dump(exported, as_yaml=True), status_code=status_code,
                        media_type="application/yaml")
    return JiraJSONResponse(exported, status_code=status_code)


@router.get("/workflow")
def list_workflows(ctx: AdminCtx) -> list[dict[str, Any]]:
    return [{**summary, "self": ctx.url(f"/rest/ticketry/1/workflow/{quote(summary['name'])}")}
            for summary in workflows_json(ctx.db)]


@router.post("/workflow/apply")
async def apply_workflow(request: Request, ctx: AdminCtx, format: str | None = None) -> Response:  # noqa: A002
    """Creates the document's workflow, or replaces the one of that name (201 created, 200 replaced)."""
    spec = document.parse_document(ctx.db, await _document(request))
    existing = find_workflow(ctx.db, spec.name)
    before = audit.workflow_snapshot(ctx.db, existing) if existing is not None else None
    workflow, created = admin.apply_workflow(ctx.db, spec, _author(ctx))
    if before is None:
        audit.workflow_created(ctx, workflow)
    else:
        audit.workflow_updated(ctx, before, workflow)
    return _document_response(ctx, workflow.name, 201 if created else 200, format)


@router.post("/workflow")
async def create_workflow(request: Request, ctx: AdminCtx, format: str | None = None) -> Response:  # noqa: A002
    spec = document.parse_document(ctx.db, await _document(request))
    workflow = admin.create_workflow(ctx.db, spec, _author(ctx))
    audit.workflow_created(ctx, workflow)
    return _document_response(ctx, workflow.name, 201, format)


@router.get("/workflow/{name:path}")
def export_workflow(name: str, ctx: AdminCtx, format: str | None = None) -> Response:  # noqa: A002
    return _document_response(ctx, name, 200, format)


@router.put("/workflow/{name:path}")
async def replace_workflow(name: str, request: Request, ctx: AdminCtx,
                           format: str | None = None) -> Response:  # noqa: A002
    workflow = get_workflow(ctx.db, name)
    spec = document.parse_document(ctx.db, await _document(request, default_name=name))
    before = audit.workflow_snapshot(ctx.db, workflow)
    admin.replace_workflow(ctx.db, workflow, spec, _author(ctx))
    audit.workflow_updated(ctx, before, workflow)
    return _document_response(ctx, workflow.name, 200, format)


@router.delete("/workflow/{name:path}", status_code=204)
def delete_workflow(name: str, ctx: AdminCtx) -> Response:
    workflow = get_workflow(ctx.db, name)
    workflow_name = workflow.name
    admin.delete_workflow(ctx.db, workflow)
    audit.workflow_deleted(ctx, workflow_name)
    return Response(status_code=204)



@router.post("/workflowscheme", status_code=201)
def create_workflow_scheme(ctx: AdminCtx, body: dict[str, Any]) -> dict[str, Any]:
    """{"name", "description"?, "defaultWorkflow"? (name; "jira" when left out)}."""
    scheme = admin.create_scheme(ctx.db, body.get("name"), body.get("description"), body.get("defaultWorkflow"))
    scheme_service.audit(ctx, "Workflow scheme created", scheme)
    return scheme_json(ctx, scheme)


@router.delete("/workflowscheme/{schemeId}", status_code=204)
def delete_workflow_scheme(schemeId: str, ctx: AdminCtx) -> Response:  # noqa: N803
    scheme = admin.get_scheme(ctx.db, schemeId)
    scheme_service.audit(ctx, "Workflow scheme deleted", scheme)
    admin.delete_scheme(ctx.db, scheme)
    return Response(status_code=204)


@router.get("/workflowscheme/{schemeId}")
def get_workflow_scheme(schemeId: str, ctx: AdminCtx) -> dict[str, Any]:  # noqa: N803
    return scheme_json(ctx, admin.get_scheme(ctx.db, schemeId))


@router.post("/workflowscheme/{schemeId}/mapping")
def set_workflow_mapping(schemeId: str, ctx: AdminCtx, body: dict[str, Any]) -> dict[str, Any]:  # noqa: N803
    """{"issueType": id | null (the scheme's default), "workflow": name}."""
    scheme = admin.get_scheme(ctx.db, schemeId)
    before = scheme_service.live_mappings(ctx.db, scheme)
    admin.set_mapping(ctx.db, scheme, body.get("issueType"), body.get("workflow"))
    scheme_service.audit_mappings(ctx, scheme, before, scheme_service.live_mappings(ctx.db, scheme))
    return scheme_json(ctx, scheme)


@router.post("/workflowscheme/{schemeId}/draft/publish")
def publish_workflow_scheme_draft(schemeId: str, ctx: AdminCtx) -> dict[str, Any]:  # noqa: N803
    """The draft's mappings become the scheme's (Jira's v2 API has no publish); 400 naming the
    statuses when issues would be left in a status their new workflow lacks."""
    scheme = scheme_service.get_scheme(ctx.db, schemeId)
    return scheme_json(ctx, scheme_service.publish_draft(ctx, scheme))

"""HTTP of workflows: Jira's /workflow resources, and our admin API under /rest/ticketry/1."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Body, Response

from ticketry.core.deps import AdminCtx
from ticketry.core.errors import NotFound
from ticketry.core.routing import JiraRoute
from ticketry.platform.auditing.service import WORKFLOWS, Item, change, record
from ticketry.platform.workflows import properties
from ticketry.platform.workflows.admin_routes import router as admin_router
from ticketry.platform.workflows.draft_routes import router as draft_router
from ticketry.platform.workflows.render import property_json, workflows_json
from ticketry.platform.workflows.scheme_routes import router as scheme_router

api = APIRouter(route_class=JiraRoute, tags=["workflows"])


@api.get("/workflow", response_model=None)
def list_workflows(ctx: AdminCtx, workflowName: str | None = None) -> Any:  # noqa: N803
    if workflowName is None:
        return workflows_json(ctx.db)
    found = workflows_json(ctx.db, workflowName)
    if not found:
        raise NotFound(f"The workflow '{workflowName}' does not exist.")
    return found[0]


@api.get("/workflow/transitions/{transitionId}/properties", response_model=None)
def get_transition_properties(transitionId: str, ctx: AdminCtx, workflowName: str | None = None,  # noqa: N803
                              key: str | None = None, includeReservedKeys: bool = False,  # noqa: N803
                              workflowMode: str | None = None) -> Any:  # noqa: N803
    transition = properties.locate(ctx.db, workflowName, transitionId, workflowMode)
    if key is not None:
        return property_json(*properties.get_one(transition, key, include_reserved=includeReservedKeys))
    values = properties.read(transition, include_reserved=includeReservedKeys)
    return [property_json(k, v) for k, v in values.items()]


@api.post("/workflow/transitions/{transitionId}/properties")
def add_transition_property(transitionId: str, ctx: AdminCtx, body: dict[str, Any] = Body(...),  # noqa: N803, B008
                            workflowName: str | None = None, key: str | None = None,  # noqa: N803
                            workflowMode: str | None = None) -> dict[str, str]:  # noqa: N803
    transition = properties.locate(ctx.db, workflowName, transitionId, workflowMode)
    added = properties.add(ctx.db, transition, key, body.get("value"), _author(ctx))
    _audit(ctx, transition, workflowName, transitionId, added[0], None, added[1])
    return property_json(*added)


@api.put("/workflow/transitions/{transitionId}/properties", response_model=None)
def put_transition_property(transitionId: str, ctx: AdminCtx, body: dict[str, Any] = Body(...),  # noqa: N803, B008
                            workflowName: str | None = None, key: str | None = None,  # noqa: N803
                            workflowMode: str | None = None) -> Any:  # noqa: N803
    transition = properties.locate(ctx.db, workflowName, transitionId, workflowMode)
    before = transition.properties.get(key or "")
    if not properties.put(ctx.db, transition, key, body.get("value"), _author(ctx)):
        return Response(status_code=304)
    assert key is not None
    _audit(ctx, transition, workflowName, transitionId, key, before, body["value"])
    return property_json(key, body["value"])


@api.delete("/workflow/transitions/{transitionId}/properties")
def delete_transition_property(transitionId: str, ctx: AdminCtx, workflowName: str | None = None,  # noqa: N803
                               key: str | None = None, workflowMode: str | None = None) -> Response:  # noqa: N803
    transition = properties.locate(ctx.db, workflowName, transitionId, workflowMode)
    before = transition.properties.get(key or "")
    removed = properties.remove(ctx.db, transition, key, _author(ctx))
    if removed:
        _audit(ctx, transition, workflowName, transitionId, key or "", before, None)
    return Response(status_code=200 if removed else 304)


def _audit(ctx: AdminCtx, transition: properties.Transition, workflow: str | None, transition_id: str, key: str,
           before: str | None, after: str | None) -> None:
    draft = isinstance(transition, properties.DraftTransition)
    record(ctx, "Draft workflow updated" if draft else "Workflow updated", WORKFLOWS,
           item=Item(transition.workflow_id, workflow or "", "WORKFLOW"),
           changes=[change(f"Transition {transition_id.strip()} property {key}", before, after)])


def _author(ctx: AdminCtx) -> str:
    assert ctx.user is not None
    return ctx.user.name


# /rest/api/latest reaches these routes through the alias in core/middleware.py.
router = APIRouter(route_class=JiraRoute)
router.include_router(api, prefix="/rest/api/2")
router.include_router(scheme_router, prefix="/rest/api/2")
router.include_router(admin_router, prefix="/rest/ticketry/1")
router.include_router(draft_router, prefix="/rest/ticketry/1")

"""HTTP of Jira's /workflowscheme resource (administrators only, as Jira's websudo resource).

Checks run in Jira's order: the scheme (404), then the issue type or workflow named in the path
or query (404), then the change itself (400).
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Body, Response

from ticketry.core.deps import AdminCtx
from ticketry.core.expand import Expand
from ticketry.core.responses import JiraJSONResponse
from ticketry.core.routing import JiraRoute
from ticketry.platform.workflows import scheme_service as service
from ticketry.platform.workflows.scheme_render import (
    default_json,
    issue_type_mapping_json,
    scheme_json,
    workflow_mappings_json,
)
from ticketry.platform.workflows.scheme_service import SchemeView

router = APIRouter(route_class=JiraRoute, prefix="/workflowscheme", tags=["workflow schemes"])

JSON_BODY = Body(...)


def _scheme(ctx: AdminCtx, scheme_id: str) -> Any:
    return service.get_scheme(ctx.db, scheme_id)


def _draft_view(ctx: AdminCtx, scheme_id: str) -> SchemeView:
    scheme = _scheme(ctx, scheme_id)
    return SchemeView(scheme, service.get_draft(ctx.db, scheme))


# ---------------------------------------------------------------- the scheme


@router.post("", status_code=201)
def create_scheme(ctx: AdminCtx, body: dict[str, Any] = JSON_BODY, expand: str | None = None) -> Response:
    scheme = service.create_scheme(ctx, body)
    created = scheme_json(ctx, SchemeView(scheme), Expand(expand))
    return JiraJSONResponse(created, status_code=201, headers={"Location": created["self"]})


@router.get("/{id}")
def get_scheme(id: str, ctx: AdminCtx, returnDraftIfExists: bool = False,  # noqa: A002, N803
               expand: str | None = None) -> dict[str, Any]:
    return scheme_json(ctx, service.view(ctx.db, _scheme(ctx, id), returnDraftIfExists), Expand(expand))


@router.put("/{id}")
def update_scheme(id: str, ctx: AdminCtx, body: dict[str, Any] = JSON_BODY,  # noqa: A002
                  expand: str | None = None) -> dict[str, Any]:
    return scheme_json(ctx, service.update_scheme(ctx, _scheme(ctx, id), body), Expand(expand))


@router.delete("/{id}", status_code=204)
def delete_scheme(id: str, ctx: AdminCtx) -> Response:  # noqa: A002
    service.delete_scheme(ctx, _scheme(ctx, id))
    return Response(status_code=204)


@router.post("/{id}/createdraft", status_code=201)
def create_draft(id: str, ctx: AdminCtx, expand: str | None = None) -> Response:  # noqa: A002
    scheme = _scheme(ctx, id)
    created = scheme_json(ctx, SchemeView(scheme, service.create_draft(ctx, scheme)), Expand(expand))
    return JiraJSONResponse(created, status_code=201, headers={"Location": created["self"]})


# ---------------------------------------------------------------- default workflow


@router.get("/{id}/default")
def get_default(id: str, ctx: AdminCtx, returnDraftIfExists: bool = False) -> dict[str, str]:  # noqa: A002, N803
    return default_json(ctx, service.view(ctx.db, _scheme(ctx, id), returnDraftIfExists))


@router.put("/{id}/default")
def update_default(id: str, ctx: AdminCtx, body: dict[str, Any] = JSON_BODY) -> dict[str, Any]:  # noqa: A002
    scheme = _scheme(ctx, id)
    return scheme_json(ctx, _set_default(ctx, scheme, body, service.update_flag(body), draft=False))


@router.delete("/{id}/default")
def delete_default(id: str, ctx: AdminCtx, updateDraftIfNeeded: bool = False) -> dict[str, Any]:  # noqa: A002, N803
    scheme = _scheme(ctx, id)
    return scheme_json(ctx, service.change_mappings(ctx, scheme, service.set_default(None), updateDraftIfNeeded))


def _set_default(ctx: AdminCtx, scheme: Any, body: dict[str, Any], update_draft: bool, draft: bool) -> SchemeView:
    workflow = service.workflow_body(body)
    if workflow is service.UNSET:
        return SchemeView(scheme, service.get_draft(ctx.db, scheme)) if draft else SchemeView(scheme)
    transform = service.set_default(service.resolve_workflow(ctx.db, workflow))
    if draft:
        return service.change_draft_mappings(ctx, scheme, transform)
    return service.change_mappings(ctx, scheme, transform, update_draft)


# ---------------------------------------------------------------- issue type mappings


@router.get("/{id}/issuetype/{issueType}")
def get_issue_type(id: str, issueType: str, ctx: AdminCtx,  # noqa: A002, N803
                   returnDraftIfExists: bool = False) -> dict[str, Any]:  # noqa: N803
    scheme = _scheme(ctx, id)
    type_id = service.require_issue_type(ctx.db, issueType)
    return issue_type_mapping_json(ctx, service.view(ctx.db, scheme, returnDraftIfExists), type_id)


@router.put("/{id}/issuetype/{issueType}")
def set_issue_type(id: str, issueType: str, ctx: AdminCtx,  # noqa: A002, N803
                   body: dict[str, Any] = JSON_BODY) -> dict[str, Any]:
    scheme = _scheme(ctx, id)
    type_id = service.require_issue_type(ctx.db, issueType)
    return scheme_json(ctx, _set_issue_type(ctx, scheme, type_id, body, draft=False))


@router.delete("/{id}/issuetype/{issueType}")
def delete_issue_type(id: str, issueType: str, ctx: AdminCtx,  # noqa: A002, N803
                      updateDraftIfNeeded: bool = False) -> dict[str, Any]:  # noqa: N803
    scheme = _scheme(ctx, id)
    type_id = service.require_issue_type(ctx.db, issueType)
    return scheme_json(ctx, service.change_mappings(ctx, scheme, service.set_issue_type(type_id, None),
                                                    updateDraftIfNeeded))


def _set_issue_type(ctx: AdminCtx, scheme: Any, type_id: int, body: dict[str, Any], draft: bool) -> SchemeView:
    update_draft = service.update_flag(body)
    workflow = service.workflow_body(body)
    if workflow is service.UNSET:
        return SchemeView(scheme, service.get_draft(ctx.db, scheme)) if draft else SchemeView(scheme)
    transform = service.set_issue_type(type_id, service.resolve_workflow(ctx.db, workflow))
    if draft:
        return service.change_draft_mappings(ctx, scheme, transform)
    return service.change_mappings(ctx, scheme, transform, update_draft)


# ---------------------------------------------------------------- workflow mappings


@router.get("/{id}/workflow", response_model=None)
def get_workflow_mappings(id: str, ctx: AdminCtx, workflowName: str | None = None,  # noqa: A002, N803
                          returnDraftIfExists: bool = False) -> Any:  # noqa: N803
    scheme = _scheme(ctx, id)
    service.require_workflow_param(ctx.db, workflowName, allow_none=True)
    return workflow_mappings_json(ctx, service.view(ctx.db, scheme, returnDraftIfExists), workflowName)


@router.put("/{id}/workflow")
def update_workflow_mapping(id: str, ctx: AdminCtx, workflowName: str | None = None,  # noqa: A002, N803
                            body: dict[str, Any] = JSON_BODY) -> dict[str, Any]:
    scheme = _scheme(ctx, id)
    workflow = service.require_workflow_param(ctx.db, workflowName, allow_none=False)
    assert workflow is not None
    transform = service.merge_workflow_mapping(ctx.db, workflow.id, body)
    return scheme_json(ctx, service.change_mappings(ctx, scheme, transform, service.update_flag(body)))


@router.delete("/{id}/workflow")
def delete_workflow_mapping(id: str, ctx: AdminCtx, workflowName: str | None = None,  # noqa: A002, N803
                            updateDraftIfNeeded: bool = False) -> dict[str, Any]:  # noqa: N803
    scheme = _scheme(ctx, id)
    workflow = service.require_workflow_param(ctx.db, workflowName, allow_none=False)
    assert workflow is not None
    return scheme_json(ctx, service.change_mappings(ctx, scheme, service.remove_workflow(workflow.id),
                                                    updateDraftIfNeeded))


# ---------------------------------------------------------------- the draft


@router.get("/{id}/draft")
def get_draft(id: str, ctx: AdminCtx, expand: str | None = None) -> dict[str, Any]:  # noqa: A002
    return scheme_json(ctx, _draft_view(ctx, id), Expand(expand))


@router.put("/{id}/draft")
def update_draft(id: str, ctx: AdminCtx, body: dict[str, Any] = JSON_BODY,  # noqa: A002
                 expand: str | None = None) -> dict[str, Any]:
    return scheme_json(ctx, service.update_draft(ctx, _scheme(ctx, id), body), Expand(expand))


@router.delete("/{id}/draft", status_code=204)
def delete_draft(id: str, ctx: AdminCtx) -> Response:  # noqa: A002
    service.delete_draft(ctx, _scheme(ctx, id))
    return Response(status_code=204)


@router.get("/{id}/draft/default")
def get_draft_default(id: str, ctx: AdminCtx) -> dict[str, str]:  # noqa: A002
    return default_json(ctx, _draft_view(ctx, id))


@router.put("/{id}/draft/default")
def update_draft_default(id: str, ctx: AdminCtx, body: dict[str, Any] = JSON_BODY) -> dict[str, Any]:  # noqa: A002
    target = _draft_view(ctx, id)
    return scheme_json(ctx, _set_default(ctx, target.scheme, body, True, draft=True))


@router.delete("/{id}/draft/default")
def delete_draft_default(id: str, ctx: AdminCtx) -> dict[str, Any]:  # noqa: A002
    target = _draft_view(ctx, id)
    return scheme_json(ctx, service.change_draft_mappings(ctx, target.scheme, service.set_default(None)))


@router.get("/{id}/draft/issuetype/{issueType}")
def get_draft_issue_type(id: str, issueType: str, ctx: AdminCtx) -> dict[str, Any]:  # noqa: A002, N803
    target = _draft_view(ctx, id)
    return issue_type_mapping_json(ctx, target, service.require_issue_type(ctx.db, issueType))


@router.put("/{id}/draft/issuetype/{issueType}")
def set_draft_issue_type(id: str, issueType: str, ctx: AdminCtx,  # noqa: A002, N803
                         body: dict[str, Any] = JSON_BODY) -> dict[str, Any]:
    target = _draft_view(ctx, id)
    type_id = service.require_issue_type(ctx.db, issueType)
    return scheme_json(ctx, _set_issue_type(ctx, target.scheme, type_id, body, draft=True))


@router.delete("/{id}/draft/issuetype/{issueType}")
def delete_draft_issue_type(id: str, issueType: str, ctx: AdminCtx) -> dict[str, Any]:  # noqa: A002, N803
    target = _draft_view(ctx, id)
    type_id = service.require_issue_type(ctx.db, issueType)
    return scheme_json(ctx, service.change_draft_mappings(ctx, target.scheme, service.set_issue_type(type_id, None)))


@router.get("/{id}/draft/workflow", response_model=None)
def get_draft_workflow_mappings(id: str, ctx: AdminCtx, workflowName: str | None = None) -> Any:  # noqa: A002, N803
    target = _draft_view(ctx, id)
    service.require_workflow_param(ctx.db, workflowName, allow_none=True)
    return workflow_mappings_json(ctx, target, workflowName)


@router.put("/{id}/draft/workflow")
def update_draft_workflow_mapping(id: str, ctx: AdminCtx, workflowName: str | None = None,  # noqa: A002, N803
                                  body: dict[str, Any] = JSON_BODY) -> dict[str, Any]:
    target = _draft_view(ctx, id)
    workflow = service.require_workflow_param(ctx.db, workflowName, allow_none=False)
    assert workflow is not None
    transform = service.merge_workflow_mapping(ctx.db, workflow.id, body)
    return scheme_json(ctx, service.change_draft_mappings(ctx, target.scheme, transform))


@router.delete("/{id}/draft/workflow")
def delete_draft_workflow_mapping(id: str, ctx: AdminCtx,  # noqa: A002
                                  workflowName: str | None = None) -> dict[str, Any]:  # noqa: N803
    target = _draft_view(ctx, id)
    workflow = service.require_workflow_param(ctx.db, workflowName, allow_none=False)
    assert workflow is not None
    return scheme_json(ctx, service.change_draft_mappings(ctx, target.scheme, service.remove_workflow(workflow.id)))

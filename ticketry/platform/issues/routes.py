"""HTTP of issues: create (single, bulk), get, edit, delete, assign, changelog."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query, Request, Response

from ticketry.core.deps import Ctx, UserCtx
from ticketry.core.expand import Expand
from ticketry.core.responses import JiraJSONResponse
from ticketry.core.routing import JiraRoute
from ticketry.platform.issues.body import parse_json
from ticketry.platform.issues.bulk import create_bulk
from ticketry.platform.issues.changelog import changelog_page
from ticketry.platform.issues.create import create_issue
from ticketry.platform.issues.edit import assign_issue, check_notify_users, delete_issue, edit_issue
from ticketry.platform.issues.extras import add_expansions
from ticketry.platform.issues.meta import create_meta, edit_meta, split_params
from ticketry.platform.issues.notify import notify
from ticketry.platform.issues.transitions import do_transition, transitions_json
from ticketry.platform.issues.view import IssueView, issue_documents
from ticketry.platform.permissions.checks import visible_issue
from ticketry.platform.users.inputs import RawBody, window
from ticketry.platform.viewhistory.service import record_view

router = APIRouter(route_class=JiraRoute, prefix="/rest/api/2", tags=["issues"])


@router.post("/issue", status_code=201)
def post_issue(ctx: Ctx, body: RawBody) -> dict[str, Any]:
    created = create_issue(ctx, parse_json(body[1]))
    return {"id": str(created.id), "key": created.key, "self": ctx.api(f"issue/{created.id}")}


@router.post("/issue/bulk", status_code=201)
def post_issues(ctx: Ctx, body: RawBody, response: Response) -> dict[str, Any]:
    result = create_bulk(ctx, parse_json(body[1]))
    if not result["issues"] and result["errors"]:
        response.status_code = 400
    return result


@router.get("/issue/createmeta")
def get_create_meta(ctx: Ctx, projectIds: Annotated[list[str] | None, Query()] = None,  # noqa: N803
                    projectKeys: Annotated[list[str] | None, Query()] = None,  # noqa: N803
                    issuetypeIds: Annotated[list[str] | None, Query()] = None,  # noqa: N803
                    issuetypeNames: Annotated[list[str] | None, Query()] = None,  # noqa: N803
                    expand: str | None = None) -> dict[str, Any]:
    return create_meta(ctx, split_params(projectIds or []), split_params(projectKeys or []),
                       split_params(issuetypeIds or []), split_params(issuetypeNames or []), Expand(expand))


@router.get("/issue/{issue_id_or_key}")
def get_issue(ctx: Ctx, request: Request, issue_id_or_key: str, fields: str | None = None,
              expand: str | None = None,
              properties: str | None = None, fieldsByKeys: bool = False,  # noqa: N803
              updateHistory: bool = False) -> JiraJSONResponse:  # noqa: N803
    issue = visible_issue(ctx, issue_id_or_key)
    view = IssueView.parse(fields, expand, properties)
    if updateHistory and ctx.user is not None:  # Jira adds to the issue history only when asked
        record_view(request.app.state.write_sessions, ctx.user.id, issue.id)
    # Returned as a response: FastAPI would otherwise validate and convert the document before encoding it.
    return JiraJSONResponse(
        issue_documents(ctx, [issue], view, lambda i, body: add_expansions(ctx, i, body, view.expand))[0])


@router.put("/issue/{issue_id_or_key}", status_code=204)
def put_issue(ctx: Ctx, body: RawBody, issue_id_or_key: str,
              notifyUsers: bool = True) -> Response:  # noqa: N803
    issue = visible_issue(ctx, issue_id_or_key)
    check_notify_users(ctx, issue, notifyUsers)
    edit_issue(ctx, issue, parse_json(body[1]))
    return Response(status_code=204)


@router.delete("/issue/{issue_id_or_key}", status_code=204)
def remove_issue(ctx: Ctx, issue_id_or_key: str, deleteSubtasks: str = "false") -> Response:  # noqa: N803
    issue = visible_issue(ctx, issue_id_or_key)
    delete_issue(ctx, issue, deleteSubtasks.strip().lower() == "true")
    return Response(status_code=204)


@router.put("/issue/{issue_id_or_key}/assignee", status_code=204)
def put_assignee(ctx: Ctx, body: RawBody, issue_id_or_key: str) -> Response:
    issue = visible_issue(ctx, issue_id_or_key)
    assign_issue(ctx, issue, parse_json(body[1]))
    return Response(status_code=204)


@router.get("/issue/{issue_id_or_key}/changelog")
def get_changelog(ctx: Ctx, issue_id_or_key: str, startAt: int = 0,  # noqa: N803
                  maxResults: int = 100) -> dict[str, Any]:  # noqa: N803
    issue = visible_issue(ctx, issue_id_or_key)
    start_at, max_results = window(startAt, maxResults, cap=100)
    return changelog_page(ctx, issue.id, issue.key, start_at, max_results)


@router.get("/issue/{issue_id_or_key}/editmeta")
def get_edit_meta(ctx: Ctx, issue_id_or_key: str) -> dict[str, Any]:
    return edit_meta(ctx, visible_issue(ctx, issue_id_or_key))


@router.get("/issue/{issue_id_or_key}/transitions")
def get_transitions(ctx: Ctx, issue_id_or_key: str, expand: str | None = None,
                    transitionId: str | None = None) -> dict[str, Any]:  # noqa: N803
    issue = visible_issue(ctx, issue_id_or_key)
    wanted = Expand(expand)
    return {"expand": "transitions",
            "transitions": transitions_json(ctx, issue, wanted.nested("transitions"), transitionId)}


@router.post("/issue/{issue_id_or_key}/transitions", status_code=204)
def post_transition(ctx: Ctx, body: RawBody, issue_id_or_key: str) -> Response:
    issue = visible_issue(ctx, issue_id_or_key)
    do_transition(ctx, issue, parse_json(body[1]))
    return Response(status_code=204)


@router.post("/issue/{issue_id_or_key}/notify", status_code=204)
def post_notify(ctx: UserCtx, body: RawBody, issue_id_or_key: str) -> Response:
    issue = visible_issue(ctx, issue_id_or_key)
    notify(ctx, issue, parse_json(body[1]))
    return Response(status_code=204)

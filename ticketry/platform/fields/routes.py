"""/rest/api/2/field, /field/{fieldKey}/option* and /customFieldOption/{id}."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Body, Query, Response

from ticketry.core.deps import AdminCtx, Ctx, UserCtx
from ticketry.core.errors import BadRequest
from ticketry.core.pagination import check_window
from ticketry.core.responses import JiraJSONResponse
from ticketry.core.routing import JiraRoute
from ticketry.platform.auditing import config as audit
from ticketry.platform.fields import options, service
from ticketry.platform.fields.catalog import all_fields, custom_field_def, field_json
from ticketry.platform.fields.option_replace import replace_in_issues
from ticketry.platform.fields.render import custom_field_option_json, issue_field_option_json, option_page
from ticketry.platform.tasks.render import task_json

router = APIRouter(route_class=JiraRoute, prefix="/rest/api/2")

Payload = Annotated[Any, Body()]
PAGE_SIZE = 50


def _object(payload: Any) -> dict[str, Any]:
    if not isinstance(payload, dict):
        raise BadRequest("The request body must be a JSON object.")
    return payload


@router.get("/field")
def get_fields(ctx: Ctx) -> list[dict[str, Any]]:
    return [field_json(f) for f in all_fields(ctx.db)]


@router.post("/field", status_code=201)
def create_field(ctx: AdminCtx, payload: Payload = None) -> Response:
    body = _object(payload)
    data = service.CustomFieldIn(name=body.get("name"), description=body.get("description"),
                                 type=body.get("type"), searcher_key=body.get("searcherKey"))
    field = service.create_custom_field(ctx.db, data)
    audit.custom_field_created(ctx, field)
    return JiraJSONResponse(field_json(custom_field_def(field)), status_code=201)


def _option_in(body: dict[str, Any]) -> options.OptionIn:
    return options.OptionIn(value=body.get("value"), properties=body.get("properties"), config=body.get("config"),
                            id=body.get("id"), parent_id=body.get("parentId"))


@router.get("/field/{field_key}/option")
def list_options(ctx: AdminCtx, field_key: str, startAt: Annotated[int, Query()] = 0,
                 maxResults: Annotated[int, Query()] = PAGE_SIZE) -> dict[str, Any]:
    field, _kind = service.get_option_field(ctx.db, field_key)
    start_at, max_results = check_window(startAt, maxResults)
    found, total = options.page_options(ctx.db, field, start_at=start_at, max_results=max_results)
    return option_page(ctx, f"field/{field_key}/option", [issue_field_option_json(o) for o in found],
                       start_at=start_at, max_results=max_results, total=total)


@router.post("/field/{field_key}/option")
def create_option(ctx: AdminCtx, field_key: str, payload: Payload = None) -> dict[str, Any]:
    field, _kind = service.get_option_field(ctx.db, field_key)
    option = options.create_option(ctx.db, field, _option_in(_object(payload)))
    audit.option_created(ctx, field, option)
    return issue_field_option_json(option)


def _suggestions(ctx: UserCtx, field_key: str, start: int, size: int, project_id: int | None,
                 *, selectable: bool, kind: str) -> dict[str, Any]:
    field, _kind = service.get_option_field(ctx.db, field_key)
    start_at, max_results = check_window(start, size)
    found, total = options.page_options(ctx.db, field, start_at=start_at, max_results=max_results,
                                        project_id=project_id, selectable_only=selectable,
                                        scoped=project_id is not None)
    return option_page(ctx, f"field/{field_key}/option/suggestions/{kind}",
                       [issue_field_option_json(o, config=False) for o in found], start_at=start_at,
                       max_results=max_results, total=total, params={"projectId": project_id})


@router.get("/field/{field_key}/option/suggestions/edit")
def suggestions_edit(ctx: UserCtx, field_key: str, startAt: Annotated[int, Query()] = 0,
                     maxResults: Annotated[int, Query()] = PAGE_SIZE,
                     projectId: Annotated[int | None, Query()] = None) -> dict[str, Any]:
    return _suggestions(ctx, field_key, startAt, maxResults, projectId, selectable=True, kind="edit")


@router.get("/field/{field_key}/option/suggestions/search")
def suggestions_search(ctx: UserCtx, field_key: str, startAt: Annotated[int, Query()] = 0,
                       maxResults: Annotated[int, Query()] = PAGE_SIZE,
                       projectId: Annotated[int | None, Query()] = None) -> dict[str, Any]:
    return _suggestions(ctx, field_key, startAt, maxResults, projectId, selectable=False, kind="search")


@router.get("/field/{field_key}/option/{option_id}")
def get_option(ctx: AdminCtx, field_key: str, option_id: str) -> dict[str, Any]:
    field, _kind = service.get_option_field(ctx.db, field_key)
    return issue_field_option_json(options.get_option(ctx.db, field, option_id))


@router.put("/field/{field_key}/option/{option_id}")
def put_option(ctx: AdminCtx, field_key: str, option_id: str, payload: Payload = None) -> dict[str, Any]:
    field, _kind = service.get_option_field(ctx.db, field_key)
    option = options.get_option(ctx.db, field, option_id)
    before = audit.option_snapshot(option)
    options.update_option(ctx.db, field, option, _option_in(_object(payload)))
    audit.option_updated(ctx, field, before, option)
    return issue_field_option_json(option)


@router.delete("/field/{field_key}/option/{option_id}", status_code=204)
def delete_option(ctx: AdminCtx, field_key: str, option_id: str) -> Response:
    field, _kind = service.get_option_field(ctx.db, field_key)
    option = options.get_option(ctx.db, field, option_id)
    value = option.value
    options.delete_option(ctx.db, option)
    audit.option_deleted(ctx, field, value)
    return Response(status_code=204)



@router.delete("/field/{field_key}/option/{option_id}/issue", status_code=303)
def replace_option_in_issues(ctx: AdminCtx, field_key: str, option_id: str, replaceWith: str | None = None,  # noqa: N803
                             jql: str | None = None) -> JiraJSONResponse:
    field, _kind = service.get_option_field(ctx.db, field_key)
    option = options.get_option(ctx.db, field, option_id)
    replacement = options.get_option(ctx.db, field, replaceWith) if replaceWith is not None else None
    task = replace_in_issues(ctx, field, option, replacement, jql)
    body = task_json(ctx, task)
    return JiraJSONResponse(body, status_code=303, headers={"Location": body["self"]})


@router.get("/customFieldOption/{option_id}")
def get_custom_field_option(ctx: UserCtx, option_id: str) -> dict[str, Any]:
    return custom_field_option_json(ctx, options.get_custom_field_option(ctx.db, option_id))

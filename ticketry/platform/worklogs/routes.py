"""HTTP of worklogs: an issue's worklogs, worklog properties, worklogs across issues, time tracking setup."""

from __future__ import annotations

from typing import Any

import orjson
from fastapi import APIRouter, Body, Request, Response

from ticketry.core.deps import AdminCtx, Ctx, UserCtx
from ticketry.core.errors import BadRequest
from ticketry.core.expand import Expand
from ticketry.core.routing import JiraRoute
from ticketry.platform.issues.durations import work_time
from ticketry.platform.permissions.checks import visible_issue
from ticketry.platform.properties import service as properties
from ticketry.platform.properties.body import JsonValue
from ticketry.platform.worklogs import service, sync, timetracking
from ticketry.platform.worklogs.render import properties_of, worklog_json, worklogs_json, worklogs_page_json

router = APIRouter(route_class=JiraRoute, prefix="/rest/api/2", tags=["worklogs"])

JsonBody = Body(default=None)


def _object(body: Any) -> dict[str, Any]:
    if not isinstance(body, dict):
        raise BadRequest("The request body must be a JSON object.")
    return body


def _params(request: Request) -> dict[str, Any]:
    return dict(request.query_params)


@router.get("/issue/{issueIdOrKey}/worklog")
def list_worklogs(issueIdOrKey: str, ctx: Ctx, startAt: int = 0, maxResults: int = 5000,  # noqa: N803
                  expand: str | None = None) -> dict[str, Any]:
    issue = visible_issue(ctx, issueIdOrKey)
    worklogs, total = service.page_worklogs(ctx, issue, start_at=startAt, max_results=maxResults)
    return worklogs_page_json(ctx, work_time(ctx.db), worklogs, total=total, start_at=startAt, expand=Expand(expand))


@router.post("/issue/{issueIdOrKey}/worklog", status_code=201)
def add_worklog(issueIdOrKey: str, request: Request, ctx: UserCtx, expand: str | None = None,  # noqa: N803
                body: Any = JsonBody) -> dict[str, Any]:
    issue = visible_issue(ctx, issueIdOrKey)
    worklog = service.add_worklog(ctx.db, ctx.user, issue, _object(body), _params(request))
    return worklog_json(ctx, work_time(ctx.db), worklog, Expand(expand))


@router.get("/issue/{issueIdOrKey}/worklog/{worklogId}")
def get_worklog(issueIdOrKey: str, worklogId: str, ctx: Ctx,  # noqa: N803
                expand: str | None = None) -> dict[str, Any]:
    issue = visible_issue(ctx, issueIdOrKey)
    worklog = service.find_worklog(ctx, worklogId, issue)
    return worklog_json(ctx, work_time(ctx.db), worklog, Expand(expand))


@router.put("/issue/{issueIdOrKey}/worklog/{worklogId}")
def update_worklog(issueIdOrKey: str, worklogId: str, request: Request, ctx: UserCtx,  # noqa: N803
                   expand: str | None = None, body: Any = JsonBody) -> dict[str, Any]:
    issue = visible_issue(ctx, issueIdOrKey)
    worklog = service.find_worklog(ctx, worklogId, issue)
    service.update_worklog(ctx, issue, worklog, _object(body), _params(request))
    return worklog_json(ctx, work_time(ctx.db), worklog, Expand(expand))


@router.delete("/issue/{issueIdOrKey}/worklog/{worklogId}", status_code=204)
def delete_worklog(issueIdOrKey: str, worklogId: str, request: Request, ctx: UserCtx) -> Response:  # noqa: N803
    issue = visible_issue(ctx, issueIdOrKey)
    worklog = service.find_worklog(ctx, worklogId, issue)
    service.delete_worklog(ctx, issue, worklog, _params(request))
    return Response(status_code=204)


# Worklog properties --------------------------------------------------------------------------

PROPS = "/issue/{issueIdOrKey}/worklog/{worklogId}/properties"


@router.get(PROPS)
def property_keys(issueIdOrKey: str, worklogId: str, ctx: Ctx) -> dict[str, Any]:  # noqa: N803
    worklog = service.find_worklog(ctx, worklogId, visible_issue(ctx, issueIdOrKey))
    keys = properties.list_keys(ctx.db, service.ENTITY, worklog.id)
    return properties.keys_json(ctx.api(f"issue/{worklog.issue_id}/worklog/{worklog.id}/properties"), keys)


@router.get(PROPS + "/{propertyKey}")
def get_property(issueIdOrKey: str, worklogId: str, propertyKey: str, ctx: Ctx) -> dict[str, Any]:  # noqa: N803
    worklog = service.find_worklog(ctx, worklogId, visible_issue(ctx, issueIdOrKey))
    return properties.property_json(properties.get_property(ctx.db, service.ENTITY, worklog.id, propertyKey))


@router.put(PROPS + "/{propertyKey}")
def set_property(issueIdOrKey: str, worklogId: str, propertyKey: str, value: JsonValue,  # noqa: N803
                 ctx: UserCtx) -> Response:
    issue = visible_issue(ctx, issueIdOrKey)
    worklog = service.find_worklog(ctx, worklogId, issue)
    service.check_may_change(ctx, issue, worklog)
    created = properties.set_property(ctx.db, service.ENTITY, worklog.id, propertyKey, value)
    return Response(status_code=201 if created else 200)


@router.delete(PROPS + "/{propertyKey}", status_code=204)
def delete_property(issueIdOrKey: str, worklogId: str, propertyKey: str, ctx: UserCtx) -> Response:  # noqa: N803
    issue = visible_issue(ctx, issueIdOrKey)
    worklog = service.find_worklog(ctx, worklogId, issue)
    service.check_may_change(ctx, issue, worklog)
    properties.delete_property(ctx.db, service.ENTITY, worklog.id, propertyKey)
    return Response(status_code=204)


# Worklogs across issues ----------------------------------------------------------------------

def _since_page(ctx: UserCtx, path: str, since: int, rows: list[tuple[int, int]], next_since: int | None,
                with_properties: bool) -> dict[str, Any]:
    props = properties_of(ctx, [row_id for row_id, _ in rows]) if with_properties else {}
    body: dict[str, Any] = {
        "values": [{"worklogId": row_id, "updatedTime": when, "properties": props.get(row_id, [])}
                   for row_id, when in rows],
        "since": since,
        "until": rows[-1][1] if rows else since,
        "self": ctx.api(f"{path}?since={since}"),
        "isLastPage": next_since is None,
    }
    if next_since is not None:
        body["nextPage"] = ctx.api(f"{path}?since={next_since}")
    return body


@router.get("/worklog/updated")
def updated_worklogs(ctx: UserCtx, since: int = 0, expand: str | None = None) -> dict[str, Any]:
    rows, next_since = sync.updated_since(ctx, since)
    return _since_page(ctx, "worklog/updated", since, rows, next_since, "properties" in Expand(expand))


@router.get("/worklog/deleted")
def deleted_worklogs(ctx: UserCtx, since: int = 0) -> dict[str, Any]:
    rows, next_since = sync.deleted_since(ctx.db, since)
    return _since_page(ctx, "worklog/deleted", since, rows, next_since, False)


@router.post("/worklog/list")
def list_by_ids(ctx: UserCtx, expand: str | None = None, body: Any = JsonBody) -> list[dict[str, Any]]:
    worklogs = sync.worklogs_by_ids(ctx, sync.parse_ids(body))
    return worklogs_json(ctx, work_time(ctx.db), worklogs, Expand(expand))


# Time tracking configuration -----------------------------------------------------------------

@router.get("/configuration/timetracking")
def selected_provider(ctx: UserCtx) -> Response:
    selected = timetracking.provider(ctx.db)
    if selected is None:
        return Response(status_code=204)
    return Response(orjson.dumps(selected), media_type="application/json")


@router.put("/configuration/timetracking", status_code=204)
def select_provider(ctx: AdminCtx, body: Any = JsonBody) -> Response:
    timetracking.select_provider(ctx.db, body)
    return Response(status_code=204)


@router.delete("/configuration/timetracking", status_code=204)
def disable_time_tracking(ctx: AdminCtx) -> Response:
    timetracking.disable(ctx.db)
    return Response(status_code=204)


@router.get("/configuration/timetracking/list")
def providers(ctx: UserCtx) -> list[dict[str, str]]:
    return [timetracking.provider_json()]


@router.get("/configuration/timetracking/options")
def options(ctx: UserCtx) -> dict[str, Any]:
    return timetracking.options(ctx.db)


@router.put("/configuration/timetracking/options")
def set_options(ctx: AdminCtx, body: Any = JsonBody) -> dict[str, Any]:
    return timetracking.set_options(ctx.db, body)

"""GET and POST /rest/api/2/search: JQL with paging, fields, expand and properties."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter
from pydantic import BaseModel

from ticketry.core.deps import Ctx, UserCtx
from ticketry.core.errors import BadRequest
from ticketry.core.expand import Expand
from ticketry.core.responses import JiraJSONResponse
from ticketry.core.routing import JiraRoute
from ticketry.platform.fields.catalog import all_fields
from ticketry.platform.issues.view import IssueView, issue_documents, selected
from ticketry.platform.search.autocomplete import autocomplete_data, suggestions
from ticketry.platform.search.parsing import parse_queries
from ticketry.platform.search.picker import picker
from ticketry.platform.search.service import search, validation_mode

router = APIRouter(route_class=JiraRoute, prefix="/rest/api/2", tags=["search"])
# Matched before the issues feature, whose /issue/{issueIdOrKey} would take /issue/picker.
ROUTER_PRIORITY = 10


class SearchBody(BaseModel):
    jql: str | None = None
    startAt: int = 0  # noqa: N815 (Jira's names)
    maxResults: int = 50  # noqa: N815
    validateQuery: str | bool | None = None  # noqa: N815
    fields: list[str] | str | None = None
    expand: list[str] | str | None = None
    properties: list[str] | str | None = None
    fieldsByKeys: bool = False  # noqa: N815


def _joined(value: list[str] | str | None) -> str | None:
    return ",".join(value) if isinstance(value, list) else value


@router.get("/search")
def search_get(ctx: UserCtx, jql: str | None = None, startAt: int = 0, maxResults: int = 50,  # noqa: N803
               validateQuery: str | None = None, fields: str | None = None,  # noqa: N803
               expand: str | None = None, properties: str | None = None) -> JiraJSONResponse:
    return JiraJSONResponse(_search(ctx, jql, startAt, maxResults, validateQuery, fields, expand, properties))


@router.post("/search")
def search_post(ctx: UserCtx, body: SearchBody) -> JiraJSONResponse:
    return JiraJSONResponse(_search(ctx, body.jql, body.startAt, body.maxResults, body.validateQuery,
                                    _joined(body.fields), _joined(body.expand), _joined(body.properties)))


def _search(ctx: UserCtx, jql: str | None, start_at: int, max_results: int, validate: str | bool | None,
            fields: str | None, expand: str | None, properties: str | None) -> dict[str, Any]:
    if start_at < 0:
        raise BadRequest(errors={"startAt": "The value of startAt must not be negative."})
    result = search(ctx, jql or "", start_at=start_at, max_results=max_results,
                    validation=validation_mode(validate))
    view = IssueView.parse(fields if fields is not None else "*navigable", expand, properties)
    body: dict[str, Any] = {
        "expand": "schema,names",
        "startAt": result.start_at,
        "maxResults": result.max_results,
        "total": result.total,
        "issues": issue_documents(ctx, result.issues, view),
    }
    if result.warnings:
        body["warningMessages"] = result.warnings
    _field_descriptions(ctx, body, view, Expand(expand))
    return body


def _field_descriptions(ctx: UserCtx, body: dict[str, Any], view: IssueView, expand: Expand) -> None:
    if "names" not in expand and "schema" not in expand:
        return
    defs = all_fields(ctx.db)
    wanted = set(selected(defs, view.fields))
    chosen = [d for d in defs if d.id in wanted]
    if "names" in expand:
        body["names"] = {d.id: d.name for d in chosen}
    if "schema" in expand:
        body["schema"] = {d.id: d.schema for d in chosen if d.schema}


class ParseBody(BaseModel):
    queries: list[str]


@router.post("/jql/parse")
def jql_parse(ctx: Ctx, body: ParseBody, validation: str = "strict") -> dict[str, Any]:
    return parse_queries(ctx, body.queries, validation)


@router.get("/jql/autocompletedata")
def jql_autocomplete(ctx: UserCtx) -> dict[str, Any]:
    return autocomplete_data(ctx.db)


@router.get("/jql/autocompletedata/suggestions")
def jql_suggestions(ctx: UserCtx, fieldName: str | None = None, fieldValue: str | None = None,  # noqa: N803
                    predicateName: str | None = None, predicateValue: str | None = None) -> dict[str, Any]:  # noqa: N803
    if predicateName and predicateName.lower() in ("by", "from", "to"):
        field = "assignee" if predicateName.lower() == "by" else fieldName
        return suggestions(ctx.db, field, predicateValue)
    return suggestions(ctx.db, fieldName, fieldValue)


@router.get("/issue/picker")
def issue_picker(ctx: UserCtx, query: str = "", currentJQL: str | None = None,  # noqa: N803
                 currentIssueKey: str | None = None, currentProjectId: str | None = None,  # noqa: N803
                 showSubTasks: bool = True, showSubTaskParent: bool = True) -> dict[str, Any]:  # noqa: N803
    return picker(ctx, query, currentJQL, currentIssueKey, currentProjectId, showSubTasks, showSubTaskParent)

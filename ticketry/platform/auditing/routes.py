"""GET /rest/api/2/auditing/record: the audit log, for administrators."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query

from ticketry.core.deps import AdminCtx
from ticketry.core.routing import JiraRoute
from ticketry.platform.auditing import query
from ticketry.platform.auditing.render import page_json

router = APIRouter(route_class=JiraRoute, prefix="/rest/api/2", tags=["auditing"])

# Wider than any offset or limit a database accepts; larger numbers are clamped rather than refused.
_LONG = 2**63 - 1


@router.get("/auditing/record")
def audit_records(
    ctx: AdminCtx,
    offset: Annotated[int, Query()] = 0,
    limit: Annotated[int | None, Query()] = None,
    filter: Annotated[str | None, Query()] = None,  # noqa: A002 (Jira's name)
    from_: Annotated[str | None, Query(alias="from")] = None,
    to: Annotated[str | None, Query()] = None,
) -> dict[str, Any]:
    since = query.parse_instant("from", from_)
    until = query.parse_instant("to", to)
    start = min(max(offset, 0), _LONG)
    found = query.find_records(ctx.db, offset=start, limit=query.page_limit(limit), text=filter,
                               since=since, until=until)
    return page_json(found)

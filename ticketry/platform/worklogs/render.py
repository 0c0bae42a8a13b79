"""Wire shapes of worklogs, in batches: users and properties in one query each."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select

from ticketry.core.context import RequestContext
from ticketry.core.expand import Expand
from ticketry.core.timefmt import format_datetime
from ticketry.platform.issues.durations import WorkTime
from ticketry.platform.issues.people import person, users_by_id
from ticketry.platform.properties.models import EntityProperty
from ticketry.platform.worklogs.models import Worklog
from ticketry.platform.worklogs.service import ENTITY


def worklog_self(ctx: RequestContext, worklog: Worklog) -> str:
    return ctx.api(f"issue/{worklog.issue_id}/worklog/{worklog.id}")


def worklog_json(ctx: RequestContext, work: WorkTime, worklog: Worklog, expand: Expand) -> dict[str, Any]:
    return worklogs_json(ctx, work, [worklog], expand)[0]


def worklogs_json(ctx: RequestContext, work: WorkTime, worklogs: list[Worklog],
                  expand: Expand) -> list[dict[str, Any]]:
    users = users_by_id(ctx, [*(w.author_id for w in worklogs), *(w.update_author_id for w in worklogs)])
    props = properties_of(ctx, [w.id for w in worklogs]) if "properties" in expand else {}
    out = []
    for worklog in worklogs:
        body: dict[str, Any] = {
            "self": worklog_self(ctx, worklog),
            "author": person(ctx, users.get(worklog.author_id or 0)),
            "updateAuthor": person(ctx, users.get(worklog.update_author_id or 0)),
            "comment": worklog.comment or "",
            "created": format_datetime(worklog.created),
            "updated": format_datetime(worklog.updated),
        }
        if worklog.visibility_type:
            body["visibility"] = {"type": worklog.visibility_type, "value": worklog.visibility_value}
        body.update({
            "started": format_datetime(worklog.started),
            "timeSpent": work.format(worklog.time_spent),
            "timeSpentSeconds": worklog.time_spent,
            "id": str(worklog.id),
            "issueId": str(worklog.issue_id),
        })
        if "properties" in expand:
            body["properties"] = props.get(worklog.id, [])
        out.append(body)
    return out


def worklogs_page_json(ctx: RequestContext, work: WorkTime, worklogs: list[Worklog], *, total: int,
                       start_at: int, expand: Expand) -> dict[str, Any]:
    return {"startAt": start_at, "maxResults": len(worklogs), "total": total,
            "worklogs": worklogs_json(ctx, work, worklogs, expand)}


def properties_of(ctx: RequestContext, worklog_ids: list[int]) -> dict[int, list[dict[str, Any]]]:
    """Every property of several worklogs ({key, value}), in one query."""
    found: dict[int, list[dict[str, Any]]] = {}
    if not worklog_ids:
        return found
    rows = ctx.db.scalars(select(EntityProperty).where(
        EntityProperty.entity_type == ENTITY, EntityProperty.entity_id.in_([str(i) for i in worklog_ids]),
    ).order_by(EntityProperty.key))
    for prop in rows:
        found.setdefault(int(prop.entity_id), []).append({"key": prop.key, "value": prop.value})
    return found

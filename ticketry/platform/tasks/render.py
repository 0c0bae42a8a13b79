"""The task progress shape (times as epoch milliseconds, as Jira sends them)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from ticketry.core.context import RequestContext
from ticketry.platform.tasks.models import Task


def _millis(moment: datetime | None) -> int | None:
    return int(moment.timestamp() * 1000) if moment is not None else None


def task_json(ctx: RequestContext, task: Task) -> dict[str, Any]:
    end = task.finished or task.last_update
    body: dict[str, Any] = {
        "self": ctx.api(f"task/{task.id}"),
        "id": str(task.id),
        "description": task.description,
        "status": task.status,
    }
    if task.message:
        body["message"] = task.message
    if task.result is not None:
        body["result"] = task.result
    body.update({
        "submittedBy": task.submitted_by,
        "progress": task.progress,
        "elapsedRuntime": _millis(end) - _millis(task.started) if task.started else 0,  # type: ignore[operator]
        "submitted": _millis(task.submitted),
        "started": _millis(task.started),
        "finished": _millis(task.finished),
        "lastUpdate": _millis(task.last_update),
    })
    return {k: v for k, v in body.items() if v is not None}

"""The reindex progress and reindex request shapes, from the task that recorded the reindex."""

from __future__ import annotations

from typing import Any

from ticketry.core.timefmt import format_datetime
from ticketry.platform.reindex.service import DEFAULT_TYPE
from ticketry.platform.tasks.models import Task


def _drop_none(body: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in body.items() if v is not None}


def progress_json(task: Task) -> dict[str, Any]:
    result = task.result if isinstance(task.result, dict) else {}
    return _drop_none({
        "progressUrl": f"/secure/admin/jira/IndexProgress.jspa?taskId={task.id}",
        "currentProgress": task.progress,
        "type": result.get("type", DEFAULT_TYPE),
        "submittedTime": format_datetime(task.submitted),
        "startTime": format_datetime(task.started),
        "finishTime": format_datetime(task.finished),
        "success": task.status == "COMPLETE",
    })


def request_json(task: Task) -> dict[str, Any]:
    status = task.status if task.status in ("COMPLETE", "FAILED", "RUNNING") else "PENDING"
    return _drop_none({
        "id": task.id,
        "status": status,
        "type": "IMMEDIATE",
        "requestTime": format_datetime(task.submitted),
        "startTime": format_datetime(task.started),
        "completionTime": format_datetime(task.finished),
    })

"""The reindex progress and reindex request shapes, from the task that recorded the reindex."""

from __future__ import annotations

from typing import Any

from ticketry.core.timefmt import format_datetime
from ticketry.jobs.models import DONE, FAILED, QUEUED, RUNNING, Job
from ticketry.platform.reindex.service import DEFAULT_TYPE


def _drop_none(body: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in body.items() if v is not None}


def _type(task: Job) -> str:
    for source in (task.result, task.payload):
        if isinstance(source, dict) and source.get("type"):
            return str(source["type"])
    return DEFAULT_TYPE


def progress_json(task: Job) -> dict[str, Any]:
    return _drop_none({
        "progressUrl": f"/secure/admin/jira/IndexProgress.jspa?taskId={task.id}",
        "currentProgress": task.progress,
        "currentSubTask": task.message if task.state in (QUEUED, RUNNING) else None,
        "type": _type(task),
        "submittedTime": format_datetime(task.submitted),
        "startTime": format_datetime(task.started),
        "finishTime": format_datetime(task.finished),
        "success": task.state == DONE,
    })


_REQUEST_STATUS = {QUEUED: "PENDING", RUNNING: "RUNNING", DONE: "COMPLETE", FAILED: "FAILED"}


def request_json(task: Job) -> dict[str, Any]:
    status = _REQUEST_STATUS.get(task.state, "FAILED")  # cancelled and dead requests did not complete
    return _drop_none({
        "id": task.id,
        "status": status,
        "type": "IMMEDIATE",
        "requestTime": format_datetime(task.submitted),
        "startTime": format_datetime(task.started),
        "completionTime": format_datetime(task.finished),
    })

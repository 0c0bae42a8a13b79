"""The task progress shape (times as epoch milliseconds, as Jira sends them)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from ticketry.core.context import RequestContext
from ticketry.jobs.models import DONE, Job
from ticketry.platform.tasks.service import status


def _millis(moment: datetime | None) -> int | None:
    return int(moment.timestamp() * 1000) if moment is not None else None


def _elapsed(job: Job) -> int:
    if job.started is None:
        return 0
    end = job.finished or job.last_update
    return max(0, (_millis(end) or 0) - (_millis(job.started) or 0))


def task_json(ctx: RequestContext, job: Job) -> dict[str, Any]:
    body: dict[str, Any] = {
        "self": ctx.api(f"task/{job.id}"),
        "id": str(job.id),
        "description": job.description,
        "status": status(job),
        "message": job.message,
        # Jira shows the result only once the task has finished successfully.
        "result": job.result if job.state == DONE else None,
        "submittedBy": job.submitted_by,
        "progress": job.progress,
        "elapsedRuntime": _elapsed(job),
        "submitted": _millis(job.submitted),
        "started": _millis(job.started),
        "finished": _millis(job.finished),
        "lastUpdate": _millis(job.last_update),
    }
    return {k: v for k, v in body.items() if v is not None}

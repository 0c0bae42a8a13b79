"""GET /task/{taskId} and POST /task/{taskId}/cancel."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter
from fastapi.responses import Response

from ticketry.core.deps import UserCtx
from ticketry.core.routing import JiraRoute
from ticketry.platform.tasks import service
from ticketry.platform.tasks.render import task_json

router = APIRouter(route_class=JiraRoute, prefix="/rest/api/2", tags=["tasks"])


@router.get("/task/{taskId}")
def get_task(taskId: str, ctx: UserCtx) -> dict[str, Any]:  # noqa: N803
    return task_json(ctx, service.get_task(ctx.db, ctx.user, taskId))


@router.post("/task/{taskId}/cancel", status_code=202)
def cancel_task(taskId: str, ctx: UserCtx) -> Response:  # noqa: N803
    service.cancel(ctx.db, ctx.user, taskId)
    return Response(status_code=202)

"""serverInfo: the Jira Server identity clients choose their code paths from."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter
from sqlalchemy import text

from ticketry.core.deps import Ctx
from ticketry.core.routing import JiraRoute
from ticketry.core.timefmt import format_datetime
from ticketry.db.base import utcnow
from ticketry.platform.appsettings.service import get_property_value

router = APIRouter(route_class=JiraRoute, prefix="/rest/api/2", tags=["serverInfo"])

BUILD_DATE = "2026-11-22T00:00:00.000+0000"
TITLE_KEY = "jira.title"  # the application title administrators set; Jira reports it as serverTitle


@router.get("/serverInfo")
def server_info(ctx: Ctx, doHealthCheck: bool = False) -> dict[str, Any]:  # noqa: N803 (Jira's name)
    settings = ctx.settings
    numbers = [int(p) for p in settings.server_version.split(".")[:3] if p.isdigit()]
    body: dict[str, Any] = {
        "baseUrl": ctx.base_url,
        "version": settings.server_version,
        "versionNumbers": numbers,
        "deploymentType": settings.deployment_type,
        "buildNumber": settings.build_number,
        "buildDate": BUILD_DATE,
        "serverTime": format_datetime(utcnow()),
        "scmInfo": "ticketry",
        "serverTitle": get_property_value(ctx.db, TITLE_KEY),
    }
    if doHealthCheck:
        passed = ctx.db.execute(text("SELECT 1")).scalar() == 1
        body["healthChecks"] = [{"name": "database", "description": "The database answers queries.",
                                 "passed": passed}]
    return body

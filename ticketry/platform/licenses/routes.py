"""POST /rest/api/2/licenseValidator (anonymous allowed, as in Jira: the setup wizard calls it)."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Request

from ticketry.core.deps import Ctx
from ticketry.core.errors import JiraError
from ticketry.core.routing import JiraRoute
from ticketry.platform.licenses import service

router = APIRouter(route_class=JiraRoute, prefix="/rest/api/2", tags=["licenseValidator"])


async def _license_string(request: Request) -> str:
    """The body as text, unparsed: Jira reads it as a plain String, so JSON quotes stay part of it."""
    media = request.headers.get("content-type", "application/json").split(";")[0].strip().lower()
    if media != "application/json":  # the resource consumes JSON only; Jira's answer is 415
        raise JiraError(f"Unsupported media type '{media}': send the license key as application/json.",
                        status_code=415)
    return (await request.body()).decode("utf-8", errors="replace")


@router.post("/licenseValidator")
def validate_license(ctx: Ctx, license_string: Annotated[str, Depends(_license_string)]) -> dict[str, Any]:
    return service.validate_license(license_string)

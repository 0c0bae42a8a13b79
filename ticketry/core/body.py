"""A request body that must be one JSON object, read raw so that a bad document is Jira's 400, not 422."""

from __future__ import annotations

from typing import Annotated, Any

import orjson
from fastapi import Depends, Request

from ticketry.core.errors import BadRequest


async def _json_object(request: Request) -> dict[str, Any]:
    raw = await request.body()
    try:
        value = orjson.loads(raw) if raw.strip() else None
    except orjson.JSONDecodeError:
        raise BadRequest("The request body is not valid JSON.") from None
    if not isinstance(value, dict):
        raise BadRequest("The request body must be a JSON object.")
    return value


JsonObject = Annotated[dict[str, Any], Depends(_json_object)]

"""The request body of a property PUT: any JSON document, read raw so that strings and numbers work."""

from __future__ import annotations

from typing import Annotated, Any

import orjson
from fastapi import Depends, Request

from ticketry.core.errors import BadRequest


async def _json_value(request: Request) -> Any:
    raw = await request.body()
    if not raw.strip():
        raise BadRequest("The property value must not be empty.")
    try:
        return orjson.loads(raw)
    except orjson.JSONDecodeError as exc:
        raise BadRequest(f"The property value is not valid JSON: {exc}.") from None


JsonValue = Annotated[Any, Depends(_json_value)]

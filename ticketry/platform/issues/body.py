"""Reading a JSON request body (any JSON value; the services check its shape)."""

from __future__ import annotations

from typing import Any

import orjson

from ticketry.core.errors import BadRequest


def parse_json(raw: bytes) -> Any:
    if not raw.strip():
        raise BadRequest("No content to map to Object due to end of input")
    try:
        return orjson.loads(raw)
    except orjson.JSONDecodeError:
        raise BadRequest("Unexpected character in the request body: it is not valid JSON.") from None

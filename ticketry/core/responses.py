"""JSON responses encoded once, with orjson."""

from __future__ import annotations

from typing import Any

import orjson
from fastapi.encoders import jsonable_encoder
from fastapi.responses import JSONResponse


class JiraJSONResponse(JSONResponse):
    media_type = "application/json;charset=UTF-8"

    def render(self, content: Any) -> bytes:
        return orjson.dumps(content, default=_not_native, option=orjson.OPT_NON_STR_KEYS)


def _not_native(value: Any) -> Any:
    """What orjson cannot encode itself (sets, Decimals, pydantic models): FastAPI's encoder, as before."""
    return jsonable_encoder(value)

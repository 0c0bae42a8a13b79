"""JSON responses encoded once, with orjson."""

from __future__ import annotations

from typing import Any

import orjson
from fastapi.responses import JSONResponse


class JiraJSONResponse(JSONResponse):
    media_type = "application/json;charset=UTF-8"

    def render(self, content: Any) -> bytes:
        return orjson.dumps(content, option=orjson.OPT_NON_STR_KEYS)

"""Guards every user and group resource applies to its raw input before any rule runs."""

from __future__ import annotations

from typing import Annotated, TypeVar

from fastapi import Depends, Request
from fastapi.exceptions import RequestValidationError
from pydantic import BaseModel, ValidationError

from ticketry.core.errors import BadRequest
from ticketry.core.pagination import check_window

M = TypeVar("M", bound=BaseModel)

# Jira reads startAt as a Java long; larger values cannot name a position.
MAX_START = 2**63 - 1


def reject_nul(request: Request) -> None:
    """NUL characters are never part of a name, key or query (and PostgreSQL cannot store them)."""
    for name, value in [*request.query_params.multi_items(), *request.path_params.items()]:
        if "\x00" in name or "\x00" in str(value):
            raise BadRequest(errors={name.replace("\x00", ""): "The value must not contain NUL characters."})


def window(start_at: int, max_results: int, *, cap: int = 1000) -> tuple[int, int]:
    if start_at > MAX_START:
        raise BadRequest(errors={"startAt": f"The value of startAt must not exceed {MAX_START}."})
    return check_window(start_at, max_results, cap=cap)


async def _raw_body(request: Request) -> tuple[str, bytes]:
    return request.headers.get("content-type", ""), await request.body()


# The request body, read only when the route asks for it: declared after the context, it is
# parsed after authentication, so a caller who may not write gets 401/403 even for a broken body.
RawBody = Annotated[tuple[str, bytes], Depends(_raw_body)]


def parse_body(model: type[M], body: tuple[str, bytes]) -> M:
    """The body as the model, failing exactly as FastAPI's own body parsing does (Jira's error format)."""
    content_type, raw = body
    if not raw.strip():
        raise RequestValidationError([{"type": "missing", "loc": ("body",), "msg": "Field required", "input": None}])
    if content_type and "json" not in content_type.lower():
        raise RequestValidationError([{"type": "model_attributes_type", "loc": ("body",),
                                       "msg": "A JSON object was expected", "input": None}])
    try:
        return model.model_validate_json(raw)
    except ValidationError as exc:
        raise RequestValidationError(
            [{**error, "loc": ("body", *error["loc"])} for error in exc.errors(include_url=False)]
        ) from None

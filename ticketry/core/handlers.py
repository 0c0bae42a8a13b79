"""One place that turns every failure into Jira's error body and status."""

from __future__ import annotations

import logging
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from sqlalchemy.exc import DataError, IntegrityError, OperationalError
from starlette.exceptions import HTTPException as StarletteHTTPException

from ticketry.core.errors import JiraError
from ticketry.core.responses import JiraJSONResponse

log = logging.getLogger("ticketry")


def error_response(status: int, messages: list[str], errors: dict[str, str] | None = None,
                   headers: dict[str, str] | None = None) -> JiraJSONResponse:
    return JiraJSONResponse({"errorMessages": messages, "errors": errors or {}}, status_code=status, headers=headers)


def install(app: FastAPI) -> None:
    app.add_exception_handler(JiraError, _jira_error)
    app.add_exception_handler(RequestValidationError, _validation_error)
    app.add_exception_handler(StarletteHTTPException, _http_error)
    app.add_exception_handler(IntegrityError, _integrity_error)
    app.add_exception_handler(OperationalError, _operational_error)
    app.add_exception_handler(DataError, _out_of_range)
    app.add_exception_handler(OverflowError, _out_of_range)
    app.add_exception_handler(Exception, _unexpected)


async def _jira_error(request: Request, exc: Any) -> JiraJSONResponse:
    return error_response(exc.status_code, exc.messages, exc.errors, exc.headers or None)


async def _validation_error(request: Request, exc: Any) -> JiraJSONResponse:
    messages: list[str] = []
    errors: dict[str, str] = {}
    for err in exc.errors():
        loc = [str(p) for p in err.get("loc", ()) if p not in ("body", "query", "path", "header")]
        kind = err.get("type", "")
        if kind == "json_invalid" or (not loc and kind != "missing"):
            messages.append(_json_message(err))
            continue
        if kind == "missing" and not loc:
            messages.append("No content to map to Object due to end of input")
            continue
        name = loc[0] if loc else "body"
        if kind == "missing":
            errors.setdefault(name, f"The parameter '{name}' is required." if _in_query(err) else
                              f"You must specify a value for '{name}'.")
        else:
            errors.setdefault(name, f"Invalid value for '{'.'.join(loc)}': {err.get('msg', 'invalid')}.")
    return error_response(400, messages, errors)


def _in_query(err: dict[str, Any]) -> bool:
    loc = err.get("loc", ())
    return bool(loc) and loc[0] in ("query", "path", "header")


def _json_message(err: dict[str, Any]) -> str:
    if err.get("type") == "json_invalid":
        ctx = err.get("ctx") or {}
        return f"Unexpected character in the request body: {ctx.get('error', 'the body is not valid JSON')}."
    if err.get("type") in ("model_type", "model_attributes_type", "dict_type"):
        return "Can not deserialize the request body: a JSON object was expected."
    if err.get("type") == "list_type":
        return "Can not deserialize the request body: a JSON array was expected."
    return str(err.get("msg", "The request body is not valid."))


async def _http_error(request: Request, exc: Any) -> JiraJSONResponse:
    if exc.status_code == 404:
        return error_response(404, ["null for uri: " + str(request.url)])
    if exc.status_code == 405:
        return error_response(405, [f"Method {request.method} is not allowed for this resource."])
    return error_response(exc.status_code, [str(exc.detail)], headers=getattr(exc, "headers", None))


async def _integrity_error(request: Request, exc: Any) -> JiraJSONResponse:
    # Services validate first; reaching here means a concurrent writer won a uniqueness race.
    log.info("integrity error on %s %s: %s", request.method, request.url.path, exc.orig)
    return error_response(409, ["The change conflicts with the current state of the data; nothing was changed."])


async def _out_of_range(request: Request, exc: Any) -> JiraJSONResponse:
    # Ids beyond the database's integers, NUL characters and the like: the input is bad.
    log.info("value rejected by the database on %s %s: %s", request.method, request.url.path, exc)
    return error_response(400, ["A value in the request is out of range or contains characters that cannot be stored."])


async def _operational_error(request: Request, exc: Any) -> JiraJSONResponse:
    log.exception("database error on %s %s", request.method, request.url.path)
    return error_response(503, ["The database is busy or unavailable; nothing was changed. Try again."])


async def _unexpected(request: Request, exc: Exception) -> JiraJSONResponse:
    log.exception("unhandled error on %s %s", request.method, request.url.path)
    return error_response(500, ["Internal server error: " + type(exc).__name__])

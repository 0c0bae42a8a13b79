"""POST /jql/parse: each query's syntax tree, or its errors (and unknown values as warnings)."""

from __future__ import annotations

from typing import Any

from ticketry.core.context import RequestContext
from ticketry.core.errors import BadRequest
from ticketry.jql.compiler import compile_order, compile_where
from ticketry.jql.env import JqlValidationError
from ticketry.jql.errors import JqlSyntaxError
from ticketry.jql.parser import parse
from ticketry.jql.structure import query_json
from ticketry.platform.search.service import make_env

MODES = ("strict", "warn", "none")


def parse_queries(ctx: RequestContext, queries: list[str], validation: str) -> dict[str, Any]:
    if validation not in MODES:
        raise BadRequest(errors={"validation": f"The value '{validation}' is not one of strict, warn or none."})
    return {"queries": [_one(ctx, query, validation) for query in queries]}


def _one(ctx: RequestContext, text: str, validation: str) -> dict[str, Any]:
    try:
        query = parse(text)
    except JqlSyntaxError as error:
        return {"query": text, "errors": [error.message]}
    result: dict[str, Any] = {"query": text}
    if validation != "none":
        env = make_env(ctx, strict=False)
        errors: list[str] = []
        try:
            compile_where(env, query.where)
            compile_order(env, query.order_by)
        except JqlValidationError as error:
            errors = error.messages
        if errors:
            result["errors"] = errors
        if env.warnings:
            result["warnings"] = env.warnings
        if errors and validation == "strict":
            return result
    result["structure"] = query_json(query)
    return result

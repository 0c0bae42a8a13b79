"""A parsed query -> one SQL condition and ORDER BY over the issue table (the caller adds permissions)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import ColumnElement, and_, not_, or_, true

from ticketry.jql import ast
from ticketry.jql.custom_fields import custom_handler
from ticketry.jql.env import Env, JqlValidationError
from ticketry.jql.handlers import FieldHandler, fail
from ticketry.jql.history import compile_changed, compile_was
from ticketry.jql.registry import handler_for
from ticketry.jql.structure import display
from ticketry.platform.issues.models import Issue

MAX_DEPTH = 64
# Ordering operators: EMPTY has no place in an order (Jira allows it with =, !=, ~, !~, IS, IS NOT, IN, NOT IN).
NO_EMPTY_OPERATORS = frozenset({"<", ">", "<=", ">="})


def compile_where(env: Env, clause: ast.Clause | None) -> ColumnElement[bool]:
    if clause is None:
        return true()
    errors: list[str] = []
    expr = _clause(env, clause, errors, 0)
    if errors:
        raise JqlValidationError(errors)
    return expr


def _clause(env: Env, clause: ast.Clause, errors: list[str], depth: int) -> ColumnElement[bool]:
    if depth > MAX_DEPTH:
        raise fail("The query is too complex: clauses are nested too deeply.")
    if isinstance(clause, ast.Compound):
        parts = [_clause(env, c, errors, depth + 1) for c in clause.clauses]
        if clause.operator == "not":
            return not_(parts[0])
        return and_(*parts) if clause.operator == "and" else or_(*parts)
    try:
        handler = field_handler(env, clause.field)
        _check_predicates(clause)
        if isinstance(clause, ast.Terminal) and clause.operator in NO_EMPTY_OPERATORS \
                and isinstance(clause.operand, ast.Empty):
            raise fail(f"The operator '{clause.operator}' does not support searching for EMPTY values.")
        if isinstance(clause, ast.Changed):
            return compile_changed(env, handler, clause)
        if clause.operator.startswith("was"):
            return compile_was(env, handler, clause)
        return handler.compile(env, clause)
    except JqlValidationError as error:
        errors.extend(m for m in error.messages if m not in errors)
        return true()


OPERATOR_NAMES = {"=": "EQUALS", "!=": "NOT_EQUALS", "~": "LIKE", "!~": "NOT_LIKE", ">": "GREATER_THAN",
                  ">=": "GREATER_THAN_EQUALS", "<": "LESS_THAN", "<=": "LESS_THAN_EQUALS", "in": "IN",
                  "not in": "NOT_IN", "is": "IS", "is not": "IS_NOT"}


def _check_predicates(clause: ast.Terminal | ast.Changed) -> None:
    """Predicates parse after any operator, as in Jira, but only WAS and CHANGED take them; CHANGED takes no value."""
    if isinstance(clause, ast.Changed):
        if clause.operand is not None:
            raise fail(f"The CHANGED operator does not support the use of values without predicates. You must "
                       f"prefix the {display(clause.operand)} value with a suitable predicate.")
        return
    if clause.predicates and not clause.operator.startswith("was"):
        first = clause.predicates[0]
        raise fail(f"The {OPERATOR_NAMES[clause.operator]} operator does not support the use of the "
                   f"{first.operator} {display(first.operand)} predicate.")


def field_handler(env: Env, field: ast.FieldRef) -> FieldHandler:
    handler = handler_for(field.name) if field.custom_id is None else None
    if handler is None:
        handler = custom_handler(env, field)
    if handler is None:
        raise fail(f"Field '{field.name}' does not exist or you do not have permission to view it.")
    return handler


def compile_order(env: Env, keys: Sequence[ast.SortKey]) -> list[Any]:
    """ORDER BY terms, then issue id so that paging is stable. Priority sorts highest first by default."""
    terms: list[Any] = []
    errors: list[str] = []
    for key in keys:
        try:
            handler = field_handler(env, key.field)
            default = "desc" if handler.name == "priority" else "asc"
            descending = (key.direction or default) == "desc"
            for column in handler.order_by(env):
                # Empty values sort as the largest: last going up, first going down (as PostgreSQL does).
                terms.append(column.desc().nulls_first() if descending else column.asc().nulls_last())
        except JqlValidationError as error:
            errors.extend(error.messages)
    if errors:
        raise JqlValidationError(errors)
    terms.append(Issue.id.desc() if keys and (keys[-1].direction or "asc") == "desc" else Issue.id.asc())
    return terms

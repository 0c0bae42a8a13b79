"""A parsed query -> one SQL condition and ORDER BY over the issue table (the caller adds permissions)."""

from __future__ import annotations

import functools
from collections.abc import Sequence
from dataclasses import replace
from typing import Any

from sqlalchemy import Column, ColumnElement, UnaryExpression, and_, not_, or_, true
from sqlalchemy.sql import operators

from ticketry.jql import ast
from ticketry.jql.custom_fields import custom_handler
from ticketry.jql.env import Env, JqlValidationError
from ticketry.jql.handlers import FieldHandler, fail
from ticketry.jql.history import compile_changed, compile_was
from ticketry.jql.key_fields import IssueKeyField
from ticketry.jql.registry import handler_for
from ticketry.jql.structure import display
from ticketry.jql.system_fields import ProjectField
from ticketry.platform.issues.models import Issue

MAX_DEPTH = 64
# Ordering operators: EMPTY has no place in an order (Jira allows it with =, !=, ~, !~, IS, IS NOT, IN, NOT IN).
NO_EMPTY_OPERATORS = frozenset({"<", ">", "<=", ">="})


def compile_where(env: Env, clause: ast.Clause | None) -> ColumnElement[bool]:
    if clause is None:
        return true()
    errors: list[str] = []
    outer = env.project_scope  # a saved filter's query has its own; the enclosing query's comes back after
    env.project_scope = functools.cache(lambda: _project_scope(env, clause))
    try:
        expr = _clause(env, clause, errors, 0)
    finally:
        env.project_scope = outer
    if errors:
        raise JqlValidationError(errors)
    return expr


def _project_scope(env: Env, where: ast.Clause | None) -> list[int] | None:
    """The projects top-level `project = X` / `project IN (...)` clauses allow, or None. Every result is in
    them, and an issue only ever has its own project's versions and components, so those clauses may look at
    these projects' alone (versions named "1.0.0" in 500 projects: one, not 500)."""
    scope: list[int] | None = None
    for clause in _conjuncts(where):
        if not isinstance(clause, ast.Terminal) or clause.operator not in ("=", "in") or clause.predicates:
            continue
        handler = handler_for(clause.field.name) if clause.field.custom_id is None else None
        if not isinstance(handler, ProjectField):
            continue
        try:
            # Resolved again on the side: the WHERE clause reports its own warnings and errors.
            ids, empty = handler.values(replace(env, strict=False, warnings=[]), clause.operand)
        except JqlValidationError:
            continue
        if not empty:
            found = [int(str(i)) for i in ids]
            scope = found if scope is None else [i for i in scope if i in found]
    return scope


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


def compile_order(env: Env, keys: Sequence[ast.SortKey], where: ast.Clause | None = None) -> list[Any]:
    """ORDER BY terms, then issue id so that paging is stable. Priority sorts highest first by default.

    The terms are written so that an index can give the order and the page stops after its issues:
    - a handler may give a column as `column.desc()`: that column sorts the field in reverse (priority
      ids rise as priorities fall), so it is read the other way;
    - no NULLS FIRST/LAST on values that are never empty (SQLite sorts rather than walk an index then);
    - nothing after the issue key: it names one issue, so later terms and the id never decide;
    - within one project (`where` keeps to it) the key is the issue number.
    """
    terms: list[Any] = []
    errors: list[str] = []
    decided = False
    for key in keys:
        try:
            handler = field_handler(env, key.field)
            default = "desc" if handler.name == "priority" else "asc"
            descending = (key.direction or default) == "desc"
            if isinstance(handler, IssueKeyField):
                columns = handler.order_within_project() if _one_project(env, where) else handler.order_by(env)
            else:
                columns = handler.order_by(env)  # validates the field even after the key
            if not decided:
                terms.extend(_direction(column, descending, isinstance(handler, IssueKeyField))
                             for column in columns)
            decided = decided or isinstance(handler, IssueKeyField)
        except JqlValidationError as error:
            errors.extend(error.messages)
    if errors:
        raise JqlValidationError(errors)
    if not decided:
        terms.append(Issue.id.desc() if keys and (keys[-1].direction or "asc") == "desc" else Issue.id.asc())
    return terms


def _direction(column: Any, descending: bool, never_empty: bool) -> Any:
    if isinstance(column, UnaryExpression) and column.modifier is operators.desc_op:
        column, descending = column.element, not descending
    expression = getattr(column, "expression", column)  # a mapped attribute's column
    if never_empty or (isinstance(expression, Column) and expression.nullable is False):
        return column.desc() if descending else column.asc()
    # Empty values sort as the largest: last going up, first going down (as PostgreSQL does).
    return column.desc().nulls_first() if descending else column.asc().nulls_last()


def _one_project(env: Env, where: ast.Clause | None) -> bool:
    """Whether top-level `project = X` / `project IN (...)` clauses keep the query to one project."""
    scope = _project_scope(env, where)
    return scope is not None and len(set(scope)) == 1


def _conjuncts(clause: ast.Clause | None) -> list[ast.Clause]:
    if clause is None:
        return []
    if isinstance(clause, ast.Compound) and clause.operator == "and":
        return [part for c in clause.clauses for part in _conjuncts(c)]
    return [clause]

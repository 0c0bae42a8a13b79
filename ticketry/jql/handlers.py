"""The shape every JQL field handler has, and the common value-set handler."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import ColumnElement, false, not_

from ticketry.jql import ast
from ticketry.jql.env import Env, JqlValidationError
from ticketry.jql.matching import Matcher
from ticketry.jql.structure import operand_text
from ticketry.jql.words import FUNCTIONS

EQUALITY = frozenset({"=", "!=", "in", "not in", "is", "is not"})
ORDERING = frozenset({"<", ">", "<=", ">="})


def fail(message: str) -> JqlValidationError:
    return JqlValidationError([message])


def items_of(operand: ast.Operand) -> list[ast.Value | ast.Empty | ast.FunctionCall]:
    if isinstance(operand, ast.ValueList):
        out: list[ast.Value | ast.Empty | ast.FunctionCall] = []
        for item in operand.items:
            out.extend(items_of(item))
        return out
    return [operand]


class FieldHandler:
    """Compiles the clauses of one field (under its JQL names) to SQL over the issue table."""

    name = ""
    operators: frozenset[str] = EQUALITY

    def compile(self, env: Env, clause: ast.Terminal) -> ColumnElement[bool]:
        raise NotImplementedError

    def order_by(self, env: Env) -> Sequence[ColumnElement[object]]:
        raise fail(f"Not able to sort using field '{self.name}'.")

    def sortable(self) -> bool:
        return type(self).order_by is not FieldHandler.order_by

    def check_operator(self, operator: str) -> None:
        if operator not in self.operators:
            raise fail(f"The operator '{operator.upper() if operator[0].isalpha() else operator}' is not "
                       f"supported by the '{self.name}' field.")

    def check_list_use(self, clause: ast.Terminal) -> None:
        operator, operand = clause.operator, clause.operand
        if operator in ("in", "not in") and isinstance(operand, ast.Value | ast.Empty):
            raise fail(f"Operator '{operator}' does not support the non-list value '{operand_text(operand)}' "
                       f"for field '{self.name}'.")
        if operator not in ("in", "not in") and isinstance(operand, ast.ValueList):
            raise fail(f"Operator '{operator}' does not support the list value '{operand_text(operand)}' "
                       f"for field '{self.name}'.")

    def unknown_function(self, call: ast.FunctionCall) -> JqlValidationError:
        if call.name.lower() not in FUNCTIONS:
            return fail(f"Unable to find JQL function '{call.name}()'.")
        return fail(f"Unable to find JQL function '{call.name}()' for the field '{self.name}'.")


class ValueSetField(FieldHandler):
    """Fields whose values are drawn from a set (ids or names): the usual = != IN NOT IN IS semantics."""

    emptiable = True

    def matcher(self) -> Matcher:
        raise NotImplementedError

    def resolve(self, env: Env, text: str) -> list[object]:
        """The stored values a literal means (unknown: report through env.unknown_value, return [])."""
        raise NotImplementedError

    def function(self, env: Env, call: ast.FunctionCall) -> list[object]:
        raise self.unknown_function(call)

    def compare(self, env: Env, operator: str, values: list[object]) -> list[object]:
        raise fail(f"The operator '{operator}' is not supported by the '{self.name}' field.")

    def values(self, env: Env, operand: ast.Operand) -> tuple[list[object], bool]:
        found: list[object] = []
        empty = False
        for item in items_of(operand):
            if isinstance(item, ast.Empty):
                empty = True
            elif isinstance(item, ast.FunctionCall):
                found.extend(self.function(env, item))
            else:
                # An unquoted number is an id to Jira, and an unknown one is reported as such.
                env.literal_is_id = not item.quoted and item.text.isdigit()
                try:
                    found.extend(self.resolve(env, item.text))
                finally:
                    env.literal_is_id = False
        if empty and not self.emptiable:
            raise fail(f"The field '{self.name}' does not support searching for EMPTY values.")
        return found, empty

    def compile(self, env: Env, clause: ast.Terminal) -> ColumnElement[bool]:
        operator = clause.operator
        self.check_operator(operator)
        self.check_list_use(clause)
        values, empty = self.values(env, clause.operand)
        matcher = self.matcher()
        if operator in ("=", "in", "is"):
            return matcher.positive(values, empty)
        if operator in ("!=", "not in", "is not"):
            return matcher.negative(values, empty) if values or not empty else matcher.has_any()
        if empty:
            return false()
        return matcher.positive(self.compare(env, operator, values))


def negate(expr: ColumnElement[bool]) -> ColumnElement[bool]:
    return not_(expr)

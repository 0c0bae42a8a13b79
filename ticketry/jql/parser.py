"""parse(text) -> Query, with Jira's syntax error messages and positions."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Any

from lark import Lark, Token, Transformer, v_args
from lark.exceptions import UnexpectedInput, UnexpectedToken, VisitError

from ticketry.jql import ast
from ticketry.jql.errors import VALID_OPERATORS, JqlSyntaxError, reserved_word
from ticketry.jql.lexer import JqlLexer

MAX_LENGTH = 100_000
OPERATOR_TOKENS = {"EQ", "NE", "LIKE", "NLIKE", "LT", "GT", "LE", "GE", "IN", "IS", "WAS", "CHANGED"}
OPERAND_TOKENS = {"WORD", "STRING", "EMPTY", "LPAR"}
FIELD_TOKENS = {"WORD", "STRING", "CUSTOM_FIELD"}


@lru_cache(maxsize=1)
def _lark() -> Lark:
    grammar = (Path(__file__).parent / "grammar.lark").read_text()
    return Lark(grammar, parser="lalr", lexer=JqlLexer, maybe_placeholders=False)


def parse(text: str) -> ast.Query:
    if len(text) > MAX_LENGTH:
        raise JqlSyntaxError(f"The query is too long: at most {MAX_LENGTH} characters.")
    try:
        tree = _lark().parse(text)
        return _ToAst().transform(tree)
    except UnexpectedToken as exc:
        raise _unexpected(exc) from None
    except UnexpectedInput as exc:  # pragma: no cover - our lexer raises its own errors
        raise JqlSyntaxError(str(exc)) from None
    except VisitError as exc:
        if isinstance(exc.orig_exc, JqlSyntaxError):
            raise exc.orig_exc from None
        raise


def _unexpected(exc: UnexpectedToken) -> JqlSyntaxError:
    token, expected = exc.token, set(exc.expected)
    if token.type == "$END":
        return JqlSyntaxError(_expecting(expected) + " before the end of the query.")
    line, column = token.line or 1, token.column or 1
    if token.type == "RESERVED" or (token.type in _KEYWORD_TYPES and expected & (OPERAND_TOKENS | FIELD_TOKENS)):
        return reserved_word(token.value.lower(), line, column)
    got = f" but got '{token.value}'."
    if expected & OPERATOR_TOKENS and not expected & {"AND", "OR"}:
        return JqlSyntaxError(f"Expecting operator{got} The valid operators are {VALID_OPERATORS}.", line, column)
    return JqlSyntaxError(_expecting(expected) + got[:-1] + ".", line, column)


_KEYWORD_TYPES = {"AND", "OR", "NOT", "IN", "IS", "EMPTY", "ORDER", "BY", "ASC", "DESC", "WAS", "CHANGED",
                  "AFTER", "BEFORE", "ON", "DURING", "FROM", "TO"}


def _expecting(expected: set[str]) -> str:
    if expected & OPERATOR_TOKENS and not expected & {"AND", "OR"}:
        return "Expecting operator"
    if "CUSTOM_FIELD" in expected:
        return "Expecting a field name"
    if "BY" in expected and len(expected) == 1:
        return "Expecting 'BY'"
    if expected & {"WORD", "STRING"} and expected & {"EMPTY", "LPAR"}:
        return "Expecting either a value, list or function"
    if expected & FIELD_TOKENS:
        return "Expecting a field name"
    if "RPAR" in expected and not expected & {"AND", "OR"}:
        return "Expecting ')'"
    if expected & {"AND", "OR"} or expected <= {"$END", "ORDER"}:
        return "Expecting either 'OR' or 'AND'"
    if expected <= {"EMPTY", "NOT"}:
        return "Expecting 'EMPTY'"
    if "COMMA" in expected or "RPAR" in expected:
        return "Expecting ',' or ')'"
    return "Unexpected input"


def _pos(token: Token) -> ast.Position:
    return ast.Position(token.line or 1, token.column or 1)


@v_args(inline=True)
class _ToAst(Transformer[Token, Any]):
    def start(self, *parts: Any) -> ast.Query:
        where = next((p for p in parts if not isinstance(p, list)), None)
        order = next((p for p in parts if isinstance(p, list)), [])
        return ast.Query(where=where, order_by=tuple(order))

    def order_by(self, _order: Token, _by: Token, *keys: Any) -> list[ast.SortKey]:
        return [k for k in keys if isinstance(k, ast.SortKey)]

    def sort_key(self, field: ast.FieldRef, direction: str | None = None) -> ast.SortKey:
        return ast.SortKey(field, direction)

    def direction(self, token: Token) -> str:
        return token.value.lower()

    def or_clause(self, *parts: Any) -> ast.Compound:
        return ast.Compound("or", tuple(p for p in parts if not isinstance(p, Token)))

    def and_clause(self, *parts: Any) -> ast.Compound:
        return ast.Compound("and", tuple(p for p in parts if not isinstance(p, Token)))

    def negation(self, _not: Token, clause: ast.Clause) -> ast.Compound:
        return ast.Compound("not", (clause,))

    def not_clause(self, _lpar: Token, clause: ast.Clause, _rpar: Token) -> ast.Clause:
        return clause

    def field(self, token: Token) -> ast.FieldRef:
        if token.type == "CUSTOM_FIELD":
            return ast.FieldRef(f"cf[{token.value}]", custom_id=int(token.value), position=_pos(token))
        return ast.FieldRef(token.value, quoted=token.type == "STRING", position=_pos(token))

    def comparison(self, token: Token) -> str:
        return token.value

    def compare(self, field: ast.FieldRef, operator: str, operand: ast.Operand) -> ast.Terminal:
        return ast.Terminal(field, operator, operand)

    def in_(self, field: ast.FieldRef, _in: Token, operand: ast.Operand) -> ast.Terminal:
        return ast.Terminal(field, "in", operand)

    def not_in(self, field: ast.FieldRef, _not: Token, _in: Token, operand: ast.Operand) -> ast.Terminal:
        return ast.Terminal(field, "not in", operand)

    def is_empty(self, field: ast.FieldRef, _is: Token, empty: Token) -> ast.Terminal:
        return ast.Terminal(field, "is", ast.Empty(empty.value.lower(), _pos(empty)))

    def is_not_empty(self, field: ast.FieldRef, _is: Token, _not: Token, empty: Token) -> ast.Terminal:
        return ast.Terminal(field, "is not", ast.Empty(empty.value.lower(), _pos(empty)))

    def was(self, field: ast.FieldRef, _was: Token, operand: ast.Operand, *predicates: ast.Predicate) -> ast.Terminal:
        return ast.Terminal(field, "was", operand, predicates)

    def was_in(self, field: ast.FieldRef, _w: Token, _i: Token, operand: ast.Operand, *preds: ast.Predicate) -> Any:
        return ast.Terminal(field, "was in", operand, preds)

    def was_not(self, field: ast.FieldRef, _w: Token, _n: Token, operand: ast.Operand, *preds: ast.Predicate) -> Any:
        return ast.Terminal(field, "was not", operand, preds)

    def was_not_in(self, field: ast.FieldRef, _w: Token, _n: Token, _i: Token, operand: ast.Operand,
                   *preds: ast.Predicate) -> ast.Terminal:
        return ast.Terminal(field, "was not in", operand, preds)

    def changed(self, field: ast.FieldRef, _changed: Token, *predicates: ast.Predicate) -> ast.Changed:
        return ast.Changed(field, predicates)

    def empty(self, token: Token) -> ast.Empty:
        return ast.Empty(token.value.lower(), _pos(token))

    def value(self, token: Token) -> ast.Value:
        return ast.Value(token.value, quoted=token.type == "STRING", position=_pos(token))

    def list(self, lpar: Token, *items: Any) -> ast.ValueList:
        operands = tuple(i for i in items if not isinstance(i, Token))
        return ast.ValueList(operands, _pos(lpar))

    def function(self, name: Token, _lpar: Token, *rest: Any) -> ast.FunctionCall:
        args = tuple(a for a in rest if isinstance(a, str) and not isinstance(a, Token))
        return ast.FunctionCall(name.value, args, _pos(name))

    def argument(self, token: Token) -> str:
        return str(token.value)

    def _predicate(self, operator: str, operand: ast.Operand) -> ast.Predicate:
        return ast.Predicate(operator, operand)

    def after(self, _t: Token, operand: ast.Operand) -> ast.Predicate:
        return ast.Predicate("after", operand)

    def before(self, _t: Token, operand: ast.Operand) -> ast.Predicate:
        return ast.Predicate("before", operand)

    def on(self, _t: Token, operand: ast.Operand) -> ast.Predicate:
        return ast.Predicate("on", operand)

    def during(self, _t: Token, lpar: Token, start: ast.Operand, _c: Token, end: ast.Operand, _r: Token) -> Any:
        return ast.Predicate("during", ast.ValueList((start, end), _pos(lpar)))

    def by(self, _t: Token, operand: ast.Operand) -> ast.Predicate:
        return ast.Predicate("by", operand)

    def from_(self, _t: Token, operand: ast.Operand) -> ast.Predicate:
        return ast.Predicate("from", operand)

    def to(self, _t: Token, operand: ast.Operand) -> ast.Predicate:
        return ast.Predicate("to", operand)

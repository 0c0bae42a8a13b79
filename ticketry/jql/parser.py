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


@lru_cache(maxsize=1)
def _lark() -> Lark:
    grammar = (Path(__file__).parent / "grammar.lark").read_text()
    return Lark(grammar, parser="lalr", lexer=JqlLexer, maybe_placeholders=False)


# Boards, dashboards and saved filters send the same queries again and again; their trees are immutable.
_CACHED_LENGTH = 2000


def parse(text: str) -> ast.Query:
    if len(text) > MAX_LENGTH:
        raise JqlSyntaxError(f"The query is too long: at most {MAX_LENGTH} characters.")
    return _parse_kept(text) if len(text) <= _CACHED_LENGTH else _parse(text)


@lru_cache(maxsize=1024)
def _parse_kept(text: str) -> ast.Query:
    return _parse(text)


def _parse(text: str) -> ast.Query:
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
    token, expected = exc.token, _acceptable(exc)
    at_end = token.type == "$END"
    text = "" if at_end else str(token.value)
    where = (None, None) if at_end else (token.line or 1, token.column or 1)
    message = _message(expected, token.type, text)
    if message is None:
        return reserved_word(text.lower(), *where)  # type: ignore[arg-type]
    return JqlSyntaxError(message, *where)


def _acceptable(exc: UnexpectedToken) -> set[str]:
    """The tokens the parser could really take here (LALR's merged states over-report expected ones)."""
    try:
        return set(exc.interactive_parser.accepts())
    except Exception:  # noqa: BLE001 - fall back to lark's own list
        return set(exc.expected)


def _message(expected: set[str], got: str, text: str) -> str | None:
    """Jira's words for what the parser expected and what it got (None: a reserved word was used)."""
    end = got == "$END"
    but = f" but got '{text}'."
    quote = f" You must surround '{text}' in quotation marks to use it as"
    if "CUSTOM_FIELD" in expected:
        if end:
            return "Expecting a field name at the end of the query."
        if got == "RESERVED":
            return None
        if got == "LBRACKET":
            return "Expecting a field name but got '['. Did you mean 'cf['?"
        return f"Expecting a field name{but}{quote} a field name."
    if "EQ" in expected:
        ending = " before the end of the query." if end else but
        return f"Expecting operator{ending} The valid operators are {VALID_OPERATORS}."
    if expected & {"WORD", "STRING"} and expected & {"LPAR", "EMPTY"}:
        if end:
            return "Expecting either a value, list or function before the end of the query."
        return None if got == "RESERVED" else f"Expecting either a value, list or function{but}{quote} a value."
    if expected & {"WORD", "STRING"}:
        return _argument(expected, got, text)
    if "FUNC_COMMA" in expected:
        return "Expecting ')' before the end of the query." if end else f"Expecting ')' or ','{but}"
    if expected & {"AND", "OR"} or expected <= {"$END", "ORDER"}:
        if end:
            return "Expecting ')' before the end of the query."
        return f"Expecting either 'OR' or 'AND'{but}"
    if expected & {"ASC", "DESC"}:
        return f"Expecting either 'ASC' or 'DESC'{but}"
    for terminal, shown in (("RPAR", "')'"), ("BY", "'by'"), ("IN", "'IN'"), ("LPAR", "'('"), ("COMMA", "','")):
        if terminal in expected:
            return f"Expecting {shown} before the end of the query." if end else f"Expecting {shown}{but}"
    if "EMPTY" in expected:
        shown = "'NOT'" if got == "BANG" else "'EMPTY'"
        return f"Expecting {shown} before the end of the query." if end else f"Expecting {shown}{but}"
    return "Unable to parse the query before the end." if end else f"Unable to parse the query at '{text}'."


def _argument(expected: set[str], got: str, text: str) -> str | None:
    """Inside a function's parentheses: the first argument (or ')') or one after a comma."""
    first = "FUNC_RPAR" in expected
    if got == "$END":
        return "Expecting ')' before the end of the query." if first else \
            "Expecting a function argument at the end of the query."
    if got == "FUNC_COMMA" and first:
        return "Expecting ')' but got ','."
    if got == "FUNC_RPAR":
        return "Function argument must be specified."
    if got == "RESERVED":
        return None
    return (f"Expecting a function argument but got '{text}'. You must surround '{text}' in quotation marks to use "
            "it as an argument.")


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
        if token.type != "CUSTOM_FIELD" and not token.value.strip():
            raise JqlSyntaxError("A field name cannot be empty.", token.line, token.column)
        if token.type == "CUSTOM_FIELD":
            return ast.FieldRef(f"cf[{token.value}]", custom_id=int(token.value), position=_pos(token))
        return ast.FieldRef(token.value, quoted=token.type == "STRING", position=_pos(token))

    def comparison(self, token: Token) -> str:
        return token.value

    def compare(self, field: ast.FieldRef, operator: str, operand: ast.Operand, *preds: ast.Predicate) -> Any:
        return ast.Terminal(field, operator, operand, preds)

    def in_(self, field: ast.FieldRef, _in: Token, operand: ast.Operand, *preds: ast.Predicate) -> ast.Terminal:
        return ast.Terminal(field, "in", operand, preds)

    def not_in(self, field: ast.FieldRef, _not: Token, _in: Token, operand: ast.Operand,
               *preds: ast.Predicate) -> ast.Terminal:
        return ast.Terminal(field, "not in", operand, preds)

    def is_empty(self, field: ast.FieldRef, _is: Token, empty: Token, *preds: ast.Predicate) -> ast.Terminal:
        return ast.Terminal(field, "is", ast.Empty(empty.value.lower(), _pos(empty)), preds)

    def is_not_empty(self, field: ast.FieldRef, _is: Token, _not: Token, empty: Token,
                     *preds: ast.Predicate) -> ast.Terminal:
        return ast.Terminal(field, "is not", ast.Empty(empty.value.lower(), _pos(empty)), preds)

    def was(self, field: ast.FieldRef, _was: Token, operand: ast.Operand, *predicates: ast.Predicate) -> ast.Terminal:
        return ast.Terminal(field, "was", operand, predicates)

    def was_in(self, field: ast.FieldRef, _w: Token, _i: Token, operand: ast.Operand, *preds: ast.Predicate) -> Any:
        return ast.Terminal(field, "was in", operand, preds)

    def was_not(self, field: ast.FieldRef, _w: Token, _n: Token, operand: ast.Operand, *preds: ast.Predicate) -> Any:
        return ast.Terminal(field, "was not", operand, preds)

    def was_not_in(self, field: ast.FieldRef, _w: Token, _n: Token, _i: Token, operand: ast.Operand,
                   *preds: ast.Predicate) -> ast.Terminal:
        return ast.Terminal(field, "was not in", operand, preds)

    def changed(self, field: ast.FieldRef, _changed: Token, *rest: Any) -> ast.Changed:
        predicates = tuple(p for p in rest if isinstance(p, ast.Predicate))
        operand = next((p for p in rest if not isinstance(p, ast.Predicate)), None)
        return ast.Changed(field, predicates, operand)

    def empty(self, token: Token) -> ast.Empty:
        return ast.Empty(token.value.lower(), _pos(token))

    def value(self, token: Token) -> ast.Value:
        return ast.Value(token.value, quoted=token.type == "STRING", position=_pos(token))

    def list(self, lpar: Token, *items: Any) -> ast.ValueList:
        operands = tuple(i for i in items if not isinstance(i, Token))
        return ast.ValueList(operands, _pos(lpar))

    def function(self, name: Token, _lpar: Token, *rest: Any) -> ast.FunctionCall:
        if not name.value.strip():
            raise JqlSyntaxError("A function name cannot be empty.", name.line, name.column)
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

    def during(self, _t: Token, operand: ast.Operand) -> ast.Predicate:
        return ast.Predicate("during", operand)

    def by(self, _t: Token, operand: ast.Operand) -> ast.Predicate:
        return ast.Predicate("by", operand)

    def from_(self, _t: Token, operand: ast.Operand) -> ast.Predicate:
        return ast.Predicate("from", operand)

    def to(self, _t: Token, operand: ast.Operand) -> ast.Predicate:
        return ast.Predicate("to", operand)

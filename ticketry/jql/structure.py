"""The JSON structure of a parsed query, as POST /rest/api/2/jql/parse returns it."""

from __future__ import annotations

from typing import Any

from ticketry.jql import ast
from ticketry.jql.lexer import LONG_MAX, LONG_MIN, NUMBER, is_control
from ticketry.jql.words import KEYWORDS, RESERVED_CHARACTERS, RESERVED_WORDS

_NEEDS_QUOTES = set(" \t\r\n\"'(),=!<>~[]|&\\") | RESERVED_CHARACTERS


def encode(text: str) -> str:
    """The text as it must be written in JQL: quoted when bare it would not read back the same."""
    if text and not (set(text) & _NEEDS_QUOTES) and text.lower() not in RESERVED_WORDS | set(KEYWORDS) \
            and not any(c.isspace() or is_control(c) for c in text) and not _out_of_range(text):
        return text
    return '"' + "".join(_escaped(c) for c in text) + '"'


def _out_of_range(text: str) -> bool:
    """A bare number beyond Java's long does not parse (Jira: "... is not a valid number")."""
    return bool(NUMBER.match(text)) and not LONG_MIN <= int(text) <= LONG_MAX


def _escaped(char: str) -> str:
    named = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\t": "\\t", "\r": "\\r"}
    if char in named:
        return named[char]
    return f"\\u{ord(char):04x}" if is_control(char) else char


def query_json(query: ast.Query) -> dict[str, Any]:
    body: dict[str, Any] = {}
    if query.where is not None:
        body["where"] = clause_json(query.where)
    if query.order_by:
        body["orderBy"] = {"fields": [_sort_json(key) for key in query.order_by]}
    return body


def _sort_json(key: ast.SortKey) -> dict[str, Any]:
    body: dict[str, Any] = {"field": field_json(key.field)}
    if key.direction:
        body["direction"] = key.direction
    return body


def field_json(field: ast.FieldRef) -> dict[str, Any]:
    encoded = field.name if field.custom_id is not None else encode(field.name)
    return {"name": field.name, "encodedName": encoded}


def clause_json(clause: ast.Clause) -> dict[str, Any]:
    if isinstance(clause, ast.Compound):
        return {"clauses": [clause_json(c) for c in clause.clauses], "operator": clause.operator}
    if isinstance(clause, ast.Changed):
        return {"field": field_json(clause.field), "operator": "changed",
                "predicates": [_predicate_json(p) for p in clause.predicates]}
    body: dict[str, Any] = {"field": field_json(clause.field), "operator": clause.operator,
                            "operand": operand_json(clause.operand)}
    if clause.predicates:
        body["predicates"] = [_predicate_json(p) for p in clause.predicates]
    return body


def _predicate_json(predicate: ast.Predicate) -> dict[str, Any]:
    return {"operator": predicate.operator, "operand": operand_json(predicate.operand)}


def operand_json(operand: ast.Operand) -> dict[str, Any]:
    if isinstance(operand, ast.Value):
        return {"value": operand.text, "encodedValue": encode(operand.text)}
    if isinstance(operand, ast.Empty):
        return {"keyword": operand.keyword}
    if isinstance(operand, ast.FunctionCall):
        return {"function": operand.name, "arguments": list(operand.arguments),
                "encodedOperand": _function_text(operand)}
    return {"values": [operand_json(item) for item in operand.items], "encodedOperand": _list_text(operand)}


def operand_text(operand: ast.Operand) -> str:
    if isinstance(operand, ast.Value):
        return encode(operand.text)
    if isinstance(operand, ast.Empty):
        return operand.keyword.upper()
    if isinstance(operand, ast.FunctionCall):
        return _function_text(operand)
    return _list_text(operand)


def _function_text(call: ast.FunctionCall) -> str:
    return f"{encode(call.name)}({', '.join(encode(a) for a in call.arguments)})"


def _list_text(values: ast.ValueList) -> str:
    return "(" + ", ".join(operand_text(item) for item in values.items) + ")"


def display(operand: ast.Operand) -> str:
    """Jira's display string of an operand in validation messages: strings quoted, numbers bare."""
    if isinstance(operand, ast.Value):
        return operand.text if not operand.quoted and NUMBER.match(operand.text) else f'"{operand.text}"'
    if isinstance(operand, ast.Empty):
        return "EMPTY"
    if isinstance(operand, ast.FunctionCall):
        return f"{operand.name}({', '.join(operand.arguments)})"
    return "(" + ", ".join(display(item) for item in operand.items) + ")"

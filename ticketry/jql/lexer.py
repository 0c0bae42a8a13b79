"""The JQL tokenizer: Jira's quoting, escapes, reserved words and characters, numbers and cf[...], with positions.

Function calls get their own parenthesis and comma tokens (a word followed by '(' names a function, as
in Jira's grammar), so the parser can tell "Expecting ')' or ','" in an argument list from "Expecting ')'"
in a value list.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from lark import Token
from lark.lexer import Lexer

from ticketry.jql.errors import JqlSyntaxError, reserved_character
from ticketry.jql.words import KEYWORDS, RESERVED_CHARACTERS, RESERVED_WORDS

PUNCTUATION = {
    "(": "LPAR", ")": "RPAR", ",": "COMMA", "=": "EQ", "~": "LIKE", "<": "LT", ">": "GT",
    "[": "LBRACKET", "]": "RBRACKET",
}
TWO_CHAR = {"!=": "NE", "!~": "NLIKE", "<=": "LE", ">=": "GE", "&&": "AND", "||": "OR"}
# '!' negates a clause but is not the word NOT of "IS NOT" and "NOT IN" (Jira: "Expecting 'NOT' but got '!'").
ONE_CHAR_LOGIC = {"&": "AND", "|": "OR", "!": "BANG"}
ESCAPES = {'"': '"', "'": "'", "\\": "\\", "t": "\t", "n": "\n", "r": "\r", " ": " "}
WORD_STOP = set(" \t\r\n\"'(),=!<>~[]|&") | RESERVED_CHARACTERS
VALID_ESCAPES = "The valid escape sequences are \\', \\\", \\t, \\n, \\r, \\\\, '\\ ' and \\uXXXX."
HEX = set("0123456789abcdefABCDEF")
NUMBER = re.compile(r"^-?\d+$")
LONG_MIN, LONG_MAX = -(2 ** 63), 2 ** 63 - 1


def is_control(char: str) -> bool:
    """Characters Jira's lexer refuses unless escaped (whitespace between tokens aside)."""
    code = ord(char)
    return code < 0x20 or 0x7F <= code <= 0x9F or 0xFDD0 <= code <= 0xFDEF or code in (0xFFFE, 0xFFFF)


def illegal_character(char: str, line: int, column: int) -> JqlSyntaxError:
    code = ord(char)
    return JqlSyntaxError(f"The character 'U+{code:04X}' on line {line} at position {column} must be escaped. "
                          f"Use the escape '\\u{code:04x}' instead.", line, column)


def not_a_number(text: str, line: int, column: int) -> JqlSyntaxError:
    return JqlSyntaxError(f"'{text}' is not a valid number. Numbers must be between -9,223,372,036,854,775,808 and "
                          "9,223,372,036,854,775,807.", line, column)


class Cursor:
    def __init__(self, text: str) -> None:
        self.text, self.pos, self.line, self.line_start = text, 0, 1, 0
        self.previous: str | None = None  # the type of the last token, to spot function names
        self.parens: list[bool] = []  # open parentheses: True for a function's argument list

    @property
    def column(self) -> int:
        return self.pos - self.line_start + 1

    def column_of(self, pos: int) -> tuple[int, int]:
        """(line, column) of an earlier or later position of the text."""
        line = self.text.count("\n", 0, pos) + 1
        return line, pos - (self.text.rfind("\n", 0, pos) + 1) + 1

    def advance_to(self, pos: int) -> None:
        newlines = self.text.count("\n", self.pos, pos)
        if newlines:
            self.line += newlines
            self.line_start = self.text.rfind("\n", 0, pos) + 1
        self.pos = pos

    def skip_space(self) -> None:
        while self.pos < len(self.text) and self.text[self.pos] in " \t\r\n\f":
            self.advance_to(self.pos + 1)

    def token(self, kind: str, value: str, start: int, line: int, column: int) -> Token:
        self.previous = kind
        return Token(kind, value, start_pos=start, line=line, column=column, end_pos=self.pos)


def tokenize(text: str) -> Iterator[Token]:
    cur = Cursor(text)
    while True:
        cur.skip_space()
        if cur.pos >= len(text):
            return
        char = text[cur.pos]
        if char.isspace() and not is_control(char):  # other Unicode spaces separate tokens too
            cur.advance_to(cur.pos + 1)
            continue
        yield _next_token(cur)


def _next_token(cur: Cursor) -> Token:
    text, start, line, column = cur.text, cur.pos, cur.line, cur.column
    pair = text[start:start + 2]
    if pair in TWO_CHAR:
        cur.pos += 2
        return cur.token(TWO_CHAR[pair], pair, start, line, column)
    char = text[start]
    if char in PUNCTUATION:
        cur.pos += 1
        return cur.token(_punctuation(cur, PUNCTUATION[char]), char, start, line, column)
    if char in ONE_CHAR_LOGIC:
        cur.pos += 1
        return cur.token(ONE_CHAR_LOGIC[char], char, start, line, column)
    if char in "\"'":
        value = _quoted(cur)
        return cur.token(_function_name(cur, "STRING"), value, start, line, column)
    if char in RESERVED_CHARACTERS:
        raise reserved_character(char, line, column)
    if is_control(char):
        raise illegal_character(char, line, column)
    return _word(cur, start, line, column)


def _punctuation(cur: Cursor, kind: str) -> str:
    """Parentheses and commas of a function's argument list become FUNC_* tokens."""
    if kind == "LPAR":
        in_function = cur.previous == "FUNCNAME"
        cur.parens.append(in_function)
        return "FUNC_LPAR" if in_function else "LPAR"
    if kind == "RPAR":
        return "FUNC_RPAR" if cur.parens and cur.parens.pop() else "RPAR"
    if kind == "COMMA" and cur.parens and cur.parens[-1]:
        return "FUNC_COMMA"
    return kind


def _function_name(cur: Cursor, kind: str) -> str:
    """A word or string followed by '(' names a function (whitespace may come between, as in Jira)."""
    rest = cur.text[cur.pos:].lstrip(" \t\r\n\f")
    return "FUNCNAME" if rest.startswith("(") else kind


def _quoted(cur: Cursor) -> str:
    text, quote = cur.text, cur.text[cur.pos]
    start, line, column = cur.pos, cur.line, cur.column
    out: list[str] = []
    pos = start + 1
    while pos < len(text):
        char = text[pos]
        if char == quote:
            cur.advance_to(pos + 1)
            return "".join(out)
        if char == "\\":
            value, pos = _escape(cur, pos)
            out.append(value)
            continue
        if char in "\r\n":
            if text.find(quote, pos) < 0:
                break  # never closed: reported below with the rest of the text
            raise illegal_character(char, *cur.column_of(pos))
        if is_control(char):
            raise illegal_character(char, *cur.column_of(pos))
        out.append(char)
        pos += 1
    rest = re.sub(r"[\r\n]", " ", text[start + 1:])
    if not rest:
        raise JqlSyntaxError("The quoted string has not been completed.", line, column)
    raise JqlSyntaxError(f"The quoted string '{rest}' has not been completed.", line, column)


def _escape(cur: Cursor, pos: int) -> tuple[str, int]:
    """The character an escape at pos stands for, and the position after it."""
    text = cur.text
    nxt = text[pos + 1:pos + 2]
    if nxt in ESCAPES and nxt:
        return ESCAPES[nxt], pos + 2
    line, column = cur.column_of(pos)
    if not nxt:
        raise JqlSyntaxError(f"The escape sequence has not been completed. {VALID_ESCAPES}", line, column)
    if nxt == "u":
        digits = text[pos + 2:pos + 6]
        if len(digits) == 4 and set(digits) <= HEX:
            return chr(int(digits, 16)), pos + 6
        bad = next((i for i, c in enumerate(digits) if c not in HEX), len(digits))
        sequence = text[pos:pos + 2 + bad + (1 if bad < len(digits) else 0)]
        raise JqlSyntaxError(f"'{sequence}' is an illegal JQL escape sequence. {VALID_ESCAPES}", line, column)
    raise JqlSyntaxError(f"'\\{nxt}' is an illegal JQL escape sequence. {VALID_ESCAPES}", line, column)


def _word(cur: Cursor, start: int, line: int, column: int) -> Token:
    text = cur.text
    out: list[str] = []
    pos = start
    while pos < len(text) and text[pos] not in WORD_STOP and not text[pos].isspace():
        if text[pos] == "\\":
            value, pos = _escape(cur, pos)
            out.append(value)
            continue
        if is_control(text[pos]):
            raise illegal_character(text[pos], *cur.column_of(pos))
        out.append(text[pos])
        pos += 1
    cur.pos = pos
    raw, value = text[start:pos], "".join(out)
    lower = raw.lower()
    if lower == "cf":
        return _custom_field(cur, start, line, column)
    if lower in KEYWORDS:
        return cur.token(KEYWORDS[lower], raw, start, line, column)
    if NUMBER.match(raw) and not LONG_MIN <= int(raw) <= LONG_MAX:
        raise not_a_number(raw, line, column)
    kind = "RESERVED" if lower in RESERVED_WORDS and raw == value else "WORD"
    return cur.token(_function_name(cur, kind) if kind == "WORD" else kind, value, start, line, column)


def _custom_field(cur: Cursor, start: int, line: int, column: int) -> Token:
    """cf[10010]: spaces may surround the brackets and the id; each part missing is Jira's own error."""
    cur.skip_space()
    _expect(cur, "[", "'['")
    cur.pos += 1
    cur.skip_space()
    id_line, id_column, id_start = cur.line, cur.column, cur.pos
    if cur.pos >= len(cur.text):
        raise JqlSyntaxError("Expecting a custom field id (a positive number) before the end of the query.")
    got = _peek_text(cur)
    if not got.isdigit():
        raise JqlSyntaxError(f"Expecting a custom field id (a positive number) but got '{got}'.", id_line, id_column)
    if int(got) > LONG_MAX:
        raise not_a_number(got, id_line, id_column)
    cur.pos = id_start + len(got)
    cur.skip_space()
    _expect(cur, "]", "']'")
    cur.pos += 1
    return cur.token("CUSTOM_FIELD", str(int(got)), start, line, column)


def _expect(cur: Cursor, char: str, shown: str) -> None:
    if cur.pos >= len(cur.text):
        raise JqlSyntaxError(f"Expecting {shown} before the end of the query.")
    if cur.text[cur.pos] != char:
        raise JqlSyntaxError(f"Expecting {shown} but got '{_peek_text(cur)}'.", cur.line, cur.column)


def _peek_text(cur: Cursor) -> str:
    """The text of the token at the cursor, without consuming it (for error messages)."""
    text, pos = cur.text, cur.pos
    if text[pos:pos + 2] in TWO_CHAR:
        return text[pos:pos + 2]
    if text[pos] in PUNCTUATION or text[pos] in ONE_CHAR_LOGIC or text[pos] in RESERVED_CHARACTERS:
        return text[pos]
    end = pos
    while end < len(text) and text[end] not in WORD_STOP and not text[end].isspace():
        end += 1
    return text[pos:end] or text[pos]


class JqlLexer(Lexer):
    """Adapter so lark's LALR parser reads our tokens."""

    def __init__(self, lexer_conf: Any) -> None:
        self.lexer_conf = lexer_conf

    def lex(self, data: str) -> Iterator[Token]:  # type: ignore[override]  # lark hands custom lexers the text
        return tokenize(data)

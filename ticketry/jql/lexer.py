"""The JQL tokenizer: Jira's quoting, escapes, reserved words and characters, with positions."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from lark import Token
from lark.lexer import Lexer

from ticketry.jql.errors import JqlSyntaxError, reserved_character
from ticketry.jql.words import KEYWORDS, RESERVED_CHARACTERS, RESERVED_WORDS

PUNCTUATION = {
    "(": "LPAR", ")": "RPAR", ",": "COMMA", "=": "EQ", "~": "LIKE", "<": "LT", ">": "GT",
}
TWO_CHAR = {"!=": "NE", "!~": "NLIKE", "<=": "LE", ">=": "GE", "&&": "AND", "||": "OR"}
ONE_CHAR_LOGIC = {"&": "AND", "|": "OR", "!": "NOT"}
ESCAPES = {'"': '"', "'": "'", "\\": "\\", "t": "\t", "n": "\n", "r": "\r", " ": " "}
WORD_STOP = set(" \t\r\n\"'(),=!<>~[]|&") | RESERVED_CHARACTERS


class Cursor:
    def __init__(self, text: str) -> None:
        self.text, self.pos, self.line, self.line_start = text, 0, 1, 0

    @property
    def column(self) -> int:
        return self.pos - self.line_start + 1

    def token(self, kind: str, value: str, start: int, line: int, column: int) -> Token:
        return Token(kind, value, start_pos=start, line=line, column=column, end_pos=self.pos)


def tokenize(text: str) -> Iterator[Token]:
    cur = Cursor(text)
    while cur.pos < len(text):
        char = text[cur.pos]
        if char == "\n":
            cur.pos += 1
            cur.line, cur.line_start = cur.line + 1, cur.pos
            continue
        if char.isspace():
            cur.pos += 1
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
        return cur.token(PUNCTUATION[char], char, start, line, column)
    if char in ONE_CHAR_LOGIC:
        cur.pos += 1
        return cur.token(ONE_CHAR_LOGIC[char], char, start, line, column)
    if char in "\"'":
        return cur.token("STRING", _quoted(cur), start, line, column)
    if char in RESERVED_CHARACTERS or char in "[]":
        raise reserved_character(char, line, column)
    return _word(cur, start, line, column)


def _quoted(cur: Cursor) -> str:
    text, quote, start = cur.text, cur.text[cur.pos], cur.pos
    line, column = cur.line, cur.column
    out: list[str] = []
    cur.pos += 1
    while cur.pos < len(text):
        char = text[cur.pos]
        if char == quote:
            cur.pos += 1
            return "".join(out)
        if char == "\\":
            out.append(_escape(cur))
            continue
        if char == "\n":
            break
        out.append(char)
        cur.pos += 1
    raise JqlSyntaxError(f"The quoted string '{text[start + 1:cur.pos]}' has not been completed.", line, column)


def _escape(cur: Cursor) -> str:
    text, pos = cur.text, cur.pos
    nxt = text[pos + 1:pos + 2]
    if nxt in ESCAPES:
        cur.pos += 2
        return ESCAPES[nxt]
    if nxt == "u" and all(c in "0123456789abcdefABCDEF" for c in text[pos + 2:pos + 6]) and len(text) >= pos + 6:
        cur.pos += 6
        return chr(int(text[pos + 2:pos + 6], 16))
    raise JqlSyntaxError(f"The escape sequence '\\{nxt}' is not valid.", cur.line, cur.column)


def _word(cur: Cursor, start: int, line: int, column: int) -> Token:
    text = cur.text
    while cur.pos < len(text) and text[cur.pos] not in WORD_STOP:
        if text[cur.pos] == "\\":
            cur.pos += 2
            continue
        cur.pos += 1
    raw = text[start:cur.pos]
    lower = raw.lower()
    if lower == "cf" and text[cur.pos:cur.pos + 1] == "[":
        return _custom_field(cur, start, line, column)
    if lower in KEYWORDS:
        return cur.token(KEYWORDS[lower], raw, start, line, column)
    value = _unescape_word(raw, line, column)
    kind = "RESERVED" if lower in RESERVED_WORDS else "WORD"
    return cur.token(kind, value, start, line, column)


def _unescape_word(raw: str, line: int, column: int) -> str:
    if "\\" not in raw:
        return raw
    out, i = [], 0
    while i < len(raw):
        if raw[i] != "\\":
            out.append(raw[i])
            i += 1
            continue
        nxt = raw[i + 1:i + 2]
        if nxt in ESCAPES:
            out.append(ESCAPES[nxt])
            i += 2
        elif nxt == "u" and len(raw) >= i + 6 and all(c in "0123456789abcdefABCDEF" for c in raw[i + 2:i + 6]):
            out.append(chr(int(raw[i + 2:i + 6], 16)))
            i += 6
        else:
            raise JqlSyntaxError(f"The escape sequence '\\{nxt}' is not valid.", line, column + i)
    return "".join(out)


def _custom_field(cur: Cursor, start: int, line: int, column: int) -> Token:
    text = cur.text
    end = text.find("]", cur.pos)
    number = text[cur.pos + 1:end] if end > 0 else ""
    if not number.isdigit():
        raise JqlSyntaxError("Expecting a custom field id in 'cf[...]'.", line, column)
    cur.pos = end + 1
    return cur.token("CUSTOM_FIELD", number, start, line, column)


class JqlLexer(Lexer):
    """Adapter so lark's LALR parser reads our tokens."""

    def __init__(self, lexer_conf: Any) -> None:
        self.lexer_conf = lexer_conf

    def lex(self, data: str) -> Iterator[Token]:  # type: ignore[override]  # lark hands custom lexers the text
        return tokenize(data)

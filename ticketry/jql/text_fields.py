"""Text fields take only ~ and !~: every term must occur (a word, a word prefix with *, or a phrase).

Interim matching with LIKE on word starts; the full-text index (FTS5 / PostgreSQL) replaces it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from sqlalchemy import ColumnElement, and_, exists, false, func, literal, not_, or_, select

from ticketry.jql import ast
from ticketry.jql.env import Env
from ticketry.jql.handlers import FieldHandler, fail
from ticketry.platform.comments.models import Comment
from ticketry.platform.issues.models import Issue

_TERM = re.compile(r'"([^"]*)"|(\S+)')


def terms(text: str) -> list[str]:
    found = []
    for phrase, word in _TERM.findall(text):
        term = (phrase or word).strip().lower()
        if term and term not in ("and", "or", "&&", "||"):
            found.append(term)
    return found


def _like_pattern(term: str) -> str:
    escaped = term.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    escaped = escaped.replace("*", "%").replace("?", "_")
    return f"% {escaped}%"


def term_match(column: ColumnElement[str], term: str) -> ColumnElement[bool]:
    """The column contains the term at the start of a word (so 'abc*' and 'abc' find 'abcdef')."""
    spaced = literal(" ") + func.lower(func.coalesce(column, ""))
    return spaced.like(_like_pattern(term), escape="\\")


class TextField(FieldHandler):
    operators = frozenset({"~", "!~", "is", "is not"})

    def __init__(self, name: str, columns: Sequence[object], *, comments: bool = False,
                 emptiable: bool = True) -> None:
        self.name, self.columns, self.comments, self.emptiable = name, list(columns), comments, emptiable

    def matches(self, term: str) -> ColumnElement[bool]:
        parts: list[ColumnElement[bool]] = [term_match(c, term) for c in self.columns]  # type: ignore[arg-type]
        if self.comments:
            parts.append(exists(select(Comment.id).where(Comment.issue_id == Issue.id,
                                                          term_match(Comment.body, term))))  # type: ignore[arg-type]
        return or_(*parts) if parts else false()

    def compile(self, env: Env, clause: ast.Terminal) -> ColumnElement[bool]:
        self.check_operator(clause.operator)
        operand = clause.operand
        if clause.operator in ("is", "is not"):
            if not self.emptiable or not self.columns:
                raise fail(f"The field '{self.name}' does not support searching for EMPTY values.")
            empty = and_(*[func.coalesce(c, "") == "" for c in self.columns])  # type: ignore[arg-type]
            return empty if clause.operator == "is" else not_(empty)
        if not isinstance(operand, ast.Value):
            raise fail(f"The operator '{clause.operator}' is not supported by the '{self.name}' field with "
                       "this value.")
        words = terms(operand.text)
        if not words:
            raise fail(f"The field '{self.name}' does not support searching for an empty string.")
        found = and_(*[self.matches(w) for w in words])
        return found if clause.operator == "~" else not_(found)

    def order_by(self, env: Env) -> Sequence[ColumnElement[object]]:
        if len(self.columns) != 1 or self.comments:
            return super().order_by(env)
        return [func.lower(self.columns[0])]  # type: ignore[arg-type]

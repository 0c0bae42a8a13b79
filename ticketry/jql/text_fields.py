"""Text fields take only ~ and !~: every term must occur (a word, a word prefix with *, or a phrase).

Terms go to the full-text index (`textindex.matches`): words and phrases stemmed, as Jira's English
analyser does; a trailing prefix unstemmed, matched against the stemmed index terms, as Lucene does with
wildcard terms. Terms with wildcards inside a word fall back to matching word starts with LIKE.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from sqlalchemy import ColumnElement, and_, exists, false, func, literal, not_, or_, select
from sqlalchemy.orm import Session

from ticketry.jql import ast
from ticketry.jql.env import Env
from ticketry.jql.handlers import FieldHandler, fail
from ticketry.platform.comments.models import Comment
from ticketry.platform.issues.models import Issue
from ticketry.platform.search.textindex import matches as index_matches
from ticketry.platform.search.textindex import searchable_term

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
                 emptiable: bool = True, index_fields: Sequence[str] = ()) -> None:
        self.name, self.columns, self.comments, self.emptiable = name, list(columns), comments, emptiable
        self.index_fields = tuple(index_fields)

    def matches(self, term: str, db: Session) -> ColumnElement[bool]:
        if self.index_fields and searchable_term(term):
            return index_matches(db, self.index_fields, term)
        return self.scan(term)

    def scan(self, term: str) -> ColumnElement[bool]:
        """Without the index: wildcards inside words, or fields that are not indexed."""
        parts: list[ColumnElement[bool]] = [term_match(c, term) for c in self.columns]  # type: ignore[arg-type]
        if self.comments:
            parts.append(exists(select(Comment.id).where(Comment.issue_id == Issue.id,
                                                          term_match(Comment.body, term))))  # type: ignore[arg-type]
        return or_(*parts) if parts else false()

    def compile(self, env: Env, clause: ast.Terminal) -> ColumnElement[bool]:
        self.check_operator(clause.operator)
        operand = clause.operand
        if clause.operator in ("is", "is not") or isinstance(operand, ast.Empty):
            # "~ EMPTY" is "IS EMPTY" in Jira ("description ~ EMPTY" finds issues without one).
            if not self.emptiable or not self.columns:
                raise fail(f"The field '{self.name}' does not support searching for EMPTY values.")
            empty = and_(*[func.coalesce(c, "") == "" for c in self.columns])  # type: ignore[arg-type]
            return empty if clause.operator in ("is", "~") else not_(empty)
        if not isinstance(operand, ast.Value):
            raise fail(f"The operator '{clause.operator}' is not supported by the '{self.name}' field with "
                       "this value.")
        words = terms(operand.text)
        if not words:
            raise fail(f"The field '{self.name}' does not support searching for an empty string.")
        parts = [self.matches(w, env.db) for w in words]
        found = parts[0] if len(parts) == 1 else and_(*parts)  # one term stays itself (textindex.count_matching)
        return found if clause.operator == "~" else not_(found)

    def sortable(self) -> bool:
        return len(self.columns) == 1 and not self.comments

    def order_by(self, env: Env) -> Sequence[ColumnElement[object]]:
        if not self.sortable():
            return super().order_by(env)
        return [func.lower(self.columns[0])]  # type: ignore[arg-type]

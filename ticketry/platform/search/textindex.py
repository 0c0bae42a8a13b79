"""The full-text index of issues behind one interface: SQLite FTS5 or PostgreSQL tsvector (English).

Rows are keyed by issue id and hold summary, description, environment and all comment bodies.
Writers (issue create, edit and delete; comment add, edit and delete) call `refresh(db, issue_ids)`
in their transaction, so the index never lags the data;
`rebuild(db)` recreates it all in one statement per table (the reindex).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from sqlalchemy import ColumnElement, column, func, or_, select, table, text
from sqlalchemy.orm import Session

from ticketry.platform.issues.models import Issue

FIELDS = ("summary", "description", "environment", "comments")
CONFIG = "ticketry_english"  # PostgreSQL text search configuration made by migration 0002
_WORD = re.compile(r"[^\W_]+", re.UNICODE)


def _source(dialect: str, ids: Sequence[int] | None) -> str:
    comments = ("(SELECT group_concat(body, ' ') FROM comment WHERE comment.issue_id = issue.id)"
                if dialect == "sqlite" else
                "(SELECT string_agg(body, ' ') FROM comment WHERE comment.issue_id = issue.id)")
    where = f" WHERE issue.id IN ({', '.join(str(int(i)) for i in ids)})" if ids is not None else ""
    if dialect == "sqlite":
        return (f"SELECT issue.id, issue.summary, coalesce(issue.description, ''), "
                f"coalesce(issue.environment, ''), coalesce({comments}, '') FROM issue{where}")
    vectors = ", ".join(f"to_tsvector('{CONFIG}', coalesce({expr}, ''))" for expr in
                        ("issue.summary", "issue.description", "issue.environment", comments))
    return f"SELECT issue.id, {vectors} FROM issue{where}"


def refresh(db: Session, issue_ids: Iterable[int]) -> None:
    """Re-reads the issues' text into the index (deleted issues drop out)."""
    ids = sorted({int(i) for i in issue_ids})
    if not ids:
        return
    dialect = db.get_bind().dialect.name
    listed = ", ".join(str(i) for i in ids)
    if dialect == "sqlite":
        db.execute(text(f"DELETE FROM issue_text WHERE rowid IN ({listed})"))
        db.execute(text(f"INSERT INTO issue_text (rowid, {', '.join(FIELDS)}) {_source(dialect, ids)}"))
        return
    db.execute(text(f"INSERT INTO issue_text (issue_id, {', '.join(FIELDS)}) {_source(dialect, ids)} "
                    f"ON CONFLICT (issue_id) DO UPDATE SET "
                    + ", ".join(f"{f} = excluded.{f}" for f in FIELDS)))


def rebuild(db: Session) -> int:
    """Recreates the whole index; returns the number of issues indexed."""
    dialect = db.get_bind().dialect.name
    db.execute(text("DELETE FROM issue_text"))
    target = "rowid" if dialect == "sqlite" else "issue_id"
    db.execute(text(f"INSERT INTO issue_text ({target}, {', '.join(FIELDS)}) {_source(dialect, None)}"))
    return db.scalar(select(func.count()).select_from(Issue)) or 0


def searchable_term(term: str) -> bool:
    """Terms the index answers: words, optionally ending in one '*'. Others fall back to scanning."""
    body = term[:-1] if term.endswith("*") else term
    return bool(body) and "*" not in body and "?" not in body and all(_WORD.fullmatch(w) for w in body.split())


def matches(dialect: str, fields: Sequence[str], term: str) -> ColumnElement[bool]:
    """Issues whose given fields contain the term (a word, a phrase of words, or a word prefix with *)."""
    prefix = term.endswith("*")
    words = term.rstrip("*").split()
    if dialect == "sqlite":
        phrase = '"' + " ".join(words) + '"' + (" *" if prefix else "")
        query = "{" + " ".join(fields) + "} : " + phrase
        index = table("issue_text", column("rowid"), column("issue_text"))
        return Issue.id.in_(select(index.c.rowid).where(index.c.issue_text.op("MATCH")(query)))
    parts = [f"{w}:*" if prefix and i == len(words) - 1 else w for i, w in enumerate(words)]
    tsquery = func.to_tsquery(CONFIG, " <-> ".join(parts))
    index = table("issue_text", column("issue_id"), *[column(f) for f in fields])
    hits = [index.c[name].op("@@")(tsquery) for name in fields]
    return Issue.id.in_(select(index.c.issue_id).where(or_(*hits)))


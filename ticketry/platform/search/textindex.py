"""The full-text index of issues behind one interface: SQLite FTS5 or PostgreSQL tsvector (English).

Rows are keyed by issue id and hold summary, description, environment and all comment bodies.
Writers (issue create, edit and delete; comment add, edit and delete) call `refresh(db, issue_ids)`
in their transaction, so the index never lags the data. A full reindex fills a new index beside the
one searches use, in contiguous id ranges (`refresh_ranges`: a set-based statement per range, ranges side
by side on PostgreSQL), while writers keep it in step (SQLite: `refresh` writes both; PostgreSQL: a
trigger copies), readies it and swaps it in (`begin_next_index`, `finish_next_index`, `swap_in`,
`discard_old_indexes`); `rebuild(db)` recreates it all in one statement per table.

Search semantics (`matches`) are Jira's (Lucene with the English analyser): words and phrases are
stemmed on both sides; a trailing prefix ("abs*") is only lowercased and matched against the stemmed
index terms, so "abs*" finds "absolute" (absolut) but not "about", and a prefix longer than a word's
stem ("releases*") finds nothing, as in Jira. Both engines stem the prefix of a query themselves; see
`_tsquery_matches` and `_fts5_matches` for how that is avoided.
"""

from __future__ import annotations

import logging
import os
import re
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import ThreadPoolExecutor
from contextlib import AbstractContextManager
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Boolean, ColumnElement, Select, bindparam, column, exists, false, func, or_, select, table, text
from sqlalchemy import any_ as any_of
from sqlalchemy.exc import OperationalError
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.orm import Session
from sqlalchemy.sql.elements import BindParameter
from sqlalchemy.sql.visitors import InternalTraversal, iterate, replacement_traverse

from ticketry.db.planner import planner_settings
from ticketry.jql.matching import IssueIn
from ticketry.platform.issues.models import Issue

FIELDS = ("summary", "description", "environment", "comments")
CONFIG = "ticketry_english"  # PostgreSQL text search configuration made by migration 0002
_WORD = re.compile(r"[^\W_]+", re.UNICODE)
log = logging.getLogger("ticketry.textindex")
Transaction = Callable[[], AbstractContextManager[Session]]


def _source(dialect: str, where: str) -> str:
    """SELECT of the index rows of the issues matching `where` (SQL on issue).

    Comment bodies are joined in the order they were made, so phrase positions do not depend on the
    plan: SQLite reads them through the (issue_id, created) index in that order; PostgreSQL says so."""
    comments = ("(SELECT group_concat(body, ' ') FROM comment WHERE comment.issue_id = issue.id)"
                if dialect == "sqlite" else
                "(SELECT string_agg(body, ' ' ORDER BY created, id) FROM comment WHERE comment.issue_id = issue.id)")
    if dialect == "sqlite":
        return (f"SELECT issue.id, issue.summary, coalesce(issue.description, ''), "
                f"coalesce(issue.environment, ''), coalesce({comments}, '') FROM issue{where}")
    vectors = ", ".join(f"to_tsvector('{CONFIG}', coalesce({expr}, ''))" for expr in
                        ("issue.summary", "issue.description", "issue.environment", comments))
    return f"SELECT issue.id, {vectors} FROM issue{where}"


def _listed(ids: Sequence[int]) -> str:
    return f" WHERE issue.id IN ({', '.join(str(int(i)) for i in ids)})"


def _upsert(dialect: str, where: str) -> str:
    """PostgreSQL: writes the index rows of the issues matching `where`, replacing those there."""
    # The filler as written anew (uncompressed) takes the row past the size that moves values out of line.
    # In id order, as the ranges of a new index take its rows: a writer's copies and a range never wait in a cycle.
    return (f"INSERT INTO issue_text (issue_id, {', '.join(FIELDS)}) {_source(dialect, where)} ORDER BY issue.id "
            f"ON CONFLICT (issue_id) DO UPDATE SET " + ", ".join(f"{f} = excluded.{f}" for f in (*FIELDS, "filler")))


# PostgreSQL: `refresh` of the issues bound as the array `ids`, as part of a create's one statement of
# companions (`issues/insert.py`).
REFRESH_ON_POSTGRES = _upsert("postgresql", " WHERE issue.id = ANY(CAST(:ids AS INTEGER[]))")
# Bound, so that the statement is prepared; one issue (an edit, a comment) as a single id, which PostgreSQL then
# plans once (`db.id_lists.for_one_id`). With the ids written into it, each was parsed and planned anew.
_REFRESH_ON_POSTGRES = text(REFRESH_ON_POSTGRES)
_REFRESH_ONE_ON_POSTGRES = text(_upsert("postgresql", " WHERE issue.id = CAST(:id AS INTEGER)"))


def refresh(db: Session, issue_ids: Iterable[int]) -> None:
    """Re-reads the issues' text into the index (deleted issues drop out); on SQLite also into the new
    indexes full reindexes are building (`begin_next_index`), so each is complete when swapped in."""
    ids = sorted({int(i) for i in issue_ids})
    if not ids:
        return
    dialect = db.get_bind().dialect.name
    listed = ", ".join(str(i) for i in ids)
    if dialect == "sqlite":
        for table in ("issue_text", *_next_indexes(db)):
            db.execute(text(f"DELETE FROM {table} WHERE rowid IN ({listed})"))
            db.execute(text(f"INSERT INTO {table} (rowid, {', '.join(FIELDS)}) {_source(dialect, _listed(ids))}"))
        return
    if len(ids) == 1:
        db.execute(_REFRESH_ONE_ON_POSTGRES, {"id": ids[0]})
    else:
        db.execute(_REFRESH_ON_POSTGRES, {"ids": ids})


def forget_project(db: Session, project_id: int) -> None:
    """Before a project's issues are deleted: their rows leave the index (SQLite, and the new indexes reindexes
    are building; PostgreSQL's rows go with their issue). Left behind, they kept searches off the exact count
    from the index (`count_matching`) until a reindex, and could match the issue count by coincidence."""
    if db.get_bind().dialect.name != "sqlite":
        return
    for index in ("issue_text", *_next_indexes(db)):
        db.execute(text(f"DELETE FROM {index} WHERE rowid IN (SELECT id FROM issue WHERE project_id = :project)"),
                   {"project": project_id})


# A full reindex builds a new index beside the one searches use and swaps it in when complete (searches keep
# the old one and its indexes meanwhile). SQLite: deleting a row from an FTS5 table tokenizes its stored text
# again (to write the delete), so rewriting the index in place cost far more than a fresh build (L: 125-134 s in
# place; 58 s for one statement into a new table). PostgreSQL: rewriting in place left the old rows' versions
# and their TOAST rows as dead space and dropped the GIN indexes while it ran; filling a new table by INSERT
# measured 20 % less per range.
_NEXT_INDEX = "issue_text_next_"
_FTS5_TABLE = ("CREATE VIRTUAL TABLE {name} USING fts5(summary, description, environment, comments, "
               "tokenize = 'porter unicode61 remove_diacritics 2')")  # issue_text as migration 0002 makes it


def next_index(job_id: int) -> str:
    """The name of the index a full reindex job builds."""
    return f"{_NEXT_INDEX}{int(job_id)}"


def _next_indexes(db: Session) -> list[str]:
    """The new indexes full reindexes are building (on SQLite their FTS5 tables, not the tables behind them)."""
    if db.get_bind().dialect.name != "sqlite":
        return list(db.scalars(text(
            "SELECT tablename FROM pg_tables WHERE schemaname = current_schema() "
            "AND tablename LIKE 'issue^_text^_next^_%' ESCAPE '^' ORDER BY tablename")))
    return list(db.scalars(text(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name LIKE 'issue^_text^_next^_%' ESCAPE '^' "
        "AND sql LIKE 'CREATE VIRTUAL TABLE%'")))


def has_next_index(db: Session, name: str) -> bool:
    return name in _next_indexes(db)


def begin_next_index(db: Session, name: str, keep: Iterable[str] = ()) -> None:
    """A new, empty index `name`, which every writer keeps in step from this transaction on; the new indexes
    of other reindexes are dropped unless in `keep` (those still running)."""
    kept = set(keep)
    for other in _next_indexes(db):
        if other == name or other not in kept:
            drop_next_index(db, other)
    if db.get_bind().dialect.name != "sqlite":
        _begin_pg_next_index(db, name)
    else:
        db.execute(text(_FTS5_TABLE.format(name=name)))


def _begin_pg_next_index(db: Session, name: str) -> None:
    """PostgreSQL: a table shaped as issue_text (storage and options included) with only its primary key, and
    a trigger copying every write of issue_text into it: writers refresh issue_text alone.

    Creating the trigger waits for writers holding issue_text, so each writer either committed before (the
    ranges, read after this commits, see its text) or has its writes copied. The ranges insert what is not
    there yet (`refresh_range`) and a writer's copy replaces what is, whichever comes first."""
    options = db.scalar(text("SELECT array_to_string(reloptions, ', ') FROM pg_class "
                             "WHERE oid = 'issue_text'::regclass"))
    db.execute(text(f"CREATE TABLE {name} (LIKE issue_text INCLUDING DEFAULTS INCLUDING STORAGE) "
                    + (f"WITH ({options})" if options else "")))
    db.execute(text(f"ALTER TABLE {name} ADD PRIMARY KEY (issue_id)"))
    columns = ", ".join(FIELDS)
    db.execute(text(f"""CREATE FUNCTION {name}_copy() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    DELETE FROM {name} WHERE issue_id = OLD.issue_id;
  ELSE
    INSERT INTO {name} (issue_id, {columns}) VALUES (NEW.issue_id, {", ".join(f"NEW.{f}" for f in FIELDS)})
    ON CONFLICT (issue_id) DO UPDATE SET {", ".join(f"{f} = excluded.{f}" for f in (*FIELDS, "filler"))};
  END IF;
  RETURN NULL;
END $$"""))
    db.execute(text("SET LOCAL lock_timeout = '10s'"))  # writers queue behind the trigger while it waits
    db.execute(text(f"CREATE TRIGGER {name}_copy AFTER INSERT OR UPDATE OR DELETE ON issue_text "
                    f"FOR EACH ROW EXECUTE FUNCTION {name}_copy()"))


def drop_next_index(db: Session, name: str) -> None:
    """A new index given up (its reindex cancelled)."""
    if db.get_bind().dialect.name == "sqlite":
        db.execute(text(f"DROP TABLE IF EXISTS {name}"))
    else:
        _drop_next_index(db, name)


def _drop_next_index(db: Session, name: str) -> None:
    """PostgreSQL: a new index, its trigger first (writers would fail on a trigger writing a table gone)."""
    db.execute(text(f"DROP TRIGGER IF EXISTS {name}_copy ON issue_text"))
    db.execute(text(f"DROP FUNCTION IF EXISTS {name}_copy()"))
    db.execute(text(f"DROP TABLE IF EXISTS {name}"))


def finish_next_index(transaction: Transaction, name: str) -> None:
    """Readies the filled new index for searches: SQLite merges it into one segment (`_compact`); PostgreSQL
    builds its GIN indexes and gathers its statistics."""
    with transaction() as db:
        dialect = db.get_bind().dialect.name
    if dialect == "sqlite":
        _compact(transaction, name)
        return
    create_search_indexes(transaction, name)
    with transaction() as db:
        db.execute(text(f"ANALYZE {name}"))


_OLD_INDEX = "issue_text_old_"
# The row tables behind an FTS5 table, emptied in chunks before it is dropped (its _idx has no rowid), but for
# the records FTS5 needs to open the table, and so to drop it: _data's rows up to 10 (averages, structure).
_SHADOWS = ("data", "content", "docsize")
_FTS5_RECORDS = 10


def _compact(transaction: Transaction, name: str, pages: int = 2000) -> None:
    """SQLite: merges the new index `name` into one segment, `pages` pages a transaction, so writers wait on
    none for long. Built range by range it is left in many part-merged segments (L: twice the size of a
    compact one, `the*` counted in 266 ms instead of 167, 'optimize' in one statement: 16 s under the write
    lock)."""
    while True:
        with transaction() as db:
            before = db.scalar(text("SELECT total_changes()"))
            db.execute(text(f"INSERT INTO {name} ({name}, rank) VALUES ('merge', :pages)"), {"pages": -pages})
            if db.scalar(text("SELECT total_changes()")) == before + 1:  # the command itself, and no merging
                return


def sweep_sql(table: str) -> str:
    """PostgreSQL: deletes the rows of `table` whose issue is gone, as an anti join (`NOT IN (SELECT id FROM
    issue)` is hashed only while the ids fit in work_mem; past that, a million issues, PostgreSQL scanned the
    ids once per index row and the L reindex never finished)."""
    return f"DELETE FROM {table} WHERE NOT EXISTS (SELECT 1 FROM issue WHERE issue.id = {table}.issue_id)"


_SWAP_ATTEMPTS = 30
_SWAP_LOCK_TIMEOUT = "2s"  # searches queued behind the swap's lock wait at most this long


def swap_in(transaction: Transaction, name: str) -> None:
    """The new index `name` becomes the one searches use. SQLite sets the old one aside under another name for
    `discard_old_indexes` (renaming is instant, dropping 2 GB of index at L held the write lock ~18 s).
    PostgreSQL drops the old table (its files go at commit) under a lock taken with a short timeout, tried
    again while searches hold the table, so searches do not queue behind a long wait."""
    with transaction() as db:
        if db.get_bind().dialect.name == "sqlite":
            db.execute(text(f"DELETE FROM {name} WHERE rowid NOT IN (SELECT id FROM issue)"))
            db.execute(text(f"ALTER TABLE issue_text RENAME TO {_free_old_name(db, name)}"))
            db.execute(text(f"ALTER TABLE {name} RENAME TO issue_text"))
            return
        # Issues deleted from now on take their rows along through the trigger (every range has committed).
        db.execute(text(sweep_sql(name)))
    for attempt in range(_SWAP_ATTEMPTS):
        try:
            with transaction() as db:
                _swap_pg(db, name)
            return
        except OperationalError:
            if attempt == _SWAP_ATTEMPTS - 1:
                raise
            log.info("full reindex: the text index is busy, swapping again")


def _free_old_name(db: Session, name: str) -> str:
    """SQLite: a name to set the old index aside under, none an index not yet discarded has (a reindex retried
    after its swap, whose discard had failed, sets another index aside under its own job's name)."""
    base = name.replace(_NEXT_INDEX, _OLD_INDEX)
    taken = set(db.scalars(text("SELECT name FROM sqlite_master WHERE type = 'table' AND name LIKE :like ESCAPE '^'"),
                           {"like": base.replace("_", "^_") + "%"}))
    return next(candidate for candidate in (base, *(f"{base}_{n}" for n in range(1, len(taken) + 2)))
                if candidate not in taken)


def _swap_pg(db: Session, name: str) -> None:
    db.execute(text(f"SET LOCAL lock_timeout = '{_SWAP_LOCK_TIMEOUT}'"))
    db.execute(text("LOCK TABLE issue_text IN ACCESS EXCLUSIVE MODE"))
    others = [other for other in _next_indexes(db) if other != name]
    db.execute(text("DROP TABLE issue_text"))  # its triggers go with it
    db.execute(text(f"DROP FUNCTION {name}_copy()"))
    db.execute(text(f"ALTER TABLE {name} RENAME TO issue_text"))
    db.execute(text(f"ALTER TABLE issue_text RENAME CONSTRAINT {name}_pkey TO issue_text_pkey"))
    for field in FIELDS:
        db.execute(text(f"ALTER INDEX {_search_index(name, field)} RENAME TO {_search_index('issue_text', field)}"))
    # NOT VALID: no scan under the lock; the sweep left no row without its issue, and deletes cascade from now.
    db.execute(text("ALTER TABLE issue_text ADD CONSTRAINT issue_text_issue_id_fkey FOREIGN KEY (issue_id) "
                    "REFERENCES issue (id) ON DELETE CASCADE NOT VALID"))
    for other in others:  # reindexes still running keep receiving writes
        db.execute(text(f"CREATE TRIGGER {other}_copy AFTER INSERT OR UPDATE OR DELETE ON issue_text "
                        f"FOR EACH ROW EXECUTE FUNCTION {other}_copy()"))


def discard_old_indexes(transaction: Transaction, rows: int = 20000) -> None:
    """Drops the indexes SQLite swaps set aside, each emptied first in chunks of `rows`, a short transaction
    each, so writers wait on none for long (PostgreSQL's swap dropped its old table)."""
    with transaction() as db:
        if db.get_bind().dialect.name != "sqlite":
            db.execute(text("ALTER TABLE issue_text VALIDATE CONSTRAINT issue_text_issue_id_fkey"))
            return
        names = list(db.scalars(text(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name LIKE 'issue^_text^_old^_%' ESCAPE '^' "
            "AND sql LIKE 'CREATE VIRTUAL TABLE%'")))
    # Another full reindex ending meanwhile discards the same indexes: each transaction first checks that the
    # index is still there (SQLite has one writer, so it stays until the transaction ends).
    for name in names:
        for shadow in _SHADOWS:
            emptied = False
            while not emptied:
                with transaction() as db:
                    if not _table_exists(db, name):
                        break
                    gone = db.execute(text(f"DELETE FROM {name}_{shadow} WHERE rowid IN (SELECT rowid FROM "
                                           f"{name}_{shadow} WHERE rowid > :kept LIMIT :rows)"),
                                      {"rows": rows, "kept": _FTS5_RECORDS if shadow == "data" else 0})
                    emptied = gone.rowcount == 0  # type: ignore[attr-defined]
        with transaction() as db:
            if _table_exists(db, name):
                db.execute(text(f"DROP TABLE {name}"))


def _table_exists(db: Session, name: str) -> bool:
    return db.scalar(text("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = :name"), {"name": name}) == 1


def refresh_range(db: Session, first: int, last: int, table: str) -> None:
    """Reads the text of the issues with ids from `first` to `last` into the new index `table` (a chunk of a
    full reindex), in one statement per table; rows there of issues since deleted drop out (SQLite: with the
    range; PostgreSQL: at the swap).

    PostgreSQL: a writer may commit an issue's new text while the range reads the old one. Its refresh of
    issue_text is copied into `table` by the trigger (`begin_next_index`), so the range inserts only what is
    not there: if the writer's copy came first, the range leaves it (waiting for the writer's transaction to
    end if it is still open); if the range's row came first, the copy replaces it. Both take rows in id
    order, so they never wait on each other in a cycle."""
    dialect = db.get_bind().dialect.name
    bounds = {"first": first, "last": last}
    where = " WHERE issue.id BETWEEN :first AND :last"
    if dialect == "sqlite":  # one writer at a time: no writer's commit falls within the range's statements
        db.execute(text(f"DELETE FROM {table} WHERE rowid BETWEEN :first AND :last"), bounds)
        db.execute(text(f"INSERT INTO {table} (rowid, {', '.join(FIELDS)}) {_source(dialect, where)}"), bounds)
        return
    db.execute(text(f"INSERT INTO {table} (issue_id, {', '.join(FIELDS)}) {_source(dialect, where)} "
                    "ORDER BY issue.id ON CONFLICT (issue_id) DO NOTHING"), bounds)


def ranges(issue_ids: Sequence[int], after: int, size: int) -> list[tuple[int, int]]:
    """Contiguous id ranges after `after` up to the last of the (sorted) ids, `size` issues each.

    Contiguous, so index rows of issues deleted in the gaps drop out with their range."""
    remaining = [i for i in issue_ids if i > after]
    bounds = []
    for start in range(0, len(remaining), size):
        last = remaining[min(start + size, len(remaining)) - 1]
        bounds.append((after + 1, last))
        after = last
    return bounds


def connections(dialect: str) -> int:
    """How many ranges to refresh at once: SQLite has one writer; PostgreSQL tokenizes a statement on
    one core, so one connection per core (at most 4) keeps them all busy."""
    return 1 if dialect == "sqlite" else max(1, min(os.cpu_count() or 1, 4))


def refresh_ranges(transaction: Transaction, bounds: Sequence[tuple[int, int]], table: str,
                   at_once: int | None = None) -> None:
    """Fills the new index `table` with each id range in a transaction of its own, `at_once` of them
    (default: all) at a time on separate connections."""
    def one(first_last: tuple[int, int]) -> None:
        with transaction() as db:
            refresh_range(db, *first_last, table=table)

    if len(bounds) <= 1:
        for item in bounds:
            one(item)
        return
    with ThreadPoolExecutor(min(len(bounds), at_once or len(bounds)), thread_name_prefix="ticketry-reindex") as pool:
        list(pool.map(one, bounds))


_BUILD_ORDER = ("comments", "description", "summary", "environment")


def _search_index(table: str, field: str) -> str:
    return f"ix_{table}_{field}"


def create_search_indexes(transaction: Transaction, table: str = "issue_text") -> None:
    """PostgreSQL: the text search GIN indexes of `table` (issue_text or a new index), where missing, built
    side by side on separate connections, largest first: a build runs on one core (L: comments 22 s,
    description 13, summary 6; 42 s one after another)."""
    with transaction() as db:
        if db.get_bind().dialect.name == "sqlite":
            return
        at_once = connections(db.get_bind().dialect.name)

    def build(field: str) -> None:
        name = _search_index(table, field)
        with transaction() as db:
            # Two full reindexes ending together: the second waits here, then finds the index made.
            db.execute(text("SELECT pg_advisory_xact_lock(hashtext(:lock))"), {"lock": f"ticketry.{name}"})
            db.execute(text("SET LOCAL maintenance_work_mem = '256MB'"))  # GIN builds in memory, in fewer passes
            db.execute(text(f"CREATE INDEX IF NOT EXISTS {name} ON {table} USING gin ({field})"))

    with ThreadPoolExecutor(at_once, thread_name_prefix="ticketry-index") as pool:
        list(pool.map(build, _BUILD_ORDER))


def rebuild(db: Session) -> int:
    """Recreates the whole index; returns the number of issues indexed."""
    dialect = db.get_bind().dialect.name
    db.execute(text("DELETE FROM issue_text"))
    target = "rowid" if dialect == "sqlite" else "issue_id"
    db.execute(text(f"INSERT INTO issue_text ({target}, {', '.join(FIELDS)}) {_source(dialect, '')}"))
    return db.scalar(select(func.count()).select_from(Issue)) or 0


def searchable_term(term: str) -> bool:
    """Terms the index answers: words, optionally ending in one '*'. Others fall back to scanning."""
    body = term[:-1] if term.endswith("*") else term
    return bool(body) and "*" not in body and "?" not in body and all(_WORD.fullmatch(w) for w in body.split())


def matches(db: Session, fields: Sequence[str], term: str) -> ColumnElement[bool]:
    """Issues whose given fields contain the term: a word, a phrase of words, either ending in a prefix with '*'.

    Words are stemmed, as Jira's English analyser stems them; a prefix is not (Lucene leaves wildcard
    terms alone): it is lowercased and matched against the stemmed words of the index, so "abs*" finds
    "absolute" (indexed as "absolut") and not "about", and "zq43ey*" finds "zq43ey35"."""
    prefix = term.endswith("*")
    words = term.rstrip("*").lower().split()
    if db.get_bind().dialect.name == "sqlite":
        return _fts5_matches(db, fields, words, prefix)
    return _tsquery_matches(fields, words, prefix)


def _tsquery_matches(fields: Sequence[str], words: Sequence[str], prefix: bool) -> ColumnElement[bool]:
    """PostgreSQL: the prefix goes through the 'simple' configuration (lowercased, no stemming, no stop
    words), joined to the stemmed words before it as the next position of the phrase.

    An id set (`IssueIn`): `!~` is an anti join rather than a NOT IN that outgrows work_mem, and a caller who
    sees every issue gets the total from the index rows alone (each is an existing issue's: the foreign key
    cascades; `count_rows`), without joining every visible issue, and a page that gathers its few matches
    first (`gathered_when_few`). The rows keep their tsvectors out of line (migration 0006)."""
    stemmed = words[:-1] if prefix else words
    query = func.to_tsquery(CONFIG, " <-> ".join(stemmed)) if stemmed else None
    if prefix:
        start = func.to_tsquery("simple", f"{words[-1]}:*")
        query = start if query is None else func.tsquery_phrase(query, start)
    index = table("issue_text", column("issue_id"), *[column(f) for f in fields])
    hits = [index.c[name].op("@@")(query) for name in fields]
    return IssueIn(select(index.c.issue_id).where(or_(*hits)), Issue.id, unique=True)


# FTS5 has no SQL function to tokenize a word, so words go through scratch tables of the connection
# (temp schema: nothing reaches the database file) made with the index's tokenizer, or its folding alone.
_TOKENIZERS = {"ticketry_stem": "porter unicode61 remove_diacritics 2",
               "ticketry_fold": "unicode61 remove_diacritics 2"}
_VOCABULARIES = {"ticketry_issue_terms": "row", "ticketry_issue_term_places": "instance"}


def _fts5_matches(db: Session, fields: Sequence[str], words: Sequence[str], prefix: bool) -> ColumnElement[bool]:
    """SQLite: FTS5's porter tokenizer stems the prefix of a query too ("abs*" becomes "ab*"), so a prefix
    the stemmer would change is expanded here into the index terms it begins (from the index's
    vocabulary), each searched as a whole term.

    An index term the stemmer would change again ("releas", from "release") cannot be searched as a
    term: alone it is found through the vocabulary's places; as the end of a phrase it is searched as
    the prefix of its own stem, which may find a little more."""
    columns = "{" + " ".join(fields) + "} : "
    if not prefix:
        return _fts5_query(columns + _phrase(words))
    head, start = list(words[:-1]), _folded(db, words[-1])
    if _tokenized(db, [start], "ticketry_stem")[0] == start:
        return _fts5_query(columns + _phrase([*head, start]) + " *")
    terms = _terms_starting(db, start)
    stems = _tokenized(db, terms, "ticketry_stem")
    kept = [t for t, stem in zip(terms, stems, strict=True) if stem == t]
    changed = [t for t, stem in zip(terms, stems, strict=True) if stem != t]
    found = []
    if kept:
        found.append(_fts5_query(columns + "(" + " OR ".join(_phrase([*head, t]) for t in kept) + ")"))
    if changed and head:
        found.append(_fts5_query(columns + "(" + " OR ".join(_phrase([*head, t]) + " *" for t in changed) + ")"))
    elif changed:
        _vocabulary(db, "ticketry_issue_term_places")
        places = table("ticketry_issue_term_places", column("term"), column("doc"), column("col"), schema="temp")
        found.append(Issue.id.in_(select(places.c.doc).where(places.c.term.in_(changed), places.c.col.in_(fields))))
    return (found[0] if len(found) == 1 else or_(*found)) if found else false()  # one stays a TextMatch


def _fts5_query(query: str) -> ColumnElement[bool]:
    return TextMatch(bindparam("fts5_query", query, unique=True))


class TextMatch(ColumnElement[bool]):
    """SQLite: the issue's index row matches an FTS5 query, `issue.id IN (SELECT rowid ... MATCH q)`.

    SQLite looks matching issues up by id, so a page sorts every match. `walking` writes the id as
    `+issue.id`, which SQLite may not look issues up by: it then reads an index in the page's order
    and tests each issue against the matches (gathered once), stopping after the page (`page_condition`).
    `probing` (a walk of one word or phrase) tests each issue with a probe of the term's list instead.

    How it is written must follow from these attributes alone, never from the query's value: compiled
    statements are cached by structure, and bound values do not take part in it."""

    __visit_name__ = "text_match"
    inherit_cache = True
    _traverse_internals = [("query", InternalTraversal.dp_clauseelement),
                           ("negated", InternalTraversal.dp_boolean),
                           ("walking", InternalTraversal.dp_boolean),
                           ("probing", InternalTraversal.dp_boolean)]
    type = Boolean()
    _is_implicitly_boolean = True  # a predicate already: SQLite must not get "= 1" after it

    def __init__(self, query: BindParameter[str], negated: bool = False, walking: bool = False,
                 probing: bool = False) -> None:
        self.query, self.negated, self.walking, self.probing = query, negated, walking, probing

    def _negate(self) -> ColumnElement[bool]:
        return TextMatch(self.query, not self.negated, self.walking, self.probing)


@compiles(TextMatch)
def _text_match(element: TextMatch, compiler: Any, **kw: Any) -> str:
    index = table("issue_text", column("rowid"), column("issue_text"))
    ids = select(index.c.rowid).where(index.c.issue_text.op("MATCH")(element.query))
    if element.probing and not element.negated:
        # FTS5 seeks a term's list to the issue: each issue of the walk is one probe, nothing gathered first.
        return "(" + str(compiler.process(exists(ids.where(index.c.rowid == Issue.id)), **kw)) + ")"
    member = str(compiler.process(Issue.id.not_in(ids) if element.negated else Issue.id.in_(ids), **kw))
    return "(" + ("+" if element.walking else "") + member + ")"


def _one_term(query: str) -> bool:
    """An FTS5 query of one word or phrase: a prefix (without a prefix index) or an OR of the terms a prefix
    expands to would open and merge every matching term's list again for each probe."""
    return "*" not in query and " OR " not in query


# A walk reads about reach * issues / matches index entries, each with a probe of the gathered matches;
# sorting reads every match by id and sorts it. This many probes cost about one match read and sorted.
_PROBES_PER_MATCH = 2
# Sorting fewer matches costs less than asking SQLite for its plan of the walk.
_WALK_FLOOR = 1000


def page_condition(db: Session, condition: ColumnElement[bool], order: Sequence[Any], matches: int,
                   reach: int) -> ColumnElement[bool]:
    """The search condition for a page of `reach` issues out of `matches`: with its text matches and id sets
    (`jql.matching.IssueIn`) walking when they are common enough that a walk in the page's order finds the
    page sooner than sorting every match, and SQLite's plan for it does walk an index in that order (no sort)."""
    if db.get_bind().dialect.name != "sqlite" or not any(isinstance(e, TextMatch | IssueIn)
                                                           for e in iterate(condition)):
        return condition
    if not walk_pays(db, matches, reach):
        return condition
    walked = replacement_traverse(condition, {}, _walking)
    page = select(Issue.id).where(walked).order_by(*order).limit(reach)
    return walked if not any("ORDER BY" in step for step in _plan(db, page)) else condition


# PostgreSQL: a walk in the page's order tests each issue it passes against the text, reading its index row's
# values out of line (about 13 us at L); gathering the matches first reads each match's row once (about 4 us)
# and sorts them. The planner sees neither (it walks for `text ~ "zelvexpol"`, 2 310 of 1M: 350 ms, gathered 10).
_WALKED_PER_GATHERED = 3


def gathered_when_few(db: Session, found: IssueIn, size: int, reach: int) -> ColumnElement[bool]:
    """PostgreSQL: one text match of `size` issues, for a page of `reach` issues: its matches gathered first
    when a walk in the page's order would test more issues than that costs."""
    if db.get_bind().dialect.name != "postgresql" or not found.unique or found.negated:
        return found
    if size * size >= _WALKED_PER_GATHERED * reach * _issue_span(db):
        return found
    return found.issue_id == any_of(func.array(found.ids.scalar_subquery()))


def count_rows(db: Session, found: IssueIn) -> int:
    """PostgreSQL: the index rows one text match selects (one per issue), through its GIN indexes. For a match
    of most rows the planner would rather scan the table, not seeing that each value it tests is read out of
    line (L, `text ~ "the*"`: 3.5 s scanned, 300 ms through the indexes)."""
    with planner_settings(db, enable_seqscan="off"):
        return db.scalar(select(func.count()).select_from(found.ids.subquery())) or 0


def walk_pays(db: Session, matches: int, reach: int) -> bool:
    """Whether `matches` issues are common enough that a walk in a page's order finds the page reaching
    `reach` sooner than reading and sorting every match."""
    return matches >= _WALK_FLOOR and matches * matches >= _PROBES_PER_MATCH * reach * _issue_span(db)


def _walking(element: Any, **_kw: Any) -> Any:
    if isinstance(element, IssueIn):
        return IssueIn(element.ids, element.issue_id, element.negated, walking=True, unique=element.unique)
    if not isinstance(element, TextMatch):
        return None
    return TextMatch(element.query, element.negated, walking=True, probing=_one_term(str(element.query.value)))


def _plan(db: Session, statement: Select[Any]) -> list[str]:
    """SQLite's EXPLAIN QUERY PLAN steps of the statement."""
    connection = db.connection()
    compiled = statement.compile(connection, compile_kwargs={"render_postcompile": True})
    parameters = tuple(compiled.params[name] for name in compiled.positiontup or ())
    return [str(row[3]) for row in connection.exec_driver_sql("EXPLAIN QUERY PLAN " + compiled.string, parameters)]


@dataclass(frozen=True)
class TextCount:
    """What the text index alone says of one text match: the number of matches the caller may see (when that
    is exact), and whether every issue matches (then the match tests nothing, and a page needs no test)."""

    total: int | None
    every_issue: bool = False


def count_matching(db: Session, found: ColumnElement[bool], visible: ColumnElement[bool],
                   sees_every_issue: bool = False) -> TextCount:
    """The number of issues the caller may see among those one text match finds, from the text index
    alone when that is exact: no issue is hidden from the caller (`sees_every_issue` says so without a
    count; otherwise every issue the caller may see is counted), and the index holds a row for no other
    issue (writers give every issue its row in its own transaction, so as many rows as issues means
    these rows; a deleted project's rows leave with it). No total when it is not so, or when the
    match is small: the caller then counts through the issue table, an id lookup per match, which
    costs less than the checks for a small match. A match as large as the index of exactly the issues
    holds for every issue (a common word's prefix, `the*`)."""
    if not isinstance(found, TextMatch) or found.negated:
        return TextCount(None)
    matched: int = db.scalar(text("SELECT count(*) FROM issue_text WHERE issue_text MATCH :query"),
                             {"query": found.query.value}) or 0
    if matched * _LOOKUPS_PER_CHECK < _issue_span(db):
        return TextCount(None)
    issues = db.scalar(select(func.count()).select_from(Issue))
    if _index_rows(db) != issues:
        return TextCount(None)
    every_issue = matched == issues
    if sees_every_issue:
        return TextCount(matched, every_issue)
    seen = select(func.count()).select_from(Issue).where(visible)
    if any(step.startswith("SCAN issue") and "COVERING INDEX" not in step for step in _plan(db, seen)):
        # a permission condition no index covers: reading every issue costs more than it saves
        return TextCount(None, every_issue)
    return TextCount(matched if db.scalar(seen) == issues else None, every_issue)


def _index_rows(db: Session) -> int:
    """The number of rows in the text index, as FTS5 keeps it (no count of a million rows): the first varint
    of its "averages" record (id 1 of the data table), which every insert and delete updates."""
    record = db.scalar(text("SELECT block FROM issue_text_data WHERE id = 1"))
    return _varint(bytes(record)) if record else 0


def _varint(data: bytes) -> int:
    """SQLite's variable-length integer (FTS5 writes its own the same way): seven bits a byte while the high
    bit is set, big-endian; a ninth byte gives all its eight."""
    value = 0
    for byte in data[:8]:
        value = (value << 7) | (byte & 0x7F)
        if not byte & 0x80:
            return value
    return (value << 8) | data[8]


# Looking an issue up by id costs about as much as this many issues of a count from a covering index.
_LOOKUPS_PER_CHECK = 10


def _issue_span(db: Session) -> int:
    """At least the number of issues, from the first and last ids (never reused), without counting. Read once
    per session (a request): it only weighs plans against each other, and a search asks it up to three times."""
    found = db.info.get(_SPAN)
    if not isinstance(found, int):
        first, last = (select(f(Issue.id)).scalar_subquery() for f in (func.min, func.max))
        found = db.info[_SPAN] = (db.scalar(select(last - first)) or 0) + 1
    return found


_SPAN = "search.issue_span"


def _phrase(words: Sequence[str]) -> str:
    return '"' + " ".join(words).replace('"', '""') + '"'


def _folded(db: Session, word: str) -> str:
    """The word as the index folds it (lowercase, without diacritics), unstemmed."""
    return word if word.isascii() else _tokenized(db, [word], "ticketry_fold")[0] or word


def _tokenized(db: Session, words: Sequence[str], name: str) -> list[str | None]:
    """Each word's first token as the scratch table's tokenizer makes it."""
    if not words:
        return []
    db.execute(text(f"CREATE VIRTUAL TABLE IF NOT EXISTS temp.{name} USING fts5(word, "
                    f"tokenize = '{_TOKENIZERS[name]}')"))
    db.execute(text(f"CREATE VIRTUAL TABLE IF NOT EXISTS temp.{name}_terms USING fts5vocab(temp, {name}, instance)"))
    db.execute(text(f"INSERT INTO temp.{name} (rowid, word) VALUES (:n, :word)"),
               [{"n": n, "word": w} for n, w in enumerate(words, 1)])
    rows = db.execute(text(f"SELECT doc, term FROM temp.{name}_terms WHERE offset = 0"))
    made = {int(doc): str(term) for doc, term in rows}
    db.execute(text(f"DELETE FROM temp.{name}"))
    return [made.get(n) for n in range(1, len(words) + 1)]


def _vocabulary(db: Session, name: str) -> None:
    db.execute(text(f"CREATE VIRTUAL TABLE IF NOT EXISTS temp.{name} USING fts5vocab(main, issue_text, "
                    f"{_VOCABULARIES[name]})"))


def _terms_starting(db: Session, start: str) -> list[str]:
    """The index terms that begin with `start`, through the vocabulary's range search on terms."""
    _vocabulary(db, "ticketry_issue_terms")
    after = start[:-1] + chr(ord(start[-1]) + 1)
    found = db.scalars(text("SELECT term FROM temp.ticketry_issue_terms WHERE term >= :start AND term < :after"),
                       {"start": start, "after": after})
    return [str(t) for t in found if str(t).startswith(start)]

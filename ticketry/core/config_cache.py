"""Per-process caches of values derived from configuration, valid for one configuration generation.

`cached(db, name, load)` returns `load(db)` computed once per generation (see `ticketry.db.generation`): a
request reads the generation once, and every cache it asks is checked against that one number. Loaders must
return values nothing mutates and nothing lazy-loads: tuples, frozen dataclasses, dicts the callers only
read, or transient copies of rows (`detached_copy`) that belong to no session. One kind of mutation is
allowed: a dict that requests fill as they go (`issues/people.py`), whose entries, once made, never change.

A transaction that has itself written configuration bypasses the caches: it must read its own changes, and
what it reads must not be cached before it commits.
"""

from __future__ import annotations

import threading
import weakref
from collections.abc import Callable, Hashable, Sequence
from functools import cache
from typing import Any, TypeVar

from sqlalchemy import Engine, inspect
from sqlalchemy.orm import Session

from ticketry.db.generation import changed_in, read_generation

T = TypeVar("T")
R = TypeVar("R")


class _DatabaseCache:
    """The values cached for one database, all of one generation."""

    def __init__(self) -> None:
        self.generation: int | None = None
        self.values: dict[Hashable, Any] = {}
        self.lock = threading.Lock()

    def lookup(self, generation: int, name: Hashable) -> tuple[bool, Any]:
        with self.lock:
            if self.generation != generation or name not in self.values:
                return False, None
            return True, self.values[name]

    def store(self, generation: int, name: Hashable, value: Any) -> None:
        with self.lock:
            if self.generation != generation:
                self.generation = generation
                self.values = {}
            self.values[name] = value


_SESSION_KEY = "config_cache"
_databases: dict[str, _DatabaseCache] = {}
_by_engine: weakref.WeakKeyDictionary[Engine, _DatabaseCache] = weakref.WeakKeyDictionary()
_databases_lock = threading.Lock()


def _cache_of(db: Session) -> _DatabaseCache:
    # Keyed by database URL: the read and write engines of one database, and every app in the process
    # that serves it, share one cache. A session keeps its database.
    found = db.info.get(_SESSION_KEY)
    if isinstance(found, _DatabaseCache):
        return found
    engine = db.get_bind().engine
    with _databases_lock:
        found = _by_engine.get(engine)
        if found is None:  # rendering the URL cost each request ~1 % of a GET issue
            url = engine.url.render_as_string(hide_password=True)
            found = _by_engine[engine] = _databases.setdefault(url, _DatabaseCache())
    db.info[_SESSION_KEY] = found
    return found


def cached(db: Session, name: Hashable, load: Callable[[Session], T]) -> T:
    """load(db) as of the current configuration generation, computed once per generation per process."""
    if changed_in(db):
        return load(db)
    generation = read_generation(db)
    if generation is None:
        return load(db)
    cache = _cache_of(db)
    hit, value = cache.lookup(generation, name)
    if hit:
        return value  # type: ignore[no-any-return]
    value = load(db)
    cache.store(generation, name, value)
    return value


def detached_copy(row: R) -> R:
    """A transient copy of a mapped row with its column values: it belongs to no session, so it never
    lazy-loads or flushes, and the caller's session never sees it. Callers only read it.

    The values go straight into the copy's `__dict__`, where attribute reads find them first: setting them
    through the instrumented attributes recorded a change per column, ~45 us a user row (a page naming 9
    users not yet cached spent ~0.4 ms copying them)."""
    kind: Any = type(row)
    copy = inspect(kind).class_manager.new_instance()
    source, target = row.__dict__, copy.__dict__
    for key in _column_keys(kind):
        target[key] = source[key] if key in source else getattr(row, key)
    return copy  # type: ignore[no-any-return]


def transient_rows(kind: type[R], rows: Sequence[Any]) -> list[R]:
    """Transient instances of a mapped class from Core rows of its table's columns (as `detached_copy` makes
    them, without loading the rows into a session first). The rows' columns are found once, by name, and read by
    position: per row, the row's field names or a lookup by Column object cost more than the copy itself
    (L: 21 000 users a process)."""
    if not rows:
        return []
    mapped: Any = kind
    new_instance = inspect(mapped).class_manager.new_instance
    positions = _positions(mapped, tuple(rows[0]._fields))
    copies: list[Any] = []
    for row in rows:
        copy = new_instance()
        target = copy.__dict__
        for key, position in positions:
            target[key] = row[position]
        copies.append(copy)
    return copies


@cache
def _positions(kind: Any, fields: tuple[str, ...]) -> tuple[tuple[str, int], ...]:
    """Where each mapped column attribute of `kind` is in a row of these field names (its columns' names)."""
    return tuple((key, fields.index(column.name)) for key, column in _keyed_columns(kind))


@cache
def _keyed_columns(kind: Any) -> tuple[tuple[str, Any], ...]:
    mapper: Any = inspect(kind)
    return tuple((attr.key, attr.columns[0]) for attr in mapper.column_attrs)


@cache
def _column_keys(kind: Any) -> tuple[str, ...]:
    mapper: Any = inspect(kind)
    return tuple(attr.key for attr in mapper.column_attrs)


def rows_by_id(db: Session, model: type[R]) -> dict[int, R]:
    """Every row of a configuration table by id, as transient copies."""
    from sqlalchemy import select

    def load(session: Session) -> dict[int, R]:
        rows = session.scalars(select(model).order_by(model.id))  # type: ignore[attr-defined]
        return {row.id: detached_copy(row) for row in rows}  # type: ignore[attr-defined]

    return cached(db, ("rows", model.__tablename__), load)  # type: ignore[attr-defined]

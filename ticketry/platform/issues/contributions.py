"""Fields of the issue document that other features own (links, watchers, votes, worklogs, attachments).

A feature package may have an `issue_fields` module with `FIELDS` (the field ids it fills) and
`contribute(ctx, issues, tallies) -> {issue_id: {field_id: value}}`, answering for many issues in a constant
number of queries. Fields it does not fill keep the defaults of `issues/render.py`.

It may also declare `TALLIES` (made with `tally`): statements of (issue id, kind, how many rows, whether the
caller is among them) per issue with any row. Every wanted one, the issue package's own (sub-tasks) and its
labels, components and versions run as one statement before the other parts are loaded: a part no issue of
the page has (links, worklogs, sub-tasks, often attachments) then costs no statement of its own, and counts
such as the watchers' are answered at once. A module whose part is rows of its own table (attachments) may
declare `ROWS` (a `RowPart`): its rows ride in that statement as JSON, and its `contribute` takes them as a
fourth argument, {issue id: rows}.
"""

from __future__ import annotations

import importlib
import importlib.util
import pkgutil
from collections.abc import Callable, Collection
from functools import lru_cache
from types import ModuleType
from typing import Any

from sqlalchemy import ColumnElement, bindparam, case, column, func, select, union_all
from sqlalchemy.sql import Select
from sqlalchemy.sql.elements import Label

from ticketry.core.context import RequestContext
from ticketry.db.id_lists import for_one_id, id_in
from ticketry.db.inline import NULL_DATE, constant
from ticketry.db.json_rows import JsonRows
from ticketry.platform.issues.models import Issue

Tallies = dict[tuple[int, str], tuple[int, bool]]
_ROW_PARTS: dict[str, RowPart] = {}
Contributor = Callable[[RequestContext, list[Issue], Tallies], dict[int, dict[str, Any]]]


@lru_cache(maxsize=1)
def _modules() -> tuple[ModuleType, ...]:
    import ticketry.platform

    found = []
    for info in sorted(pkgutil.iter_modules(ticketry.platform.__path__), key=lambda m: m.name):
        name = f"ticketry.platform.{info.name}.issue_fields"
        if info.ispkg and importlib.util.find_spec(name) is not None:
            found.append(importlib.import_module(name))
    return tuple(found)


def _wanted_modules(wanted: Collection[str]) -> tuple[ModuleType, ...]:
    wanted_set = set(wanted)
    return tuple(m for m in _modules() if wanted_set & set(m.FIELDS))


class RowPart:
    """Every row of `table` for the page's issues (its `issue_id` one of the bound `ids`), read in the tallies'
    statement as JSON arrays and handed out decoded: a statement of its own would cost more than its rows.
    Rows come in order of the `rank` column (else none in particular), then id; `people` names the columns
    holding user ids, which the page loads with its other users. `alias`: a short name for the table (the
    statement's length counts, see `_tallies_statement`). Hashed by identity: make each once."""

    def __init__(self, kind: str, table: Any, alias: str, *, rank: str | None = None,
                 people: tuple[str, ...] = ()) -> None:
        assert _ROW_PARTS.setdefault(kind, self) is self, f"two row parts of kind {kind}"
        self.kind, self.people = kind, people  # kind: the union's `part`, distinct from the tallies' and links'
        self._table = table.alias(alias)
        self.rows = JsonRows(f"{table.name.title().replace('_', '')}Row", self._table)
        self._rank = self._table.c[rank] if rank is not None else constant(0)

    def select(self) -> Select[Any]:
        table = self._table
        return (part_row(table.c.issue_id, constant(self.kind), table.c.id, self.rows.select(), constant(None),
                         constant(False), constant(False), NULL_DATE, self._rank, constant(""))
                .where(id_in(table.c.issue_id, "ids")))

    def people_in(self, rows: dict[int, list[Any]]) -> list[int]:
        return [getattr(row, name) for items in rows.values() for row in items for name in self.people]


Loaded = dict[str, dict[int, list[Any]]]  # RowPart kind -> issue id -> decoded rows


def count_parts(ctx: RequestContext, issues: list[Issue], wanted: Collection[str], own: tuple[Any, ...],
                links: tuple[Any, ...] = (), row_parts: tuple[RowPart, ...] = ()) -> tuple[Tallies, list[Any], Loaded]:
    """Every tally of the wanted fields' features, and `own` (the issue package's), in one statement; with the
    rows of `links` (selects shaped by `part_row`, the issue package's labels, components and versions) in
    order by part, rank, sort name and id, and the rows of `row_parts` and of the wanted features' `ROWS`
    (every issue has a list of each, maybe empty): a statement costs more than its rows."""
    modules = _wanted_modules(wanted)
    parts = (*row_parts, *(m.ROWS for m in modules if hasattr(m, "ROWS")))
    found: Tallies = {}
    rows: list[Any] = []
    loaded: Loaded = {part.kind: {i.id: [] for i in issues} for part in parts}
    if not issues or not (own or links or parts or any(getattr(m, "TALLIES", ()) for m in modules)):
        return found, rows, loaded
    user_id = ctx.user.id if ctx.user is not None else 0  # no user has id 0: an anonymous caller is never counted
    one = len(issues) == 1
    statement = _tallies_statement(tuple(m.__name__ for m in modules), own, links, row_parts, one)
    by_kind = {part.kind: part for part in parts}
    ids = issues[0].id if one else [i.id for i in issues]
    for row in ctx.db.execute(statement, {"ids": ids, "user_id": user_id}):
        part = by_kind.get(row.part)
        if part is not None:
            loaded[part.kind][row.issue_id].append(part.rows.decode(row.name))
        elif row.sort_name is None:  # a tally: (issue id, kind, how many, whether one is the caller's)
            found[(row.issue_id, row.part)] = (row.id, bool(row.rank))
        else:
            rows.append(row)
    return found, rows, loaded


@lru_cache(maxsize=32)
def _tallies_statement(names: tuple[str, ...], own: tuple[Any, ...], links: tuple[Any, ...],
                       row_parts: tuple[RowPart, ...], one: bool) -> Any:
    """Built once per combination: building a statement costs more than running it. `one`: for a single
    issue, bound as one id (`db.id_lists.for_one_id`)."""
    by_name = {m.__name__: m for m in _modules()}
    modules = [by_name[name] for name in names]
    every_row_part = (*row_parts, *(m.ROWS for m in modules if hasattr(m, "ROWS")))
    parts = [*links, *own, *(t for m in modules for t in getattr(m, "TALLIES", ())),
             *(p.select() for p in every_row_part)]
    statement: Any = union_all(parts[0], *(_unlabeled(p) for p in parts[1:])) if len(parts) > 1 else parts[0]
    if links or every_row_part:
        statement = statement.order_by(column("part"), column("rank"), column("sort_name"), column("id"))
    return for_one_id(statement) if one else statement


def named_people(loaded: Loaded) -> list[int]:
    """The users the loaded rows name (their RowParts' `people`), for the page to load with its others."""
    return [user_id for kind, rows in loaded.items() for user_id in _ROW_PARTS[kind].people_in(rows)]


def _unlabeled(part: Select[Any]) -> Select[Any]:
    """A union's columns take their names from its first select: the others' labels only lengthen the statement
    (psycopg converts a statement of more than 4096 characters anew on every execution)."""
    return part.with_only_columns(*(c.element if isinstance(c, Label) else c for c in part.selected_columns))


def contributed(ctx: RequestContext, issues: list[Issue], wanted: list[str], tallies: Tallies,
                loaded: Loaded | None = None) -> dict[int, dict[str, Any]]:
    """`loaded`: count_parts' rows, for the modules with `ROWS`."""
    merged: dict[int, dict[str, Any]] = {issue.id: {} for issue in issues}
    if not issues:
        return merged
    for module in _wanted_modules(wanted):
        if hasattr(module, "ROWS"):
            parts = module.contribute(ctx, issues, tallies, (loaded or {}).get(module.ROWS.kind, {}))
        else:
            parts = module.contribute(ctx, issues, tallies)
        for issue_id, values in parts.items():
            merged.setdefault(issue_id, {}).update(values)
    return merged


PART_COLUMNS = ("issue_id", "part", "id", "name", "description", "archived", "released", "release_date", "rank",
                "sort_name")


def part_row(*columns: Any) -> Select[Any]:
    """A select of rows in the shape `count_parts` reads: tallies, and the loader's labels, components and
    versions (plain rows shaped like those entities), so that all run as one statement."""
    return select(*(c.label(name) for c, name in zip(columns, PART_COLUMNS, strict=True)))


def tally(column: Any, kind: str, user_column: Any = None, where: ColumnElement[bool] | None = None) -> Any:
    """A tally statement: per issue (`column`, bound as `ids`) with rows, their number (as `id`), and whether one
    is the caller's (`user_column` equal to the bound `user_id`, as `rank`); its `sort_name` is null."""
    mine = constant(0) if user_column is None else \
        func.max(case((user_column == bindparam("user_id"), constant(1)), else_=constant(0)))
    return (part_row(column, constant(kind), func.count(), constant(None), constant(None), constant(False),
                     constant(False), NULL_DATE, mine, constant(None))
            .where(where if where is not None else id_in(column, "ids")).group_by(column))


def any_counted(tallies: Tallies, issues: list[Issue], *kinds: str) -> bool:
    """Whether any of the issues has a row of these kinds."""
    return any((issue.id, kind) in tallies for issue in issues for kind in kinds)

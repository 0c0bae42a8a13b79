"""Fields of the issue document that other features own (links, watchers, votes, worklogs, attachments).

A feature package may have an `issue_fields` module with `FIELDS` (the field ids it fills) and
`contribute(ctx, issues, tallies) -> {issue_id: {field_id: value}}`, answering for many issues in a constant
number of queries. Fields it does not fill keep the defaults of `issues/render.py`.

It may also declare `TALLIES` (made with `tally`): statements of (issue id, kind, how many rows, whether the
caller is among them) per issue with any row. Every wanted one, the issue package's own (sub-tasks) and its
labels, components and versions run as one statement before the other parts are loaded: a part no issue of
the page has (links, worklogs, sub-tasks, often attachments) then costs no statement of its own, and counts
such as the watchers' are answered at once.
"""

from __future__ import annotations

import importlib
import importlib.util
import pkgutil
from collections.abc import Callable, Collection
from functools import lru_cache
from types import ModuleType
from typing import Any

from sqlalchemy import ColumnElement, Date, bindparam, case, cast, column, func, null, select, union_all
from sqlalchemy.sql import Select

from ticketry.core.context import RequestContext
from ticketry.db.id_lists import id_in
from ticketry.db.inline import constant
from ticketry.platform.issues.models import Issue

Tallies = dict[tuple[int, str], tuple[int, bool]]
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


def count_parts(ctx: RequestContext, issues: list[Issue], wanted: Collection[str], own: tuple[Any, ...],
                links: tuple[Any, ...] = ()) -> tuple[Tallies, list[Any]]:
    """Every tally of the wanted fields' features, and `own` (the issue package's), in one statement; with the
    rows of `links` (selects shaped by `part_row`, the issue package's labels, components and versions) in
    order by part, rank, sort name and id: a statement costs more than its rows."""
    modules = _wanted_modules(wanted)
    found: Tallies = {}
    rows: list[Any] = []
    if not issues or not (own or links or any(getattr(m, "TALLIES", ()) for m in modules)):
        return found, rows
    user_id = ctx.user.id if ctx.user is not None else 0  # no user has id 0: an anonymous caller is never counted
    statement = _tallies_statement(tuple(m.__name__ for m in modules), own, links)
    for row in ctx.db.execute(statement, {"ids": [i.id for i in issues], "user_id": user_id}):
        if row.sort_name is None:  # a tally: (issue id, kind, how many, whether one is the caller's)
            found[(row.issue_id, row.part)] = (row.id, bool(row.rank))
        else:
            rows.append(row)
    return found, rows


@lru_cache(maxsize=32)
def _tallies_statement(names: tuple[str, ...], own: tuple[Any, ...], links: tuple[Any, ...]) -> Any:
    """Built once per combination: building a statement costs more than running it."""
    by_name = {m.__name__: m for m in _modules()}
    parts = [*links, *own, *(t for name in names for t in getattr(by_name[name], "TALLIES", ()))]
    statement: Any = union_all(*parts) if len(parts) > 1 else parts[0]
    if links:
        return statement.order_by(column("part"), column("rank"), column("sort_name"), column("id"))
    return statement


def contributed(ctx: RequestContext, issues: list[Issue], wanted: list[str],
                tallies: Tallies) -> dict[int, dict[str, Any]]:
    merged: dict[int, dict[str, Any]] = {issue.id: {} for issue in issues}
    if not issues:
        return merged
    for module in _wanted_modules(wanted):
        for issue_id, values in module.contribute(ctx, issues, tallies).items():
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
    return (part_row(column, constant(kind), func.count(), null(), null(), constant(False), constant(False),
                     cast(null(), Date), mine, null())
            .where(where if where is not None else id_in(column, "ids")).group_by(column))


def any_counted(tallies: Tallies, issues: list[Issue], *kinds: str) -> bool:
    """Whether any of the issues has a row of these kinds."""
    return any((issue.id, kind) in tallies for issue in issues for kind in kinds)

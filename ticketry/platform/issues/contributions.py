"""Fields of the issue document that other features own (links, watchers, votes, worklogs, attachments).

A feature package may have an `issue_fields` module with `FIELDS` (the field ids it fills) and
`contribute(ctx, issues, tallies) -> {issue_id: {field_id: value}}`, answering for many issues in a constant
number of queries. Fields it does not fill keep the defaults of `issues/render.py`.

It may also declare `TALLIES`: statements of (issue id, kind, how many rows, whether the caller is among
them) per issue with any row. Every wanted one, and the issue package's own (sub-tasks), run as one
statement before the parts are loaded: a part no issue of the page has (links, worklogs, sub-tasks, often
attachments) then costs no statement of its own, and counts such as the watchers' are answered at once.
"""

from __future__ import annotations

import importlib
import importlib.util
import pkgutil
from collections.abc import Callable, Collection
from functools import lru_cache
from types import ModuleType
from typing import Any

from sqlalchemy import ColumnElement, bindparam, case, func, literal, select, union_all

from ticketry.core.context import RequestContext
from ticketry.db.id_lists import id_in
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


def count_parts(ctx: RequestContext, issues: list[Issue], wanted: Collection[str], own: tuple[Any, ...]) -> Tallies:
    """Every tally of the wanted fields' features, and `own` (the issue package's), in one statement."""
    modules = _wanted_modules(wanted)
    found: Tallies = {}
    if not issues or not (own or any(getattr(m, "TALLIES", ()) for m in modules)):
        return found
    user_id = ctx.user.id if ctx.user is not None else 0  # no user has id 0: an anonymous caller is never counted
    statement = _tallies_statement(tuple(m.__name__ for m in modules), own)
    for issue_id, kind, count, mine in ctx.db.execute(statement, {"ids": [i.id for i in issues], "user_id": user_id}):
        found[(issue_id, kind)] = (count, bool(mine))
    return found


@lru_cache(maxsize=16)
def _tallies_statement(names: tuple[str, ...], own: tuple[Any, ...]) -> Any:
    """Built once per combination: building a statement costs more than running it."""
    by_name = {m.__name__: m for m in _modules()}
    parts = [*own, *(t for name in names for t in getattr(by_name[name], "TALLIES", ()))]
    return union_all(*parts) if len(parts) > 1 else parts[0]


def contributed(ctx: RequestContext, issues: list[Issue], wanted: list[str],
                tallies: Tallies) -> dict[int, dict[str, Any]]:
    merged: dict[int, dict[str, Any]] = {issue.id: {} for issue in issues}
    if not issues:
        return merged
    for module in _wanted_modules(wanted):
        for issue_id, values in module.contribute(ctx, issues, tallies).items():
            merged.setdefault(issue_id, {}).update(values)
    return merged


def tally(column: Any, kind: str, user_column: Any = None, where: ColumnElement[bool] | None = None) -> Any:
    """A tally statement: per issue (`column`, bound as `ids`) with rows, their number, and whether one is the
    caller's (`user_column` equal to the bound `user_id`)."""
    mine = func.max(case((user_column == bindparam("user_id"), 1), else_=0)) if user_column is not None \
        else literal(0)
    return (select(column, literal(kind), func.count(), mine)
            .where(where if where is not None else id_in(column, "ids")).group_by(column))


def any_counted(tallies: Tallies, issues: list[Issue], *kinds: str) -> bool:
    """Whether any of the issues has a row of these kinds."""
    return any((issue.id, kind) in tallies for issue in issues for kind in kinds)

"""Writing validated new issues, one or a whole bulk batch, in a fixed number of statements.

Numbers come from one UPDATE ... RETURNING per project; the issues, their labels, components, versions,
custom field values, held values and autowatches go in one multi-row INSERT per table; the text index is
refreshed once.
A new issue has no changelog (Jira records none on create), no old links and no old values to compare.
"""

from __future__ import annotations

from dataclasses import dataclass
from types import SimpleNamespace
from typing import Any, cast

from sqlalchemy import Column, String, Table, TextClause, insert, text
from sqlalchemy.dialects import postgresql
from sqlalchemy.orm import Session

from ticketry.core.config_cache import rows_by_id
from ticketry.core.context import RequestContext
from ticketry.db.base import utcnow
from ticketry.platform.appsettings.service import get_bool
from ticketry.platform.fields.models import CustomFieldValue
from ticketry.platform.issueconfig.models import IssueType, Priority
from ticketry.platform.issues import held
from ticketry.platform.issues.fields_input import Parsed
from ticketry.platform.issues.keys import allocate_numbers, issue_key
from ticketry.platform.issues.models import Issue, IssueComponent, IssueLabel, IssueVersion
from ticketry.platform.issues.registry import HANDLERS, ORDER
from ticketry.platform.issues.system_fields import Env, LinkState
from ticketry.platform.search import textindex
from ticketry.platform.users.models import User
from ticketry.platform.watchers.service import NEW_WATCHES_ON_POSTGRES, watch_new_issues

DEFAULT_PRIORITY = 3
VERSION_KINDS = {"versions": "affects", "fixVersions": "fix"}
# Core inserts of the tables: every row with every column, so a batch is one statement whatever its rows hold.
ISSUE = cast(Table, Issue.__table__)
_INSERT_ISSUES = insert(ISSUE).returning(ISSUE.c.key, ISSUE.c.id)
_ISSUE_COLUMNS = [column for column in ISSUE.columns if column.key != "id"]


def _issues_from_arrays() -> TextClause:
    """PostgreSQL: the new issues as one array per column, unnested. A multi-row VALUES statement has a text of
    its own for every batch size, too long for psycopg to keep its conversion (a bulk batch of 50 issues: 1 150
    placeholders found by a regular expression anew, a fifth of the request's CPU), and PostgreSQL parses and
    plans it anew; this text never changes, so both keep it."""
    names = ", ".join(column.key for column in _ISSUE_COLUMNS)
    arrays = ", ".join(f"CAST(:{column.key} AS {_element_type(column)}[])" for column in _ISSUE_COLUMNS)
    return text(f"INSERT INTO issue ({names}) SELECT * FROM unnest({arrays}) RETURNING key, id")


def _element_type(column: Column[Any]) -> str:
    # Text unbounded: a cast to VARCHAR(n) would cut a longer value, where storing it in the column refuses it.
    return "TEXT" if isinstance(column.type, String) else str(column.type.compile(postgresql.dialect()))


_INSERT_ISSUES_FROM_ARRAYS = _issues_from_arrays()


def _defaults() -> tuple[dict[str, Any], list[tuple[str, Any]]]:
    """Every column at the model's default (a Core INSERT that names a column bypasses its default): the values
    known now, and the callables that make the others."""
    known: dict[str, Any] = {}
    made: list[tuple[str, Any]] = []
    for column in _ISSUE_COLUMNS:
        default: Any = column.default
        if default is not None and default.is_callable:
            made.append((column.key, default.arg))
        known[column.key] = default.arg if default is not None and default.is_scalar else None
    return known, made


_KNOWN_DEFAULTS, _MADE_DEFAULTS = _defaults()


def _blank_issue() -> dict[str, Any]:
    row = _KNOWN_DEFAULTS.copy()
    for key, make in _MADE_DEFAULTS:
        row[key] = make(None)
    return row


VALUE_COLUMNS = [c.key for c in CustomFieldValue.__table__.columns
                 if c.key not in ("id", "issue_id", "field_id", "position")]


@dataclass
class NewIssue:
    """A create request that passed validation: everything needed to write it."""

    env: Env
    issue_type: IssueType
    parent_id: int | None
    status_id: int
    parsed: Parsed


@dataclass(frozen=True)
class Created:
    id: int
    key: str


def insert_issues(ctx: RequestContext, drafts: list[NewIssue]) -> list[Created]:
    """Writes the drafts in order (numbers follow it); the created issues, in the same order."""
    if not drafts:
        return []
    numbers = allocate_numbers(ctx.db, [d.env.project.id for d in drafts])
    default_id = DEFAULT_PRIORITY if DEFAULT_PRIORITY in rows_by_id(ctx.db, Priority) else None
    reporter_id = ctx.user.id if ctx.user else None
    rows = [_issue_row(d, n, default_id, reporter_id) for d, n in zip(drafts, numbers, strict=True)]
    # One multi-row INSERT; RETURNING order is not the rows' order on every backend, so ids are matched by key.
    if len(rows) > 1 and ctx.db.get_bind().dialect.name == "postgresql":  # one row: dumping 22 arrays costs more
        inserted = ctx.db.execute(_INSERT_ISSUES_FROM_ARRAYS,
                                  {column.key: [row[column.key] for row in rows] for column in _ISSUE_COLUMNS})
    else:
        inserted = ctx.db.execute(_INSERT_ISSUES, rows)
    id_of: dict[str, int] = dict(inserted.all())
    ids = [id_of[row["key"]] for row in rows]
    _insert_links(ctx.db, drafts, ids)
    _companions(ctx.db, ids, _autowatches(ctx, drafts, ids, rows))
    return [Created(issue_id, row["key"]) for issue_id, row in zip(ids, rows, strict=True)]


def _issue_row(draft: NewIssue, number: int, default_priority: int | None, user_id: int | None) -> dict[str, Any]:
    """The issue's columns: the parsed single-value fields applied by their own handlers to a blank row (so
    their rules, such as a resolution's date, hold), then Jira's defaults for what the request left out."""
    project, system = draft.env.project, draft.parsed.system
    # A plain object with the issue's column attributes: the handlers only read and set those, and a mapped
    # Issue would cost attribute instrumentation for a row written by a Core INSERT anyway.
    row = SimpleNamespace(**_blank_issue())
    for name in ORDER:
        if name in system and not HANDLERS[name].multi:
            HANDLERS[name].store(draft.env, cast(Issue, row), LinkState(), system[name])
    if "priority" not in system:
        row.priority_id = default_priority
    if "reporter" not in system:
        row.reporter_id = user_id
    now = utcnow()
    row.project_id, row.number, row.key = project.id, number, issue_key(project.key, number)
    row.issue_type_id, row.status_id, row.parent_id = draft.issue_type.id, draft.status_id, draft.parent_id
    row.creator_id, row.created, row.updated = user_id, now, now
    return vars(row)


def _insert_links(db: Session, drafts: list[NewIssue], ids: list[int]) -> None:
    labels: list[dict[str, Any]] = []
    components: list[dict[str, Any]] = []
    versions: list[dict[str, Any]] = []
    values: list[dict[str, Any]] = []
    for draft, issue_id in zip(drafts, ids, strict=True):
        system = draft.parsed.system
        labels += [{"issue_id": issue_id, "label": label} for label in sorted(set(system.get("labels") or []))]
        components += [{"issue_id": issue_id, "component_id": cid}
                       for cid in sorted({c.id for c in system.get("components") or []})]
        for name, kind in VERSION_KINDS.items():
            versions += [{"issue_id": issue_id, "version_id": vid, "kind": kind}
                         for vid in sorted({v.id for v in system.get(name) or []})]
        values += _value_rows(issue_id, draft.parsed)
    for model, rows in ((IssueLabel, labels), (IssueComponent, components), (IssueVersion, versions),
                        (CustomFieldValue, values)):
        if rows:
            db.execute(insert(cast(Table, model.__table__)), rows)


def _value_rows(issue_id: int, parsed: Parsed) -> list[dict[str, Any]]:
    """The typed rows of the custom field values (every row names every value column, for one executemany)."""
    rows = []
    for value in parsed.custom.values():
        field_id = int(value.field_id.removeprefix("customfield_"))
        for position, element in enumerate(value.elements):
            row: dict[str, Any] = dict.fromkeys(VALUE_COLUMNS)
            row.update(issue_id=issue_id, field_id=field_id, position=position)
            row[element.column] = element.value
            rows.append(row)
    return rows


def _autowatches(ctx: RequestContext, drafts: list[NewIssue], ids: list[int],
                 rows: list[dict[str, Any]]) -> list[tuple[int, int]]:
    """Jira's default autowatch: the creator and the reporter watch the new issue (active users only)."""
    if not get_bool(ctx.db, "jira.option.watching"):
        return []
    watches = []
    for draft, issue_id, row in zip(drafts, ids, rows, strict=True):
        people = [ctx.user, draft.parsed.system.get("reporter", ctx.user)]
        active = {p.id: p for p in people if isinstance(p, User) and p.active}
        watches += [(issue_id, user_id) for user_id in (row["creator_id"], row["reporter_id"]) if user_id in active]
    return list(dict.fromkeys(watches))


def _companions(db: Session, ids: list[int], watches: list[tuple[int, int]]) -> None:
    """The new issues' held values, autowatches and text index rows. On PostgreSQL one statement (the first two
    as data-modifying WITH parts): three cost a create ~0.8 ms more of our CPU, ~20 % of it."""
    if db.get_bind().dialect.name != "postgresql":
        held.start(db, ids)
        watch_new_issues(db, watches)
        textindex.refresh(db, ids)
        return
    one = len(ids) == 1
    params: dict[str, Any] = {"id": ids[0]} if one else {"ids": ids}
    if watches:
        params.update(watch_issues=[i for i, _ in watches], watch_users=[u for _, u in watches], watched=utcnow())
    db.execute(COMPANIONS[(one, bool(watches))], params)


_IDS = "ANY(CAST(:ids AS INTEGER[]))"


def _companions_on_postgres(one: bool, watched: bool) -> TextClause:
    """One issue is bound as a single id: PostgreSQL then plans the prepared statement once (a generic plan);
    with an array it planned it anew on every create (~0.3 ms of its CPU)."""
    parts = [f"held AS ({held.START_ON_POSTGRES})"] + ([f"watched AS ({NEW_WATCHES_ON_POSTGRES})"] if watched else [])
    statement = f"WITH {', '.join(parts)} {textindex.REFRESH_ON_POSTGRES}"
    return text(statement.replace(_IDS, "CAST(:id AS INTEGER)") if one else statement)


# Made once: a TextClause finds its bound names with a regular expression over the whole text (~3 % of a create).
COMPANIONS = {(one, watched): _companions_on_postgres(one, watched)
               for one in (False, True) for watched in (False, True)}

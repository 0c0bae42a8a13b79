"""The values issues' single-valued fields held and when (`HeldValue`), kept in step with every write.

JQL `WAS` asks which issues held a value at some time; answered from the changelog, it pairs every change
with the field's next change (and the issue's creation) and unions three searches, which at a million issues
took seconds. Here each interval is one row, written when the issue is created (the values it starts with)
and by the changelog (a change ends the field's open interval and opens the next), so WAS is one index range.
Values are the changelog's (ids as text, users by key), as `WAS` compares them with the changelog's.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import TYPE_CHECKING, cast

from sqlalchemy import Connection, Table, bindparam, insert, select, text, update
from sqlalchemy.orm import Session

from ticketry.platform.issues.models import HeldValue, Issue

if TYPE_CHECKING:
    from ticketry.platform.issues.changelog import Change

# The changelog's field name -> the issue column holding its current value.
HELD_FIELDS = {"status": "status_id", "priority": "priority_id", "resolution": "resolution_id",
               "assignee": "assignee_id", "reporter": "reporter_id"}
USER_FIELDS = {"assignee", "reporter"}
HELD = cast(Table, HeldValue.__table__)

# PostgreSQL: two writers changing one issue must take turns, from before the change's time is taken until they
# commit. Each ends the open interval and opens its own: without the issue's row lock the second's UPDATE waits on
# the first's row, then skips it (ended meanwhile) and cannot see the interval the first opened, which would stay
# open beside its own; and a time taken before the wait would end that interval before it began. SQLite has one
# writer at a time.
_LOCK_ISSUE = select(Issue.id).where(Issue.id == bindparam("of_issue")).with_for_update(key_share=True)
_CLOSE = (update(HELD)
          .where(HELD.c.issue_id == bindparam("of_issue"), HELD.c.field.in_(bindparam("fields", expanding=True)),
                 HELD.c.ended.is_(None))
          .values(ended=bindparam("ended_at", type_=HELD.c.ended.type)))


def _current_value(field: str) -> str:
    column = f"issue.{HELD_FIELDS[field]}"
    if field in USER_FIELDS:
        return f'(SELECT app_user."key" FROM app_user WHERE app_user.id = {column})'
    return f"CAST({column} AS VARCHAR(255))"


def _current_values(where: str) -> str:
    """The issues' current values as open intervals since their creation, set by their creator."""
    return " UNION ALL ".join(
        f"SELECT issue.id, '{field}', {_current_value(field)}, issue.created, CAST(NULL AS TIMESTAMP), "
        f"issue.creator_id FROM issue WHERE {where.format(field=field)}"
        for field in HELD_FIELDS)


_INSERT = "INSERT INTO held_value (issue_id, field, value, started, ended, setter_id) "
_START = text(_INSERT + _current_values("issue.id IN :ids")).bindparams(bindparam("ids", expanding=True))
# The same for PostgreSQL as part of a create's one statement of companions (`issues/insert.py`): the new issues
# bound as the array `ids`.
START_ON_POSTGRES = _INSERT + _current_values("issue.id = ANY(CAST(:ids AS INTEGER[]))")

_HELD_CHANGES = ("FROM change_item i JOIN change_group g ON g.id = i.group_id "
                 "WHERE i.field IN ('status', 'priority', 'resolution', 'assignee', 'reporter')")
# From the changelog alone: each change's value until the field's next change (by time, then id); the value
# before the field's first change from the issue's creation; then the fields no change touched.
REBUILD = (
    _INSERT + "SELECT g.issue_id, i.field, i.new_value, g.created, LEAD(g.created) OVER "
    "(PARTITION BY g.issue_id, i.field ORDER BY g.created, g.id), g.author_id " + _HELD_CHANGES,
    _INSERT + "SELECT f.issue_id, f.field, f.old_value, issue.created, f.created, issue.creator_id FROM "
    "(SELECT g.issue_id, i.field, i.old_value, g.created, ROW_NUMBER() OVER "
    "(PARTITION BY g.issue_id, i.field ORDER BY g.created, g.id) AS n " + _HELD_CHANGES + ") f "
    "JOIN issue ON issue.id = f.issue_id WHERE f.n = 1",
    _INSERT + _current_values(
        "NOT EXISTS (SELECT 1 FROM held_value h WHERE h.issue_id = issue.id AND h.field = '{field}')"),
)


def start(db: Session, issue_ids: Sequence[int]) -> None:
    """New issues hold the values they were created with, from their creation on."""
    if issue_ids:
        db.execute(_START, {"ids": list(issue_ids)})


def _held(items: Sequence[Change]) -> list[Change]:
    return [item for item in items if item.field in HELD_FIELDS and item.field_type == "jira"]


def take_turn(db: Session, issue_id: int, items: Sequence[Change]) -> None:
    """Before a change of held fields takes its time: the issue's row lock (PostgreSQL), see _LOCK_ISSUE."""
    if _held(items) and db.get_bind().dialect.name == "postgresql":
        db.execute(_LOCK_ISSUE, {"of_issue": issue_id})


def change(db: Session, issue_id: int, author_id: int | None, when: datetime, items: Sequence[Change]) -> None:
    """A change recorded in the changelog (after `take_turn`): each held field's open interval ends, the new
    value's begins."""
    changed = _held(items)
    if not changed:
        return
    db.execute(_CLOSE, {"of_issue": issue_id, "fields": [item.field for item in changed], "ended_at": when})
    db.execute(insert(HELD), [{"issue_id": issue_id, "field": item.field, "value": item.to_value, "started": when,
                               "ended": None, "setter_id": author_id} for item in changed])


def rebuild(connection: Connection | Session) -> None:
    """Every interval anew from the changelog and the issues (the offline importer writes only those)."""
    connection.execute(text("DELETE FROM held_value"))
    for statement in REBUILD:
        connection.execute(text(statement))


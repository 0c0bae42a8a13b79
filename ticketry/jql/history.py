"""WAS and CHANGED read the history: the values a field held, when, and who set them.

A field held a value during an interval that starts at the change setting it (or at the
issue's creation, for the value it was created with) and ends at the next change of the field.
Single-valued fields keep those intervals as rows (issues/held.py); fix versions and CHANGED
read the changelog itself.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import timedelta
from typing import Any

from sqlalchemy import ColumnElement, Select, and_, exists, func, not_, or_, select, true, union_all
from sqlalchemy.orm import aliased

from ticketry.jql import ast
from ticketry.jql.date_fields import DateField
from ticketry.jql.dates import PERIOD_FUNCTIONS
from ticketry.jql.env import Env, JqlValidationError
from ticketry.jql.handlers import FieldHandler, ValueSetField, fail, items_of
from ticketry.jql.matching import issue_in
from ticketry.platform.issues.held import HELD_FIELDS
from ticketry.platform.issues.models import ChangeGroup, ChangeItem, HeldValue, Issue
from ticketry.platform.users.models import User

# JQL field name -> the changelog's field name, and how current values are stored for it.
HISTORY_FIELDS = {"status": "status", "priority": "priority", "resolution": "resolution",
                  "assignee": "assignee", "reporter": "reporter", "fixVersion": "Fix Version"}
USER_FIELDS = {"assignee", "reporter"}


def _history_field(handler: FieldHandler, operator: str) -> str:
    changelog = HISTORY_FIELDS.get(handler.name)
    if changelog is None or not isinstance(handler, ValueSetField):
        raise fail(f"History searches do not support the '{handler.name}' field.")
    return changelog


def _stored_values(env: Env, handler: ValueSetField, values: list[object]) -> list[str]:
    """Values as the changelog stores them (ids, or user keys for user fields)."""
    if handler.name in USER_FIELDS and values:
        return list(env.db.scalars(select(User.key).where(User.id.in_(values))))
    return [str(v) for v in values]


def _value_in(column: Any, values: Sequence[object], empty: bool) -> ColumnElement[bool]:
    parts = [column.in_(values)] if values else []
    if empty:
        parts.append(column.is_(None))
    return or_(*parts) if parts else and_(column.is_(None), column.is_not(None))


def compile_changed(env: Env, handler: FieldHandler, clause: ast.Changed) -> ColumnElement[bool]:
    field = _history_field(handler, "changed")
    assert isinstance(handler, ValueSetField)
    conditions: list[ColumnElement[bool]] = [ChangeItem.field == field]
    for predicate in clause.predicates:
        conditions.append(_changed_predicate(env, handler, predicate))
    return issue_in(_changes().where(*conditions))


def _changes() -> Select[Any]:
    """The issue ids of change items (with their groups), to be narrowed by field, value and time."""
    return select(ChangeGroup.issue_id).select_from(ChangeItem).join(ChangeGroup, ChangeGroup.id == ChangeItem.group_id)


def _changed_predicate(env: Env, handler: ValueSetField, predicate: ast.Predicate) -> ColumnElement[bool]:
    if predicate.operator in ("from", "to"):
        ids, empty = handler.values(env, predicate.operand)
        values = _stored_values(env, handler, ids)
        column = ChangeItem.old_value if predicate.operator == "from" else ChangeItem.new_value
        return _value_in(column, values, empty)
    return _time_or_author(env, predicate, ChangeGroup.created, ChangeGroup.created, ChangeGroup.author_id)


def _time_or_author(env: Env, predicate: ast.Predicate, start: Any, end: Any, author: Any) -> ColumnElement[bool]:
    """Whether an interval [start, end) (end None: still open) meets a time predicate, or BY's author."""
    kind = predicate.operator
    if kind == "by":
        users = _users(env, predicate.operand)
        return author.in_(users) if users else and_(author.is_(None), author.is_not(None))
    if kind == "during":
        bounds = predicate.operand.items if isinstance(predicate.operand, ast.ValueList) else ()
        if len(bounds) != 2:
            raise fail("The DURING predicate must be supplied with exactly 2 date values.")
        first, last = (_moment(env, kind, start, bound) for bound in bounds)
        return and_(start <= last, _open_or(end, lambda e: e >= first))
    if isinstance(predicate.operand, ast.ValueList):
        raise fail(f"The {kind.upper()} predicate must be supplied with only 1 date value.")
    moment = _moment(env, kind, start, predicate.operand)
    if kind == "after":
        return _open_or(end, lambda e: e > moment)
    if kind == "before":
        return start < moment
    day_start = moment.replace(hour=0, minute=0, second=0, microsecond=0)  # type: ignore[call-arg]
    day_end = day_start + timedelta(days=1)
    return and_(start < day_end, _open_or(end, lambda e: e >= day_start))


def _open_or(end: Any, test: Any) -> ColumnElement[bool]:
    return true() if end is None else or_(end.is_(None), test(end))


DATE_FUNCTIONS = {"now", "currentlogin", "lastlogin"} | PERIOD_FUNCTIONS


def _moment(env: Env, kind: str, column: Any, operand: ast.Operand) -> Any:
    """The instant a date predicate names, with Jira's words for what is not a date."""
    if isinstance(operand, ast.FunctionCall) and operand.name.lower() not in DATE_FUNCTIONS:
        raise fail(f"A date for the predicate '{kind}' provided by the function '{operand.name}' is not valid.")
    if not isinstance(operand, ast.Value | ast.FunctionCall):
        raise fail(f"The {kind.upper()} predicate must be supplied with only 1 date value.")
    try:
        return DateField(kind, column).instant(env, operand)
    except JqlValidationError as error:
        raise fail(error.messages[0].replace(f" for field '{kind}' ", f" for predicate '{kind}' ")) from None


def _users(env: Env, operand: ast.Operand) -> list[int]:
    from ticketry.jql.lookups import user_ids

    found: list[int] = []
    for item in items_of(operand):
        if isinstance(item, ast.FunctionCall) and item.name.lower() == "currentuser":
            found.extend([env.user_id] if env.user_id is not None else [])
        elif isinstance(item, ast.FunctionCall):
            raise fail(f"Unable to find JQL function '{item.name}()'.")
        elif isinstance(item, ast.Value):
            ids = user_ids(env.db, item.text)
            if not ids:
                env.unknown_value("by", item.text)
            found.extend(ids)
    return found


def compile_was(env: Env, handler: FieldHandler, clause: ast.Terminal) -> ColumnElement[bool]:
    """One set of issue ids: for single-valued fields one range of the held values' index (issues/held.py),
    for fix versions a UNION ALL driven by the changelog's field index."""
    field = _history_field(handler, clause.operator)
    assert isinstance(handler, ValueSetField)
    ids, empty = handler.values(env, clause.operand)
    values = _stored_values(env, handler, ids)
    if field in HELD_FIELDS:
        conditions = [HeldValue.field == field, _value_in(HeldValue.value, values, empty)]
        conditions += [_time_or_author(env, p, HeldValue.started, HeldValue.ended, HeldValue.setter_id)
                       for p in clause.predicates]
        found = issue_in(select(HeldValue.issue_id).where(*conditions))
    else:
        found = issue_in(union_all(_set_by_change(env, field, values, empty, clause.predicates),
                                   _held_before_first_change(env, field, values, empty, clause.predicates)))
    return not_(found) if clause.operator in ("was not", "was not in") else found


def _set_by_change(env: Env, field: str, values: list[str], empty: bool,
                   predicates: tuple[ast.Predicate, ...]) -> Select[Any]:
    """Issues a change set to one of the values, the interval lasting until the field's next change."""
    later = aliased(ChangeGroup)
    next_change = (
        select(func.min(later.created))
        .where(later.issue_id == ChangeGroup.issue_id, _changes_field(later, field),
               or_(later.created > ChangeGroup.created,
                   and_(later.created == ChangeGroup.created, later.id > ChangeGroup.id)))
        .scalar_subquery()
    )
    conditions = [ChangeItem.field == field, _value_in(ChangeItem.new_value, values, empty)]
    conditions += [_time_or_author(env, p, ChangeGroup.created, next_change, ChangeGroup.author_id)
                   for p in predicates]
    return _changes().where(*conditions)


def _changes_field(group: Any, field: str) -> ColumnElement[bool]:
    """The change group has an item of the field. A nested EXISTS rather than a join: it leaves
    the planner one order (the issue's groups, then an item lookup by field and group), where a
    join let SQLite without statistics scan every change of the field once per candidate."""
    item = aliased(ChangeItem)  # not the outer query's change_item, which plain ChangeItem would correlate to
    return exists(select(item.id).where(item.group_id == group.id, item.field == field))


def _held_before_first_change(env: Env, field: str, values: list[str], empty: bool,
                              predicates: tuple[ast.Predicate, ...]) -> Select[Any]:
    """Issues created with one of the values and changed since: the first change's old value
    (first by time, then id); the interval runs from the issue's creation to that change."""
    earlier_group = aliased(ChangeGroup)
    earlier = exists(
        select(earlier_group.id)
        .where(earlier_group.issue_id == ChangeGroup.issue_id, _changes_field(earlier_group, field),
               or_(earlier_group.created < ChangeGroup.created,
                   and_(earlier_group.created == ChangeGroup.created, earlier_group.id < ChangeGroup.id))))
    query = _changes().where(ChangeItem.field == field, _value_in(ChangeItem.old_value, values, empty), not_(earlier))
    if predicates:
        created = aliased(Issue)
        query = query.join(created, created.id == ChangeGroup.issue_id).where(
            *[_time_or_author(env, p, created.created, ChangeGroup.created, created.creator_id) for p in predicates])
    return query


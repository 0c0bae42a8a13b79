"""WAS and CHANGED read the changelog: the values a field held, when, and who set them.

A field held a value during an interval that starts at the change setting it (or at the
issue's creation, for the value it was created with) and ends at the next change of the field.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from sqlalchemy import ColumnElement, and_, exists, func, not_, or_, select, true
from sqlalchemy.orm import aliased

from ticketry.jql import ast
from ticketry.jql.date_fields import DateField
from ticketry.jql.dates import PERIOD_FUNCTIONS
from ticketry.jql.env import Env, JqlValidationError
from ticketry.jql.handlers import FieldHandler, ValueSetField, fail, items_of
from ticketry.platform.issues.models import ChangeGroup, ChangeItem, Issue
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


def _stored_values(env: Env, handler: ValueSetField, operand: ast.Operand) -> tuple[list[str], bool]:
    """The operand's values as the changelog stores them (ids, or user keys for user fields)."""
    values, empty = handler.values(env, operand)
    if handler.name in USER_FIELDS and values:
        return list(env.db.scalars(select(User.key).where(User.id.in_(values)))), empty
    return [str(v) for v in values], empty


def _current_column(handler: ValueSetField) -> ColumnElement[object] | None:
    return {"status": Issue.status_id, "priority": Issue.priority_id, "resolution": Issue.resolution_id,
            "assignee": Issue.assignee_id, "reporter": Issue.reporter_id}.get(handler.name)  # type: ignore[return-value]


def _value_in(column: Any, values: list[str], empty: bool) -> ColumnElement[bool]:
    parts = [column.in_(values)] if values else []
    if empty:
        parts.append(column.is_(None))
    return or_(*parts) if parts else and_(column.is_(None), column.is_not(None))


def compile_changed(env: Env, handler: FieldHandler, clause: ast.Changed) -> ColumnElement[bool]:
    field = _history_field(handler, "changed")
    assert isinstance(handler, ValueSetField)
    conditions: list[ColumnElement[bool]] = [ChangeGroup.issue_id == Issue.id, ChangeItem.field == field]
    for predicate in clause.predicates:
        conditions.append(_changed_predicate(env, handler, predicate))
    return exists(select(ChangeItem.id).join(ChangeGroup, ChangeGroup.id == ChangeItem.group_id).where(*conditions))


def _changed_predicate(env: Env, handler: ValueSetField, predicate: ast.Predicate) -> ColumnElement[bool]:
    if predicate.operator in ("from", "to"):
        values, empty = _stored_values(env, handler, predicate.operand)
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
    field = _history_field(handler, clause.operator)
    assert isinstance(handler, ValueSetField)
    values, empty = _stored_values(env, handler, clause.operand)
    found = or_(_set_by_change(env, field, values, empty, clause.predicates),
                _held_initially(env, handler, field, values, empty, clause.predicates))
    return not_(found) if clause.operator in ("was not", "was not in") else found


def _set_by_change(env: Env, field: str, values: list[str], empty: bool,
                   predicates: tuple[ast.Predicate, ...]) -> ColumnElement[bool]:
    later_item, later_group = aliased(ChangeItem), aliased(ChangeGroup)
    next_change = (
        select(func.min(later_group.created))
        .select_from(later_item).join(later_group, later_group.id == later_item.group_id)
        .where(later_group.issue_id == ChangeGroup.issue_id, later_item.field == field,
               or_(later_group.created > ChangeGroup.created,
                   and_(later_group.created == ChangeGroup.created, later_group.id > ChangeGroup.id)))
        .scalar_subquery()
    )
    conditions = [ChangeGroup.issue_id == Issue.id, ChangeItem.field == field,
                  _value_in(ChangeItem.new_value, values, empty)]
    conditions += [_time_or_author(env, p, ChangeGroup.created, next_change, ChangeGroup.author_id)
                   for p in predicates]
    return exists(select(ChangeItem.id).join(ChangeGroup, ChangeGroup.id == ChangeItem.group_id).where(*conditions))


def _held_initially(env: Env, handler: ValueSetField, field: str, values: list[str], empty: bool,
                    predicates: tuple[ast.Predicate, ...]) -> ColumnElement[bool]:
    """The value the issue was created with: the first change's old value, or the current value."""
    first_item, first_group = aliased(ChangeItem), aliased(ChangeGroup)
    first = (select(first_item.old_value, first_group.created)
             .join(first_group, first_group.id == first_item.group_id)
             .where(first_group.issue_id == Issue.id, first_item.field == field)
             .order_by(first_group.created, first_group.id).limit(1))
    first_old = first.with_only_columns(first_item.old_value).scalar_subquery()
    first_time = first.with_only_columns(first_group.created).scalar_subquery()
    never_changed = not_(exists(first.with_only_columns(first_item.id)))
    current = _current_column(handler)
    if current is not None and handler.name in USER_FIELDS:
        current = select(User.key).where(User.id == current).scalar_subquery()  # type: ignore[assignment]
    initial = or_(and_(not_(never_changed), _value_in(first_old, values, empty)),
                  and_(never_changed, _value_in(func.cast(current, ChangeItem.old_value.type), values, empty))
                  if current is not None else and_(never_changed, true().is_(False)))
    conditions = [initial] + [_time_or_author(env, p, Issue.created, first_time, Issue.creator_id)
                              for p in predicates]
    return and_(*conditions)

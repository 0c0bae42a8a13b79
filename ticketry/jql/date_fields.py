"""Date and date-time fields: absolute and relative values and the date functions, in the caller's zone."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime
from typing import Any

from sqlalchemy import ColumnElement, and_, false, not_, or_, select

from ticketry.jql import ast
from ticketry.jql.dates import PERIOD_FUNCTIONS, BadDate, parse_date_value, period_function
from ticketry.jql.env import Env
from ticketry.jql.handlers import EQUALITY, ORDERING, FieldHandler, fail, items_of
from ticketry.platform.users.models import User

COMPARE = {
    "=": lambda c, v: c == v, "!=": lambda c, v: c != v, "<": lambda c, v: c < v,
    ">": lambda c, v: c > v, "<=": lambda c, v: c <= v, ">=": lambda c, v: c >= v,
}


def epoch_millis(item: ast.Value, now: datetime) -> datetime | None:
    """An unquoted whole number is milliseconds since 1970, as Jira reads a number literal for a date."""
    text = item.text.strip()
    if item.quoted or not text.lstrip("-").isdigit() or len(text) > 16:
        return None
    return datetime.fromtimestamp(int(text) / 1000, tz=now.tzinfo)


class DateField(FieldHandler):
    operators = EQUALITY | ORDERING

    def __init__(self, name: str, column: object, *, date_only: bool = False, emptiable: bool = True) -> None:
        self.name, self.column, self.date_only, self.emptiable = name, column, date_only, emptiable

    def instant(self, env: Env, item: ast.Value | ast.FunctionCall) -> datetime | date:
        if isinstance(item, ast.FunctionCall):
            moment = self._function(env, item)
        else:
            try:
                moment = epoch_millis(item, env.now) or parse_date_value(item.text, env.now)
            except BadDate:
                formats = ("'YYYY/MM/DD', 'YYYY-MM-DD'" if self.date_only else
                           "'yyyy/MM/dd HH:mm', 'yyyy-MM-dd HH:mm', 'yyyy/MM/dd', 'yyyy-MM-dd'")
                raise fail(f"Date value '{item.text}' for field '{self.name}' is invalid. Valid formats include: "
                           f"{formats}, or a period format e.g. '-5d', '4w 2d'.") from None
        return moment.date() if self.date_only else moment

    def _function(self, env: Env, call: ast.FunctionCall) -> datetime:
        name = call.name.lower()
        if name == "now":
            if call.arguments:
                raise fail(f"Function 'now' expected '0' arguments but received '{len(call.arguments)}'.")
            return env.now
        if name in ("currentlogin", "lastlogin"):
            return self._login(env, call, name)
        if name in PERIOD_FUNCTIONS:
            if len(call.arguments) > 1:
                raise fail(f"Function '{call.name}' expected between '0' and '1' arguments but received "
                           f"'{len(call.arguments)}'.")
            try:
                return period_function(call.name, call.arguments, env.now)
            except BadDate:
                raise fail(f"Duration for function '{call.name}' should have the format (+/-)n(yMwdm), e.g -1M for 1 "
                           "month earlier.") from None
        raise self.unknown_function(call)

    def _login(self, env: Env, call: ast.FunctionCall, name: str) -> datetime:
        """currentLogin(): when the caller's session began; lastLogin(): the login before it."""
        if call.arguments:
            raise fail(f"Function '{call.name}' expected '0' arguments but received '{len(call.arguments)}'.")
        row = env.db.execute(select(User.last_login, User.previous_login).where(User.id == env.user_id)).first()
        moment = (row[0] if name == "currentlogin" else row[1]) if row is not None else None
        return moment.astimezone(env.now.tzinfo) if moment is not None else env.now

    def compile(self, env: Env, clause: ast.Terminal) -> ColumnElement[bool]:
        operator = clause.operator
        self.check_operator(operator)
        self.check_list_use(clause)
        column: Any = self.column
        items = items_of(clause.operand)
        empty = any(isinstance(i, ast.Empty) for i in items)
        if empty and not self.emptiable:
            raise fail(f"The field '{self.name}' does not support searching for EMPTY values.")
        moments = [self.instant(env, i) for i in items if not isinstance(i, ast.Empty)]
        if operator in ("is", "=") and empty:
            return column.is_(None)  # type: ignore[attr-defined]
        if operator in ("is not", "!=") and empty:
            return column.is_not(None)  # type: ignore[attr-defined]
        present = column.is_not(None)  # type: ignore[attr-defined]
        if operator in ("in", "not in"):
            hits = or_(*[column == m for m in moments]) if moments else false()
            if operator == "in":
                return or_(and_(present, hits), column.is_(None)) if empty else and_(present, hits)  # type: ignore[attr-defined]
            return and_(present, not_(hits))
        return and_(present, COMPARE[operator](column, moments[0]))

    def order_by(self, env: Env) -> Sequence[ColumnElement[object]]:
        return [self.column]  # type: ignore[list-item]

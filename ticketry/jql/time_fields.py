"""Time tracking in JQL: originalEstimate, remainingEstimate, timeSpent (durations) and workRatio (a percentage).

Durations are written as Jira writes them ("2h", "1w 2d", "90m"); a bare number is in the configured
default unit (minutes unless changed), and days and weeks follow the configured working day and week,
as Jira's JqlTimetrackingDurationSupport reads them. Values are stored in seconds.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import BigInteger, ColumnElement, and_, case, cast, false, func, literal, not_, or_

from ticketry.jql import ast
from ticketry.jql.date_fields import COMPARE
from ticketry.jql.env import Env
from ticketry.jql.handlers import EQUALITY, ORDERING, FieldHandler, fail, items_of
from ticketry.platform.appsettings.service import get_bool, get_property_value
from ticketry.platform.issues.durations import work_time
from ticketry.platform.issues.models import Issue

TIME_TRACKING = "jira.option.timetracking"
DEFAULT_UNIT = "jira.timetracking.default.unit"
UNIT_LETTERS = {"minute": "m", "hour": "h", "day": "d", "week": "w"}
# Java's (long) of an infinite ratio: time spent against an original estimate of zero.
INFINITE_RATIO = 9_223_372_036_854_775_807


def _check_enabled(env: Env, name: str) -> None:
    if not get_bool(env.db, TIME_TRACKING):
        raise fail(f"Field '{name}' cannot be searched because time tracking is disabled.")


class _NumericField(FieldHandler):
    """Shared semantics of a nullable number: = != IN NOT IN IS (NOT) EMPTY and ordering, never matching empty
    values except through EMPTY."""

    operators = EQUALITY | ORDERING

    def expression(self, env: Env) -> Any:
        raise NotImplementedError

    def number(self, env: Env, text: str) -> int:
        raise NotImplementedError

    def compile(self, env: Env, clause: ast.Terminal) -> ColumnElement[bool]:
        _check_enabled(env, self.name)
        self.check_operator(clause.operator)
        self.check_list_use(clause)
        numbers, empty = self._values(env, clause.operand)
        column = self.expression(env)
        present = column.is_not(None)
        operator = clause.operator
        if operator in ORDERING:
            return and_(present, COMPARE[operator](column, numbers[0])) if numbers else false()
        hits = and_(present, column.in_(numbers)) if numbers else false()
        if operator in ("=", "in", "is"):
            return or_(hits, column.is_(None)) if empty else hits
        if not numbers:  # != EMPTY, IS NOT EMPTY
            return present
        return and_(present, not_(column.in_(numbers)))

    def _values(self, env: Env, operand: ast.Operand) -> tuple[list[int], bool]:
        numbers: list[int] = []
        empty = False
        for item in items_of(operand):
            if isinstance(item, ast.Empty):
                empty = True
            elif isinstance(item, ast.FunctionCall):
                raise self.unknown_function(item)
            else:
                numbers.append(self.number(env, item.text))
        return numbers, empty


class DurationField(_NumericField):
    def __init__(self, name: str, column: Any) -> None:
        self.name, self.column = name, column

    def expression(self, env: Env) -> Any:
        return self.column

    def number(self, env: Env, text: str) -> int:
        seconds = duration_seconds(env, text)
        if seconds is None:
            raise fail(f"The value '{text}' for field '{self.name}' is invalid. Please specify a positive duration "
                       "format; for example: '1h 30m', '2d'.")
        return seconds

    def order_by(self, env: Env) -> Sequence[ColumnElement[object]]:
        return [self.column]


def duration_seconds(env: Env, text: str) -> int | None:
    """Seconds of a JQL duration (None when invalid or negative); a bare number is in the default unit."""
    value = text.strip()
    if value.isdigit():
        unit = UNIT_LETTERS.get(get_property_value(env.db, DEFAULT_UNIT), "m")
        value += unit
    return work_time(env.db).parse(value) if value else None


class WorkRatioField(_NumericField):
    """Time spent as a whole percentage of the original estimate, rounded down; empty without an estimate."""

    name = "workRatio"

    def expression(self, env: Env) -> Any:
        spent = cast(Issue.time_spent, BigInteger)
        original = cast(Issue.original_estimate, BigInteger)
        return case(
            (Issue.original_estimate.is_(None), literal(None, BigInteger)),
            (Issue.time_spent.is_(None), literal(0, BigInteger)),
            (Issue.original_estimate == 0, case((Issue.time_spent > 0, INFINITE_RATIO), else_=0)),
            else_=spent * 100 / original,
        )

    def number(self, env: Env, text: str) -> int:
        stripped = text.strip()
        digits = stripped[1:] if stripped[:1] in "+-" else stripped
        if not digits.isdigit() or len(digits) > 18:
            raise fail(f"The value '{text}' for field '{self.name}' is invalid - please specify an integer.")
        return int(stripped)

    def order_by(self, env: Env) -> Sequence[ColumnElement[object]]:
        # Jira sorts an issue without a work ratio as -1: before every ratio going up.
        return [func.coalesce(self.expression(env), -1)]


def time_handlers() -> dict[str, FieldHandler]:
    original = DurationField("originalEstimate", Issue.original_estimate)
    remaining = DurationField("remainingEstimate", Issue.remaining_estimate)
    return {
        "originalestimate": original, "timeoriginalestimate": original,
        "remainingestimate": remaining, "timeestimate": remaining,
        "timespent": DurationField("timeSpent", Issue.time_spent),
        "workratio": WorkRatioField(),
    }

"""issuekey (key, issue, id) and parent: issue keys or ids; keys compare within their project."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from sqlalchemy import ColumnElement, and_, false, or_, select

from ticketry.core.ids import db_id
from ticketry.jql import ast
from ticketry.jql.env import Env
from ticketry.jql.handlers import ORDERING, ValueSetField, fail
from ticketry.jql.matching import Matcher, column_matcher
from ticketry.platform.issues.models import Issue
from ticketry.platform.projects.models import Project, ProjectKey

KEY = re.compile(r"^([A-Za-z][A-Za-z0-9_]*)-(\d+)$")


def issue_ids(env: Env, field_name: str, text: str) -> list[int]:
    number = db_id(text)
    if number is not None:
        return list(env.db.scalars(select(Issue.id).where(Issue.id == number)))
    match = KEY.match(text.strip())
    if match is None:
        raise fail(f"The issue key '{text}' for field '{field_name}' is invalid.")
    found = list(env.db.scalars(select(Issue.id).where(Issue.key == text.strip().upper())))
    if not found:
        project_id = env.db.scalar(select(ProjectKey.project_id).where(ProjectKey.key == match.group(1).upper()))
        number = db_id(match.group(2))
        if project_id is not None and number is not None:
            found = list(env.db.scalars(select(Issue.id).where(Issue.project_id == project_id,
                                                               Issue.number == number)))
    if not found:
        env.unknown_value(field_name, text)
    return found


class IssueKeyField(ValueSetField):
    name = "issuekey"
    emptiable = False
    operators = ValueSetField.operators | ORDERING

    def matcher(self) -> Matcher:
        return column_matcher(Issue.id)

    def resolve(self, env: Env, text: str) -> list[object]:
        return list(issue_ids(env, "key", text))

    def compile(self, env: Env, clause: ast.Terminal) -> ColumnElement[bool]:
        if clause.operator not in ORDERING:
            return super().compile(env, clause)
        self.check_list_use(clause)
        values, _empty = self.values(env, clause.operand)
        rows = env.db.execute(select(Issue.project_id, Issue.number).where(Issue.id.in_(values))).all()
        operator = clause.operator
        ops = {">": lambda c, n: c > n, ">=": lambda c, n: c >= n, "<": lambda c, n: c < n,
               "<=": lambda c, n: c <= n}[operator]
        # Keys compare by number within their own project, as in Jira.
        return or_(*[and_(Issue.project_id == p, ops(Issue.number, n)) for p, n in rows]) if rows else false()

    def order_by(self, env: Env) -> Sequence[Any]:
        return [select(Project.key).where(Project.id == Issue.project_id).scalar_subquery(), Issue.number]


class ParentField(ValueSetField):
    name = "parent"
    emptiable = False

    def matcher(self) -> Matcher:
        return column_matcher(Issue.parent_id)

    def resolve(self, env: Env, text: str) -> list[object]:
        return list(issue_ids(env, "parent", text))

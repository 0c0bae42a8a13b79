"""issuekey (key, issue, id) and parent: issue keys or ids; keys compare within their project."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from sqlalchemy import ColumnElement, Integer, Text, and_, cast, false, func, literal_column, or_, select

from ticketry.core.ids import db_id
from ticketry.jql import ast
from ticketry.jql.env import Env
from ticketry.jql.handlers import ORDERING, ValueSetField, fail
from ticketry.jql.matching import Matcher, column_matcher
from ticketry.platform.issues.models import Issue
from ticketry.platform.projects.service import project_id_by_key

KEY = re.compile(r"^([A-Za-z][A-Za-z0-9_]*)-(\d+)$")


def project_key_part() -> ColumnElement[str]:
    """The project key part of issue.key ("ABC" of "ABC-12"), written as the index ix_issue_key_order
    declares it, so that both databases walk that index for ORDER BY key and stop after the page. Issue
    keys carry their project's current key (insert.py; projects.service rekeys them when the key
    changes), so this sorts as the project's key. Constants are literals: a bound parameter would not
    match the index expression. Portable SQL: SQLite has no split_part, PostgreSQL no instr."""
    one = literal_column("1", Integer)
    return func.substr(Issue.key, one, func.length(Issue.key) - func.length(cast(Issue.number, Text)) - one)


def issue_ids(env: Env, field_name: str, text: str) -> list[int]:
    number = db_id(text)
    if number is not None:
        return list(env.db.scalars(select(Issue.id).where(Issue.id == number)))
    match = KEY.match(text.strip())
    if match is None:
        raise fail(f"The issue key '{text}' for field '{field_name}' is invalid.")
    found = list(env.db.scalars(select(Issue.id).where(Issue.key == text.strip().upper())))
    if not found:
        project_id = project_id_by_key(env.db, match.group(1))
        number = db_id(match.group(2))
        if project_id is not None and number is not None:
            found = list(env.db.scalars(select(Issue.id).where(Issue.project_id == project_id,
                                                               Issue.number == number)))
    if not found:
        env.unknown_value(field_name, text)
    return found


class IssueKeyField(ValueSetField):
    name = "issuekey"
    operators = ValueSetField.operators | ORDERING

    def matcher(self) -> Matcher:
        return column_matcher(Issue.id)

    def resolve(self, env: Env, text: str) -> list[object]:
        return list(issue_ids(env, "key", text))

    def function(self, env: Env, call: ast.FunctionCall) -> list[object]:
        name = call.name.lower()
        if name == "updatedby":
            return updated_by(env, call)
        if name == "linkedissues":
            return linked_issues(env, call)
        if name == "issuehistory":
            return _history(env, call)
        if name in ("watchedissues", "votedissues"):
            return _mine(env, call, watched=name == "watchedissues")
        if name == "issueswithremotelinksbyglobalid":
            from ticketry.platform.remotelinks.models import RemoteIssueLink

            if not call.arguments:
                raise fail("Function 'issuesWithRemoteLinksByGlobalId' expected at least '1' argument.")
            return list(env.db.scalars(select(RemoteIssueLink.issue_id)
                                       .where(RemoteIssueLink.global_id.in_(call.arguments)).distinct()))
        raise self.unknown_function(call)

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
        return [project_key_part(), Issue.number]

    def order_within_project(self) -> Sequence[Any]:
        """Within one project keys differ by number only: the (project_id, number) index gives the order."""
        return [Issue.number]


class ParentField(ValueSetField):
    name = "parent"
    emptiable = False

    def matcher(self) -> Matcher:
        return column_matcher(Issue.parent_id)

    def resolve(self, env: Env, text: str) -> list[object]:
        return list(issue_ids(env, "parent", text))


def updated_by(env: Env, call: ast.FunctionCall) -> list[object]:
    """updatedBy(user[, from[, to]]): issues the user changed (any change group), within the dates."""
    from ticketry.jql.date_fields import DateField
    from ticketry.jql.lookups import user_ids
    from ticketry.platform.issues.models import ChangeGroup

    if not 1 <= len(call.arguments) <= 3:
        raise fail(f"Function 'updatedBy' expected between '1' and '3' arguments but received "
                   f"'{len(call.arguments)}'.")
    users = user_ids(env.db, call.arguments[0])
    if not users:
        raise fail(f"Function 'updatedBy' can not find the user '{call.arguments[0]}'.")
    conditions: list[ColumnElement[bool]] = [ChangeGroup.author_id.in_(users)]
    dates = DateField("updatedBy", ChangeGroup.created)
    bounds = [dates.instant(env, ast.Value(text)) for text in call.arguments[1:]]
    if bounds:
        conditions.append(ChangeGroup.created >= bounds[0])
    if len(bounds) > 1:
        conditions.append(ChangeGroup.created <= bounds[1])
    return list(env.db.scalars(select(ChangeGroup.issue_id).where(*conditions).distinct()))


def linked_issues(env: Env, call: ast.FunctionCall) -> list[object]:
    """linkedIssues(key[, link]): issues linked to the issue; a link type name takes both directions,
    an inward or outward description ("blocks", "is blocked by") only that one."""
    from ticketry.platform.issueconfig.models import IssueLinkType
    from ticketry.platform.links.models import IssueLink

    if not 1 <= len(call.arguments) <= 2:
        raise fail(f"Function 'linkedIssues' expected between '1' and '2' arguments but received "
                   f"'{len(call.arguments)}'.")
    anchors = issue_ids(env, "issue", call.arguments[0])
    if not anchors:
        raise fail(f"Issue '{call.arguments[0]}' could not be found in function 'linkedIssues'.")
    outward = select(IssueLink.destination_id).where(IssueLink.source_id.in_(anchors))
    inward = select(IssueLink.source_id).where(IssueLink.destination_id.in_(anchors))
    if len(call.arguments) == 2:
        text = call.arguments[1].lower()
        types = list(env.db.execute(select(IssueLinkType.id, func.lower(IssueLinkType.name),
                                           func.lower(IssueLinkType.outward), func.lower(IssueLinkType.inward))))
        by_name = [t for t, n, _o, _i in types if n == text]
        outs = [t for t, _n, o, _i in types if o == text] + by_name
        ins = [t for t, _n, _o, i in types if i == text] + by_name
        if not outs and not ins:
            raise fail(f"Issue link type '{call.arguments[1]}' could not be found in function 'linkedIssues'.")
        outward = outward.where(IssueLink.link_type_id.in_(outs))
        inward = inward.where(IssueLink.link_type_id.in_(ins))
    return [*env.db.scalars(outward), *env.db.scalars(inward)]


def _mine(env: Env, call: ast.FunctionCall, *, watched: bool) -> list[object]:
    from ticketry.platform.watchers.models import IssueVote, IssueWatcher

    if call.arguments:
        raise fail(f"Function '{call.name}' expected '0' arguments but received '{len(call.arguments)}'.")
    model = IssueWatcher if watched else IssueVote
    return list(env.db.scalars(select(model.issue_id).where(model.user_id == env.user_id)))


def _history(env: Env, call: ast.FunctionCall) -> list[object]:
    """issueHistory(): the issues the caller viewed most recently (Jira keeps the last 50)."""
    from ticketry.platform.viewhistory.service import history_issue_ids

    if call.arguments:
        raise fail(f"Function '{call.name}' expected '0' arguments but received '{len(call.arguments)}'.")
    return list(history_issue_ids(env.db, env.user_id))

"""JQL fields over what people do with issues: watchers, voters, worklogs, attachments, link types,
and saved filters."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import timedelta
from typing import Any

from sqlalchemy import ColumnElement, func, not_, or_, select

from ticketry.jql import ast
from ticketry.jql.date_fields import COMPARE, DateField
from ticketry.jql.env import Env
from ticketry.jql.handlers import FieldHandler, ValueSetField, fail, items_of
from ticketry.jql.lookups import user_ids
from ticketry.jql.matching import Matcher, either, issue_in, link_matcher
from ticketry.jql.structure import operand_text
from ticketry.jql.system_fields import UserField
from ticketry.platform.attachments.models import Attachment
from ticketry.platform.issueconfig.models import IssueLinkType
from ticketry.platform.issues.models import Issue
from ticketry.platform.links.models import IssueLink
from ticketry.platform.watchers.models import IssueVote, IssueWatcher
from ticketry.platform.worklogs.models import Worklog


class PeopleField(ValueSetField):
    """watcher, voter, worklogAuthor: the users attached to an issue in some table."""

    function = UserField.function

    def __init__(self, name: str, issue_column: Any, user_column: Any) -> None:
        self.name, self.issue_column, self.user_column = name, issue_column, user_column

    def matcher(self) -> Matcher:
        return link_matcher(self.issue_column, self.user_column)

    def resolve(self, env: Env, text: str) -> list[object]:
        found: list[object] = list(user_ids(env.db, text))
        if not found:
            env.unknown_value(self.name, text)
        return found


class CountField(FieldHandler):
    """watchers, votes: how many, compared as a number."""

    operators = frozenset({"=", "!=", "<", ">", "<=", ">=", "in", "not in"})

    def __init__(self, name: str, model: Any, noun: str) -> None:
        self.name, self.model, self.noun = name, model, noun

    def count(self) -> Any:
        return select(func.count()).select_from(self.model).where(self.model.issue_id == Issue.id).scalar_subquery()

    def compile(self, env: Env, clause: ast.Terminal) -> ColumnElement[bool]:
        self.check_operator(clause.operator)
        self.check_list_use(clause)
        numbers = []
        for item in items_of(clause.operand):
            if not isinstance(item, ast.Value) or not item.text.isdigit():
                shown = item.text if isinstance(item, ast.Value) else operand_text(item)
                raise fail(f"Value '{shown}' is invalid for the '{self.name}' field. {self.noun} must be a positive "
                           "whole number.")
            numbers.append(int(item.text))
        if clause.operator in ("in", "not in"):
            hit = self.count().in_(numbers)
            return hit if clause.operator == "in" else not_(hit)
        return COMPARE[clause.operator](self.count(), numbers[0])  # type: ignore[no-any-return]

    def order_by(self, env: Env) -> Sequence[ColumnElement[object]]:
        return [self.count()]


class WorklogDateField(DateField):
    def __init__(self) -> None:
        super().__init__("worklogDate", Worklog.started)

    def compile(self, env: Env, clause: ast.Terminal) -> ColumnElement[bool]:
        self.check_operator(clause.operator)
        if clause.operator in ("is", "is not") or clause.operator in ("in", "not in"):
            raise fail(f"The operator '{clause.operator.upper()}' is not supported by the 'worklogDate' field.")
        self.check_list_use(clause)
        item = items_of(clause.operand)[0]
        if isinstance(item, ast.Empty):
            raise fail("The field 'worklogDate' does not support searching for EMPTY values.")
        moment: Any = self.instant(env, item)
        logged = select(Worklog.issue_id)
        if clause.operator == "=":
            # A day in the caller's zone: work started on or after its start and before the next.
            start = moment.replace(hour=0, minute=0, second=0, microsecond=0)
            return issue_in(logged.where(Worklog.started >= start, Worklog.started < start + timedelta(days=1)))
        if clause.operator == "!=":
            raise fail("The operator '!=' is not supported by the 'worklogDate' field.")
        return issue_in(logged.where(COMPARE[clause.operator](Worklog.started, moment)))

    def sortable(self) -> bool:
        return False


class AttachmentsField(FieldHandler):
    name = "attachments"
    operators = frozenset({"is", "is not"})

    def compile(self, env: Env, clause: ast.Terminal) -> ColumnElement[bool]:
        self.check_operator(clause.operator)
        some = issue_in(select(Attachment.issue_id))
        return not_(some) if clause.operator == "is" else some


class LinkTypeField(ValueSetField):
    """issueLinkType: a link type's name takes both directions; "blocks" or "is blocked by" one."""

    name = "issueLinkType"
    emptiable = False

    def resolve(self, env: Env, text: str) -> list[object]:
        lowered = text.lower()
        rows = env.db.execute(select(IssueLinkType.id, func.lower(IssueLinkType.name),
                                     func.lower(IssueLinkType.outward), func.lower(IssueLinkType.inward))).all()
        found: list[object] = [("both", t) for t, n, _o, _i in rows if n == lowered]
        found += [("out", t) for t, _n, o, _i in rows if o == lowered]
        found += [("in", t) for t, _n, _o, i in rows if i == lowered]
        if not found:
            env.unknown_value(self.name, text)
        return found

    def matcher(self) -> Matcher:
        def match(values: Sequence[object]) -> ColumnElement[bool]:
            pairs: list[tuple[str, int]] = [v for v in values if isinstance(v, tuple)]
            out = [t for d, t in pairs if d in ("both", "out")]
            inward = [t for d, t in pairs if d in ("both", "in")]
            return or_(issue_in(select(IssueLink.source_id).where(IssueLink.link_type_id.in_(out))),
                       issue_in(select(IssueLink.destination_id).where(IssueLink.link_type_id.in_(inward))))

        def has_any() -> ColumnElement[bool]:
            return or_(issue_in(select(IssueLink.source_id)), issue_in(select(IssueLink.destination_id)))

        return Matcher(match, has_any)


class FilterField(FieldHandler):
    """filter = 10000 (or its name): the saved filter's query, as the caller may see it."""

    name = "filter"
    operators = frozenset({"=", "!=", "in", "not in"})

    def compile(self, env: Env, clause: ast.Terminal) -> ColumnElement[bool]:
        from ticketry.jql.compiler import compile_where
        from ticketry.jql.parser import parse
        from ticketry.platform.filters.models import Filter

        self.check_operator(clause.operator)
        self.check_list_use(clause)
        depth = env.filter_depth
        if depth > 8:
            raise fail("The query refers to saved filters too deeply (a filter may not refer to itself).")
        parts = []
        for item in items_of(clause.operand):
            if isinstance(item, ast.Empty):
                raise fail(f"The field '{clause.field.name}' does not support searching for EMPTY values.")
            if not isinstance(item, ast.Value):
                raise fail("The field 'filter' takes filter ids or names.")
            found = env.db.scalars(select(Filter).where(or_(
                Filter.id == (int(item.text) if item.text.isdigit() and len(item.text) < 10 else -1),
                func.lower(Filter.name) == item.text.lower())).order_by(Filter.id)).first()
            if found is None or not _visible(env, found):
                raise fail(f"A filter with the name or id '{item.text}' does not exist or you do not have "
                           "permission to view it.")
            env.filter_depth = depth + 1
            try:
                parts.append(compile_where(env, parse(found.jql or "").where))
            finally:
                env.filter_depth = depth
        hit = either(parts)
        return hit if clause.operator in ("=", "in") else not_(hit)


def _visible(env: Env, found: Any) -> bool:
    from ticketry.core.errors import NotFound
    from ticketry.platform.filters.service import find_visible
    from ticketry.platform.users.models import User

    user = env.db.get(User, env.user_id) if env.user_id is not None else None
    try:
        find_visible(env.db, user, found.id)
    except NotFound:
        return False
    return True


def activity_handlers() -> dict[str, FieldHandler]:
    return {
        "watcher": PeopleField("watcher", IssueWatcher.issue_id, IssueWatcher.user_id),
        "voter": PeopleField("voter", IssueVote.issue_id, IssueVote.user_id),
        "worklogauthor": PeopleField("worklogAuthor", Worklog.issue_id, Worklog.author_id),
        "watchers": CountField("watchers", IssueWatcher, "Watches"),
        "votes": CountField("votes", IssueVote, "Votes"),
        "worklogdate": WorklogDateField(),
        "attachments": AttachmentsField(),
        "issuelinktype": LinkTypeField(),
        "filter": FilterField(), "request": FilterField(), "savedfilter": FilterField(),
        "searchrequest": FilterField(),
    }



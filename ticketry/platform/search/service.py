"""Running JQL: parse, compile to one condition, then count and page in the database."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any, cast

from sqlalchemy import ColumnElement, Select, Table, and_, distinct, func, select, true
from sqlalchemy.sql.util import find_tables

from ticketry.core.context import RequestContext
from ticketry.core.errors import BadRequest
from ticketry.db.id_lists import id_in
from ticketry.jql.compiler import compile_order, compile_where
from ticketry.jql.dates import user_now
from ticketry.jql.env import Env, JqlValidationError
from ticketry.jql.errors import JqlSyntaxError
from ticketry.jql.matching import IssueIn
from ticketry.jql.parser import parse
from ticketry.platform.issues.models import Issue
from ticketry.platform.permissions.engine import access
from ticketry.platform.search import pages, textindex

ISSUE = cast(Table, Issue.__table__)
VALIDATION_MODES = {"strict": "strict", "warn": "warn", "none": "none", "true": "strict", "false": "warn"}


@dataclass
class SearchResult:
    issues: list[Issue]
    total: int
    start_at: int
    max_results: int
    warnings: list[str] = field(default_factory=list)


def validation_mode(raw: str | bool | None) -> str:
    if raw is None:
        return "strict"
    mode = VALIDATION_MODES.get(str(raw).lower())
    if mode is None:
        raise BadRequest(errors={"validateQuery": f"The value '{raw}' is not one of strict, warn or none."})
    return mode


def make_env(ctx: RequestContext, strict: bool) -> Env:
    zone = ctx.user.time_zone if ctx.user else None
    return Env(ctx.db, ctx.user.id if ctx.user else None, user_now(zone, datetime.now(UTC)), strict=strict)


def search_condition(ctx: RequestContext, jql: str) -> ColumnElement[bool]:
    """The SQL condition of a JQL query (its ORDER BY ignored); a bad query is a 400."""
    try:
        return compile_where(make_env(ctx, strict=True), parse(jql).where)
    except JqlSyntaxError as error:
        raise BadRequest(error.message) from None
    except JqlValidationError as error:
        raise BadRequest(*error.messages) from None


def search(ctx: RequestContext, jql: str, *, start_at: int, max_results: int, validation: str) -> SearchResult:
    if start_at < 0:
        raise BadRequest("The value of startAt must not be negative.")
    cap = ctx.settings.search_max_results
    limit = cap if max_results < 0 else min(max_results, cap)
    env = make_env(ctx, strict=validation == "strict")
    try:
        query = parse(jql or "")
        condition = compile_where(env, query.where)
        order = compile_order(env, query.order_by, query.where) if query.order_by else [Issue.id.desc()]
    except JqlSyntaxError as error:
        raise BadRequest(error.message) from None
    except JqlValidationError as error:
        raise BadRequest(*error.messages) from None
    caller = access(ctx)
    visible = caller.issue_condition()
    sees_every_issue = caller.sees_every_issue()
    counted = textindex.count_matching(ctx.db, condition, visible, sees_every_issue)
    total = counted.total
    if counted.every_issue:
        condition = true()  # the page is the visible issues in order, without gathering the matches again
    if total is None and isinstance(condition, IssueIn) and sees_every_issue:
        total = _count_of_ids(ctx, condition)
        if total is not None:
            condition = textindex.gathered_when_few(ctx.db, condition, total, start_at + limit)
    condition = and_(condition, visible)
    if total is None:
        total = ctx.db.scalar(select(func.count()).select_from(Issue).where(condition)) or 0
    issues: list[Issue] = []
    if limit > 0 and start_at < total:
        condition = textindex.page_condition(ctx.db, condition, order, total, start_at + limit)
        issues = _page(ctx, pages.page_ids(ctx.db, condition, order, total, start_at + limit), start_at, limit)
    warnings = env.warnings if validation == "warn" else []
    return SearchResult(issues, total, start_at, limit, warnings)


def _count_of_ids(ctx: RequestContext, found: IssueIn) -> int | None:
    """The number of issues one id set (`WAS`, labels, components...) finds, counted in its own index when the
    caller sees every issue: the set's tables hold rows of existing issues only (their issue ids cascade on
    delete), so counting its distinct ids is exact, and far cheaper than looking each up in the issue table."""
    if found.negated or found.issue_id is not Issue.id or ISSUE in find_tables(found.ids, check_columns=True):
        return None  # a set that reads the issue table itself may be correlated with the searched issue
    if found.unique:
        return textindex.count_rows(ctx.db, found)
    ids = found.ids.subquery()
    return ctx.db.scalar(select(func.count(distinct(ids.c[0])))) or 0


_ISSUES_BY_ID = select(Issue).where(id_in(Issue.id, "ids"))


def _page(ctx: RequestContext, ids_in_order: Select[Any], start_at: int, limit: int) -> list[Issue]:
    """The page's ids first, then their rows: when the order is not an index's, the database sorts
    every match, and sorting ids with their sort keys (often from a covering index) is far cheaper
    than sorting whole issue rows."""
    ids = list(ctx.db.scalars(ids_in_order.offset(start_at).limit(limit)))
    if not ids:
        return []
    rows = {issue.id: issue for issue in ctx.db.scalars(_ISSUES_BY_ID, {"ids": ids})}
    return [rows[issue_id] for issue_id in ids if issue_id in rows]

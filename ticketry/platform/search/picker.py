"""The issue picker: issues whose key or summary matches what was typed, within the current search."""

from __future__ import annotations

import html
from typing import Any

from sqlalchemy import and_, func, or_, select, true

from ticketry.core.context import RequestContext
from ticketry.jql.text_fields import term_match
from ticketry.platform.issueconfig.models import IssueType
from ticketry.platform.issues.models import Issue
from ticketry.platform.permissions.engine import access
from ticketry.platform.search.service import search_condition

LIMIT = 20


def picker(ctx: RequestContext, query: str, current_jql: str | None, current_issue: str | None,
           project_id: str | None, show_subtasks: bool, show_parent: bool) -> dict[str, Any]:
    typed = (query or "").strip()
    condition = search_condition(ctx, current_jql) if current_jql else true()
    filters = [condition, _matches(typed), access(ctx).issue_condition()]
    context_issue = ctx.db.scalars(select(Issue).where(Issue.key == (current_issue or "").upper())).first()
    if context_issue is not None:
        filters.append(Issue.id != context_issue.id)
        if not show_parent and context_issue.parent_id is not None:
            filters.append(Issue.id != context_issue.parent_id)
    if project_id and project_id.isdigit():
        filters.append(Issue.project_id == int(project_id))
    if not show_subtasks:
        filters.append(Issue.parent_id.is_(None))
    total = ctx.db.scalar(select(func.count()).select_from(Issue).where(*filters)) or 0
    rows = ctx.db.execute(
        select(Issue, IssueType).join(IssueType, IssueType.id == Issue.issue_type_id)
        .where(*filters).order_by(Issue.updated.desc(), Issue.id.desc()).limit(LIMIT)
    ).all()
    issues = [_picked(ctx, issue, issue_type, typed) for issue, issue_type in rows]
    section = {"label": "Current Search", "sub": f"Showing {len(issues)} of {total} matching issues",
               "id": "cs", "issues": issues}
    return {"sections": [section]}


def _matches(typed: str) -> Any:
    if not typed:
        return true()
    words = [w for w in typed.split() if w]
    return or_(func.upper(Issue.key).like(typed.upper().replace("%", "") + "%"),
               and_(*[term_match(Issue.summary, w.lower()) for w in words]))  # type: ignore[arg-type]


def _picked(ctx: RequestContext, issue: Issue, issue_type: IssueType, typed: str) -> dict[str, Any]:
    from ticketry.platform.issueconfig.render import issue_type_icon

    summary = html.escape(issue.summary)
    for word in {w for w in typed.split() if w}:
        summary = summary.replace(html.escape(word), f"<b>{html.escape(word)}</b>")
    return {"key": issue.key, "keyHtml": issue.key, "img": issue_type_icon(ctx, issue_type).replace(ctx.base_url, ""),
            "summary": summary, "summaryText": issue.summary}

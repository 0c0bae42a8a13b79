"""Work logged through update.worklog on edits and transitions: [{"add": {"timeSpent", "started"?, ...}}]."""

from __future__ import annotations

from collections.abc import Collection
from typing import Any

from ticketry.core.context import RequestContext
from ticketry.core.errors import BadRequest
from ticketry.platform.issues.models import Issue
from ticketry.platform.permissions.checks import deny
from ticketry.platform.permissions.engine import access
from ticketry.platform.worklogs.service import add_worklog

NOT_ON_SCREEN = "Field 'worklog' cannot be set. It is not on the appropriate screen, or unknown."


def worklog_operations(raw: Any, allowed: Collection[str]) -> list[dict[str, Any]]:
    if raw is None:
        return []
    if "worklog" not in allowed:
        raise BadRequest(errors={"worklog": NOT_ON_SCREEN})
    if not isinstance(raw, list) or not all(isinstance(op, dict) and set(op) == {"add"} and
                                            isinstance(op["add"], dict) for op in raw):
        raise BadRequest(errors={"worklog": "Only the 'add' operation is supported for worklogs here."})
    return [op["add"] for op in raw]


def check_worklogs(ctx: RequestContext, issue: Issue, entries: list[dict[str, Any]]) -> None:
    """Logging work needs Work On Issues; checked before anything is written."""
    if entries and not access(ctx).can_on_issue("WORK_ON_ISSUES", issue):
        raise deny(ctx, "You do not have the permission to associate a worklog to this issue.")


def add_worklogs(ctx: RequestContext, issue: Issue, entries: list[dict[str, Any]]) -> None:
    """Logs the work with Jira's default estimate handling (auto); a bad entry fails the whole request."""
    for entry in entries:
        params: dict[str, Any] = {k: entry[k] for k in ("adjustEstimate", "newEstimate", "reduceBy") if k in entry}
        data = {k: v for k, v in entry.items() if k not in params}
        add_worklog(ctx.db, ctx.user, issue, data, params)

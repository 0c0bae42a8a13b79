"""POST /issue/bulk: every issue validated as a single create would be, the valid ones written together.

Jira creates the issues of a bulk request one after the other and reports each failure with its
failedElementNumber. Here the issues are validated in order and written in batches, which gives the same
result: numbers follow the order of the valid issues, and nothing a failed issue would have written exists.
The one way an issue can depend on an earlier one of the same request is a sub-task naming it as its
parent: when a parent is not found, the issues validated so far are written and the sub-task is checked again.
"""

from __future__ import annotations

from typing import Any

from ticketry.core.context import RequestContext
from ticketry.core.errors import BadRequest, JiraError
from ticketry.platform.issues.create import PARENT_NOT_FOUND, IssueCreation
from ticketry.platform.issues.insert import Created, NewIssue, insert_issues
from ticketry.platform.issues.permits import require_some_create


def create_bulk(ctx: RequestContext, body: Any) -> dict[str, Any]:
    require_some_create(ctx)
    updates = body.get("issueUpdates") if isinstance(body, dict) else None
    if not isinstance(updates, list):
        raise BadRequest(errors={"issueUpdates": "The list of issues to create is required."})
    creation = IssueCreation(ctx)
    created: list[Created] = []
    pending: list[NewIssue] = []
    errors: list[dict[str, Any]] = []
    for number, item in enumerate(updates):
        try:
            pending.append(_prepare(ctx, creation, item, pending, created))
        except JiraError as exc:
            errors.append({"status": exc.status_code, "elementErrors": exc.body(), "failedElementNumber": number})
    created += insert_issues(ctx, pending)
    issues = [{"id": str(c.id), "key": c.key, "self": ctx.api(f"issue/{c.id}")} for c in created]
    return {"issues": issues, "errors": errors}


def _prepare(ctx: RequestContext, creation: IssueCreation, item: Any, pending: list[NewIssue],
             created: list[Created]) -> NewIssue:
    try:
        return creation.prepare(item)
    except BadRequest as exc:
        if not pending or exc.errors.get("parent") != PARENT_NOT_FOUND:
            raise
    created += insert_issues(ctx, pending)  # the parent may be among them
    pending.clear()
    return creation.prepare(item)

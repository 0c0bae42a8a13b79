"""POST /issue/bulk: each issue created in its own savepoint; failures reported per element."""

from __future__ import annotations

from typing import Any

from ticketry.core.context import RequestContext
from ticketry.core.errors import BadRequest, JiraError
from ticketry.platform.issues.create import create_issue
from ticketry.platform.issues.permits import require_some_create
from ticketry.platform.issues.render import issue_self


def create_bulk(ctx: RequestContext, body: Any) -> dict[str, Any]:
    require_some_create(ctx)
    updates = body.get("issueUpdates") if isinstance(body, dict) else None
    if not isinstance(updates, list):
        raise BadRequest(errors={"issueUpdates": "The list of issues to create is required."})
    created: list[dict[str, Any]] = []
    errors: list[dict[str, Any]] = []
    for number, item in enumerate(updates):
        savepoint = ctx.db.begin_nested()
        try:
            issue = create_issue(ctx, item)
        except JiraError as exc:
            savepoint.rollback()
            errors.append({"status": exc.status_code, "elementErrors": exc.body(), "failedElementNumber": number})
            continue
        savepoint.commit()
        created.append({"id": str(issue.id), "key": issue.key, "self": issue_self(ctx, issue)})
    return {"issues": created, "errors": errors}

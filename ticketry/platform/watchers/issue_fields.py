"""The issue document's "watches" and "votes" fields, for many issues in one query."""

from __future__ import annotations

from typing import Any

from sqlalchemy import bindparam, case, func, literal, select, union_all

from ticketry.core.context import RequestContext
from ticketry.db.id_lists import id_in
from ticketry.platform.issues.models import Issue
from ticketry.platform.watchers.models import IssueVote, IssueWatcher
from ticketry.platform.watchers.render import votes_field, watches_field

FIELDS = ("watches", "votes")


def _tally(model: type[IssueWatcher] | type[IssueVote], kind: str) -> Any:
    """(issue, kind, how many, whether the caller is among them) per issue with any row."""
    mine = func.max(case((model.user_id == bindparam("user_id"), 1), else_=0))
    return (select(model.issue_id, literal(kind), func.count(), mine)
            .where(id_in(model.issue_id, "ids")).group_by(model.issue_id))


# Built once: only the parameters change from request to request.
_TALLIES = union_all(_tally(IssueWatcher, "w"), _tally(IssueVote, "v"))


def contribute(ctx: RequestContext, issues: list[Issue]) -> dict[int, dict[str, Any]]:
    ids = [issue.id for issue in issues]
    user_id = ctx.user.id if ctx.user is not None else 0  # no user has id 0: an anonymous caller is never counted
    found: dict[tuple[int, str], tuple[int, bool]] = {}
    for issue_id, kind, count, mine in ctx.db.execute(_TALLIES, {"ids": ids, "user_id": user_id}):
        found[(issue_id, kind)] = (count, bool(mine))
    return {
        issue.id: {
            "watches": watches_field(ctx, issue, *found.get((issue.id, "w"), (0, False))),
            "votes": votes_field(ctx, issue, *found.get((issue.id, "v"), (0, False))),
        }
        for issue in issues
    }

"""The issue document's "watches" and "votes" fields, for many issues in four queries."""

from __future__ import annotations

from typing import Any

from ticketry.core.context import RequestContext
from ticketry.platform.issues.models import Issue
from ticketry.platform.watchers.models import IssueVote, IssueWatcher
from ticketry.platform.watchers.render import votes_field, watches_field
from ticketry.platform.watchers.service import counts, marked_by

FIELDS = ("watches", "votes")


def contribute(ctx: RequestContext, issues: list[Issue]) -> dict[int, dict[str, Any]]:
    ids = [issue.id for issue in issues]
    watch_counts, watched = counts(ctx.db, IssueWatcher, ids), marked_by(ctx.db, IssueWatcher, ctx.user, ids)
    vote_counts, voted = counts(ctx.db, IssueVote, ids), marked_by(ctx.db, IssueVote, ctx.user, ids)
    return {
        issue.id: {
            "watches": watches_field(ctx, issue, watch_counts.get(issue.id, 0), issue.id in watched),
            "votes": votes_field(ctx, issue, vote_counts.get(issue.id, 0), issue.id in voted),
        }
        for issue in issues
    }

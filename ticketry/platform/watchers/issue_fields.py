"""The issue document's "watches" and "votes" fields, from the page's tallies (`issues/contributions.py`)."""

from __future__ import annotations

from typing import Any

from ticketry.core.context import RequestContext
from ticketry.platform.issues.contributions import Tallies, tally
from ticketry.platform.issues.models import Issue
from ticketry.platform.watchers.models import IssueVote, IssueWatcher
from ticketry.platform.watchers.render import votes_field, watches_field

FIELDS = ("watches", "votes")
TALLIES = (tally(IssueWatcher.issue_id, "w", IssueWatcher.user_id), tally(IssueVote.issue_id, "v", IssueVote.user_id))


def contribute(ctx: RequestContext, issues: list[Issue], tallies: Tallies) -> dict[int, dict[str, Any]]:
    return {
        issue.id: {
            "watches": watches_field(ctx, issue, *tallies.get((issue.id, "w"), (0, False))),
            "votes": votes_field(ctx, issue, *tallies.get((issue.id, "v"), (0, False))),
        }
        for issue in issues
    }

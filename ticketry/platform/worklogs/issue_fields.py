"""The issue document's `worklog` field: the first 20 visible worklogs of each issue."""

from __future__ import annotations

from typing import Any

from ticketry.core.context import RequestContext
from ticketry.core.expand import Expand
from ticketry.platform.issues.contributions import Tallies, any_counted, tally
from ticketry.platform.issues.durations import work_time
from ticketry.platform.issues.models import Issue
from ticketry.platform.worklogs.models import Worklog
from ticketry.platform.worklogs.render import worklogs_json
from ticketry.platform.worklogs.service import worklogs_of_issues

FIELDS = ("worklog",)
SHOWN = 20
TALLIES = (tally(Worklog.issue_id, "worklog"),)


def contribute(ctx: RequestContext, issues: list[Issue], tallies: Tallies) -> dict[int, dict[str, Any]]:
    grouped = worklogs_of_issues(ctx, issues) if any_counted(tallies, issues, "worklog") \
        else {issue.id: [] for issue in issues}
    shown = [w for items in grouped.values() for w in items[:SHOWN]]
    rendered = {item["id"]: item for item in worklogs_json(ctx, work_time(ctx.db), shown, Expand(None))}
    return {issue_id: {"worklog": {"startAt": 0, "maxResults": SHOWN, "total": len(items),
                                   "worklogs": [rendered[str(w.id)] for w in items[:SHOWN]]}}
            for issue_id, items in grouped.items()}

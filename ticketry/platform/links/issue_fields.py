"""The `issuelinks` field of issues: links from the issue (outwardIssue) and to it (inwardIssue)."""

from __future__ import annotations

from typing import Any

from ticketry.core.context import RequestContext
from ticketry.platform.issues.contributions import Tallies, any_counted, tally
from ticketry.platform.issues.models import Issue
from ticketry.platform.links.models import IssueLink
from ticketry.platform.links.render import field_entry, ref_bundle
from ticketry.platform.links.service import links_of_issues, visible_others

FIELDS = ("issuelinks",)
TALLIES = (tally(IssueLink.source_id, "outward"), tally(IssueLink.destination_id, "inward"))


def contribute(ctx: RequestContext, issues: list[Issue], tallies: Tallies) -> dict[int, dict[str, Any]]:
    values: dict[int, list[dict[str, Any]]] = {issue.id: [] for issue in issues}
    links = links_of_issues(ctx.db, list(values)) if any_counted(tallies, issues, "outward", "inward") else []
    if not links:
        return {issue_id: {"issuelinks": []} for issue_id in values}
    other_ids = {link.source_id for link, _ in links} | {link.destination_id for link, _ in links}
    others = visible_others(ctx, other_ids - set(values)) | {i.id: i for i in issues}
    bundle = ref_bundle(ctx.db, list(others.values()))
    for link, link_type in links:
        # Links to issues the caller may not see are left out, as in Jira.
        if link.source_id not in others or link.destination_id not in others:
            continue
        if link.source_id in values:
            values[link.source_id].append(
                field_entry(ctx, bundle, link, link_type, others[link.destination_id], outward=True))
        if link.destination_id in values:
            values[link.destination_id].append(
                field_entry(ctx, bundle, link, link_type, others[link.source_id], outward=False))
    return {issue_id: {"issuelinks": entries} for issue_id, entries in values.items()}


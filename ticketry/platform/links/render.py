"""Wire shapes of issue links: GET /issueLink/{id} and the entries of the `issuelinks` issue field."""

from __future__ import annotations

from typing import Any

from sqlalchemy.orm import Session

from ticketry.core.config_cache import rows_by_id
from ticketry.core.context import RequestContext
from ticketry.platform.issueconfig.models import IssueLinkType, IssueType, Priority, Status, StatusCategory
from ticketry.platform.issueconfig.render import link_type_json
from ticketry.platform.issues.loader import Bundle
from ticketry.platform.issues.models import Issue
from ticketry.platform.issues.render import issue_ref
from ticketry.platform.links.models import IssueLink


def ref_bundle(db: Session, issues: list[Issue]) -> Bundle:
    """What the short issue shape (summary, status, priority, issue type) needs, from the configuration cache."""
    bundle = Bundle(issues)
    bundle.types = _by_id(db, IssueType, {i.issue_type_id for i in issues})
    bundle.statuses = _by_id(db, Status, {i.status_id for i in issues})
    bundle.categories = _by_id(db, StatusCategory, {s.category_id for s in bundle.statuses.values()})
    bundle.priorities = _by_id(db, Priority, {i.priority_id for i in issues if i.priority_id is not None})
    return bundle


def _by_id(db: Session, model: Any, ids: set[int]) -> dict[int, Any]:
    rows = rows_by_id(db, model)
    return {i: rows[i] for i in ids if i in rows}


def link_json(ctx: RequestContext, link: IssueLink, link_type: IssueLinkType, source: Issue,
              destination: Issue) -> dict[str, Any]:
    bundle = ref_bundle(ctx.db, [source, destination])
    return {
        "id": str(link.id),
        "self": ctx.api(f"issueLink/{link.id}"),
        "type": link_type_json(ctx, link_type),
        "inwardIssue": issue_ref(ctx, bundle, source),
        "outwardIssue": issue_ref(ctx, bundle, destination),
    }


def field_entry(ctx: RequestContext, bundle: Bundle, link: IssueLink, link_type: IssueLinkType, other: Issue,
                *, outward: bool) -> dict[str, Any]:
    """One entry of an issue's `issuelinks`: the other issue under outwardIssue or inwardIssue."""
    side = "outwardIssue" if outward else "inwardIssue"
    return {"id": str(link.id), "self": ctx.api(f"issueLink/{link.id}"), "type": link_type_json(ctx, link_type),
            side: issue_ref(ctx, bundle, other)}

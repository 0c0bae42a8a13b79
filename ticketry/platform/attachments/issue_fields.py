"""The issue field "attachment": every attachment of the issues, oldest first, read with the page's tallies
(`issues/contributions.py`); their authors come with the page's other users."""

from __future__ import annotations

from typing import Any

from ticketry.core.context import RequestContext
from ticketry.platform.attachments.models import Attachment
from ticketry.platform.attachments.render import attachment_json
from ticketry.platform.issues.contributions import RowPart, Tallies
from ticketry.platform.issues.models import Issue
from ticketry.platform.issues.people import users_by_id

FIELDS = ("attachment",)
ROWS = RowPart("attachment rows", Attachment.__table__, "a", people=("author_id",))


def contribute(ctx: RequestContext, issues: list[Issue], tallies: Tallies,
               rows: dict[int, list[Any]]) -> dict[int, dict[str, Any]]:
    authors = users_by_id(ctx, ROWS.people_in(rows))
    found: dict[int, dict[str, Any]] = {}
    for issue in issues:
        attachments = sorted(rows.get(issue.id, ()), key=lambda a: (a.created, a.id))
        found[issue.id] = {"attachment": [attachment_json(ctx, a, authors.get(a.author_id)) for a in attachments]}
    return found

"""The issue field "attachment": every attachment of the issues, oldest first, in one query (none when the
page's tallies count none)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select

from ticketry.core.context import RequestContext
from ticketry.db.id_lists import id_in
from ticketry.platform.attachments.models import Attachment
from ticketry.platform.attachments.render import attachment_json
from ticketry.platform.issues.contributions import Tallies, any_counted, tally
from ticketry.platform.issues.models import Issue
from ticketry.platform.users.models import User

FIELDS = ("attachment",)
TALLIES = (tally(Attachment.issue_id, "a"),)

_ATTACHMENTS_OF_ISSUES = (select(Attachment, User).outerjoin(User, User.id == Attachment.author_id)
                          .where(id_in(Attachment.issue_id, "ids"))
                          .order_by(Attachment.created, Attachment.id))


def contribute(ctx: RequestContext, issues: list[Issue], tallies: Tallies) -> dict[int, dict[str, Any]]:
    found: dict[int, dict[str, Any]] = {issue.id: {"attachment": []} for issue in issues}
    if not any_counted(tallies, issues, "a"):
        return found
    rows = ctx.db.execute(_ATTACHMENTS_OF_ISSUES, {"ids": list(found)})
    for attachment, author in rows:
        found[attachment.issue_id]["attachment"].append(attachment_json(ctx, attachment, author))
    return found

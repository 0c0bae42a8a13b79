"""Background jobs of the fields feature: replacing an option in issues (option_replace.py)."""

from __future__ import annotations

import dataclasses
from typing import Any

from sqlalchemy.orm import Session

from ticketry.core.context import RequestContext
from ticketry.jobs.registry import handler
from ticketry.jobs.worker import JobRun
from ticketry.platform.fields.models import CustomField, CustomFieldOption
from ticketry.platform.fields.option_replace import KIND, Progress, count_matching, replace_batch
from ticketry.platform.users.models import User

BATCH = 100


def _context(run: JobRun, db: Session) -> RequestContext:
    """The submitter's context: JQL functions (currentUser()) and the permission filter see them."""
    user_id = run.payload.get("userId")
    user = db.get(User, user_id) if user_id is not None else None
    return RequestContext(db=db, settings=run.settings, base_url=run.payload.get("baseUrl") or "", user=user)


@handler(KIND, max_attempts=3, backoff_seconds=5, lease_seconds=120)
def replace_option(run: JobRun) -> dict[str, Any]:
    payload = run.payload
    done = Progress(**run.saved) if isinstance(run.saved, dict) else Progress()
    while True:
        if done.total:
            run.checkpoint(len(done.modified + done.unmodified) * 100 // done.total)
        with run.transaction() as db:
            ctx = _context(run, db)
            field = db.get(CustomField, payload["fieldId"])
            option = db.get(CustomFieldOption, payload["optionId"])
            replacement_id = payload.get("replacementId")
            replacement = db.get(CustomFieldOption, replacement_id) if replacement_id is not None else None
            if field is None or option is None or (replacement_id is not None and replacement is None):
                break  # the field or an option was deleted meanwhile: the issues no longer hold it
            if done.total is None:
                done.total = count_matching(ctx, field, option, payload.get("jql"))
            more = replace_batch(ctx, field, option, replacement, payload.get("jql"), done, BATCH)
            run.save(db, dataclasses.asdict(done))
        if not more:
            break
    return done.result()

"""The full reindex job: the text index rebuilt in batches of issues, one transaction each.

Between batches it reports progress and stops if cancelled; each batch saves the last issue id it
indexed, so a retry (or another worker taking over from a dead one) carries on from there.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import select, text
from sqlalchemy.orm import Session

from ticketry.jobs.registry import handler
from ticketry.jobs.worker import JobRun
from ticketry.platform.issues.models import Issue
from ticketry.platform.reindex.service import FULL
from ticketry.platform.search import textindex

BATCH = 500


@handler(FULL, max_attempts=3, backoff_seconds=10, lease_seconds=300)
def reindex_all(run: JobRun) -> dict[str, Any]:
    saved = run.saved if isinstance(run.saved, dict) else {}
    after = int(saved.get("after", 0))
    with run.transaction() as db:
        issue_ids = list(db.scalars(select(Issue.id).order_by(Issue.id)))
    remaining = [i for i in issue_ids if i > after]
    for start in range(0, len(remaining), BATCH):
        batch = remaining[start:start + BATCH]
        run.checkpoint((len(issue_ids) - len(remaining) + start) * 100 // max(len(issue_ids), 1),
                       f"Reindexing issues ({start} of {len(remaining)} done)")
        with run.transaction() as db:
            textindex.refresh(db, batch)
            run.save(db, {"after": batch[-1]})
    with run.transaction() as db:
        _drop_deleted(db)
    return {**(run.payload or {}), "issues": len(issue_ids)}


def _drop_deleted(db: Session) -> None:
    """Index rows whose issue is gone (the batches only visit issues that exist)."""
    if db.get_bind().dialect.name == "sqlite":
        db.execute(text("DELETE FROM issue_text WHERE rowid NOT IN (SELECT id FROM issue)"))
    else:
        db.execute(text("DELETE FROM issue_text WHERE issue_id NOT IN (SELECT id FROM issue)"))

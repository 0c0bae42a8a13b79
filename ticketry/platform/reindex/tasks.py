"""The full reindex job: the text index rebuilt in contiguous id ranges of issues, one transaction each.

The ranges fill a new index beside the one searches use (writers keep both in step), which is readied
(SQLite: merged into one segment; PostgreSQL: its GIN indexes built) and swapped in at the end. Each range is
one set-based statement (no per-issue work); on PostgreSQL several run at once on separate connections.
Between rounds of ranges it reports progress and stops if cancelled; each round saves the last issue id it
indexed, so a retry (or another worker taking over from a dead one) carries on from there.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from ticketry.jobs.models import QUEUED, RUNNING, Job
from ticketry.jobs.registry import handler
from ticketry.jobs.worker import Cancelled, JobRun
from ticketry.platform.issues.models import Issue
from ticketry.platform.reindex.service import FULL
from ticketry.platform.search import textindex

CHUNK = 5000  # issues per transaction: few statements, yet short write locks and frequent progress


@handler(FULL, max_attempts=3, backoff_seconds=10, lease_seconds=300)
def reindex_all(run: JobRun) -> dict[str, Any]:
    saved = run.saved if isinstance(run.saved, dict) else {}
    after = int(saved.get("after", 0))
    with run.transaction() as db:
        building, resumed = _begin_next_index(db, run, after)
        at_once = textindex.connections(db.get_bind().dialect.name)
    if not resumed:
        after = 0  # the index a lost attempt had begun is gone: start again
    with run.transaction() as db:  # after the new index is kept in step: a later issue is the writers' to copy
        issue_ids = list(db.scalars(select(Issue.id).order_by(Issue.id)))
    try:
        _fill(run, building, textindex.ranges(issue_ids, after, CHUNK), len(issue_ids),
              sum(1 for i in issue_ids if i <= after), at_once)
        run.checkpoint(99, "Readying the new index")
        textindex.finish_next_index(run.transaction, building)
    except Cancelled:  # writers would keep it in step until the next full reindex
        with run.transaction() as db:
            textindex.drop_next_index(db, building)
        raise
    textindex.swap_in(run.transaction, building)
    run.checkpoint(100, "Discarding the old index")
    textindex.discard_old_indexes(run.transaction)
    return {**(run.payload or {}), "issues": len(issue_ids)}


def _fill(run: JobRun, building: str, ranges: list[tuple[int, int]], issues: int, done_before: int,
          at_once: int) -> None:
    """The ranges into the new index, `at_once` at a time, saving after each round where a retry resumes."""
    for start in range(0, len(ranges), at_once):
        done = min(start * CHUNK, issues - done_before)
        run.checkpoint((done_before + done) * 100 // max(issues, 1),
                       f"Reindexing issues ({done} of {issues - done_before} done)")
        round_ = ranges[start:start + at_once]
        textindex.refresh_ranges(run.transaction, round_, table=building)
        with run.transaction() as db:
            run.save(db, {"after": round_[-1][1]})


def _begin_next_index(db: Session, run: JobRun, after: int) -> tuple[str, bool]:
    """The new index this job builds and whether it carries on with one an earlier attempt began
    (`textindex.begin_next_index`); the new indexes of other full reindexes still queued or running stay."""
    name = textindex.next_index(run.id)
    if after and textindex.has_next_index(db, name):
        return name, True
    others = db.scalars(select(Job.id).where(Job.kind == FULL, Job.state.in_((QUEUED, RUNNING)), Job.id != run.id))
    textindex.begin_next_index(db, name, keep={textindex.next_index(other) for other in others})
    return name, False

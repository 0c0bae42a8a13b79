"""Background jobs of attachments: deleting the files of deleted attachments, issues and projects.

Each deleting transaction puts the storage keys in attachment_trash and enqueues this job, so the
files go only once the deletion has committed; files the storage refuses stay for a retry.
"""

from __future__ import annotations

from ticketry.jobs.registry import handler
from ticketry.jobs.worker import JobRun
from ticketry.platform.attachments.storage import storage_for
from ticketry.platform.attachments.trash import PURGE_KIND, purge


@handler(PURGE_KIND, max_attempts=5, backoff_seconds=60, lease_seconds=300)
def purge_trash(run: JobRun) -> dict[str, int]:
    store = storage_for(run.settings.data_dir)
    deleted = failed = 0
    cursor = ""
    while True:
        run.checkpoint()
        with run.transaction() as db:
            gone, refused, last = purge(db, store, after=cursor)
        if last is None:
            break
        deleted, failed, cursor = deleted + gone, failed + refused, last
    if failed:
        raise RuntimeError(f"{failed} attachment file(s) could not be deleted; they stay in the trash")
    return {"deleted": deleted}

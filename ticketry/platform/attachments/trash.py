"""Files outliving their rows: when issues or projects are deleted, the database cascade removes
their attachment rows; the storage keys are first copied to attachment_trash in the same
transaction, with a purge job (attachments/tasks.py) that deletes those files once the deletion commits."""

from __future__ import annotations

import logging
from typing import Any

from sqlalchemy import Connection, delete, event, insert, select
from sqlalchemy.orm import Mapper, ORMExecuteState, Session, object_session

from ticketry.jobs.queue import enqueue, enqueue_on
from ticketry.platform.attachments.models import Attachment, AttachmentTrash
from ticketry.platform.attachments.storage import Storage
from ticketry.platform.issues.models import Issue
from ticketry.platform.projects.models import Project

log = logging.getLogger("ticketry")
PURGE_KIND = "purge-attachment-trash"


def _keys_of_issues() -> Any:
    return select(Attachment.storage_key).join(Issue, Issue.id == Attachment.issue_id)


@event.listens_for(Session, "do_orm_execute")
def _issues_deleted(state: ORMExecuteState) -> None:
    """Bulk `delete(Issue)` statements (issue deletion, sub-tasks): keep their files' keys."""
    table = getattr(state.statement, "table", None)
    if not state.is_delete or getattr(table, "name", None) != Issue.__tablename__:
        return
    keys = _keys_of_issues()
    where = state.statement.whereclause  # type: ignore[attr-defined]
    if where is not None:
        keys = keys.where(where)
    if state.session.execute(insert(AttachmentTrash).from_select(["storage_key"], keys)).rowcount:  # type: ignore[attr-defined]
        enqueue(state.session, PURGE_KIND)


@event.listens_for(Project, "before_delete")
def _project_deleted(_mapper: Mapper[Any], connection: Connection, project: Project) -> None:
    keys = _keys_of_issues().where(Issue.project_id == project.id)
    if connection.execute(insert(AttachmentTrash).from_select(["storage_key"], keys)).rowcount:
        enqueue_on(connection, object_session(project), PURGE_KIND)


def throw_away(db: Session, keys: list[str]) -> None:
    if keys:
        db.execute(insert(AttachmentTrash), [{"storage_key": key} for key in keys])
        enqueue(db, PURGE_KIND)


def purge(db: Session, storage: Storage, batch: int = 500, after: str = "") -> tuple[int, int, str | None]:
    """Deletes a batch of the trash's files (committed deletions only, in key order after `after`) and
    forgets them: (deleted, failed, last key seen or None when the batch was empty)."""
    done, keys = [], list(db.scalars(select(AttachmentTrash.storage_key).where(AttachmentTrash.storage_key > after)
                                     .order_by(AttachmentTrash.storage_key).limit(batch)))
    for key in keys:
        try:
            storage.delete(key)
        except Exception:  # a storage outage must not fail the caller; the key stays for later
            log.exception("could not delete attachment file %s", key)
            continue
        done.append(key)
    if done:
        db.execute(delete(AttachmentTrash).where(AttachmentTrash.storage_key.in_(done)))
    return len(done), len(keys) - len(done), keys[-1] if keys else None

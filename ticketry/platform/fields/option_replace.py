"""Taking an option out of issues (optionally putting another in its place), as a task.

The request checks its input and enqueues the task; the job (fields/tasks.py) then changes the
matching issues in batches, each batch one transaction with the job's resume point.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import delete, exists, select, true, update
from sqlalchemy.orm import Session, aliased

from ticketry.core.context import RequestContext
from ticketry.db.base import utcnow
from ticketry.jobs.models import Job
from ticketry.platform.fields.models import CustomField, CustomFieldOption, CustomFieldOptionProject, CustomFieldValue
from ticketry.platform.issues.changelog import Change, record
from ticketry.platform.issues.models import Issue
from ticketry.platform.search.service import search_condition
from ticketry.platform.tasks import service as tasks

KIND = "remove-option"


def replace_in_issues(ctx: RequestContext, field: CustomField, option: CustomFieldOption,
                      replacement: CustomFieldOption | None, jql: str | None) -> Job:
    if jql:
        search_condition(ctx, jql)  # a query that does not parse is a 400 now, not a failed task later
    target = f"option {replacement.id}" if replacement else "nothing"
    description = (f"Remove option {option.id} from issues matched by '{jql or '*'}', and replace with "
                   f"{target}")
    payload = {"fieldId": field.id, "optionId": option.id, "replacementId": replacement.id if replacement else None,
               "jql": jql, "userId": ctx.user.id if ctx.user else None, "baseUrl": ctx.base_url}
    return tasks.submit(ctx.db, ctx.user, KIND, description, payload)


@dataclass
class Progress:
    """What the job has done so far; saved with every batch."""

    after: int = 0
    total: int | None = None
    modified: list[int] = field(default_factory=list)
    unmodified: list[int] = field(default_factory=list)
    messages: list[str] = field(default_factory=list)

    def result(self) -> dict[str, Any]:
        return {"modifiedIssues": self.modified, "unmodifiedIssues": self.unmodified,
                "errors": {"errors": {}, "errorMessages": self.messages}}


def _matching(ctx: RequestContext, field: CustomField, option: CustomFieldOption, jql: str | None) -> Any:
    condition = search_condition(ctx, jql) if jql else true()
    return select(Issue.id, Issue.key, Issue.project_id).where(condition, exists(
        select(CustomFieldValue.id).where(CustomFieldValue.issue_id == Issue.id,
                                          CustomFieldValue.field_id == field.id,
                                          CustomFieldValue.option_id == option.id)))


def count_matching(ctx: RequestContext, field: CustomField, option: CustomFieldOption, jql: str | None) -> int:
    return len(ctx.db.execute(_matching(ctx, field, option, jql).with_only_columns(Issue.id)).all())


def replace_batch(ctx: RequestContext, field: CustomField, option: CustomFieldOption,
                  replacement: CustomFieldOption | None, jql: str | None, done: Progress, limit: int) -> bool:
    """Changes the next `limit` matching issues after `done.after`; False when none was left."""
    db = ctx.db
    rows = db.execute(_matching(ctx, field, option, jql).where(Issue.id > done.after)
                      .order_by(Issue.id).limit(limit)).all()
    for issue_id, key, project_id in rows:
        done.after = issue_id
        if replacement is not None and not _in_scope(db, replacement.id, project_id):
            done.unmodified.append(issue_id)
            done.messages.append(f"Option {replacement.id} cannot be set on issue {key} as it is not in the correct "
                                 "scope")
            continue
        _swap(db, field, option, replacement, issue_id)
        record(db, issue_id, ctx.user.id if ctx.user else None, [Change(
            field.name, str(option.id), option.value, str(replacement.id) if replacement else None,
            replacement.value if replacement else None, field_type="custom", field_id=f"customfield_{field.id}")])
        db.execute(update(Issue).where(Issue.id == issue_id).values(updated=utcnow()))
        done.modified.append(issue_id)
    return bool(rows)


def _in_scope(db: Session, option_id: int, project_id: int) -> bool:
    scopes = list(db.scalars(select(CustomFieldOptionProject.project_id)
                             .where(CustomFieldOptionProject.option_id == option_id)))
    return not scopes or project_id in scopes


def _swap(db: Session, field: CustomField, option: CustomFieldOption, replacement: CustomFieldOption | None,
          issue_id: int) -> None:
    where = (CustomFieldValue.issue_id == issue_id, CustomFieldValue.field_id == field.id)
    already = replacement is not None and db.scalar(
        select(CustomFieldValue.id).where(*where, CustomFieldValue.option_id == replacement.id)) is not None
    if replacement is None or already:
        db.execute(delete(CustomFieldValue).where(*where, CustomFieldValue.option_id == option.id))
        child = aliased(CustomFieldOption)
        # A cascading value loses its child option together with the parent.
        db.execute(delete(CustomFieldValue).where(*where, CustomFieldValue.option_id.in_(
            select(child.id).where(child.parent_id == option.id))))
        return
    db.execute(update(CustomFieldValue).where(*where, CustomFieldValue.option_id == option.id)
               .values(option_id=replacement.id))

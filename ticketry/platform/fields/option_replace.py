"""Taking an option out of issues (optionally putting another in its place), as a task."""

from __future__ import annotations

from typing import Any

from sqlalchemy import delete, exists, select, true, update
from sqlalchemy.orm import Session, aliased

from ticketry.core.context import RequestContext
from ticketry.db.base import utcnow
from ticketry.platform.fields.models import CustomField, CustomFieldOption, CustomFieldOptionProject, CustomFieldValue
from ticketry.platform.issues.changelog import Change, record
from ticketry.platform.issues.models import Issue
from ticketry.platform.search.service import search_condition
from ticketry.platform.tasks import service as tasks
from ticketry.platform.tasks.models import Task


def replace_in_issues(ctx: RequestContext, field: CustomField, option: CustomFieldOption,
                      replacement: CustomFieldOption | None, jql: str | None) -> Task:
    condition = search_condition(ctx, jql) if jql else true()
    target = f"option {replacement.id}" if replacement else "nothing"
    description = (f"Remove option {option.id} from issues matched by '{jql or '*'}', and replace with "
                   f"{target}")
    return tasks.run(ctx.db, ctx.user, "remove-option", description,
                     lambda: _replace(ctx, field, option, replacement, condition))


def _replace(ctx: RequestContext, field: CustomField, option: CustomFieldOption,
             replacement: CustomFieldOption | None, condition: Any) -> dict[str, Any]:
    db = ctx.db
    rows = db.execute(select(Issue.id, Issue.key, Issue.project_id).where(condition, exists(
        select(CustomFieldValue.id).where(CustomFieldValue.issue_id == Issue.id,
                                          CustomFieldValue.field_id == field.id,
                                          CustomFieldValue.option_id == option.id)))
        .order_by(Issue.id)).all()
    modified, unmodified, messages = [], [], []
    for issue_id, key, project_id in rows:
        if replacement is not None and not _in_scope(db, replacement.id, project_id):
            unmodified.append(issue_id)
            messages.append(f"Option {replacement.id} cannot be set on issue {key} as it is not in the correct scope")
            continue
        _swap(db, field, option, replacement, issue_id)
        record(db, issue_id, ctx.user.id if ctx.user else None, [Change(
            field.name, str(option.id), option.value, str(replacement.id) if replacement else None,
            replacement.value if replacement else None, field_type="custom", field_id=f"customfield_{field.id}")])
        db.execute(update(Issue).where(Issue.id == issue_id).values(updated=utcnow()))
        modified.append(issue_id)
    return {"modifiedIssues": modified, "unmodifiedIssues": unmodified,
            "errors": {"errors": {}, "errorMessages": messages}}


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

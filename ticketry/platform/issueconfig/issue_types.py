"""Issue type administration: create, update, delete (moving issues to an alternative; alternatives.py).

New issue types join the default issue type scheme, as in Jira, so projects on that scheme can use
them at once. Every change is audited in the same transaction.
"""

from __future__ import annotations

from sqlalchemy import delete, func, select, update
from sqlalchemy.orm import Session

from ticketry.core.context import RequestContext
from ticketry.core.errors import BadRequest, Conflict, NotFound
from ticketry.core.ids import db_id
from ticketry.platform.appsettings.service import get_bool
from ticketry.platform.auditing import service as audit
from ticketry.platform.avatars import service as avatars
from ticketry.platform.defaults import DEFAULT_ISSUE_TYPE_SCHEME
from ticketry.platform.issueconfig.alternatives import alternative_issue_types
from ticketry.platform.issueconfig.models import IssueType, IssueTypeScheme, IssueTypeSchemeEntry
from ticketry.platform.issueconfig.schemas import IssueTypeCreate, IssueTypeUpdate
from ticketry.platform.issues.models import Issue
from ticketry.platform.properties import service as properties

STANDARD = "standard"
SUBTASK = "subtask"
# Jira's default avatars of new issue types ("jira.avatar.issuetype.default.id" and the sub-task one).
DEFAULT_AVATAR = 10300
DEFAULT_SUBTASK_AVATAR = 10316
NAME_LIMIT = 60
DESCRIPTION_LIMIT = 1000
SUBTASKS_OPTION = "jira.option.allowsubtasks"
PROPERTY_ENTITY = "issuetype"
AUDIT_TYPE = "ISSUE_TYPE"
NAME_TAKEN = "An issue type with this name already exists."


def create_issue_type(ctx: RequestContext, body: IssueTypeCreate) -> IssueType:
    db = ctx.db
    kind = (body.type or STANDARD).strip().lower()
    errors: dict[str, str] = {}
    name = _checked_name(db, body.name, None, errors)
    description = _checked_description(body.description, errors)
    if kind not in (STANDARD, SUBTASK):
        errors["type"] = f"The issue type type '{body.type}' is not valid; use 'standard' or 'subtask'."
    elif kind == SUBTASK and not get_bool(db, SUBTASKS_OPTION):
        errors["type"] = "Sub-tasks are disabled, so sub-task issue types cannot be created."
    _raise(errors)
    subtask = kind == SUBTASK
    issue_type = IssueType(name=name, description=description, subtask=subtask,
                           avatar_id=DEFAULT_SUBTASK_AVATAR if subtask else DEFAULT_AVATAR)
    db.add(issue_type)
    db.flush()
    _add_to_default_scheme(db, issue_type)
    audit.record(ctx, "Issue type created", audit.ISSUE_TYPES, _item(issue_type), audit.created([
        ("Name", issue_type.name), ("Description", issue_type.description),
        ("Type", "Sub-task" if subtask else "Standard"),
    ]))
    return issue_type


def update_issue_type(ctx: RequestContext, issue_type: IssueType, body: IssueTypeUpdate) -> IssueType:
    db = ctx.db
    errors: dict[str, str] = {}
    before = (issue_type.name, issue_type.description, issue_type.avatar_id)
    name = _checked_name(db, body.name, issue_type, errors) if body.name is not None else issue_type.name
    description = (_checked_description(body.description, errors) if body.description is not None
                   else issue_type.description)
    avatar_id = _checked_avatar(db, issue_type, body.avatarId, errors)
    _raise(errors)
    issue_type.name, issue_type.description, issue_type.avatar_id = name, description, avatar_id
    db.flush()
    changes = audit.diff([("Name", before[0], name), ("Description", before[1], description),
                          ("Avatar", before[2], avatar_id)])
    if changes:
        audit.record(ctx, "Issue type updated", audit.ISSUE_TYPES, _item(issue_type), changes)
    return issue_type


def delete_issue_type(ctx: RequestContext, issue_type: IssueType, alternative_id: str | None) -> None:
    """Deletes the type; its issues move to the alternative, which must be one of its alternatives."""
    db = ctx.db
    alternative = _alternative(db, issue_type, alternative_id)
    issue_count = db.scalar(select(func.count()).select_from(Issue).where(Issue.issue_type_id == issue_type.id)) or 0
    if alternative is None and issue_count:
        raise BadRequest(f"The issue type '{issue_type.name}' has {issue_count} associated issue(s); give an "
                         "alternativeIssueTypeId (one of /issuetype/{id}/alternatives) to move them to.")
    if alternative is not None:
        db.execute(update(Issue).where(Issue.issue_type_id == issue_type.id).values(issue_type_id=alternative.id))
    db.execute(update(IssueTypeScheme).where(IssueTypeScheme.default_issue_type_id == issue_type.id)
               .values(default_issue_type_id=None))
    # Scheme entries, workflow and screen scheme mappings go with the type (ON DELETE CASCADE).
    properties.delete_all(db, PROPERTY_ENTITY, issue_type.id)
    avatars.delete_owned_avatars(db, avatars.ISSUE_TYPE, str(issue_type.id))
    item = _item(issue_type)
    db.execute(delete(IssueType).where(IssueType.id == issue_type.id))
    db.expunge(issue_type)
    associated = [_item(alternative)] if alternative is not None else None
    audit.record(ctx, "Issue type deleted", audit.ISSUE_TYPES, item, associated=associated)


def _alternative(db: Session, issue_type: IssueType, raw: str | None) -> IssueType | None:
    if raw is None or not raw.strip():
        return None
    number = db_id(raw)
    alternative = db.get(IssueType, number) if number is not None else None
    if alternative is None:
        raise NotFound(f"The alternative issue type with id '{raw}' does not exist.")
    if alternative.id not in {t.id for t in alternative_issue_types(db, issue_type)}:
        raise Conflict(f"The issue type '{alternative.name}' is not a valid alternative for the issue type "
                       f"'{issue_type.name}': it must be of the same kind and have the same workflow and screens "
                       "in every project that uses it.")
    return alternative


def _checked_name(db: Session, raw: str | None, current: IssueType | None, errors: dict[str, str]) -> str:
    name = (raw or "").strip()
    if not name:
        errors["name"] = "You must specify a name."
    elif len(name) > NAME_LIMIT:
        errors["name"] = f"The issue type name must not be longer than {NAME_LIMIT} characters."
    elif _name_taken(db, name, current):
        errors["name"] = NAME_TAKEN
    return name


def _name_taken(db: Session, name: str, current: IssueType | None) -> bool:
    query = select(IssueType.id).where(func.lower(IssueType.name) == name.lower())
    if current is not None:
        query = query.where(IssueType.id != current.id)
    return db.scalar(query.limit(1)) is not None


def _checked_description(raw: str | None, errors: dict[str, str]) -> str:
    description = raw or ""
    if len(description) > DESCRIPTION_LIMIT:
        errors["description"] = f"The description must not be longer than {DESCRIPTION_LIMIT} characters."
    return description


def _checked_avatar(db: Session, issue_type: IssueType, raw: int | str | None, errors: dict[str, str]) -> int | None:
    if raw is None:
        return issue_type.avatar_id
    try:
        avatar_id = avatars.usable_avatar(db, raw, str(issue_type.id), avatars.ISSUE_TYPE)
    except NotFound:
        errors["avatarId"] = f"The avatar with id '{raw}' does not exist."
        return issue_type.avatar_id
    return avatar_id


def _add_to_default_scheme(db: Session, issue_type: IssueType) -> None:
    last = db.scalar(select(func.max(IssueTypeSchemeEntry.position))
                     .where(IssueTypeSchemeEntry.scheme_id == DEFAULT_ISSUE_TYPE_SCHEME))
    db.add(IssueTypeSchemeEntry(scheme_id=DEFAULT_ISSUE_TYPE_SCHEME, issue_type_id=issue_type.id,
                                position=(last if last is not None else -1) + 1))
    db.flush()


def _raise(errors: dict[str, str]) -> None:
    """Jira answers 409 for a taken name alone; with other field errors it is one more 400 message."""
    if errors == {"name": NAME_TAKEN}:
        raise Conflict(errors=errors)
    if errors:
        raise BadRequest(errors=errors)


def _item(issue_type: IssueType) -> audit.Item:
    return audit.Item(issue_type.id, issue_type.name, AUDIT_TYPE)

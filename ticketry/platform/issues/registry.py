"""The editable system fields by id."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from ticketry.core.config_cache import cached, detached_copy
from ticketry.core.errors import BadRequest
from ticketry.platform.issueconfig.models import IssueType, IssueTypeSchemeEntry
from ticketry.platform.issues.changelog import Change
from ticketry.platform.issues.inputs import FieldError, as_int, ref_id, ref_name
from ticketry.platform.issues.models import Issue
from ticketry.platform.issues.system_fields import (
    DueDateField,
    Env,
    LinkState,
    PriorityField,
    ResolutionField,
    SecurityField,
    SystemField,
    TextField,
    UserField,
)
from ticketry.platform.issues.system_multi import ComponentsField, LabelsField, TimeTrackingField, VersionsField
from ticketry.platform.workflows.service import workflow_for


def find_issue_type(env: Env, raw: Any) -> IssueType:
    """An issue type of the project's issue type scheme, by id or name."""
    if raw is None:
        raise FieldError("issue type is required")
    type_id, name = as_int(ref_id(raw)), ref_name(raw)
    if type_id is None and name is None:
        raise FieldError("valid issue type is required")
    types = scheme_types(env.db, env.project.issue_type_scheme_id)
    found = next((t for t in types if (t.id == type_id if type_id is not None else t.name == name)), None)
    if found is None:
        raise FieldError("The issue type selected is invalid.")
    return found


def scheme_types(db: Session, scheme_id: int | None) -> tuple[IssueType, ...]:
    """The issue types of a scheme, by id (transient copies from the per-process configuration cache)."""
    def load(session: Session) -> tuple[IssueType, ...]:
        return tuple(detached_copy(t) for t in session.scalars(
            select(IssueType).join(IssueTypeSchemeEntry, IssueTypeSchemeEntry.issue_type_id == IssueType.id)
            .where(IssueTypeSchemeEntry.scheme_id == scheme_id).order_by(IssueType.id)))
    return cached(db, ("scheme_issue_types", scheme_id), load)


class IssueTypeField(SystemField):
    id = change_name = "issuetype"

    def parse(self, env: Env, raw: Any) -> Any:
        return find_issue_type(env, raw)

    def current(self, issue: Issue, links: LinkState) -> Any:
        return issue.issue_type_id

    def store(self, env: Env, issue: Issue, links: LinkState, value: Any) -> list[Change]:
        if issue.issue_type_id == value.id:
            return []
        old = env.db.get(IssueType, issue.issue_type_id)
        if old is not None and old.subtask != value.subtask:
            raise BadRequest(errors={
                "issuetype": "The issue type cannot be changed between a sub-task and a standard type."})
        if workflow_for(env.db, issue.project_id, value.id).id != workflow_for(
                env.db, issue.project_id, issue.issue_type_id).id:
            raise BadRequest(errors={"issuetype": "The issue type cannot be changed to a type with another "
                                                  "workflow; move the issue instead."})
        issue.issue_type_id = value.id
        return [Change("issuetype", str(old.id) if old else None, old.name if old else None,
                       str(value.id), value.name)]


HANDLERS: dict[str, SystemField] = {
    handler.id: handler
    for handler in (
        TextField("summary", "summary", limit=255),
        TextField("description", "description"),
        TextField("environment", "environment"),
        IssueTypeField(),
        PriorityField(),
        ResolutionField(),
        UserField("assignee", "assignee_id"),
        UserField("reporter", "reporter_id"),
        DueDateField(),
        SecurityField(),
        LabelsField(),
        ComponentsField(),
        VersionsField("versions", "Version", "affects"),
        VersionsField("fixVersions", "Fix Version", "fix"),
        TimeTrackingField(),
    )
}

# Applied in this order, so the automatic assignee sees the components of the same request.
ORDER = list(HANDLERS)

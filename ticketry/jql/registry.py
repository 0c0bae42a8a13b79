"""JQL field names (with Jira's aliases) and the handler that compiles each."""

from __future__ import annotations

from ticketry.jql.activity_fields import activity_handlers
from ticketry.jql.date_fields import DateField
from ticketry.jql.handlers import FieldHandler
from ticketry.jql.key_fields import IssueKeyField, ParentField
from ticketry.jql.system_fields import (
    ComponentField,
    IssueTypeField,
    LabelsField,
    PriorityField,
    ProjectField,
    ResolutionField,
    StatusCategoryField,
    StatusField,
    UserField,
)
from ticketry.jql.text_fields import TextField
from ticketry.jql.time_fields import time_handlers
from ticketry.jql.version_fields import VersionField
from ticketry.jql.view_fields import LastViewedField
from ticketry.platform.issues.models import Issue


def _system_handlers() -> dict[str, FieldHandler]:
    key = IssueKeyField()
    handlers: dict[str, FieldHandler] = {
        "project": ProjectField(),
        "issuetype": IssueTypeField(), "type": IssueTypeField(),
        "status": StatusField(),
        "statuscategory": StatusCategoryField(),
        "priority": PriorityField(),
        "resolution": ResolutionField(),
        "assignee": UserField("assignee", Issue.assignee_id),
        "reporter": UserField("reporter", Issue.reporter_id),
        "creator": UserField("creator", Issue.creator_id),
        "labels": LabelsField(), "label": LabelsField(),
        "component": ComponentField(), "components": ComponentField(),
        "fixversion": VersionField("fixVersion", "fix"), "fixversions": VersionField("fixVersion", "fix"),
        "affectedversion": VersionField("affectedVersion", "affects"),
        "version": VersionField("affectedVersion", "affects"), "versions": VersionField("affectedVersion", "affects"),
        "key": key, "issuekey": key, "issue": key, "id": key,
        "parent": ParentField(),
        "created": DateField("created", Issue.created),
        "createddate": DateField("created", Issue.created),
        "updated": DateField("updated", Issue.updated),
        "updateddate": DateField("updated", Issue.updated),
        "resolved": DateField("resolved", Issue.resolution_date),
        "resolutiondate": DateField("resolved", Issue.resolution_date),
        "due": DateField("due", Issue.due_date, date_only=True),
        "duedate": DateField("due", Issue.due_date, date_only=True),
        "lastviewed": LastViewedField(),
        "summary": TextField("summary", [Issue.summary], index_fields=["summary"]),
        "description": TextField("description", [Issue.description], index_fields=["description"]),
        "environment": TextField("environment", [Issue.environment], index_fields=["environment"]),
        "comment": TextField("comment", [], comments=True, index_fields=["comments"]),
        "text": TextField("text", [Issue.summary, Issue.description, Issue.environment], comments=True,
                          emptiable=False,
                          index_fields=["summary", "description", "environment", "comments"]),
    }
    handlers.update(activity_handlers())
    handlers.update(time_handlers())
    return handlers


SYSTEM_HANDLERS = _system_handlers()


def handler_for(name: str) -> FieldHandler | None:
    return SYSTEM_HANDLERS.get(name.lower())


def field_names() -> list[str]:
    return sorted({h.name for h in SYSTEM_HANDLERS.values()})

"""JQL autocomplete: the fields, functions and reserved words, and value suggestions per field."""

from __future__ import annotations

import html
from typing import Any

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from ticketry.jql.handlers import ORDERING, FieldHandler
from ticketry.jql.registry import SYSTEM_HANDLERS
from ticketry.jql.words import RESERVED_WORDS
from ticketry.platform.components.models import Component
from ticketry.platform.fields.models import CustomField, CustomFieldOption
from ticketry.platform.fields.types import field_type
from ticketry.platform.issueconfig.models import IssueType, Priority, Resolution, Status
from ticketry.platform.issues.models import IssueLabel
from ticketry.platform.projects.models import Project
from ticketry.platform.users.models import User
from ticketry.platform.versions.models import Version

OPERATOR_ORDER = ["=", "!=", "~", "!~", "<", "<=", ">", ">=", "in", "not in", "is", "is not",
                  "was", "was in", "was not", "was not in", "changed"]
HISTORY = {"status", "priority", "resolution", "assignee", "reporter", "fixVersion"}
TYPES = {
    "project": "com.atlassian.jira.project.Project", "issuetype": "com.atlassian.jira.issue.issuetype.IssueType",
    "status": "com.atlassian.jira.issue.status.Status", "priority": "com.atlassian.jira.issue.priority.Priority",
    "resolution": "com.atlassian.jira.issue.resolution.Resolution",
    "statusCategory": "com.atlassian.jira.issue.status.category.StatusCategory",
    "component": "com.atlassian.jira.bc.project.component.ProjectComponent",
    "fixVersion": "com.atlassian.jira.project.version.Version",
    "affectedVersion": "com.atlassian.jira.project.version.Version",
    "issuekey": "com.atlassian.jira.issue.Issue", "parent": "com.atlassian.jira.issue.Issue",
}
USER_TYPE = "com.atlassian.crowd.embedded.api.User"
DATE_TYPE = "java.util.Date"
FUNCTIONS = [
    ("currentUser()", USER_TYPE, False), ("membersOf()", USER_TYPE, True), ("now()", DATE_TYPE, False),
    ("currentLogin()", DATE_TYPE, False), ("lastLogin()", DATE_TYPE, False),
    ("updatedBy()", TYPES["issuekey"], True), ("linkedIssues()", TYPES["issuekey"], True),
    ("watchedIssues()", TYPES["issuekey"], True), ("votedIssues()", TYPES["issuekey"], True),
    ("issuesWithRemoteLinksByGlobalId()", TYPES["issuekey"], True),
    ("projectsWhereUserHasRole()", TYPES["project"], True),
    *[(f"{e}Of{p}()", DATE_TYPE, False) for e in ("start", "end") for p in ("Day", "Week", "Month", "Year")],
    ("releasedVersions()", TYPES["fixVersion"], True), ("unreleasedVersions()", TYPES["fixVersion"], True),
    ("latestReleasedVersion()", TYPES["fixVersion"], False),
    ("earliestUnreleasedVersion()", TYPES["fixVersion"], False),
    ("standardIssueTypes()", TYPES["issuetype"], True), ("subtaskIssueTypes()", TYPES["issuetype"], True),
    ("projectsLeadByUser()", TYPES["project"], True), ("componentsLeadByUser()", TYPES["component"], True),
    ("cascadeOption()", "com.atlassian.jira.issue.customfields.option.Option", True),
]


def _operators(handler: FieldHandler) -> list[str]:
    ops = set(handler.operators)
    if handler.name in HISTORY:
        ops |= {"was", "was in", "was not", "was not in", "changed"}
    return [op for op in OPERATOR_ORDER if op in ops]


def _type(handler: FieldHandler) -> str:
    from ticketry.jql.date_fields import DateField
    from ticketry.jql.system_fields import UserField
    from ticketry.jql.text_fields import TextField

    if isinstance(handler, UserField):
        return USER_TYPE
    if isinstance(handler, DateField):
        return DATE_TYPE
    if isinstance(handler, TextField):
        return "java.lang.String"
    return TYPES.get(handler.name, "java.lang.String")


def autocomplete_data(db: Session) -> dict[str, Any]:
    fields: dict[str, dict[str, Any]] = {}
    for handler in SYSTEM_HANDLERS.values():
        orderable = handler.sortable()
        fields.setdefault(handler.name, {
            "value": handler.name, "displayName": handler.name, "auto": "true",
            "orderable": "true" if orderable else "false", "searchable": "true",
            "operators": _operators(handler), "types": [_type(handler)],
        })
    entries = sorted(fields.values(), key=lambda f: f["value"].lower()) + _custom_fields(db)
    functions = [{"value": name, "displayName": name, **({"isList": "true"} if is_list else {}), "types": [kind]}
                 for name, kind, is_list in FUNCTIONS]
    return {"visibleFieldNames": entries, "visibleFunctionNames": functions,
            "jqlReservedWords": sorted(RESERVED_WORDS)}


def _custom_fields(db: Session) -> list[dict[str, Any]]:
    entries = []
    searchable = select(CustomField).where(CustomField.searcher_key.is_not(None)).order_by(CustomField.name)
    for field in db.scalars(searchable):
        kind = field_type(field.type_key)
        text = kind is not None and kind.key in ("textfield", "textarea")
        ops = ["~", "!~", "is", "is not"] if text else ["=", "!=", "in", "not in", "is", "is not"]
        if kind is not None and kind.column in ("number_value", "date_value", "datetime_value"):
            ops += sorted(ORDERING)
        clause = f"cf[{field.id}]"
        entries.append({"value": clause, "displayName": f"{field.name} - {clause}", "auto": "true",
                        "orderable": "true", "searchable": "true", "cfid": clause, "operators": ops,
                        "types": [_custom_type(kind.schema_type if kind else "string")]})
    return entries


def _custom_type(schema_type: str) -> str:
    return {"option": "com.atlassian.jira.issue.customfields.option.Option", "user": USER_TYPE,
            "date": DATE_TYPE, "datetime": DATE_TYPE, "number": "java.lang.Number",
            "version": TYPES["fixVersion"], "project": TYPES["project"]}.get(schema_type, "java.lang.String")


def _bold(text: str, typed: str) -> str:
    """Jira highlights the typed prefix: <b>Ac</b>tiveObjects."""
    if typed and text.lower().startswith(typed.lower()):
        return f"<b>{html.escape(text[:len(typed)])}</b>{html.escape(text[len(typed):])}"
    return html.escape(text)


def suggestions(db: Session, field_name: str | None, typed: str | None, limit: int = 15) -> dict[str, Any]:
    field, typed = (field_name or "").strip(), (typed or "").strip().strip('"')
    pattern = typed.lower().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
    results = _suggest(db, field, pattern, limit)
    return {"results": [{"value": value, "displayName": _display(value, extra, typed)} for value, extra in results]}


def _display(value: str, extra: str | None, typed: str) -> str:
    if extra is None:
        return _bold(value, typed)
    return f"{_bold(value, typed)} ({_bold(extra, typed)})"


def _suggest(db: Session, field: str, pattern: str, limit: int) -> list[tuple[str, str | None]]:
    lowered = field.lower()

    def named(column: Any, model: Any, *extra_filter: Any) -> list[tuple[str, str | None]]:
        query = select(column).where(func.lower(column).like(pattern, escape="\\"), *extra_filter)
        return [(v, None) for v in db.scalars(query.distinct().order_by(column).limit(limit))]

    if lowered == "project":
        rows = db.execute(select(Project.name, Project.key).where(or_(
            func.lower(Project.name).like(pattern, escape="\\"), func.lower(Project.key).like(pattern, escape="\\")
        )).order_by(Project.name).limit(limit)).all()
        return [(name, key) for name, key in rows]
    if lowered in ("assignee", "reporter", "creator"):
        rows = db.execute(select(User.name, User.display_name).where(User.active.is_(True), or_(
            User.lower_name.like(pattern, escape="\\"), func.lower(User.display_name).like(pattern, escape="\\")
        )).order_by(User.lower_name).limit(limit)).all()
        return [(name, display) for name, display in rows]
    simple = {"status": (Status.name, Status), "priority": (Priority.name, Priority),
              "resolution": (Resolution.name, Resolution), "issuetype": (IssueType.name, IssueType),
              "type": (IssueType.name, IssueType), "component": (Component.name, Component),
              "fixversion": (Version.name, Version), "affectedversion": (Version.name, Version),
              "labels": (IssueLabel.label, IssueLabel)}
    if lowered in simple:
        return named(*simple[lowered])
    return _custom_suggestions(db, field, pattern, limit)


def _custom_suggestions(db: Session, field: str, pattern: str, limit: int) -> list[tuple[str, str | None]]:
    number = field[3:-1] if field.lower().startswith("cf[") and field.endswith("]") else None
    condition = CustomField.id == int(number) if number and number.isdigit() else \
        func.lower(CustomField.name) == field.lower()
    ids = list(db.scalars(select(CustomField.id).where(condition)))
    if not ids:
        return []
    query = (select(CustomFieldOption.value).where(CustomFieldOption.field_id.in_(ids),
                                                   CustomFieldOption.parent_id.is_(None),
                                                   func.lower(CustomFieldOption.value).like(pattern, escape="\\"))
             .distinct().order_by(CustomFieldOption.value).limit(limit))
    return [(v, None) for v in db.scalars(query)]

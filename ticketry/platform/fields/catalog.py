"""The field catalog: Jira's system fields (ids, names, flags, clause names, schemas) and custom fields."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ticketry.core.config_cache import cached, detached_copy, rows_by_id
from ticketry.platform.fields.models import CustomField, CustomFieldOption
from ticketry.platform.fields.types import field_schema

CUSTOM_PREFIX = "customfield_"


@dataclass(frozen=True)
class FieldDef:
    id: str
    key: str
    name: str
    custom: bool
    orderable: bool
    navigable: bool
    searchable: bool
    clause_names: tuple[str, ...]
    schema: dict[str, Any] | None
    custom_field_id: int | None = None
    type_key: str | None = None


def _system(fid: str, name: str, flags: str, clauses: tuple[str, ...], type_: str | None = None,
            items: str | None = None) -> FieldDef:
    """flags: three letters o/n/s (orderable, navigable, searchable) or '-' for false."""
    schema: dict[str, Any] | None = None
    if type_ is not None:
        schema = {"type": type_}
        if items is not None:
            schema["items"] = items
        schema["system"] = fid
    return FieldDef(id=fid, key=fid, name=name, custom=False, orderable=flags[0] == "o",
                    navigable=flags[1] == "n", searchable=flags[2] == "s", clause_names=clauses, schema=schema)


# As Jira Server 8 reports them in GET /rest/api/2/field.
SYSTEM_FIELDS: tuple[FieldDef, ...] = (
    _system("issuetype", "Issue Type", "ons", ("issuetype", "type"), "issuetype"),
    _system("project", "Project", "-ns", ("project",), "project"),
    _system("summary", "Summary", "ons", ("summary",), "string"),
    _system("description", "Description", "ons", ("description",), "string"),
    _system("environment", "Environment", "ons", ("environment",), "string"),
    _system("priority", "Priority", "ons", ("priority",), "priority"),
    _system("assignee", "Assignee", "ons", ("assignee",), "user"),
    _system("reporter", "Reporter", "ons", ("reporter",), "user"),
    _system("creator", "Creator", "-ns", ("creator",), "user"),
    _system("labels", "Labels", "ons", ("labels",), "array", "string"),
    _system("components", "Component/s", "ons", ("component",), "array", "component"),
    _system("versions", "Affects Version/s", "ons", ("affectedVersion",), "array", "version"),
    _system("fixVersions", "Fix Version/s", "ons", ("fixVersion",), "array", "version"),
    _system("duedate", "Due Date", "ons", ("due", "duedate"), "date"),
    _system("resolution", "Resolution", "ons", ("resolution",), "resolution"),
    _system("resolutiondate", "Resolved", "-ns", ("resolutiondate", "resolved"), "datetime"),
    _system("status", "Status", "-ns", ("status",), "status"),
    _system("security", "Security Level", "ons", ("level",), "securitylevel"),
    _system("timetracking", "Time tracking", "o-s", (), "timetracking"),
    _system("timeoriginalestimate", "Original Estimate", "-n-", ("originalEstimate", "timeoriginalestimate"),
            "number"),
    _system("timeestimate", "Remaining Estimate", "-n-", ("remainingEstimate", "timeestimate"), "number"),
    _system("timespent", "Time Spent", "-n-", ("timespent",), "number"),
    _system("aggregatetimeoriginalestimate", "Σ Original Estimate", "-n-", (), "number"),
    _system("aggregatetimeestimate", "Σ Remaining Estimate", "-n-", (), "number"),
    _system("aggregatetimespent", "Σ Time Spent", "-n-", (), "number"),
    _system("aggregateprogress", "Σ Progress", "-n-", (), "progress"),
    _system("progress", "Progress", "-n-", ("progress",), "progress"),
    _system("workratio", "Work Ratio", "-ns", ("workratio",), "number"),
    _system("created", "Created", "-ns", ("created", "createdDate"), "datetime"),
    _system("updated", "Updated", "-ns", ("updated", "updatedDate"), "datetime"),
    _system("lastViewed", "Last Viewed", "-n-", ("lastViewed",), "datetime"),
    _system("parent", "Parent", "-n-", ("parent",)),
    _system("subtasks", "Sub-Tasks", "-n-", ("subtasks",), "array", "issuelinks"),
    _system("issuelinks", "Linked Issues", "ons", (), "array", "issuelinks"),
    _system("votes", "Votes", "-n-", ("votes",), "votes"),
    _system("watches", "Watchers", "-n-", ("watchers",), "watches"),
    _system("worklog", "Log Work", "o-s", (), "array", "worklog"),
    _system("comment", "Comment", "o-s", ("comment",), "comments-page"),
    _system("attachment", "Attachment", "o-s", ("attachments",), "array", "attachment"),
    _system("thumbnail", "Images", "-n-", ()),
    _system("issuekey", "Key", "-n-", ("id", "issue", "issuekey", "key")),
)

_SYSTEM_BY_ID = {f.id: f for f in SYSTEM_FIELDS}


def system_fields() -> list[FieldDef]:
    return list(SYSTEM_FIELDS)


def custom_field_def(field: CustomField) -> FieldDef:
    fid = f"{CUSTOM_PREFIX}{field.id}"
    return FieldDef(
        id=fid, key=fid, name=field.name, custom=True, orderable=True, navigable=True,
        searchable=field.searcher_key is not None,
        clause_names=tuple(sorted([f"cf[{field.id}]", field.name])),
        schema=field_schema(field.type_key, field.id), custom_field_id=field.id, type_key=field.type_key,
    )


def custom_field_defs(db: Session) -> list[FieldDef]:
    """Every custom field, by id (from the per-process configuration cache)."""
    return list(cached(db, "custom_field_defs", _load_custom_field_defs))


def _load_custom_field_defs(db: Session) -> tuple[FieldDef, ...]:
    return tuple(custom_field_def(f) for f in custom_fields(db))


def custom_fields(db: Session) -> tuple[CustomField, ...]:
    """Every custom field row by id, from the per-process configuration cache: transient copies, read only."""
    return cached(db, "custom_fields", _load_custom_fields)


def _load_custom_fields(db: Session) -> tuple[CustomField, ...]:
    return tuple(detached_copy(f) for f in db.scalars(select(CustomField).order_by(CustomField.id)))


def custom_field_options(db: Session) -> dict[int, CustomFieldOption]:
    """Every custom field option by id, from the per-process configuration cache: transient copies, read only."""
    return rows_by_id(db, CustomFieldOption)


def all_fields(db: Session) -> list[FieldDef]:
    return system_fields() + custom_field_defs(db)


def custom_field_id(field_id: str) -> int | None:
    """10000 for 'customfield_10000' (None for other ids)."""
    if not field_id.startswith(CUSTOM_PREFIX):
        return None
    number = field_id[len(CUSTOM_PREFIX):]
    return int(number) if number.isdigit() and len(number) < 18 else None


def find_custom_field(db: Session, field_id: str) -> CustomField | None:
    """A custom field by id (customfield_10000) or by name (case-insensitive)."""
    number = custom_field_id(field_id)
    if number is not None:
        return db.get(CustomField, number)
    return db.scalars(
        select(CustomField).where(func.lower(CustomField.name) == field_id.lower()).order_by(CustomField.id).limit(1)
    ).first()


def field_by_id(db: Session, field_id: str) -> FieldDef | None:
    """A system field by id, or a custom field by id or name (case-insensitive)."""
    system = _SYSTEM_BY_ID.get(field_id)
    if system is not None:
        return system
    by_id, by_name = cached(db, "custom_field_index", _index_custom_fields)
    number = custom_field_id(field_id)
    if number is not None:
        return by_id.get(number)
    return by_name.get(field_id.lower())


def _index_custom_fields(db: Session) -> tuple[dict[int, FieldDef], dict[str, FieldDef]]:
    """Custom fields by number and by lower-case name (the first by id wins, as find_custom_field picks)."""
    by_id: dict[int, FieldDef] = {}
    by_name: dict[str, FieldDef] = {}
    for field in custom_field_defs(db):
        assert field.custom_field_id is not None
        by_id[field.custom_field_id] = field
        by_name.setdefault(field.name.lower(), field)
    return by_id, by_name


def field_json(field: FieldDef) -> dict[str, Any]:
    body: dict[str, Any] = {
        "id": field.id, "key": field.key, "name": field.name, "custom": field.custom, "orderable": field.orderable,
        "navigable": field.navigable, "searchable": field.searchable, "clauseNames": list(field.clause_names),
    }
    if field.schema is not None:
        body["schema"] = field.schema
    return body

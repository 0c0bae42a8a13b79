"""Custom field values as Jira renders them in issues, read in a constant number of queries."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import quote

from sqlalchemy import select
from sqlalchemy.orm import Session

from ticketry.core.config_cache import cached, rows_by_id
from ticketry.core.context import RequestContext
from ticketry.core.timefmt import format_date, format_datetime
from ticketry.db.id_lists import id_in
from ticketry.platform.fields.catalog import custom_field_defs
from ticketry.platform.fields.models import CustomFieldOption, CustomFieldValue
from ticketry.platform.fields.parsing import (
    Element,
    format_changelog_instant,
    format_number,
    format_user_date,
    format_user_instant,
)
from ticketry.platform.fields.types import FieldType, field_type
from ticketry.platform.issues.contributions import RowPart
from ticketry.platform.issues.people import person, users_by_id
from ticketry.platform.projects.models import Project
from ticketry.platform.projects.render import project_avatar_urls, project_self
from ticketry.platform.users.models import User
from ticketry.platform.versions.models import Version


@dataclass
class Lookup:
    """The options, users, versions and projects the value rows point at, one query per kind."""

    options: dict[int, CustomFieldOption] = field(default_factory=dict)
    users: dict[int, User] = field(default_factory=dict)
    versions: dict[int, Version] = field(default_factory=dict)
    projects: dict[int, Project] = field(default_factory=dict)

    @classmethod
    def load(cls, db: Session, rows: Iterable[Any], ctx: RequestContext | None = None) -> Lookup:
        """`ctx`: users come through the request's people (shared with the rest of the page)."""
        rows = list(rows)

        def ids(column: str) -> set[int]:
            return {getattr(r, column) for r in rows if getattr(r, column) is not None}

        found = cls()
        if option_ids := ids("option_id"):
            options = rows_by_id(db, CustomFieldOption)  # configuration: cached per process
            found.options = {i: options[i] for i in option_ids if i in options}
        if (user_ids := ids("user_id")) and ctx is not None:
            found.users = users_by_id(ctx, user_ids)
        elif user_ids:
            found.users = {u.id: u for u in db.scalars(select(User).where(User.id.in_(user_ids)))}
        if version_ids := ids("version_id"):
            found.versions = {v.id: v for v in db.scalars(select(Version).where(Version.id.in_(version_ids)))}
        if project_ids := ids("project_id"):
            found.projects = {p.id: p for p in db.scalars(select(Project).where(Project.id.in_(project_ids)))}
        return found


def _element(kind: FieldType, row: CustomFieldValue, found: Lookup, position: int) -> Element | None:
    column = kind.column
    value = getattr(row, column)
    if value is None:
        return None
    if column == "option_id":
        option = found.options.get(value)
        if option is None:
            return None
        text = option.value
        if kind.key == "cascadingselect":
            text = f"{'Parent values' if position == 0 else 'Level 1 values'}: {option.value}({option.id})"
        return Element(column, value, str(value), text)
    if column == "user_id":
        user = found.users.get(value)
        return Element(column, value, user.key, user.display_name) if user is not None else None
    if column == "version_id":
        version = found.versions.get(value)
        return Element(column, value, str(value), version.name) if version is not None else None
    if column == "project_id":
        project = found.projects.get(value)
        return Element(column, value, str(value), project.name) if project is not None else None
    return _scalar_element(column, value)


def _scalar_element(column: str, value: Any) -> Element:
    if column == "number_value":
        return Element(column, value, format_number(value), format_number(value))
    if column == "date_value":
        return Element(column, value, value.isoformat(), format_user_date(value))
    if column == "datetime_value":
        return Element(column, value, format_changelog_instant(value), format_user_instant(value))
    if column == "group_name":
        return Element(column, value, value, value)
    return Element(column, value, None, value)


def elements_of_rows(db: Session, kind: FieldType, rows: list[CustomFieldValue]) -> list[Element]:
    found = Lookup.load(db, rows)
    elements = (_element(kind, row, found, pos) for pos, row in enumerate(rows))
    return [e for e in elements if e is not None]


def option_json(ctx: RequestContext, option: CustomFieldOption) -> dict[str, Any]:
    """An option as embedded in issues and allowedValues."""
    return {"self": ctx.api(f"customFieldOption/{option.id}"), "value": option.value, "id": str(option.id),
            "disabled": option.disabled}


def version_ref(ctx: RequestContext, version: Version) -> dict[str, Any]:
    """A version as embedded in issues (fixVersions, version pickers)."""
    body: dict[str, Any] = {"self": ctx.api(f"version/{version.id}"), "id": str(version.id)}
    if version.description:
        body["description"] = version.description
    body.update({"name": version.name, "archived": version.archived, "released": version.released})
    if version.release_date is not None:
        body["releaseDate"] = format_date(version.release_date)
    return body


def project_short(ctx: RequestContext, project: Project) -> dict[str, Any]:
    return {"self": project_self(ctx, project), "id": str(project.id), "key": project.key, "name": project.name,
            "projectTypeKey": project.project_type_key, "avatarUrls": project_avatar_urls(ctx, project)}


def _group_json(ctx: RequestContext, name: str) -> dict[str, Any]:
    return {"name": name, "self": ctx.api(f"group?groupname={quote(name)}")}


def _option(ctx: RequestContext, value: Any, found: Lookup) -> Any:
    return option_json(ctx, found.options[value]) if value in found.options else None


def _version(ctx: RequestContext, value: Any, found: Lookup) -> Any:
    return version_ref(ctx, found.versions[value]) if value in found.versions else None


def _project(ctx: RequestContext, value: Any, found: Lookup) -> Any:
    return project_short(ctx, found.projects[value]) if value in found.projects else None


# How one element of each typed column renders (columns not listed render as they are stored).
_RENDERERS: dict[str, Any] = {
    "option_id": _option,
    "user_id": lambda ctx, value, found: person(ctx, found.users.get(value)),
    "version_id": _version,
    "project_id": _project,
    "number_value": lambda ctx, value, found: float(value),
    "date_value": lambda ctx, value, found: format_date(value),
    "datetime_value": lambda ctx, value, found: format_datetime(value),
    "group_name": lambda ctx, value, found: _group_json(ctx, value),
}


def _render_one(ctx: RequestContext, kind: FieldType, row: Any, found: Lookup) -> Any:
    value = getattr(row, kind.column)
    if value is None:
        return None
    render = _RENDERERS.get(kind.column)
    return render(ctx, value, found) if render is not None else value


def render_value(ctx: RequestContext, kind: FieldType, rows: list[Any], found: Lookup) -> Any:
    """The JSON of one field's value from its rows (None when empty)."""
    items = [item for item in (_render_one(ctx, kind, row, found) for row in rows) if item is not None]
    if not items:
        return None
    if kind.key == "cascadingselect":
        parent = dict(items[0])
        if len(items) > 1:
            parent["child"] = items[1]
        return parent
    return items if kind.multi else items[0]


# Plain rows: this read only renders them (no ORM objects to build).
_VALUES_OF_ISSUES = (
    select(*CustomFieldValue.__table__.columns)
    .where(id_in(CustomFieldValue.issue_id, "ids"))
    .order_by(CustomFieldValue.issue_id, CustomFieldValue.field_id, CustomFieldValue.position)
)
# Listing every field of a tracker with hundreds made a statement of as many parameters, which psycopg parsed
# anew on every request (past its cache's length): 35 % of GET issue's CPU at L on PostgreSQL (800 fields).
_VALUES_OF_ISSUES_IN_FIELDS = _VALUES_OF_ISSUES.where(
    id_in(CustomFieldValue.field_id, "fields"))
_FIELDS_LISTED_AT_MOST = 32
# The same rows read with an issue page's tallies (`issues/contributions.py`), ordered by position.
VALUE_ROWS = RowPart("custom value rows", CustomFieldValue.__table__, "v", rank="position", people=("user_id",))


@dataclass(frozen=True)
class _Kinds:
    by_number: dict[int, tuple[str, FieldType | None]]  # custom field number: (field id, type), in catalog order
    ids: frozenset[str]

    def __len__(self) -> int:
        return len(self.ids)


def _custom_field_kinds(db: Session) -> _Kinds:
    by_number = {f.custom_field_id: (f.id, field_type(f.type_key or "")) for f in custom_field_defs(db)
                 if f.custom_field_id is not None}
    return _Kinds(by_number, frozenset(field_id for field_id, _ in by_number.values()))


def load_values(ctx: RequestContext, issue_ids: list[int], field_ids: list[str] | None = None, *,
                sparse: bool = False, loaded: dict[int, list[Any]] | None = None) -> dict[int, dict[str, Any]]:
    """{issue id: {customfield_N: rendered value or None}} for every (or the listed) custom field; `sparse`
    leaves the empty ones out (a tracker may have hundreds of fields, most of them empty on any issue).
    `loaded`: the issues' value rows, read already with VALUE_ROWS."""
    every = cached(ctx.db, "custom_field_kinds", _custom_field_kinds)
    if field_ids is None or (len(field_ids) >= len(every) and set(field_ids).issuperset(every.ids)):
        kinds = every.by_number
    else:
        listed = set(field_ids)
        kinds = {number: kind for number, kind in every.by_number.items() if kind[0] in listed}
    empty: dict[str, Any] = {} if sparse else dict.fromkeys(field_id for field_id, _ in kinds.values())
    result: dict[int, dict[str, Any]] = {i: empty.copy() for i in issue_ids}
    if not issue_ids or not kinds:
        return result
    if loaded is not None:
        rows = [row for issue_id in issue_ids for row in loaded.get(issue_id, ()) if row.field_id in kinds]
    elif len(kinds) > _FIELDS_LISTED_AT_MOST:  # many fields: the issues' values, then the fields' among them
        rows = [row for row in ctx.db.execute(_VALUES_OF_ISSUES, {"ids": issue_ids}) if row.field_id in kinds]
    else:
        rows = list(ctx.db.execute(_VALUES_OF_ISSUES_IN_FIELDS, {"ids": issue_ids, "fields": list(kinds)}))
    found = Lookup.load(ctx.db, rows, ctx)
    grouped: dict[tuple[int, int], list[Any]] = defaultdict(list)
    for row in rows:
        grouped[(row.issue_id, row.field_id)].append(row)
    for (issue_id, number), group in grouped.items():
        field_id, kind = kinds[number]
        if kind is not None:
            result[issue_id][field_id] = render_value(ctx, kind, group, found)
    return result

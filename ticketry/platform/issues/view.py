"""GET issue: field selection, expansions, properties; the document for one or many issues."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from ticketry.core.context import RequestContext
from ticketry.core.expand import Expand
from ticketry.core.wiki import render_wiki
from ticketry.platform.fields.catalog import FieldDef, all_fields
from ticketry.platform.fields.parsing import format_user_date, format_user_instant
from ticketry.platform.issues import custom
from ticketry.platform.issues.changelog import expanded_changelog
from ticketry.platform.issues.comment_field import comment_fields, rendered_comment_fields
from ticketry.platform.issues.contributions import contributed
from ticketry.platform.issues.durations import work_time
from ticketry.platform.issues.loader import Bundle, load_bundle
from ticketry.platform.issues.models import Issue
from ticketry.platform.issues.render import issue_self, system_values
from ticketry.platform.properties.models import EntityProperty

EXPANDABLE = "renderedFields,names,schema,operations,editmeta,changelog,versionedRepresentations"
HIDDEN_SYSTEM = {"thumbnail", "issuekey"}
TEXT_FIELDS = ("description", "environment")


@dataclass
class IssueView:
    fields: list[str] | None = None
    expand: Expand = field(default_factory=lambda: Expand(None))
    properties: list[str] | None = None

    @classmethod
    def parse(cls, fields: str | None, expand: str | None, properties: str | None) -> IssueView:
        def split(raw: str | None) -> list[str] | None:
            return [p.strip() for p in raw.split(",") if p.strip()] if raw is not None else None
        return cls(split(fields), Expand(expand), split(properties))


def selected(defs: list[FieldDef], wanted: list[str] | None) -> list[str]:
    """Field ids in output order: *all (default), *navigable, ids or names, -id exclusions."""
    ids = [d.id for d in defs if d.id not in HIDDEN_SYSTEM]
    by_name = {d.name.lower(): d.id for d in defs}
    items = wanted or ["*all"]
    chosen: set[str] = set()
    if all(i.startswith("-") for i in items):
        chosen = set(ids)
    for item in items:
        if item == "*all":
            chosen |= set(ids)
        elif item == "*navigable":
            chosen |= {d.id for d in defs if d.navigable and d.id not in HIDDEN_SYSTEM}
        elif item.startswith("-"):
            chosen.discard(item[1:])
        else:
            chosen.add(by_name.get(item.lower(), item))
    return [i for i in ids if i in chosen]


def issue_documents(ctx: RequestContext, issues: list[Issue], view: IssueView,
                    extra: Callable[[Issue, dict[str, Any]], None] | None = None) -> list[dict[str, Any]]:
    defs = all_fields(ctx.db)
    wanted = selected(defs, view.fields)
    bundle = load_bundle(ctx.db, issues)
    work = work_time(ctx.db)
    customs = custom.load(ctx, [i.id for i in issues], [w for w in wanted if custom.is_custom(w)] or None)
    comments = comment_fields(ctx, issues) if "comment" in wanted else {}
    others = contributed(ctx, issues, wanted)
    documents = []
    for issue in issues:
        values = {**system_values(ctx, bundle, issue, work), **customs.get(issue.id, {}), **others[issue.id]}
        if "comment" in wanted:
            values["comment"] = comments.get(issue.id)
        body = _document(ctx, issue, values, wanted, defs, view, bundle)
        if extra is not None:
            extra(issue, body)
        documents.append(body)
    return documents


def _document(ctx: RequestContext, issue: Issue, values: dict[str, Any], wanted: list[str],
              defs: list[FieldDef], view: IssueView, bundle: Bundle) -> dict[str, Any]:
    fields = {name: values.get(name) for name in wanted if name in values or name != "parent"}
    if "parent" in fields and fields["parent"] is None:
        del fields["parent"]
    body: dict[str, Any] = {"expand": EXPANDABLE, "id": str(issue.id), "self": issue_self(ctx, issue),
                            "key": issue.key}
    expand = view.expand
    if "versionedRepresentations" in expand:
        body["versionedRepresentations"] = {name: {"1": value} for name, value in fields.items()}
    else:
        body["fields"] = fields
    if "renderedFields" in expand:
        body["renderedFields"] = _rendered(ctx, issue, fields)
    if "names" in expand:
        body["names"] = {d.id: d.name for d in defs if d.id in fields}
    if "schema" in expand:
        body["schema"] = {d.id: d.schema for d in defs if d.id in fields and d.schema is not None}
    if "changelog" in expand:
        body["changelog"] = expanded_changelog(ctx, issue.id)
    if view.properties is not None:
        body["properties"] = _properties(ctx, issue, view.properties)
    return body


def _rendered(ctx: RequestContext, issue: Issue, fields: dict[str, Any]) -> dict[str, Any]:
    rendered: dict[str, Any] = {name: None for name in fields}
    for name in TEXT_FIELDS:
        if name in fields:
            rendered[name] = render_wiki(fields[name])
    for name, value in (("created", issue.created), ("updated", issue.updated),
                        ("resolutiondate", issue.resolution_date)):
        if name in fields and value is not None:
            rendered[name] = format_user_instant(value)
    if "duedate" in fields and issue.due_date is not None:
        rendered["duedate"] = format_user_date(issue.due_date)
    if "timetracking" in fields:
        rendered["timetracking"] = fields["timetracking"]
    if "comment" in fields:
        rendered["comment"] = rendered_comment_fields(ctx, fields["comment"])
    return rendered


def _properties(ctx: RequestContext, issue: Issue, keys: list[str]) -> dict[str, Any]:
    from sqlalchemy import select

    query = select(EntityProperty).where(EntityProperty.entity_type == "issue",
                                         EntityProperty.entity_id == str(issue.id))
    if "*all" not in keys:
        query = query.where(EntityProperty.key.in_([k for k in keys if not k.startswith("-")]))
    excluded = {k[1:] for k in keys if k.startswith("-")}
    return {p.key: p.value for p in ctx.db.scalars(query.order_by(EntityProperty.key)) if p.key not in excluded}

"""GET issue: field selection, expansions, properties; the document for one or many issues."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from ticketry.core.config_cache import cached
from ticketry.core.context import RequestContext
from ticketry.core.expand import Expand
from ticketry.core.wiki import render_wiki
from ticketry.platform.comments.service import COMMENT_ROWS, comment_fields
from ticketry.platform.fields.catalog import FieldDef, all_fields
from ticketry.platform.fields.parsing import format_user_date, format_user_instant
from ticketry.platform.issues import custom
from ticketry.platform.issues.changelog import history_json, load_groups
from ticketry.platform.issues.contributions import contributed, count_parts, named_people
from ticketry.platform.issues.durations import work_time
from ticketry.platform.issues.loader import link_parts, load_bundle, own_tallies, people_of
from ticketry.platform.issues.models import Issue
from ticketry.platform.issues.people import expect, users_by_id
from ticketry.platform.issues.render import SystemValues, issue_self
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
    """The documents of a page of issues: each part (comments, worklogs, custom fields...) is loaded for
    every issue at once, and only when a wanted field or expansion needs it."""
    defs = all_fields(ctx.db)
    wanted, customs = _wanted(ctx, view.fields)
    page = _Page(ctx, issues, view, defs, wanted, customs)
    documents = []
    for issue in issues:
        body = page.document(issue)
        if extra is not None:
            extra(issue, body)
        documents.append(body)
    return documents


# The field lists clients ask most (GET issue's default, search's): computed once per configuration generation,
# since walking the catalog per request costs with hundreds of custom fields. Other lists vary without bound.
_COMMON_FIELD_LISTS = {None, ("*all",), ("*navigable",)}


def _wanted(ctx: RequestContext, fields: list[str] | None) -> tuple[list[str], list[str]]:
    """The wanted field ids in output order, and the custom ones among them."""
    def load(db: Session) -> tuple[tuple[str, ...], tuple[str, ...]]:
        wanted = selected(all_fields(db), fields)
        return tuple(wanted), tuple(w for w in wanted if custom.is_custom(w))

    key = tuple(fields) if fields is not None else None
    found = cached(ctx.db, ("wanted_fields", key), load) if key in _COMMON_FIELD_LISTS else load(ctx.db)
    return list(found[0]), list(found[1])


class _Page:
    """The parts of a page of issues, loaded once for all of them."""

    def __init__(self, ctx: RequestContext, issues: list[Issue], view: IssueView, defs: list[FieldDef],
                 wanted: list[str], customs: list[str]) -> None:
        self.ctx, self.view, self.defs, self.wanted = ctx, view, defs, wanted
        ids = [i.id for i in issues]
        row_parts = ((COMMENT_ROWS,) if "comment" in wanted else ()) + ((custom.VALUE_ROWS,) if customs else ())
        tallies, links, loaded = count_parts(ctx, issues, wanted, own_tallies(ctx.db, wanted), link_parts(wanted),
                                             row_parts)
        bundle = load_bundle(ctx.db, issues, wanted, tallies, links)
        # Every user of the page (assignees..., comment and worklog authors, user field values) in one query:
        # each part says whom it will name, the first to need users loads them all.
        people = people_of(issues, wanted)
        expect(ctx, [*people, *named_people(loaded)])
        comments = comment_fields(ctx, issues, loaded[COMMENT_ROWS.kind]) if "comment" in wanted else None
        self.customs = custom.load(ctx, ids, customs, loaded[custom.VALUE_ROWS.kind]) if customs else {}
        self.others = contributed(ctx, issues, wanted, tallies, loaded)
        self.comments = comments() if comments is not None else None  # after the others: see comment_fields
        bundle.users = users_by_id(ctx, people)
        self.system = SystemValues(ctx, bundle, work_time(ctx.db))
        # Expand's membership test scans its names: asked once here, not per issue.
        self.expanded = {name for name in ("versionedRepresentations", "renderedFields", "names", "schema",
                                           "changelog") if name in view.expand}
        self.changelogs = _changelogs(ctx, ids) if "changelog" in self.expanded else {}
        self.properties = _properties(ctx, ids, view.properties) if view.properties is not None else {}
        self._descriptions: dict[tuple[str, ...], tuple[dict[str, Any], dict[str, Any]]] = {}
        # Every wanted field but the parent, empty, in the wanted order: an issue's values fill a copy in place
        # (with hundreds of custom fields, most of them empty, the copy is most of the document).
        self._empty = dict.fromkeys(name for name in wanted if name != "parent")

    def _fields(self, issue: Issue) -> dict[str, Any]:
        system = self.system.values(issue, self.wanted)
        if "parent" in system:  # shown in its wanted place, which the empty fields do not keep
            values = {**system, **self.customs.get(issue.id, {}), **self.others[issue.id]}
            if self.comments is not None:
                values["comment"] = self.comments.get(issue.id)
            return {name: values.get(name) for name in self.wanted if name in values or name != "parent"}
        fields = self._empty.copy()
        fields.update(system)
        fields.update(self.customs.get(issue.id, {}))
        for name, value in self.others[issue.id].items():
            if name in fields:  # a feature may fill more fields than the wanted ones
                fields[name] = value
        if self.comments is not None:
            fields["comment"] = self.comments.get(issue.id)
        return fields

    def document(self, issue: Issue) -> dict[str, Any]:
        fields = self._fields(issue)
        if "parent" in fields and fields["parent"] is None:
            del fields["parent"]
        body: dict[str, Any] = {"expand": EXPANDABLE, "id": str(issue.id), "self": issue_self(self.ctx, issue),
                                "key": issue.key}
        expand = self.expanded
        if "versionedRepresentations" in expand:
            body["versionedRepresentations"] = {name: {"1": value} for name, value in fields.items()}
        else:
            body["fields"] = fields
        if "renderedFields" in expand:
            body["renderedFields"] = _rendered(issue, fields)
        if "names" in expand or "schema" in expand:
            names, schema = self._describe(fields)
            if "names" in expand:
                body["names"] = names
            if "schema" in expand:
                body["schema"] = schema
        if "changelog" in expand:
            body["changelog"] = self.changelogs.get(issue.id) or _changelog_json([])
        if self.view.properties is not None:
            body["properties"] = self.properties.get(str(issue.id), {})
        return body

    def _describe(self, fields: dict[str, Any]) -> tuple[dict[str, Any], dict[str, Any]]:
        """Names and schemas of the fields shown: the same for every issue of the page showing the same fields."""
        key = tuple(fields)
        found = self._descriptions.get(key)
        if found is None:
            names = {d.id: d.name for d in self.defs if d.id in fields}
            schema = {d.id: d.schema for d in self.defs if d.id in fields and d.schema is not None}
            found = self._descriptions[key] = (names, schema)
        return found


def _rendered(issue: Issue, fields: dict[str, Any]) -> dict[str, Any]:
    rendered: dict[str, Any] = dict.fromkeys(fields)
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
        rendered["comment"] = _rendered_comments(fields["comment"])
    return rendered


def _rendered_comments(page: dict[str, Any] | None) -> dict[str, Any] | None:
    if page is None:
        return None
    comments = [{**c, "body": render_wiki(c.get("body"))} for c in page.get("comments", [])]
    return {**page, "comments": comments}


def _changelog_json(histories: list[dict[str, Any]]) -> dict[str, Any]:
    """expand=changelog: every history, in the older {startAt, maxResults, total, histories}."""
    return {"startAt": 0, "maxResults": len(histories), "total": len(histories), "histories": histories}


def _changelogs(ctx: RequestContext, issue_ids: list[int]) -> dict[int, dict[str, Any]]:
    """The expanded changelog of every issue of the page, in one load."""
    histories: dict[int, list[dict[str, Any]]] = {i: [] for i in issue_ids}
    if issue_ids:
        for group, author, items in load_groups(ctx.db, issue_ids):
            histories[group.issue_id].append(history_json(ctx, group, author, items))
    return {issue_id: _changelog_json(found) for issue_id, found in histories.items()}


def _properties(ctx: RequestContext, issue_ids: list[int], keys: list[str]) -> dict[str, dict[str, Any]]:
    """The asked issue properties of every issue of the page, by issue id (as text), in one query."""
    found: dict[str, dict[str, Any]] = {str(i): {} for i in issue_ids}
    if not issue_ids:
        return found
    query = select(EntityProperty).where(EntityProperty.entity_type == "issue",
                                         EntityProperty.entity_id.in_(list(found)))
    if "*all" not in keys:
        query = query.where(EntityProperty.key.in_([k for k in keys if not k.startswith("-")]))
    excluded = {k[1:] for k in keys if k.startswith("-")}
    for prop in ctx.db.scalars(query.order_by(EntityProperty.key)):
        if prop.key not in excluded:
            found[prop.entity_id][prop.key] = prop.value
    return found

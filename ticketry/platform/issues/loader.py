"""Everything an issue's JSON needs, loaded for many issues at once in a constant number of queries."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection, Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from sqlalchemy import ColumnElement, func, literal_column, select
from sqlalchemy.orm import Session

from ticketry.core.config_cache import rows_by_id
from ticketry.db.id_lists import id_in
from ticketry.db.inline import NULL_DATE, constant
from ticketry.platform.components.models import Component
from ticketry.platform.issueconfig.models import IssueType, Priority, Resolution, Status, StatusCategory
from ticketry.platform.issues.contributions import Tallies, any_counted, part_row, tally
from ticketry.platform.issues.models import Issue, IssueComponent, IssueLabel, IssueVersion
from ticketry.platform.permissions.models import IssueSecurityLevel
from ticketry.platform.projects.models import Project
from ticketry.platform.users.models import User
from ticketry.platform.versions.models import Version


@dataclass
class Bundle:
    issues: list[Issue]
    projects: dict[int, Project] = field(default_factory=dict)
    types: dict[int, IssueType] = field(default_factory=dict)
    statuses: dict[int, Status] = field(default_factory=dict)
    categories: dict[int, StatusCategory] = field(default_factory=dict)
    priorities: dict[int, Priority] = field(default_factory=dict)
    resolutions: dict[int, Resolution] = field(default_factory=dict)
    users: dict[int, User] = field(default_factory=dict)
    levels: dict[int, IssueSecurityLevel] = field(default_factory=dict)
    labels: dict[int, list[str]] = field(default_factory=lambda: defaultdict(list))
    components: dict[int, list[Any]] = field(default_factory=lambda: defaultdict(list))  # rows shaped like Component
    versions: dict[tuple[int, str], list[Any]] = field(default_factory=lambda: defaultdict(list))  # ... like Version
    subtasks: dict[int, list[Issue]] = field(default_factory=lambda: defaultdict(list))
    parents: dict[int, Issue] = field(default_factory=dict)
    project_refs: dict[int, dict[str, Any]] = field(default_factory=dict)


_ISSUES_BY_ID = select(Issue).where(id_in(Issue.id, "ids"))


def config_by_id(db: Session, model: type, ids: set[int | None]) -> dict:  # type: ignore[type-arg]
    """Rows of a configuration table (issue types, statuses...) from the per-process cache: transient
    copies, read only."""
    rows: dict[int, Any] = rows_by_id(db, model)
    return {i: rows[i] for i in ids if i is not None and i in rows}


_LABEL, _COMPONENT = "label", "component"  # the other parts of `_load_links` are version kinds (fix, affects)

# The parts of the bundle each field needs; parts no wanted field needs are not loaded (None: every part).
SUBTASK_FIELDS = frozenset({"subtasks", "aggregatetimespent", "aggregatetimeoriginalestimate",
                            "aggregatetimeestimate", "aggregateprogress"})
USER_FIELDS = frozenset({"assignee", "reporter", "creator"})


def subtasks_of(db: Session, parent_ids: list[int]) -> ColumnElement[bool]:
    """Issues whose parent is one of these. SQLite's statistics count every issue without a parent as one
    value, so after ANALYZE its planner takes the parent index for useless and scans all issues; the
    likelihood tells it the condition is selective."""
    condition = Issue.parent_id.in_(parent_ids)
    if db.get_bind().dialect.name == "sqlite":
        return func.likelihood(condition, literal_column("0.001"))  # type: ignore[no-any-return]
    return condition


def people_of(issues: list[Issue], wanted: Collection[str] | None = None) -> list[int]:
    """The users the wanted fields name (assignee, reporter, creator): the caller loads them with the
    other users of the page (`issues/people.py`) and sets `Bundle.users`."""
    if wanted is not None and not USER_FIELDS.intersection(wanted):
        return []
    return [u for i in issues for u in (i.assignee_id, i.reporter_id, i.creator_id) if u is not None]


@lru_cache(maxsize=4)
def _subtasks_statement(dialect: str) -> Any:
    condition: ColumnElement[bool] = id_in(Issue.parent_id, "ids")
    if dialect == "sqlite":  # see subtasks_of
        condition = func.likelihood(condition, literal_column("0.001"))
    return select(Issue).where(condition).order_by(Issue.id)


@lru_cache(maxsize=4)
def _subtask_tallies(dialect: str) -> tuple[Any, ...]:
    condition: ColumnElement[bool] = id_in(Issue.parent_id, "ids")
    if dialect == "sqlite":  # see subtasks_of
        condition = func.likelihood(condition, literal_column("0.001"))
    return (tally(Issue.parent_id, "subtasks", where=condition),)


def own_tallies(db: Session, wanted: Collection[str]) -> tuple[Any, ...]:
    """The tally of sub-tasks (`contributions.count_parts`), when a wanted field shows them."""
    return _subtask_tallies(db.get_bind().dialect.name) if SUBTASK_FIELDS.intersection(wanted) else ()


def load_bundle(db: Session, issues: list[Issue], wanted: Collection[str] | None = None,
                tallies: Tallies | None = None, links: Iterable[Any] = ()) -> Bundle:
    """`tallies` (with `own_tallies`' counts): sub-tasks are read only for issues counted with some. `links`: the
    rows of `link_parts`, read with the tallies."""
    bundle = Bundle(issues)
    ids = [i.id for i in issues]
    if not ids:
        return bundle
    needs = set(wanted) if wanted is not None else None
    if (needs is None or needs & SUBTASK_FIELDS) and (tallies is None or any_counted(tallies, issues, "subtasks")):
        for sub in db.scalars(_subtasks_statement(db.get_bind().dialect.name), {"ids": ids}):
            bundle.subtasks[sub.parent_id or 0].append(sub)
    parent_ids = {i.parent_id for i in issues if i.parent_id is not None}
    if (needs is None or "parent" in needs) and parent_ids:
        bundle.parents = {p.id: p for p in db.scalars(_ISSUES_BY_ID, {"ids": sorted(parent_ids)})}
    related = [*issues, *bundle.parents.values(), *(s for subs in bundle.subtasks.values() for s in subs)]
    if needs is None or "project" in needs:
        bundle.projects = config_by_id(db, Project, {i.project_id for i in issues})
    bundle.types = config_by_id(db, IssueType, {i.issue_type_id for i in related})
    bundle.statuses = config_by_id(db, Status, {i.status_id for i in related})
    bundle.categories = config_by_id(db, StatusCategory, {s.category_id for s in bundle.statuses.values()})
    bundle.priorities = config_by_id(db, Priority, {i.priority_id for i in related})
    bundle.resolutions = config_by_id(db, Resolution, {i.resolution_id for i in issues})
    bundle.levels = config_by_id(db, IssueSecurityLevel, {i.security_level_id for i in issues})
    _load_links(bundle, links)
    return bundle


def link_parts(wanted: Collection[str] | None) -> tuple[Any, ...]:
    """The selects of the labels, components and versions the wanted fields show, for
    `contributions.count_parts` (which runs them with the tallies, in one statement)."""
    needs = set(wanted) if wanted is not None else None
    return _link_parts(needs is None or bool(needs & {"versions", "fixVersions"}),
                       needs is None or "components" in needs, needs is None or "labels" in needs)


def _load_links(bundle: Bundle, rows: Iterable[Any]) -> None:
    """Rows are plain rows shaped like the entities the renderers read (id, name, description...)."""
    for row in rows:
        if row.part == _LABEL:
            bundle.labels[row.issue_id].append(row.name)
        elif row.part == _COMPONENT:
            bundle.components[row.issue_id].append(row)
        else:
            bundle.versions[(row.issue_id, row.part)].append(row)


@lru_cache(maxsize=8)
def _link_parts(versions: bool, components: bool, labels: bool) -> tuple[Any, ...]:
    """Built once per combination: building a statement costs more than running it."""
    parts = []
    if versions:  # first: the union takes its column types
        parts.append(part_row(IssueVersion.issue_id, IssueVersion.kind, Version.id, Version.name, Version.description,
                              Version.archived, Version.released, Version.release_date, Version.sequence, constant(""))
                     .join(Version, Version.id == IssueVersion.version_id).where(id_in(IssueVersion.issue_id, "ids")))
    if components:
        parts.append(part_row(IssueComponent.issue_id, constant(_COMPONENT), Component.id, Component.name,
                              Component.description, Component.archived, constant(False), NULL_DATE, constant(0),
                              Component.name)
                     .join(Component, Component.id == IssueComponent.component_id)
                     .where(id_in(IssueComponent.issue_id, "ids")))
    if labels:
        parts.append(part_row(IssueLabel.issue_id, constant(_LABEL), constant(0), IssueLabel.label, constant(""),
                              constant(False), constant(False), NULL_DATE, constant(0), IssueLabel.label)
                     .where(id_in(IssueLabel.issue_id, "ids")))
    return tuple(parts)

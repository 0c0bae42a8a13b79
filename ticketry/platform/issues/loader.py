"""Everything an issue's JSON needs, loaded for many issues at once in a constant number of queries."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from ticketry.platform.components.models import Component
from ticketry.platform.issueconfig.models import IssueType, Priority, Resolution, Status, StatusCategory
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
    components: dict[int, list[Component]] = field(default_factory=lambda: defaultdict(list))
    versions: dict[tuple[int, str], list[Version]] = field(default_factory=lambda: defaultdict(list))
    subtasks: dict[int, list[Issue]] = field(default_factory=lambda: defaultdict(list))
    parents: dict[int, Issue] = field(default_factory=dict)
    project_refs: dict[int, dict[str, Any]] = field(default_factory=dict)


def _by_id(db: Session, model: type, ids: set[int | None]) -> dict:  # type: ignore[type-arg]
    wanted = {i for i in ids if i is not None}
    if not wanted:
        return {}
    rows: list[Any] = list(db.scalars(select(model).where(model.id.in_(wanted))))  # type: ignore[attr-defined]
    return {row.id: row for row in rows}


def load_bundle(db: Session, issues: list[Issue]) -> Bundle:
    bundle = Bundle(issues)
    ids = [i.id for i in issues]
    if not ids:
        return bundle
    for sub in db.scalars(select(Issue).where(Issue.parent_id.in_(ids)).order_by(Issue.id)):
        bundle.subtasks[sub.parent_id or 0].append(sub)
    bundle.parents = _by_id(db, Issue, {i.parent_id for i in issues})
    related = [*issues, *bundle.parents.values(), *(s for subs in bundle.subtasks.values() for s in subs)]
    bundle.projects = _by_id(db, Project, {i.project_id for i in issues})
    bundle.types = _by_id(db, IssueType, {i.issue_type_id for i in related})
    bundle.statuses = _by_id(db, Status, {i.status_id for i in related})
    bundle.categories = _by_id(db, StatusCategory, {s.category_id for s in bundle.statuses.values()})
    bundle.priorities = _by_id(db, Priority, {i.priority_id for i in related})
    bundle.resolutions = _by_id(db, Resolution, {i.resolution_id for i in issues})
    bundle.levels = _by_id(db, IssueSecurityLevel, {i.security_level_id for i in issues})
    bundle.users = _by_id(db, User, {u for i in issues for u in (i.assignee_id, i.reporter_id, i.creator_id)})
    _load_links(db, bundle, ids)
    return bundle


def _load_links(db: Session, bundle: Bundle, ids: list[int]) -> None:
    for issue_id, label in db.execute(select(IssueLabel.issue_id, IssueLabel.label)
                                      .where(IssueLabel.issue_id.in_(ids)).order_by(IssueLabel.label)):
        bundle.labels[issue_id].append(label)
    for issue_id, component in db.execute(
            select(IssueComponent.issue_id, Component).join(Component, Component.id == IssueComponent.component_id)
            .where(IssueComponent.issue_id.in_(ids)).order_by(Component.name, Component.id)):
        bundle.components[issue_id].append(component)
    for issue_id, kind, version in db.execute(
            select(IssueVersion.issue_id, IssueVersion.kind, Version)
            .join(Version, Version.id == IssueVersion.version_id)
            .where(IssueVersion.issue_id.in_(ids)).order_by(Version.sequence, Version.id)):
        bundle.versions[(issue_id, kind)].append(version)

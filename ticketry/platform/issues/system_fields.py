"""Input handlers of Jira's editable system fields: parse a value, compare with the issue, store it.

Scalar fields live on the issue row; labels, components and versions in link tables, loaded once
per edit into `LinkState`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ticketry.core.timefmt import parse_date
from ticketry.db.base import utcnow
from ticketry.platform.components.models import Component
from ticketry.platform.issueconfig.models import Priority, Resolution
from ticketry.platform.issues.changelog import Change
from ticketry.platform.issues.durations import WorkTime
from ticketry.platform.issues.inputs import FieldError, as_int, ref_id, ref_name, user_identifier
from ticketry.platform.issues.models import Issue, IssueComponent, IssueLabel, IssueVersion
from ticketry.platform.permissions.models import IssueSecurityLevel
from ticketry.platform.projects.models import Project
from ticketry.platform.users.models import User
from ticketry.platform.users.service import find_user
from ticketry.platform.versions.models import Version

AUTOMATIC = "-1"


@dataclass
class Env:
    db: Session
    project: Project
    user: User | None
    work: WorkTime


@dataclass
class LinkState:
    labels: list[str] = field(default_factory=list)
    components: list[Component] = field(default_factory=list)
    versions: dict[str, list[Version]] = field(default_factory=lambda: {"affects": [], "fix": []})


def load_links(db: Session, issue_id: int | None) -> LinkState:
    state = LinkState()
    if issue_id is None:
        return state
    state.labels = list(db.scalars(select(IssueLabel.label).where(IssueLabel.issue_id == issue_id)
                                   .order_by(IssueLabel.label)))
    state.components = list(db.scalars(
        select(Component).join(IssueComponent, IssueComponent.component_id == Component.id)
        .where(IssueComponent.issue_id == issue_id).order_by(Component.name)))
    for version, kind in db.execute(
            select(Version, IssueVersion.kind).join(IssueVersion, IssueVersion.version_id == Version.id)
            .where(IssueVersion.issue_id == issue_id).order_by(Version.sequence, Version.id)):
        state.versions.setdefault(kind, []).append(version)
    return state


class SystemField:
    id = ""
    change_name = ""
    multi = False

    def parse(self, env: Env, raw: Any) -> Any:
        raise NotImplementedError

    def parse_item(self, env: Env, raw: Any) -> Any:
        raise FieldError(f"Field '{self.id}' does not support add or remove.")

    def current(self, issue: Issue, links: LinkState) -> Any:
        raise NotImplementedError

    def store(self, env: Env, issue: Issue, links: LinkState, value: Any) -> list[Change]:
        raise NotImplementedError


class TextField(SystemField):
    def __init__(self, field_id: str, attr: str, *, limit: int | None = None) -> None:
        self.id = self.change_name = field_id
        self.attr = attr
        self.limit = limit

    def parse(self, env: Env, raw: Any) -> Any:
        if raw is not None and not isinstance(raw, str):
            raise FieldError(f"Field '{self.id}' expects a string.")
        text = raw if raw else None
        if self.id == "summary":
            if text is None or not text.strip():
                raise FieldError("You must specify a summary of the issue.")
            text = text.strip()
            if "\n" in text or "\r" in text:
                raise FieldError("The summary is invalid because it contains newline characters.")
        if text is not None and self.limit is not None and len(text) > self.limit:
            raise FieldError(f"Summary must be less than {self.limit} characters.")
        return text

    def current(self, issue: Issue, links: LinkState) -> Any:
        return getattr(issue, self.attr)

    def store(self, env: Env, issue: Issue, links: LinkState, value: Any) -> list[Change]:
        old = getattr(issue, self.attr)
        if old == value:
            return []
        setattr(issue, self.attr, value)
        return [Change(self.change_name, None, old, None, value)]


class PriorityField(SystemField):
    id = change_name = "priority"

    def parse(self, env: Env, raw: Any) -> Any:
        if raw is None:
            return None
        raw_id, name = ref_id(raw), ref_name(raw)
        if raw_id is not None:
            pid = as_int(raw_id)
            found = env.db.get(Priority, pid) if pid is not None else None
            if found is None:
                raise FieldError(f"Invalid priority id '{raw_id}'")
            return found
        if name is None:
            raise FieldError("Could not find valid 'id' or 'name' in priority object.")
        found = env.db.scalars(select(Priority).where(func.lower(Priority.name) == name.lower())).first()
        if found is None:
            raise FieldError(f"Invalid priority name '{name}'")
        return found

    def current(self, issue: Issue, links: LinkState) -> Any:
        return issue.priority_id

    def store(self, env: Env, issue: Issue, links: LinkState, value: Any) -> list[Change]:
        new_id = value.id if value is not None else None
        if issue.priority_id == new_id:
            return []
        old = env.db.get(Priority, issue.priority_id) if issue.priority_id else None
        issue.priority_id = new_id
        return [Change("priority", _s(old.id if old else None), _name(old), _s(new_id), _name(value))]


class ResolutionField(SystemField):
    id = change_name = "resolution"

    def parse(self, env: Env, raw: Any) -> Any:
        if raw is None:
            return None
        rid, name = as_int(ref_id(raw)), ref_name(raw)
        found = env.db.get(Resolution, rid) if rid is not None else (
            env.db.scalars(select(Resolution).where(func.lower(Resolution.name) == name.lower())).first()
            if name else None)
        if found is None:
            raise FieldError("Could not find valid 'id' or 'name' in resolution object.")
        return found

    def current(self, issue: Issue, links: LinkState) -> Any:
        return issue.resolution_id

    def store(self, env: Env, issue: Issue, links: LinkState, value: Any) -> list[Change]:
        new_id = value.id if value is not None else None
        if issue.resolution_id == new_id:
            return []
        old = env.db.get(Resolution, issue.resolution_id) if issue.resolution_id else None
        issue.resolution_id = new_id
        issue.resolution_date = utcnow() if new_id is not None else None
        return [Change("resolution", _s(old.id if old else None), _name(old), _s(new_id), _name(value))]


class UserField(SystemField):
    def __init__(self, field_id: str, attr: str) -> None:
        self.id = self.change_name = field_id
        self.attr = attr

    def parse(self, env: Env, raw: Any) -> Any:
        if raw is None:
            return None
        ident = user_identifier(raw)
        if ident is None:
            if isinstance(raw, dict) and not raw:
                return None
            raise FieldError(f"Could not find valid 'name' or 'accountId' in {self.id} object.")
        if self.id == "assignee" and ident == AUTOMATIC:
            return AUTOMATIC
        user = find_user(env.db, ident)
        if user is None or not user.active:
            if self.id == "reporter":
                raise FieldError("The reporter specified is not a user.")
            raise FieldError(f"User '{ident}' does not exist.")
        return user

    def current(self, issue: Issue, links: LinkState) -> Any:
        return getattr(issue, self.attr)

    def store(self, env: Env, issue: Issue, links: LinkState, value: Any) -> list[Change]:
        new_id = value.id if value is not None else None
        old_id = getattr(issue, self.attr)
        if old_id == new_id:
            return []
        old = env.db.get(User, old_id) if old_id else None
        setattr(issue, self.attr, new_id)
        return [Change(self.change_name, old.key if old else None, old.display_name if old else None,
                       value.key if value else None, value.display_name if value else None)]


class DueDateField(SystemField):
    id = change_name = "duedate"

    def parse(self, env: Env, raw: Any) -> Any:
        if raw is None or raw == "":
            return None
        if not isinstance(raw, str):
            raise FieldError(f"Error parsing date string: {raw}")
        try:
            return parse_date(raw)
        except ValueError:
            raise FieldError(f"Error parsing date string: {raw}") from None

    def current(self, issue: Issue, links: LinkState) -> Any:
        return issue.due_date

    def store(self, env: Env, issue: Issue, links: LinkState, value: Any) -> list[Change]:
        old: date | None = issue.due_date
        if old == value:
            return []
        issue.due_date = value
        return [Change("duedate", _s(old), _s(old and f"{old} 00:00:00.0"),
                       _s(value), _s(value and f"{value} 00:00:00.0"))]


class SecurityField(SystemField):
    id = change_name = "security"

    def parse(self, env: Env, raw: Any) -> Any:
        if raw is None:
            return None
        level_id, name = as_int(ref_id(raw)), ref_name(raw)
        query = select(IssueSecurityLevel).where(
            IssueSecurityLevel.scheme_id == env.project.issue_security_scheme_id)
        if level_id is not None:
            level = env.db.scalars(query.where(IssueSecurityLevel.id == level_id)).first()
        elif name is not None:
            level = env.db.scalars(query.where(IssueSecurityLevel.name == name)).first()
        else:
            level = None
        if level is None or env.project.issue_security_scheme_id is None:
            raise FieldError(f"Security Level with ID '{ref_id(raw) or name}' does not exist.")
        return level

    def current(self, issue: Issue, links: LinkState) -> Any:
        return issue.security_level_id

    def store(self, env: Env, issue: Issue, links: LinkState, value: Any) -> list[Change]:
        new_id = value.id if value is not None else None
        if issue.security_level_id == new_id:
            return []
        old = env.db.get(IssueSecurityLevel, issue.security_level_id) if issue.security_level_id else None
        issue.security_level_id = new_id
        return [Change("security", _s(old.id if old else None), _name(old), _s(new_id), _name(value))]


def _s(value: Any) -> str | None:
    return None if value is None else str(value)


def _name(entity: Any) -> str | None:
    return entity.name if entity is not None else None

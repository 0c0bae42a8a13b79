"""Who may do what: the one place that evaluates global permissions, permission scheme grants and issue
security levels. Enforcement, `mypermissions` and the JQL permission filter all ask this module.

A caller's facts (groups, applications, project roles) and the grants of each permission asked are read
once per request and kept on the request context, so a request asks the database a constant number of
questions however many checks it makes.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from sqlalchemy import ColumnElement, and_, exists, false, func, or_, select, true
from sqlalchemy.orm import Session

from ticketry.core.context import RequestContext
from ticketry.platform.fields.models import CustomFieldValue
from ticketry.platform.issues.models import Issue
from ticketry.platform.permissions import catalog as c
from ticketry.platform.permissions.models import GlobalPermissionGrant, IssueSecurityLevelMember, PermissionGrant
from ticketry.platform.projects.models import Project, ProjectRoleActor
from ticketry.platform.users.models import ApplicationRoleGroup, Group, GroupMembership, User

Holder = tuple[str, str | None]


@dataclass
class Verdict:
    """A permission in one project: granted outright, and/or through holders the issue decides."""

    static: bool = False
    issue_holders: list[Holder] = field(default_factory=list)

    @property
    def possible(self) -> bool:
        return self.static or bool(self.issue_holders)


class Access:
    """One caller's permissions, evaluated lazily and remembered for the request."""

    def __init__(self, db: Session, user: User | None):
        self.db = db
        self.user = user if user is not None and user.active else None
        self._groups: dict[int, str] | None = None
        self._applications: set[str] = set()
        self._globals: set[str] | None = None
        self._grants: dict[str, dict[int, list[Holder]]] = {}
        self._projects: dict[int, tuple[int, int | None]] = {}
        self._all_projects_loaded = False
        self._roles: dict[int, set[int]] | None = None
        self._levels: dict[int, list[Holder]] | None = None

    # -- who the caller is

    @property
    def user_id(self) -> int | None:
        return self.user.id if self.user is not None else None

    def groups(self) -> set[str]:
        """Lower-case names of the caller's groups."""
        return set(self._load_groups().values())

    def _load_groups(self) -> dict[int, str]:
        if self._groups is None:
            self._groups = {}
            if self.user is not None:
                rows = self.db.execute(
                    select(Group.id, Group.lower_name, ApplicationRoleGroup.role_key)
                    .join(GroupMembership, GroupMembership.group_id == Group.id)
                    .outerjoin(ApplicationRoleGroup, ApplicationRoleGroup.group_id == Group.id)
                    .where(GroupMembership.user_id == self.user.id)
                )
                for group_id, name, application in rows:
                    self._groups[group_id] = name
                    if application is not None:
                        self._applications.add(application)
        return self._groups

    def has_application_access(self, application: str | None = None) -> bool:
        self._load_groups()
        return bool(self._applications) if application is None else application in self._applications

    def roles_in(self, project_id: int) -> set[int]:
        return self._load_roles().get(project_id, set())

    def _load_roles(self) -> dict[int, set[int]]:
        if self._roles is None:
            self._roles = defaultdict(set)
            if self.user is not None:
                group_ids = list(self._load_groups())
                actor = ProjectRoleActor.user_id == self.user.id
                if group_ids:
                    actor = or_(actor, ProjectRoleActor.group_id.in_(group_ids))
                rows = self.db.execute(select(ProjectRoleActor.project_id, ProjectRoleActor.role_id).where(
                    ProjectRoleActor.project_id.is_not(None), actor))
                for project_id, role_id in rows:
                    if project_id is not None:
                        self._roles[project_id].add(role_id)
        return self._roles

    # -- global permissions

    def has_global(self, key: str) -> bool:
        if self._globals is None:
            self._globals = set()
            groups = self.groups()
            for permission, group in self.db.execute(
                select(GlobalPermissionGrant.permission, GlobalPermissionGrant.group_name)
            ):
                if group is None or group.lower() in groups:
                    self._globals.add(permission)
            if "SYSTEM_ADMIN" in self._globals:
                self._globals.add("ADMINISTER")
        return key in self._globals

    def is_admin(self) -> bool:
        return self.has_global("ADMINISTER")

    # -- project permissions

    def _grants_of(self, key: str) -> dict[int, list[Holder]]:
        if key not in self._grants:
            by_scheme: dict[int, list[Holder]] = defaultdict(list)
            for scheme_id, holder, parameter in self.db.execute(
                select(PermissionGrant.scheme_id, PermissionGrant.holder_type, PermissionGrant.parameter)
                .where(PermissionGrant.permission == key)
            ):
                by_scheme[scheme_id].append((holder, parameter))
            self._grants[key] = by_scheme
        return self._grants[key]

    def _project(self, project_id: int) -> tuple[int, int | None] | None:
        if project_id not in self._projects and not self._all_projects_loaded:
            row = self.db.execute(
                select(Project.permission_scheme_id, Project.lead_id).where(Project.id == project_id)
            ).first()
            if row is not None:
                self._projects[project_id] = (row[0], row[1])
        return self._projects.get(project_id)

    def _all_projects(self) -> dict[int, tuple[int, int | None]]:
        if not self._all_projects_loaded:
            for project_id, scheme_id, lead_id in self.db.execute(
                select(Project.id, Project.permission_scheme_id, Project.lead_id)
            ):
                self._projects[project_id] = (scheme_id, lead_id)
            self._all_projects_loaded = True
        return self._projects

    def _caller_holds(self, holder: Holder, project_id: int, lead_id: int | None) -> bool:
        """Holders decided by who the caller is (not by an issue)."""
        kind, parameter = holder
        if kind == c.ANYONE:
            return True
        if self.user is None:
            return False
        if kind == c.APPLICATION_ROLE:
            return self.has_application_access(parameter or None)
        if kind == c.GROUP:
            return parameter is not None and parameter.lower() in self.groups()
        if kind == c.USER:
            return parameter == self.user.key
        if kind == c.PROJECT_LEAD:
            return lead_id == self.user.id
        if kind == c.PROJECT_ROLE:
            return parameter is not None and parameter.isdigit() and int(parameter) in self.roles_in(project_id)
        return False

    def verdict(self, key: str, project_id: int) -> Verdict:
        key = c.canonical(key) or key
        project = self._project(project_id)
        if project is None:
            return Verdict()
        return self._verdict(key, project_id, *project)

    def _verdict(self, key: str, project_id: int, scheme_id: int, lead_id: int | None) -> Verdict:
        verdict = Verdict()
        for holder in self._grants_of(key).get(scheme_id, []):
            if holder[0] in c.ISSUE_HOLDERS:
                if self.user is not None:
                    verdict.issue_holders.append(holder)
            elif not verdict.static and self._caller_holds(holder, project_id, lead_id):
                verdict.static = True
        return verdict

    def can(self, key: str, project_id: int) -> bool:
        """The permission in a project: outright, or through any issue (reporter, assignee...) as Jira says
        for a project context."""
        return self.verdict(key, project_id).possible

    def projects_with(self, key: str) -> set[int]:
        key = c.canonical(key) or key
        return {pid for pid, (scheme, lead) in self._all_projects().items()
                if self._verdict(key, pid, scheme, lead).possible}

    # -- issues

    def can_on_issue(self, key: str, issue: Issue) -> bool:
        verdict = self.verdict(key, issue.project_id)
        if verdict.static:
            return True
        return any(self._issue_holds(holder, issue) for holder in verdict.issue_holders)

    def _issue_holds(self, holder: Holder, issue: Issue) -> bool:
        kind, parameter = holder
        uid = self.user_id
        if uid is None:
            return False
        if kind == c.REPORTER:
            return issue.reporter_id == uid
        if kind == c.ASSIGNEE:
            return issue.assignee_id == uid
        return self.db.scalar(select(self._custom_field_holds(holder, issue.id))) is True

    def _custom_field_holds(self, holder: Holder, issue_id: object) -> ColumnElement[bool]:
        kind, parameter = holder
        field_id = _custom_field_id(parameter)
        if field_id is None:
            return false()
        if kind == c.USER_CUSTOM_FIELD:
            who = CustomFieldValue.user_id == self.user_id
        else:
            groups = self.groups()
            if not groups:
                return false()
            who = func.lower(CustomFieldValue.group_name).in_(sorted(groups))
        return exists().where(CustomFieldValue.issue_id == issue_id, CustomFieldValue.field_id == field_id, who)

    def can_see(self, issue: Issue) -> bool:
        return self.can_on_issue("BROWSE_PROJECTS", issue) and self.in_security_level(issue)

    def in_security_level(self, issue: Issue) -> bool:
        if issue.security_level_id is None:
            return True
        project = self._project(issue.project_id)
        lead_id = project[1] if project is not None else None
        for holder in self._level_members().get(issue.security_level_id, []):
            if holder[0] in c.ISSUE_HOLDERS:
                if self._issue_holds(holder, issue):
                    return True
            elif self._caller_holds(holder, issue.project_id, lead_id):
                return True
        return False

    def may_hold_level(self, level_id: int, project_id: int) -> bool:
        """In a project context: a member of the level outright, or possibly through an issue (reporter...)."""
        project = self._project(project_id)
        lead_id = project[1] if project is not None else None
        for holder in self._level_members().get(level_id, []):
            if holder[0] in c.ISSUE_HOLDERS:
                if self.user is not None:
                    return True
            elif self._caller_holds(holder, project_id, lead_id):
                return True
        return False

    def _level_members(self) -> dict[int, list[Holder]]:
        if self._levels is None:
            self._levels = defaultdict(list)
            for level_id, holder, parameter in self.db.execute(select(
                IssueSecurityLevelMember.level_id, IssueSecurityLevelMember.holder_type,
                IssueSecurityLevelMember.parameter,
            )):
                self._levels[level_id].append((holder, parameter))
        return self._levels

    # -- SQL conditions over Issue, for search and listings

    def issue_condition(self, key: str = "BROWSE_PROJECTS") -> ColumnElement[bool]:
        """Issues the caller holds `key` on, and may see through their security level."""
        return and_(self._permission_condition(c.canonical(key) or key), self._security_condition())

    def _permission_condition(self, key: str) -> ColumnElement[bool]:
        projects = self._all_projects()
        static: list[int] = []
        by_holder: dict[Holder, list[int]] = defaultdict(list)
        for pid, (scheme, lead) in projects.items():
            verdict = self._verdict(key, pid, scheme, lead)
            if verdict.static:
                static.append(pid)
            else:
                for holder in verdict.issue_holders:
                    by_holder[holder].append(pid)
        parts: list[ColumnElement[bool]] = []
        if static:
            parts.append(true() if len(static) == len(projects) else Issue.project_id.in_(sorted(static)))
        for holder, pids in by_holder.items():
            parts.append(and_(Issue.project_id.in_(sorted(pids)), self._issue_holder_condition(holder)))
        return or_(*parts) if parts else false()

    def _issue_holder_condition(self, holder: Holder) -> ColumnElement[bool]:
        if holder[0] == c.REPORTER:
            return Issue.reporter_id == self.user_id
        if holder[0] == c.ASSIGNEE:
            return Issue.assignee_id == self.user_id
        return self._custom_field_holds(holder, Issue.id)

    def _security_condition(self) -> ColumnElement[bool]:
        levels = self._level_members()
        if not levels:
            return Issue.security_level_id.is_(None)
        static: list[int] = []
        parts: list[ColumnElement[bool]] = [Issue.security_level_id.is_(None)]
        for level_id, holders in levels.items():
            projects: set[int] = set()
            for holder in holders:
                if holder[0] in c.ISSUE_HOLDERS:
                    if self.user is not None:
                        parts.append(and_(Issue.security_level_id == level_id, self._issue_holder_condition(holder)))
                elif holder[0] in (c.PROJECT_ROLE, c.PROJECT_LEAD):
                    projects |= {pid for pid, (_s, lead) in self._all_projects().items()
                                 if self._caller_holds(holder, pid, lead)}
                elif self._caller_holds(holder, 0, None):
                    static.append(level_id)
                    break
            else:
                if projects:
                    parts.append(and_(Issue.security_level_id == level_id, Issue.project_id.in_(sorted(projects))))
        if static:
            parts.append(Issue.security_level_id.in_(sorted(set(static))))
        return or_(*parts)


def _custom_field_id(parameter: str | None) -> int | None:
    text = (parameter or "").removeprefix("customfield_")
    return int(text) if text.isdigit() else None


def access(ctx: RequestContext) -> Access:
    """The caller's permissions, made once per request."""
    found = ctx.extras.get("access")
    if isinstance(found, Access) and found.user is (ctx.user if ctx.user is not None and ctx.user.active else None):
        return found
    made = Access(ctx.db, ctx.user)
    ctx.extras["access"] = made
    return made


def access_for(db: Session, user: User | None) -> Access:
    """For code that has no request context (jobs, mail): a fresh evaluation."""
    return Access(db, user)

"""Who may do what: the one place that evaluates global permissions, permission scheme grants and issue
security levels. Enforcement, `mypermissions` and the JQL permission filter all ask this module.

The configuration it evaluates (grants, schemes of projects, role actors, security level members, group
memberships) comes from the per-process configuration cache (`ticketry.core.config_cache`), so a request
asks the database nothing about it while configuration is unchanged; a caller's facts derived from it are
kept on the request context.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import ColumnElement, and_, exists, false, func, or_, select, true
from sqlalchemy.orm import Session

from ticketry.core.config_cache import cached
from ticketry.core.context import RequestContext
from ticketry.db.id_lists import ids_in
from ticketry.platform.fields.models import CustomFieldValue
from ticketry.platform.issues.models import Issue
from ticketry.platform.permissions import catalog as c
from ticketry.platform.permissions.models import (
    GlobalPermissionGrant,
    IssueSecurityLevel,
    IssueSecurityLevelMember,
    PermissionGrant,
)
from ticketry.platform.projects.models import Project, ProjectRole, ProjectRoleActor
from ticketry.platform.users.models import ApplicationRoleGroup, Group, GroupMembership, User

Holder = tuple[str, str | None]
ProjectFacts = tuple[int, int | None]  # a project's permission scheme and lead
RoleMemberships = tuple[tuple[int, int], ...]  # (project, role) pairs


@dataclass(frozen=True)
class _UserGroups:
    names: dict[int, str]  # group id -> lower-case name
    applications: frozenset[str]


@dataclass(frozen=True)
class _RoleActors:
    """Project role actors of every project (default actors are not memberships), by user and by group."""

    by_user: dict[int, RoleMemberships]
    by_group: dict[int, RoleMemberships]


@dataclass
class Verdict:
    """A permission in one project: granted outright, and/or through holders the issue decides."""

    static: bool = False
    issue_holders: list[Holder] = field(default_factory=list)

    @property
    def possible(self) -> bool:
        return self.static or bool(self.issue_holders)


class _Walks(dict[tuple[int | None, str], tuple[list[int], dict[Holder, list[int]]]]):
    """Walks of every project's grants by (caller, permission), filled as requests go within one configuration
    generation. Entries never change once made (callers only read them); past the bound they are all dropped."""

    LIMIT = 2048

    def keep(self, key: tuple[int | None, str], walk: tuple[list[int], dict[Holder, list[int]]]
             ) -> tuple[list[int], dict[Holder, list[int]]]:
        if len(self) >= self.LIMIT:
            self.clear()
        self[key] = walk
        return walk


class Access:
    """One caller's permissions, evaluated lazily and remembered for the request."""

    def __init__(self, db: Session, user: User | None):
        self.db = db
        self.user = user if user is not None and user.active else None
        self._groups: dict[int, str] | None = None
        self._applications: frozenset[str] = frozenset()
        self._globals: set[str] | None = None
        self._roles: dict[int, set[int]] | None = None
        # The configuration this evaluation uses, taken from the cache once (a request sees one state of it).
        self._configuration: dict[str, Any] = {}
        # A search asks twice (its condition, and whether it holds everywhere): each walk is every project.
        self._by_project: dict[str, tuple[list[int], dict[Holder, list[int]]]] = {}

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
                user_id = self.user.id
                found = cached(self.db, ("user_groups", user_id), lambda db: _load_user_groups(db, user_id))
                self._groups = dict(found.names)
                self._applications = found.applications
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
                actors: _RoleActors = self._config("role_actors", _load_role_actors)
                memberships = [actors.by_user.get(self.user.id, ())]
                memberships += [actors.by_group.get(group_id, ()) for group_id in self._load_groups()]
                for pairs in memberships:
                    for project_id, role_id in pairs:
                        self._roles[project_id].add(role_id)
        return self._roles

    # -- global permissions

    def has_global(self, key: str) -> bool:
        if self._globals is None:
            self._globals = set()
            groups = self.groups()
            for permission, group in self._config("global_grants", _load_global_grants):
                if group is None or group.lower() in groups:
                    self._globals.add(permission)
            if "SYSTEM_ADMIN" in self._globals:
                self._globals.add("ADMINISTER")
        return key in self._globals

    def is_admin(self) -> bool:
        return self.has_global("ADMINISTER")

    # -- project permissions

    def _grants_of(self, key: str) -> dict[int, tuple[Holder, ...]]:
        """The holders of a permission, by permission scheme."""
        grants: dict[str, dict[int, tuple[Holder, ...]]] = self._config("permission_grants", _load_permission_grants)
        return grants.get(key, {})

    def _project(self, project_id: int) -> ProjectFacts | None:
        found = self._all_projects().get(project_id)
        if found is None and "project_facts" in self._configuration:
            # A project this request created after its first check: look again (the cache answers for free
            # when the project does not exist at all).
            del self._configuration["project_facts"]
            found = self._all_projects().get(project_id)
        return found

    def _all_projects(self) -> dict[int, ProjectFacts]:
        projects: dict[int, ProjectFacts] = self._config("project_facts", _load_project_facts)
        return projects

    def _config(self, name: str, load: Callable[[Session], Any]) -> Any:
        if name not in self._configuration:
            self._configuration[name] = cached(self.db, name, load)
        return self._configuration[name]

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
        for holder in self._grants_of(key).get(scheme_id, ()):
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
        for holder in self._level_members().get(issue.security_level_id, ()):
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
        for holder in self._level_members().get(level_id, ()):
            if holder[0] in c.ISSUE_HOLDERS:
                if self.user is not None:
                    return True
            elif self._caller_holds(holder, project_id, lead_id):
                return True
        return False

    def _level_members(self) -> dict[int, tuple[Holder, ...]]:
        levels: dict[int, tuple[Holder, ...]] = self._config("security_level_members", _load_level_members)
        return levels

    # -- SQL conditions over Issue, for search and listings

    def issue_condition(self, key: str = "BROWSE_PROJECTS") -> ColumnElement[bool]:
        """Issues the caller holds `key` on, and may see through their security level."""
        return and_(self._permission_condition(c.canonical(key) or key), self._security_condition())

    def sees_every_issue(self, key: str = "BROWSE_PROJECTS") -> bool:
        """Whether `issue_condition(key)` holds for every issue: `key` is granted outright in every project
        and no security level exists that an issue could carry (so counts need not consult the condition)."""
        static, by_holder = self._grants_by_project(c.canonical(key) or key)
        return not by_holder and len(static) == len(self._all_projects()) and not self._config(
            "security_levels_exist", _security_levels_exist)

    def _grants_by_project(self, key: str) -> tuple[list[int], dict[Holder, list[int]]]:
        """Projects granting `key` outright, and those granting it through issue holders, by holder. A walk
        depends on configuration and the caller alone, so it is kept per generation for the next requests of
        the same caller (searches and project lists walk every project: 2-4 ms at 500 projects)."""
        found = self._by_project.get(key)
        if found is None:
            walks: _Walks = self._config("grant_walks", lambda _db: _Walks())
            found = walks.get((self.user_id, key))
            if found is None:
                found = walks.keep((self.user_id, key), self._walk_grants(key))
            self._by_project[key] = found
        return found

    def _walk_grants(self, key: str) -> tuple[list[int], dict[Holder, list[int]]]:
        static: list[int] = []
        by_holder: dict[Holder, list[int]] = defaultdict(list)
        for pid, (scheme, lead) in self._all_projects().items():
            verdict = self._verdict(key, pid, scheme, lead)
            if verdict.static:
                static.append(pid)
            else:
                for holder in verdict.issue_holders:
                    by_holder[holder].append(pid)
        return static, dict(by_holder)  # kept for later requests: a plain dict, which reading never changes

    def _permission_condition(self, key: str) -> ColumnElement[bool]:
        projects = self._all_projects()
        static, by_holder = self._grants_by_project(key)
        parts: list[ColumnElement[bool]] = []
        if static:
            parts.append(true() if len(static) == len(projects) else ids_in(Issue.project_id, sorted(static)))
        for holder, pids in by_holder.items():
            parts.append(and_(ids_in(Issue.project_id, sorted(pids)), self._issue_holder_condition(holder)))
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
                    parts.append(and_(Issue.security_level_id == level_id, ids_in(Issue.project_id, sorted(projects))))
        if static:
            parts.append(ids_in(Issue.security_level_id, sorted(set(static))))
        return or_(*parts)


# Loaders of the configuration cache: read-only values, shared by every request of the process.


def _load_user_groups(db: Session, user_id: int) -> _UserGroups:
    names: dict[int, str] = {}
    applications: set[str] = set()
    for group_id, name, application in db.execute(
        select(Group.id, Group.lower_name, ApplicationRoleGroup.role_key)
        .join(GroupMembership, GroupMembership.group_id == Group.id)
        .outerjoin(ApplicationRoleGroup, ApplicationRoleGroup.group_id == Group.id)
        .where(GroupMembership.user_id == user_id)
    ):
        names[group_id] = name
        if application is not None:
            applications.add(application)
    return _UserGroups(names, frozenset(applications))


def _load_role_actors(db: Session) -> _RoleActors:
    by_user: dict[int, list[tuple[int, int]]] = defaultdict(list)
    by_group: dict[int, list[tuple[int, int]]] = defaultdict(list)
    for project_id, role_id, user_id, group_id in db.execute(
        select(ProjectRoleActor.project_id, ProjectRoleActor.role_id, ProjectRoleActor.user_id,
               ProjectRoleActor.group_id).where(ProjectRoleActor.project_id.is_not(None))
    ):
        assert project_id is not None
        if user_id is not None:
            by_user[user_id].append((project_id, role_id))
        if group_id is not None:
            by_group[group_id].append((project_id, role_id))
    return _RoleActors({k: tuple(v) for k, v in by_user.items()}, {k: tuple(v) for k, v in by_group.items()})


def _load_global_grants(db: Session) -> tuple[tuple[str, str | None], ...]:
    return tuple(db.execute(
        select(GlobalPermissionGrant.permission, GlobalPermissionGrant.group_name).order_by(GlobalPermissionGrant.id)
    ))


def _load_permission_grants(db: Session) -> dict[str, dict[int, tuple[Holder, ...]]]:
    grants: dict[str, dict[int, list[Holder]]] = defaultdict(lambda: defaultdict(list))
    for permission, scheme_id, holder, parameter in db.execute(
        select(PermissionGrant.permission, PermissionGrant.scheme_id, PermissionGrant.holder_type,
               PermissionGrant.parameter).order_by(PermissionGrant.id)
    ):
        grants[permission][scheme_id].append((holder, parameter))
    return {key: {scheme: tuple(holders) for scheme, holders in by_scheme.items()}
            for key, by_scheme in grants.items()}


def _load_project_facts(db: Session) -> dict[int, ProjectFacts]:
    return {project_id: (scheme_id, lead_id) for project_id, scheme_id, lead_id in db.execute(
        select(Project.id, Project.permission_scheme_id, Project.lead_id))}


def _load_level_members(db: Session) -> dict[int, tuple[Holder, ...]]:
    members: dict[int, list[Holder]] = defaultdict(list)
    for level_id, holder, parameter in db.execute(select(
        IssueSecurityLevelMember.level_id, IssueSecurityLevelMember.holder_type, IssueSecurityLevelMember.parameter,
    ).order_by(IssueSecurityLevelMember.id)):
        members[level_id].append((holder, parameter))
    return {level_id: tuple(holders) for level_id, holders in members.items()}


def _security_levels_exist(db: Session) -> bool:
    return db.scalar(select(IssueSecurityLevel.id).limit(1)) is not None


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


def project_role_names(db: Session) -> dict[int, str]:
    """Lower-case project role names by id (comment and worklog visibility name roles), from the
    configuration cache: read only."""
    return cached(db, "project_role_names", _load_role_names)


def _load_role_names(db: Session) -> dict[int, str]:
    return {role_id: name.lower() for role_id, name in db.execute(select(ProjectRole.id, ProjectRole.name))}


def access_for(db: Session, user: User | None) -> Access:
    """For code that has no request context (jobs, mail): a fresh evaluation."""
    return Access(db, user)

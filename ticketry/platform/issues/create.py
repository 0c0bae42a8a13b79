"""Creating issues and sub-tasks: project, type, parent, then every other field through the input layer.

`IssueCreation` validates create requests; what depends only on the project and issue type (permissions,
screens, the initial status, defaults) it resolves once per request, so the issues of a bulk request share it.
Validated issues are written by `insert.insert_issues`.
"""

from __future__ import annotations

from typing import Any

from ticketry.core.context import RequestContext
from ticketry.core.errors import BadRequest
from ticketry.platform.components.models import Component
from ticketry.platform.issueconfig.models import IssueType
from ticketry.platform.issues import permits
from ticketry.platform.issues.assignment import automatic_assignee, check_unassigned
from ticketry.platform.issues.config import initial_status_id, screen_fields
from ticketry.platform.issues.durations import work_time
from ticketry.platform.issues.fields_input import InputRequest, body_parts, parse_input
from ticketry.platform.issues.inputs import FieldError, as_int, ref_id, ref_name
from ticketry.platform.issues.insert import Created, NewIssue, insert_issues
from ticketry.platform.issues.models import Issue
from ticketry.platform.issues.registry import find_issue_type
from ticketry.platform.issues.service import find_issue
from ticketry.platform.issues.system_fields import AUTOMATIC, Env, LinkState
from ticketry.platform.permissions.checks import can_see_issue
from ticketry.platform.permissions.models import IssueSecurityLevel, IssueSecurityScheme
from ticketry.platform.projects.models import Project
from ticketry.platform.projects.service import cached_project
from ticketry.platform.users.models import User

HANDLED_HERE = frozenset({"project", "issuetype", "parent"})
PARENT_NOT_FOUND = "Could not find issue by id or key."


class IssueCreation:
    """Validates create requests of one caller; remembers per project and issue type what every issue of
    that kind shares. Each request is still checked in full, in Jira's order, with Jira's errors."""

    def __init__(self, ctx: RequestContext) -> None:
        self.ctx = ctx
        self._projects: dict[str, Project | None] = {}
        self._creatable: set[int] = set()
        self._envs: dict[int, Env] = {}
        self._types: dict[tuple[int, bool, int | None, str | None], IssueType | str] = {}
        self._screens: dict[tuple[int, int], set[str] | None] = {}
        self._levels: dict[int, IssueSecurityLevel | None] = {}
        self._assignees: dict[tuple[int, tuple[int, ...]], User | None] = {}

    def prepare(self, body: Any) -> NewIssue:
        fields, update = body_parts(body)
        project = self._project(fields.get("project"))
        self._require_create(project)
        env = self._env(project)
        issue_type, parent = self._type_and_parent(env, fields)
        allowed = self._create_screen(project, issue_type)
        names = frozenset(fields) | frozenset(update)
        hidden = permits.hidden_on_create(self.ctx, project, names)
        parsed = parse_input(self.ctx, env, None, LinkState(), InputRequest(fields, update, allowed, HANDLED_HERE,
                                                                             hidden))
        if "summary" not in parsed.system:
            raise BadRequest(errors={"summary": "You must specify a summary of the issue."})
        permits.check_people_and_levels(self.ctx, project.id, None, parsed.system)
        if parsed.system.get("assignee", AUTOMATIC) == AUTOMATIC:
            parsed.system["assignee"] = self._automatic_assignee(project, parsed.system.get("components", []))
        check_unassigned(self.ctx.db, parsed.system["assignee"])
        if "security" not in parsed.system:
            parsed.system["security"] = self._default_level(project)
        status_id = initial_status_id(self.ctx.db, project, issue_type.id)
        return NewIssue(env, issue_type, parent.id if parent else None, status_id, parsed)

    def _project(self, raw: Any) -> Project:
        if raw is None:
            raise BadRequest(errors={"project": "project is required"})
        ident = ref_id(raw) or ref_name(raw, "key", "name")
        if ident and ident not in self._projects:
            self._projects[ident] = cached_project(self.ctx.db, ident)
        project = self._projects.get(ident) if ident else None
        if project is None or project.archived:
            raise BadRequest(errors={"project": "valid project is required"})
        return project

    def _require_create(self, project: Project) -> None:
        """Checked once per project (a refusal is checked, and raised, again for each issue)."""
        if project.id not in self._creatable:
            permits.require_create(self.ctx, project)
            self._creatable.add(project.id)

    def _env(self, project: Project) -> Env:
        if project.id not in self._envs:
            self._envs[project.id] = Env(self.ctx.db, project, self.ctx.user, work_time(self.ctx.db))
        return self._envs[project.id]

    def _type_and_parent(self, env: Env, fields: dict[str, Any]) -> tuple[IssueType, Issue | None]:
        try:
            issue_type = self._issue_type(env, fields.get("issuetype"))
        except FieldError as exc:
            raise BadRequest(errors={"issuetype": exc.message}) from None
        try:
            parent = _parent(self.ctx, env.project, issue_type, fields.get("parent"))
        except FieldError as exc:
            key = "issuetype" if "Issue type" in exc.message else "parent"
            raise BadRequest(errors={key: exc.message}) from None
        return issue_type, parent

    def _issue_type(self, env: Env, raw: Any) -> IssueType:
        """The project's issue type by id or name; a refused reference is refused again with the same error."""
        key = (env.project.id, raw is None, as_int(ref_id(raw)), ref_name(raw))
        if key not in self._types:
            try:
                self._types[key] = find_issue_type(env, raw)
            except FieldError as exc:
                self._types[key] = exc.message
        found = self._types[key]
        if isinstance(found, str):
            raise FieldError(found)
        return found

    def _create_screen(self, project: Project, issue_type: IssueType) -> set[str] | None:
        """The fields of the create screen, with those handled here."""
        key = (project.id, issue_type.id)
        if key not in self._screens:
            allowed: set[str] | None = screen_fields(self.ctx.db, project.id, issue_type.id, "create")
            self._screens[key] = allowed | HANDLED_HERE if allowed is not None else None
        allowed = self._screens[key]
        return set(allowed) if allowed is not None else None

    def _automatic_assignee(self, project: Project, components: list[Component]) -> User | None:
        key = (project.id, tuple(sorted(c.id for c in components)))
        if key not in self._assignees:
            self._assignees[key] = automatic_assignee(self.ctx.db, project, components)
        return self._assignees[key]

    def _default_level(self, project: Project) -> IssueSecurityLevel | None:
        if project.id not in self._levels:
            self._levels[project.id] = default_security_level(self.ctx, project)
        return self._levels[project.id]


def default_security_level(ctx: RequestContext, project: Project) -> IssueSecurityLevel | None:
    if project.issue_security_scheme_id is None:
        return None
    scheme = ctx.db.get(IssueSecurityScheme, project.issue_security_scheme_id)
    if scheme is None or scheme.default_level_id is None:
        return None
    return ctx.db.get(IssueSecurityLevel, scheme.default_level_id)


def _parent(ctx: RequestContext, project: Project, issue_type: IssueType, raw: Any) -> Issue | None:
    if raw is None:
        if issue_type.subtask:
            raise FieldError("Issue type is a sub-task but parent issue key or id not specified.")
        return None
    if not issue_type.subtask:
        raise FieldError("Issue type is not a sub-task but parent issue key or id specified.")
    parent = find_issue(ctx.db, ref_id(raw) or ref_name(raw, "key"))
    if parent is None or not can_see_issue(ctx, parent):
        raise FieldError(PARENT_NOT_FOUND)
    if parent.parent_id is not None:
        raise FieldError("Parent issue cannot be a sub-task.")
    if parent.project_id != project.id:
        raise FieldError("Sub-task must be in the same project as its parent.")
    return parent


def create_issue(ctx: RequestContext, body: Any) -> Created:
    permits.require_some_create(ctx)
    return insert_issues(ctx, [IssueCreation(ctx).prepare(body)])[0]

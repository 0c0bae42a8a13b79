"""Creating issues and sub-tasks: project, type, parent, then every other field through the input layer."""

from __future__ import annotations

from typing import Any

from sqlalchemy.orm import Session

from ticketry.core.context import RequestContext
from ticketry.core.errors import BadRequest
from ticketry.platform.appsettings.service import get_bool
from ticketry.platform.issueconfig.models import IssueType, Priority
from ticketry.platform.issues import permits
from ticketry.platform.issues.assignment import automatic_assignee, check_unassigned
from ticketry.platform.issues.config import initial_status_id, screen_fields
from ticketry.platform.issues.durations import work_time
from ticketry.platform.issues.fields_input import InputRequest, body_parts, parse_input, store
from ticketry.platform.issues.inputs import FieldError, ref_id, ref_name
from ticketry.platform.issues.keys import allocate_number, issue_key
from ticketry.platform.issues.models import Issue
from ticketry.platform.issues.registry import find_issue_type
from ticketry.platform.issues.service import find_issue
from ticketry.platform.issues.system_fields import AUTOMATIC, Env, LinkState
from ticketry.platform.permissions.checks import can_see_issue
from ticketry.platform.permissions.models import IssueSecurityLevel, IssueSecurityScheme
from ticketry.platform.projects.models import Project
from ticketry.platform.projects.service import find_project
from ticketry.platform.search import textindex
from ticketry.platform.users.models import User
from ticketry.platform.watchers.service import start_watching

DEFAULT_PRIORITY = 3
HANDLED_HERE = frozenset({"project", "issuetype", "parent"})


def default_security_level(db: Session, project: Project) -> IssueSecurityLevel | None:
    if project.issue_security_scheme_id is None:
        return None
    scheme = db.get(IssueSecurityScheme, project.issue_security_scheme_id)
    if scheme is None or scheme.default_level_id is None:
        return None
    return db.get(IssueSecurityLevel, scheme.default_level_id)


def _project(ctx: RequestContext, raw: Any) -> Project:
    if raw is None:
        raise BadRequest(errors={"project": "project is required"})
    ident = ref_id(raw) or ref_name(raw, "key", "name")
    project = find_project(ctx.db, ident) if ident else None
    if project is None or project.archived:
        raise BadRequest(errors={"project": "valid project is required"})
    return project


def _parent(ctx: RequestContext, project: Project, issue_type: IssueType, raw: Any) -> Issue | None:
    if raw is None:
        if issue_type.subtask:
            raise FieldError("Issue type is a sub-task but parent issue key or id not specified.")
        return None
    if not issue_type.subtask:
        raise FieldError("Issue type is not a sub-task but parent issue key or id specified.")
    parent = find_issue(ctx.db, ref_id(raw) or ref_name(raw, "key"))
    if parent is None or not can_see_issue(ctx, parent):
        raise FieldError("Could not find issue by id or key.")
    if parent.parent_id is not None:
        raise FieldError("Parent issue cannot be a sub-task.")
    if parent.project_id != project.id:
        raise FieldError("Sub-task must be in the same project as its parent.")
    return parent


def _type_and_parent(ctx: RequestContext, env: Env, fields: dict[str, Any]) -> tuple[IssueType, Issue | None]:
    try:
        issue_type = find_issue_type(env, fields.get("issuetype"))
    except FieldError as exc:
        raise BadRequest(errors={"issuetype": exc.message}) from None
    try:
        parent = _parent(ctx, env.project, issue_type, fields.get("parent"))
    except FieldError as exc:
        key = "issuetype" if "Issue type" in exc.message else "parent"
        raise BadRequest(errors={key: exc.message}) from None
    return issue_type, parent


def create_issue(ctx: RequestContext, body: Any) -> Issue:
    permits.require_some_create(ctx)
    fields, update = body_parts(body)
    project = _project(ctx, fields.get("project"))
    permits.require_create(ctx, project)
    env = Env(ctx.db, project, ctx.user, work_time(ctx.db))
    issue_type, parent = _type_and_parent(ctx, env, fields)
    allowed = screen_fields(ctx.db, project.id, issue_type.id, "create")
    if allowed is not None:
        allowed |= HANDLED_HERE
    request = InputRequest(fields, update, allowed, HANDLED_HERE, permits.hidden_on_create(ctx, project))
    parsed = parse_input(ctx, env, None, LinkState(), request)
    if "summary" not in parsed.system:
        raise BadRequest(errors={"summary": "You must specify a summary of the issue."})
    permits.check_people_and_levels(ctx, project.id, None, parsed.system)
    if parsed.system.get("assignee", AUTOMATIC) == AUTOMATIC:
        parsed.system["assignee"] = automatic_assignee(ctx.db, project, parsed.system.get("components", []))
    check_unassigned(ctx.db, parsed.system["assignee"])
    if "security" not in parsed.system:
        parsed.system["security"] = default_security_level(ctx.db, project)
    return _insert(ctx, env, issue_type, parent, parsed)


def _insert(ctx: RequestContext, env: Env, issue_type: IssueType, parent: Issue | None, parsed: Any) -> Issue:
    project = env.project
    number = allocate_number(ctx.db, project.id)
    user_id = ctx.user.id if ctx.user else None
    default_priority = ctx.db.get(Priority, DEFAULT_PRIORITY)
    issue = Issue(
        project_id=project.id, number=number, key=issue_key(project.key, number), issue_type_id=issue_type.id,
        status_id=initial_status_id(ctx.db, project, issue_type.id), summary=parsed.system["summary"],
        priority_id=default_priority.id if default_priority else None, reporter_id=user_id, creator_id=user_id,
        parent_id=parent.id if parent else None,
    )
    ctx.db.add(issue)
    ctx.db.flush()
    store(env, issue, LinkState(), parsed)
    ctx.db.flush()
    textindex.refresh(ctx.db, [issue.id])
    _autowatch(ctx, issue)
    return issue


def _autowatch(ctx: RequestContext, issue: Issue) -> None:
    """Jira's default autowatch: the creator and the reporter watch the new issue."""
    if not get_bool(ctx.db, "jira.option.watching"):
        return
    for user_id in dict.fromkeys(u for u in (issue.creator_id, issue.reporter_id) if u is not None):
        user = ctx.db.get(User, user_id)
        if user is not None and user.active:
            start_watching(ctx.db, user, issue)

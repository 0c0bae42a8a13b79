"""Editing issues (fields and update verbs), assigning, deleting; every change lands in the changelog."""

from __future__ import annotations

from typing import Any

from sqlalchemy import delete, select

from ticketry.core.context import RequestContext
from ticketry.core.errors import BadRequest, Forbidden
from ticketry.db.base import utcnow
from ticketry.platform.comments.service import forget_issue_comments
from ticketry.platform.issues import permits
from ticketry.platform.issues.assignment import automatic_assignee, check_unassigned
from ticketry.platform.issues.changelog import Change, record
from ticketry.platform.issues.comment_input import add_comments, check_comments, comment_operations
from ticketry.platform.issues.config import screen_fields
from ticketry.platform.issues.durations import work_time
from ticketry.platform.issues.fields_input import InputRequest, Parsed, body_parts, parse_input, store
from ticketry.platform.issues.inputs import FieldError
from ticketry.platform.issues.loader import subtasks_of
from ticketry.platform.issues.models import Issue
from ticketry.platform.issues.registry import HANDLERS
from ticketry.platform.issues.system_fields import AUTOMATIC, Env, LinkState, load_links
from ticketry.platform.issues.worklog_input import add_worklogs, check_worklogs, worklog_operations
from ticketry.platform.permissions.checks import can_administer_project, deny
from ticketry.platform.permissions.engine import access
from ticketry.platform.projects.service import project_of
from ticketry.platform.properties.models import EntityProperty
from ticketry.platform.search import textindex
from ticketry.platform.worklogs.service import forget_issue_worklogs

TEXT_FIELDS = ("summary", "description", "environment")
LINK_READERS = frozenset({"labels", "components", "versions", "fixVersions", "assignee"})


def issue_env(ctx: RequestContext, issue: Issue) -> Env:
    return Env(ctx.db, project_of(ctx.db, issue.project_id), ctx.user, work_time(ctx.db))


def apply_parsed(ctx: RequestContext, env: Env, issue: Issue, links: LinkState, parsed: Parsed,
                 extra: list[Change] | None = None) -> list[Change]:
    """Stores parsed values and writes one change group for everything that changed."""
    if parsed.system.get("assignee") == AUTOMATIC:
        components = parsed.system.get("components", links.components)
        parsed.system["assignee"] = automatic_assignee(ctx.db, env.project, components)
    if "assignee" in parsed.system:
        check_unassigned(ctx.db, parsed.system["assignee"])
    changes = [*(extra or []), *store(env, issue, links, parsed)]
    if changes:
        issue.updated = utcnow()
        record(ctx.db, issue.id, ctx.user.id if ctx.user else None, changes)
    ctx.db.flush()
    if any(change.field in TEXT_FIELDS for change in changes):
        textindex.refresh(ctx.db, [issue.id])
    return changes


def links_for(ctx: RequestContext, issue: Issue, fields: dict[str, Any], update: dict[str, Any]) -> LinkState:
    """The issue's labels, components and versions, read only when the request names one of them or the
    assignee (the automatic assignee follows the components); no other field reads or writes them."""
    if LINK_READERS.isdisjoint(fields) and LINK_READERS.isdisjoint(update):
        return LinkState()
    return load_links(ctx.db, issue.id)


def check_notify_users(ctx: RequestContext, issue: Issue, notify_users: bool) -> None:
    """Only Jira or project administrators may edit an issue without notifying its watchers."""
    if not notify_users and not can_administer_project(ctx, issue.project_id):
        raise Forbidden("To discard the user notification either admin or project admin permissions are required.")


def edit_issue(ctx: RequestContext, issue: Issue, body: Any) -> list[Change]:
    if not permits.may_edit(ctx, issue):
        raise deny(ctx, permits.EDIT_DENIED)
    fields, update = body_parts(body)
    update = dict(update)
    comments = comment_operations(update.pop("comment", None))
    check_comments(ctx, issue, comments)
    env = issue_env(ctx, issue)
    links = links_for(ctx, issue, fields, update)
    allowed = screen_fields(ctx.db, issue.project_id, issue.issue_type_id, "edit")
    worklogs = worklog_operations(update.pop("worklog", None), allowed)
    check_worklogs(ctx, issue, worklogs)
    hidden = permits.hidden_on_issue(ctx, issue, [*fields, *update])
    parsed = parse_input(ctx, env, issue, links, InputRequest(fields, update, allowed, hidden=hidden))
    permits.check_people_and_levels(ctx, issue.project_id, issue, parsed.system)
    changes = apply_parsed(ctx, env, issue, links, parsed)
    add_comments(ctx, issue, comments)
    add_worklogs(ctx, issue, worklogs)
    return changes


def assign_issue(ctx: RequestContext, issue: Issue, body: Any) -> list[Change]:
    """PUT .../assignee: {"name": "fred"} (or accountId), "-1" automatic, null unassigns."""
    if not access(ctx).can_on_issue("ASSIGN_ISSUES", issue):
        raise deny(ctx, permits.ASSIGN_DENIED)
    if not isinstance(body, dict):
        raise BadRequest("Can not deserialize the request body: a JSON object was expected.")
    env = issue_env(ctx, issue)
    raw = None if all(body.get(k) is None for k in ("name", "accountId", "key")) else body
    try:
        value = HANDLERS["assignee"].parse(env, raw)
    except FieldError as exc:
        raise BadRequest(errors={"assignee": exc.message}) from None
    permits.check_assignee(ctx, issue.project_id, issue, value)
    links = load_links(ctx.db, issue.id)
    return apply_parsed(ctx, env, issue, links, Parsed(system={"assignee": value}))


def delete_issue(ctx: RequestContext, issue: Issue, delete_subtasks: bool) -> None:
    if not access(ctx).can_on_issue("DELETE_ISSUES", issue):
        raise deny(ctx, permits.DELETE_DENIED)
    subtask_ids = list(ctx.db.scalars(select(Issue.id).where(subtasks_of(ctx.db, [issue.id]))))
    if subtask_ids and not delete_subtasks:
        raise BadRequest(f"The issue '{issue.key}' has subtasks.  "
                         "You must specify the 'deleteSubtasks' parameter to delete this issue with subtasks.")
    ids = [issue.id, *subtask_ids]
    forget_issue_comments(ctx.db, ids)
    forget_issue_worklogs(ctx.db, ids)
    ctx.db.execute(delete(EntityProperty).where(EntityProperty.entity_type == "issue",
                                                EntityProperty.entity_id.in_([str(i) for i in ids])))
    ctx.db.execute(delete(Issue).where(Issue.id.in_(ids)))
    textindex.refresh(ctx.db, ids)

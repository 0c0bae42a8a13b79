"""An issue's transitions: list them (with their screen's fields) and take one, with fields and a comment."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select

from ticketry.core.config_cache import rows_by_id
from ticketry.core.context import RequestContext
from ticketry.core.errors import BadRequest
from ticketry.core.expand import Expand
from ticketry.platform.issueconfig.models import IssueType, Priority, Resolution, Status, StatusCategory
from ticketry.platform.issueconfig.render import status_json
from ticketry.platform.issues import permits
from ticketry.platform.issues.changelog import Change
from ticketry.platform.issues.comment_input import add_comments, check_comments, comment_operations
from ticketry.platform.issues.config import transition_screen_fields
from ticketry.platform.issues.edit import apply_parsed, issue_env, links_for
from ticketry.platform.issues.fields_input import InputRequest, Parsed, body_parts, parse_input
from ticketry.platform.issues.inputs import ref_id
from ticketry.platform.issues.meta import accepted, field_meta
from ticketry.platform.issues.models import Issue
from ticketry.platform.issues.system_fields import LinkState
from ticketry.platform.issues.worklog_input import add_worklogs, check_worklogs, worklog_operations
from ticketry.platform.permissions.checks import deny
from ticketry.platform.projects.service import project_of
from ticketry.platform.users.models import User
from ticketry.platform.workflows import service as workflows
from ticketry.platform.workflows.service import TransitionDef


def transitions_json(ctx: RequestContext, issue: Issue, expand: Expand,
                     transition_id: str | None = None) -> list[dict[str, Any]]:
    # Without Transition Issues no transition is available to the caller, as in Jira.
    available = workflows.available_transitions(ctx.db, issue, ctx.user) if permits.may_transition(ctx, issue) else []
    if transition_id is not None:
        available = [t for t in available if str(t.id) == transition_id.strip()]
    statuses = {s.id: (s, c) for s, c in ctx.db.execute(
        select(Status, StatusCategory).join(StatusCategory, StatusCategory.id == Status.category_id)
        .where(Status.id.in_({t.to_status_id for t in available})))}
    return [_transition(ctx, issue, t, statuses[t.to_status_id], "fields" in expand) for t in available]


def _transition(ctx: RequestContext, issue: Issue, transition: TransitionDef,
                status: tuple[Status, StatusCategory], with_fields: bool) -> dict[str, Any]:
    body: dict[str, Any] = {
        "id": str(transition.id), "name": transition.name, "to": status_json(ctx, *status),
        "hasScreen": transition.screen_id is not None, "isGlobal": transition.is_global,
        "isInitial": transition.is_initial, "isAvailable": True, "isConditional": transition.is_conditional,
    }
    if with_fields:
        body["fields"] = transition_fields(ctx, issue, transition)
    return body


def transition_fields(ctx: RequestContext, issue: Issue, transition: TransitionDef) -> dict[str, Any]:
    project = project_of(ctx.db, issue.project_id)
    issue_type = ctx.db.get(IssueType, issue.issue_type_id)
    assert issue_type is not None
    hidden = permits.hidden_on_issue(ctx, issue)
    ids = [f for f in accepted(transition_screen_fields(ctx.db, transition.screen_id)) if f not in hidden]
    required = workflows.validate_transition(ctx.db, issue, transition, {})
    return {f: field_meta(ctx, f, project, issue_type, issue_key=issue.key,
                          required=f in required or f == "resolution") for f in ids}


def do_transition(ctx: RequestContext, issue: Issue, body: Any) -> None:
    fields, update = body_parts(body)
    raw = body.get("transition")
    transition_id = ref_id(raw) if isinstance(raw, dict) else (str(raw) if isinstance(raw, int | str) else None)
    if transition_id is None:
        raise BadRequest("Missing 'transition' identifier")
    transition = workflows.get_transition(ctx.db, issue, transition_id, ctx.user)
    _require_transition(ctx, issue, transition)
    update = dict(update)
    comment_ops = comment_operations(update.pop("comment", None))
    check_comments(ctx, issue, comment_ops)
    env = issue_env(ctx, issue)
    links = links_for(ctx, issue, fields, update)
    allowed = set(transition_screen_fields(ctx.db, transition.screen_id))
    worklogs = worklog_operations(update.pop("worklog", None), allowed)
    check_worklogs(ctx, issue, worklogs)
    hidden = permits.hidden_on_issue(ctx, issue, [*fields, *update])
    parsed = parse_input(ctx, env, issue, links, InputRequest(fields, update, allowed, hidden=hidden))
    permits.check_people_and_levels(ctx, issue.project_id, issue, parsed.system)
    given = {k: v for k, v in {**parsed.system, **parsed.custom}.items() if v not in (None, [], "")}
    errors = workflows.validate_transition(ctx.db, issue, transition, given)
    if errors:
        raise BadRequest(errors=errors)
    _post_functions(ctx, issue, transition, parsed)
    status_change = _move(ctx, issue, transition)
    apply_parsed(ctx, env, issue, links, parsed, extra=[status_change])
    add_comments(ctx, issue, comment_ops)
    add_worklogs(ctx, issue, worklogs)


def _require_transition(ctx: RequestContext, issue: Issue, transition: TransitionDef) -> None:
    """Without Transition Issues the transition is not available: Jira's answer for an unavailable one
    (anonymous callers are asked to log in)."""
    if permits.may_transition(ctx, issue):
        return
    raise deny(ctx, "") if ctx.user is None else BadRequest(
        f"It seems that you have tried to perform a workflow operation ({transition.name}) that is not valid for "
        f"the current state of this issue ({issue.key}). The likely cause is that somebody has changed the issue "
        "recently, please look at the issue history for details.")


def _move(ctx: RequestContext, issue: Issue, transition: TransitionDef) -> Change:
    statuses = rows_by_id(ctx.db, Status)  # configuration, cached per process
    old, new = statuses.get(issue.status_id), statuses.get(transition.to_status_id)
    assert old is not None and new is not None
    issue.status_id = new.id
    return Change("status", str(old.id), old.name, str(new.id), new.name)


def _post_functions(ctx: RequestContext, issue: Issue, transition: TransitionDef, parsed: Parsed) -> None:
    """The post-functions' changes, as parsed values, unless the request sets the field itself."""
    models: dict[str, Any] = {"resolution": Resolution, "assignee": User, "priority": Priority}
    for name, value in workflows.post_function_changes(ctx.db, issue, transition, ctx.user).items():
        if name in parsed.system:
            continue
        if name in models:
            parsed.system[name] = ctx.db.get(models[name], value) if value is not None else None
        elif name in ("summary", "description", "environment"):
            parsed.system[name] = value


__all__ = ["LinkState", "do_transition", "transition_fields", "transitions_json"]

"""The issue's wire shape: every field (null when empty), in Jira Server 8's field names and shapes."""

from __future__ import annotations

from typing import Any

from ticketry.core.context import RequestContext
from ticketry.core.timefmt import format_date, format_datetime
from ticketry.platform.components.models import Component
from ticketry.platform.issueconfig.render import issue_type_json, priority_json, resolution_json, status_json
from ticketry.platform.issues.durations import WorkTime
from ticketry.platform.issues.loader import Bundle
from ticketry.platform.issues.models import Issue
from ticketry.platform.projects.render import project_ref
from ticketry.platform.users.render import user_ref
from ticketry.platform.versions.models import Version


def issue_self(ctx: RequestContext, issue: Issue) -> str:
    return ctx.api(f"issue/{issue.id}")


def component_ref(ctx: RequestContext, component: Component) -> dict[str, Any]:
    body = {"self": ctx.api(f"component/{component.id}"), "id": str(component.id), "name": component.name}
    if component.description:
        body["description"] = component.description
    return body


def version_ref(ctx: RequestContext, version: Version) -> dict[str, Any]:
    body: dict[str, Any] = {"self": ctx.api(f"version/{version.id}"), "id": str(version.id)}
    if version.description:
        body["description"] = version.description
    body.update({"name": version.name, "archived": version.archived, "released": version.released})
    if version.release_date is not None:
        body["releaseDate"] = format_date(version.release_date)
    return body


def _status(ctx: RequestContext, bundle: Bundle, issue: Issue) -> dict[str, Any]:
    status = bundle.statuses[issue.status_id]
    return status_json(ctx, status, bundle.categories[status.category_id])


def issue_ref(ctx: RequestContext, bundle: Bundle, issue: Issue) -> dict[str, Any]:
    """The short shape of parents and sub-tasks."""
    fields: dict[str, Any] = {"summary": issue.summary, "status": _status(ctx, bundle, issue)}
    if issue.priority_id in bundle.priorities:
        fields["priority"] = priority_json(ctx, bundle.priorities[issue.priority_id])
    fields["issuetype"] = issue_type_json(ctx, bundle.types[issue.issue_type_id])
    return {"id": str(issue.id), "key": issue.key, "self": issue_self(ctx, issue), "fields": fields}


def _project(ctx: RequestContext, bundle: Bundle, project_id: int) -> dict[str, Any]:
    """Rendered once per project, however many of its issues are in the bundle."""
    if project_id not in bundle.project_refs:
        bundle.project_refs[project_id] = project_ref(ctx, bundle.projects[project_id])
    return bundle.project_refs[project_id]


def _user(ctx: RequestContext, bundle: Bundle, user_id: int | None) -> dict[str, Any] | None:
    return user_ref(ctx, bundle.users.get(user_id)) if user_id is not None else None


def time_tracking(work: WorkTime, original: int | None, remaining: int | None, spent: int | None) -> dict[str, Any]:
    body: dict[str, Any] = {}
    for name, value in (("originalEstimate", original), ("remainingEstimate", remaining), ("timeSpent", spent)):
        if value is not None:
            body[name] = work.format(value)
    for name, value in (("originalEstimateSeconds", original), ("remainingEstimateSeconds", remaining),
                        ("timeSpentSeconds", spent)):
        if value is not None:
            body[name] = value
    return body


def progress(spent: int | None, remaining: int | None) -> dict[str, Any]:
    done, left = spent or 0, remaining or 0
    body: dict[str, Any] = {"progress": done, "total": done + left}
    if done + left:
        body["percent"] = done * 100 // (done + left)
    return body


def _sum(values: list[int | None]) -> int | None:
    present = [v for v in values if v is not None]
    return sum(present) if present else None


def _time_fields(issue: Issue, subtasks: list[Issue]) -> dict[str, Any]:
    family = [issue, *subtasks]
    original = _sum([i.original_estimate for i in family])
    remaining = _sum([i.remaining_estimate for i in family])
    spent = _sum([i.time_spent for i in family])
    return {
        "timespent": issue.time_spent, "timeoriginalestimate": issue.original_estimate,
        "timeestimate": issue.remaining_estimate, "aggregatetimespent": spent,
        "aggregatetimeoriginalestimate": original, "aggregatetimeestimate": remaining,
        "progress": progress(issue.time_spent, issue.remaining_estimate),
        "aggregateprogress": progress(spent, remaining),
        "workratio": (issue.time_spent or 0) * 100 // issue.original_estimate if issue.original_estimate else -1,
    }


def system_values(ctx: RequestContext, bundle: Bundle, issue: Issue, work: WorkTime) -> dict[str, Any]:
    """Every system field's JSON value (comments and custom fields are added by the caller)."""
    subtasks = bundle.subtasks.get(issue.id, [])
    level = bundle.levels.get(issue.security_level_id) if issue.security_level_id else None
    values: dict[str, Any] = {
        "issuetype": issue_type_json(ctx, bundle.types[issue.issue_type_id]),
        "project": _project(ctx, bundle, issue.project_id),
        "fixVersions": [version_ref(ctx, v) for v in bundle.versions.get((issue.id, "fix"), [])],
        "resolution": resolution_json(ctx, bundle.resolutions[issue.resolution_id])
        if issue.resolution_id in bundle.resolutions else None,
        "resolutiondate": format_datetime(issue.resolution_date),
        "lastViewed": None,
        "watches": {"self": ctx.api(f"issue/{issue.key}/watchers"), "watchCount": 0, "isWatching": False},
        "created": format_datetime(issue.created),
        "priority": priority_json(ctx, bundle.priorities[issue.priority_id])
        if issue.priority_id in bundle.priorities else None,
        "labels": list(bundle.labels.get(issue.id, [])),
        "versions": [version_ref(ctx, v) for v in bundle.versions.get((issue.id, "affects"), [])],
        "issuelinks": [],
        "assignee": _user(ctx, bundle, issue.assignee_id),
        "updated": format_datetime(issue.updated),
        "status": _status(ctx, bundle, issue),
        "components": [component_ref(ctx, c) for c in bundle.components.get(issue.id, [])],
        "description": issue.description,
        "timetracking": time_tracking(work, issue.original_estimate, issue.remaining_estimate, issue.time_spent),
        "security": {"self": ctx.api(f"securitylevel/{level.id}"), "id": str(level.id),
                     "description": level.description, "name": level.name} if level else None,
        "attachment": [],
        "summary": issue.summary,
        "creator": _user(ctx, bundle, issue.creator_id),
        "subtasks": [issue_ref(ctx, bundle, s) for s in subtasks],
        "reporter": _user(ctx, bundle, issue.reporter_id),
        "environment": issue.environment,
        "duedate": format_date(issue.due_date),
        "votes": {"self": ctx.api(f"issue/{issue.key}/votes"), "votes": 0, "hasVoted": False},
        "worklog": {"startAt": 0, "maxResults": 20, "total": 0, "worklogs": []},
    }
    values.update(_time_fields(issue, subtasks))
    if issue.parent_id in bundle.parents:
        values["parent"] = issue_ref(ctx, bundle, bundle.parents[issue.parent_id])
    return values

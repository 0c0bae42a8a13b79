"""The issue's wire shape: every field (null when empty), in Jira Server 8's field names and shapes."""

from __future__ import annotations

from collections.abc import Callable
from types import SimpleNamespace
from typing import Any, cast

from sqlalchemy import Table

from ticketry.core.context import RequestContext
from ticketry.core.timefmt import format_date, format_datetime
from ticketry.platform.components.models import Component
from ticketry.platform.fields.rendering import version_ref
from ticketry.platform.issueconfig.render import issue_type_json, priority_json, resolution_json, status_json
from ticketry.platform.issues.durations import WorkTime
from ticketry.platform.issues.loader import Bundle
from ticketry.platform.issues.models import Issue
from ticketry.platform.issues.people import person, remember
from ticketry.platform.projects.render import project_ref


def issue_self(ctx: RequestContext, issue: Issue) -> str:
    return ctx.api(f"issue/{issue.id}")


def component_ref(ctx: RequestContext, component: Component) -> dict[str, Any]:
    body = {"self": ctx.api(f"component/{component.id}"), "id": str(component.id), "name": component.name}
    if component.description:
        body["description"] = component.description
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


class SystemValues:
    """The JSON of the system fields of a page of issues, each field computed only when asked for.

    Shapes of the issue constants (statuses, types, priorities...) and of people are made once per page:
    every issue naming them shares the same dict."""

    def __init__(self, ctx: RequestContext, bundle: Bundle, work: WorkTime) -> None:
        self.ctx = ctx
        self.bundle = bundle
        self.work = work
        self._shapes: dict[tuple[str, int], Any] = {}
        self._renderers: tuple[list[str], list[tuple[str, Callable[[SystemValues, Issue], Any]]]] = ([], [])
        remember(ctx, bundle.users.values())

    def values(self, issue: Issue, wanted: list[str]) -> dict[str, Any]:
        """The wanted system fields of the issue (parent only when it has one)."""
        if self._renderers[0] is not wanted:  # the same list for every issue of a page
            self._renderers = (wanted, [(name, _FIELDS[name]) for name in wanted if name in _FIELDS])
        row = _plain(issue)
        values = {name: render(self, row) for name, render in self._renderers[1]}
        if "parent" in wanted and issue.parent_id in self.bundle.parents:
            values["parent"] = issue_ref(self.ctx, self.bundle, self.bundle.parents[issue.parent_id])
        return values

    def shape(self, kind: str, key: int, make: Callable[[], Any]) -> Any:
        found = self._shapes.get((kind, key))
        if found is None:
            found = self._shapes[(kind, key)] = make()
        return found

    def status(self, issue: Issue) -> Any:
        return self.shape("status", issue.status_id, lambda: _status(self.ctx, self.bundle, issue))

    def issue_type(self, issue: Issue) -> Any:
        return self.shape("type", issue.issue_type_id,
                          lambda: issue_type_json(self.ctx, self.bundle.types[issue.issue_type_id]))

    def priority(self, issue: Issue) -> Any:
        found = self.bundle.priorities.get(issue.priority_id) if issue.priority_id is not None else None
        if found is None:
            return None
        return self.shape("priority", found.id, lambda: priority_json(self.ctx, found))

    def resolution(self, issue: Issue) -> Any:
        found = self.bundle.resolutions.get(issue.resolution_id) if issue.resolution_id is not None else None
        if found is None:
            return None
        return self.shape("resolution", found.id, lambda: resolution_json(self.ctx, found))

    def user(self, user_id: int | None) -> dict[str, Any] | None:
        return person(self.ctx, self.bundle.users.get(user_id)) if user_id is not None else None

    def security(self, issue: Issue) -> dict[str, Any] | None:
        level = self.bundle.levels.get(issue.security_level_id) if issue.security_level_id else None
        if level is None:
            return None
        return {"self": self.ctx.api(f"securitylevel/{level.id}"), "id": str(level.id),
                "description": level.description, "name": level.name}

    def family(self, issue: Issue) -> list[Issue]:
        return [issue, *self.bundle.subtasks.get(issue.id, [])]

    def aggregate(self, issue: Issue, attr: str) -> int | None:
        if issue.id not in self.bundle.subtasks:
            return getattr(issue, attr)  # type: ignore[no-any-return]
        return _sum([getattr(i, attr) for i in self.family(issue)])


_COLUMNS = frozenset(column.key for column in cast(Table, Issue.__table__).columns)


def _plain(issue: Issue) -> Issue:
    """The issue's loaded column values as a plain object: the renderers read ~90 attributes per issue, and
    an ORM attribute read costs ten times a plain one (about 1.5 ms on a page of 50 issues). The issue itself
    when a column is not loaded (expired or deferred), so that reading it loads it."""
    state = vars(issue)
    if not _COLUMNS.issubset(state):
        return issue
    return cast(Issue, SimpleNamespace(**state))


def _versions(kind: str) -> Callable[[SystemValues, Issue], Any]:
    return lambda r, i: [version_ref(r.ctx, v) for v in r.bundle.versions.get((i.id, kind), [])]


def _aggregate_progress(r: SystemValues, issue: Issue) -> dict[str, Any]:
    return progress(r.aggregate(issue, "time_spent"), r.aggregate(issue, "remaining_estimate"))


def _work_ratio(issue: Issue) -> int:
    return (issue.time_spent or 0) * 100 // issue.original_estimate if issue.original_estimate else -1


# Every system field of the issue document (comments and custom fields are added by the caller; watches,
# votes, links, attachments and worklogs by their features), in Jira's output order.
_FIELDS: dict[str, Callable[[SystemValues, Issue], Any]] = {
    "issuetype": SystemValues.issue_type,
    "timespent": lambda r, i: i.time_spent,
    "project": lambda r, i: _project(r.ctx, r.bundle, i.project_id),
    "fixVersions": _versions("fix"),
    "aggregatetimespent": lambda r, i: r.aggregate(i, "time_spent"),
    "resolution": SystemValues.resolution,
    "resolutiondate": lambda r, i: format_datetime(i.resolution_date),
    "workratio": lambda r, i: _work_ratio(i),
    "lastViewed": lambda r, i: None,
    "watches": lambda r, i: {"self": r.ctx.api(f"issue/{i.key}/watchers"), "watchCount": 0, "isWatching": False},
    "created": lambda r, i: format_datetime(i.created),
    "priority": SystemValues.priority,
    "labels": lambda r, i: list(r.bundle.labels.get(i.id, [])),
    "timeestimate": lambda r, i: i.remaining_estimate,
    "aggregatetimeoriginalestimate": lambda r, i: r.aggregate(i, "original_estimate"),
    "versions": _versions("affects"),
    "issuelinks": lambda r, i: [],
    "assignee": lambda r, i: r.user(i.assignee_id),
    "updated": lambda r, i: format_datetime(i.updated),
    "status": SystemValues.status,
    "components": lambda r, i: [component_ref(r.ctx, c) for c in r.bundle.components.get(i.id, [])],
    "timeoriginalestimate": lambda r, i: i.original_estimate,
    "description": lambda r, i: i.description,
    "timetracking": lambda r, i: time_tracking(r.work, i.original_estimate, i.remaining_estimate, i.time_spent),
    "security": SystemValues.security,
    "attachment": lambda r, i: [],
    "aggregatetimeestimate": lambda r, i: r.aggregate(i, "remaining_estimate"),
    "summary": lambda r, i: i.summary,
    "creator": lambda r, i: r.user(i.creator_id),
    "subtasks": lambda r, i: [issue_ref(r.ctx, r.bundle, s) for s in r.bundle.subtasks.get(i.id, [])],
    "reporter": lambda r, i: r.user(i.reporter_id),
    "aggregateprogress": _aggregate_progress,
    "environment": lambda r, i: i.environment,
    "duedate": lambda r, i: format_date(i.due_date),
    "progress": lambda r, i: progress(i.time_spent, i.remaining_estimate),
    "votes": lambda r, i: {"self": r.ctx.api(f"issue/{i.key}/votes"), "votes": 0, "hasVoted": False},
    "worklog": lambda r, i: {"startAt": 0, "maxResults": 20, "total": 0, "worklogs": []},
}

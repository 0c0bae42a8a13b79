"""The expansions of GET issue that need the issue's configuration: transitions, operations, editmeta."""

from __future__ import annotations

from typing import Any

from ticketry.core.context import RequestContext
from ticketry.core.expand import Expand
from ticketry.platform.issues.meta import edit_meta
from ticketry.platform.issues.models import Issue
from ticketry.platform.issues.transitions import transitions_json


def add_expansions(ctx: RequestContext, issue: Issue, body: dict[str, Any], expand: Expand) -> None:
    if "transitions" in expand:
        body["transitions"] = transitions_json(ctx, issue, expand.nested("transitions"))
    if "operations" in expand:
        body["operations"] = operations_json(ctx, issue)
    if "editmeta" in expand:
        body["editmeta"] = edit_meta(ctx, issue)


def _link(link_id: str, label: str, title: str, href: str, weight: int) -> dict[str, Any]:
    return {"id": link_id, "styleClass": f"issueaction-{link_id}", "label": label, "title": title,
            "href": href, "weight": weight}


def operations_json(ctx: RequestContext, issue: Issue) -> dict[str, Any]:
    """The operations bar of the issue (edit, assign, comment and the available transitions)."""
    actions = [
        _link("edit-issue", "Edit", "Edit this issue", f"/secure/EditIssue!default.jspa?id={issue.id}", 1),
        _link("assign-issue", "Assign", "Assign this issue to someone",
              f"/secure/AssignIssue!default.jspa?id={issue.id}", 5),
        _link("comment-issue", "Comment", "Comment on this issue",
              f"/secure/AddComment!default.jspa?id={issue.id}", 10),
    ]
    transitions = [
        _link(f"action_id_{t['id']}", t["name"], t["name"],
              f"/secure/WorkflowUIDispatcher.jspa?id={issue.id}&action={t['id']}", 10 + n)
        for n, t in enumerate(transitions_json(ctx, issue, Expand(None)))
    ]
    return {"linkGroups": [{
        "id": "view.issue.opsbar", "links": [],
        "groups": [
            {"id": "edit-issue_container", "links": actions, "groups": []},
            {"id": "transitions-all", "links": transitions, "groups": []},
        ],
    }]}

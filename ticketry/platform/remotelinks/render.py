"""Wire shape of remote issue links (ids are numbers here, as in Jira)."""

from __future__ import annotations

from typing import Any

from ticketry.core.context import RequestContext
from ticketry.platform.issues.models import Issue
from ticketry.platform.remotelinks.models import RemoteIssueLink


def link_self(ctx: RequestContext, issue: Issue, link: RemoteIssueLink) -> str:
    return ctx.api(f"issue/{issue.key}/remotelink/{link.id}")


def link_ref(ctx: RequestContext, issue: Issue, link: RemoteIssueLink) -> dict[str, Any]:
    return {"id": link.id, "self": link_self(ctx, issue, link)}


def _present(**values: Any) -> dict[str, Any]:
    return {name: value for name, value in values.items() if value is not None}


def link_json(ctx: RequestContext, issue: Issue, link: RemoteIssueLink) -> dict[str, Any]:
    body: dict[str, Any] = link_ref(ctx, issue, link)
    if link.global_id is not None:
        body["globalId"] = link.global_id
    body["application"] = _present(type=link.application_type, name=link.application_name)
    if link.relationship is not None:
        body["relationship"] = link.relationship
    status = _present(resolved=link.resolved)
    status["icon"] = _present(url16x16=link.status_icon_url, title=link.status_icon_title, link=link.status_icon_link)
    body["object"] = {
        **_present(url=link.url, title=link.title, summary=link.summary),
        "icon": _present(url16x16=link.icon_url, title=link.icon_title),
        "status": status,
    }
    return body

"""Wire shapes of the issue constants, shared by every feature that embeds them."""

from __future__ import annotations

from typing import Any

from ticketry.core.context import RequestContext
from ticketry.platform.issueconfig.models import (
    IssueLinkType,
    IssueType,
    Priority,
    Resolution,
    Status,
    StatusCategory,
)


def status_category_json(ctx: RequestContext, category: StatusCategory) -> dict[str, Any]:
    return {
        "self": ctx.api(f"statuscategory/{category.id}"),
        "id": category.id,
        "key": category.key,
        "colorName": category.color_name,
        "name": category.name,
    }


def status_json(ctx: RequestContext, status: Status, category: StatusCategory) -> dict[str, Any]:
    return {
        "self": ctx.api(f"status/{status.id}"),
        "description": status.description,
        "iconUrl": ctx.url(status.icon_path),
        "name": status.name,
        "id": str(status.id),
        "statusCategory": status_category_json(ctx, category),
    }


def priority_json(ctx: RequestContext, priority: Priority) -> dict[str, Any]:
    return {
        "self": ctx.api(f"priority/{priority.id}"),
        "statusColor": priority.status_color,
        "description": priority.description,
        "iconUrl": ctx.url(priority.icon_path),
        "name": priority.name,
        "id": str(priority.id),
    }


def resolution_json(ctx: RequestContext, resolution: Resolution) -> dict[str, Any]:
    return {
        "self": ctx.api(f"resolution/{resolution.id}"),
        "id": str(resolution.id),
        "description": resolution.description,
        "name": resolution.name,
    }


def issue_type_icon(ctx: RequestContext, issue_type: IssueType) -> str:
    if issue_type.avatar_id:
        return ctx.url(f"/secure/viewavatar?size=xsmall&avatarId={issue_type.avatar_id}&avatarType=issuetype")
    return ctx.url(issue_type.icon_path or "/images/icons/issuetypes/blank.png")


def issue_type_json(ctx: RequestContext, issue_type: IssueType) -> dict[str, Any]:
    body: dict[str, Any] = {
        "self": ctx.api(f"issuetype/{issue_type.id}"),
        "id": str(issue_type.id),
        "description": issue_type.description,
        "iconUrl": issue_type_icon(ctx, issue_type),
        "name": issue_type.name,
        "subtask": issue_type.subtask,
    }
    if issue_type.avatar_id:
        body["avatarId"] = issue_type.avatar_id
    return body


def link_type_json(ctx: RequestContext, link_type: IssueLinkType) -> dict[str, Any]:
    return {
        "id": str(link_type.id),
        "name": link_type.name,
        "inward": link_type.inward,
        "outward": link_type.outward,
        "self": ctx.api(f"issueLinkType/{link_type.id}"),
    }

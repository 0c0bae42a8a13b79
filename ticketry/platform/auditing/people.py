"""Audit records of user and group administration, in Jira's words (UserEventHandler, GroupEventHandler)."""

from __future__ import annotations

from typing import Any

from ticketry.core.context import RequestContext
from ticketry.platform.auditing.service import (
    DIRECTORY_ID,
    DIRECTORY_NAME,
    GROUP_MANAGEMENT,
    USER_MANAGEMENT,
    Item,
    created,
    diff,
    record,
)
from ticketry.platform.users.models import Group, User


def user_item(user: User) -> Item:
    return Item(user.key, user.name, "USER", DIRECTORY_ID, DIRECTORY_NAME)


def group_item(name: str) -> Item:
    return Item(name, name, "GROUP", DIRECTORY_ID, DIRECTORY_NAME)


def _active(value: bool) -> str:
    return "Active" if value else "Inactive"


def user_snapshot(user: User) -> dict[str, Any]:
    """The audited fields of a user, taken before a change."""
    return {"name": user.name, "display_name": user.display_name, "email": user.email, "active": user.active}


def user_created(ctx: RequestContext, user: User, groups: list[str]) -> None:
    """"User created", then "User added to group" for each default group the user joined."""
    record(ctx, "User created", USER_MANAGEMENT, user_item(user), created([
        ("Username", user.name), ("Full name", user.display_name), ("Email", user.email),
        ("Active / Inactive", _active(user.active)),
    ]))
    for name in groups:
        member_added(ctx, name, user)


def user_updated(ctx: RequestContext, before: dict[str, Any], user: User) -> None:
    """A rename is its own "User renamed"; other changes are one "User updated" (none if nothing changed)."""
    if before["name"] != user.name:
        record(ctx, "User renamed", USER_MANAGEMENT, user_item(user), diff([("Username", before["name"], user.name)]))
    changes = diff([
        ("Full name", before["display_name"], user.display_name),
        ("Email", before["email"], user.email),
        ("Active / Inactive", _active(before["active"]), _active(user.active)),
    ])
    if changes:
        record(ctx, "User updated", USER_MANAGEMENT, user_item(user), changes)


def user_deleted(ctx: RequestContext, user_key: str, user_name: str) -> None:
    record(ctx, "User deleted", USER_MANAGEMENT, Item(user_key, user_name, "USER", DIRECTORY_ID, DIRECTORY_NAME))


def group_created(ctx: RequestContext, group: Group) -> None:
    record(ctx, "Group created", GROUP_MANAGEMENT, group_item(group.name))


def group_deleted(ctx: RequestContext, name: str) -> None:
    record(ctx, "Group deleted", GROUP_MANAGEMENT, group_item(name))


def member_added(ctx: RequestContext, group_name: str, user: User) -> None:
    record(ctx, "User added to group", GROUP_MANAGEMENT, group_item(group_name), associated=[user_item(user)])


def member_removed(ctx: RequestContext, group_name: str, user: User) -> None:
    record(ctx, "User removed from group", GROUP_MANAGEMENT, group_item(group_name), associated=[user_item(user)])

"""User rules: identity resolution (name, key or accountId), creation, and validation."""

from __future__ import annotations

import uuid
from collections.abc import Iterable

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from ticketry.core.errors import BadRequest, NotFound
from ticketry.core.passwords import hash_password
from ticketry.platform.users.models import Group, GroupMembership, User


def find_user(db: Session, identifier: str | None) -> User | None:
    """A user by name (case-insensitive), key or accountId."""
    if not identifier:
        return None
    return db.scalars(
        select(User).where(
            or_(User.lower_name == identifier.lower(), User.key == identifier, User.account_id == identifier)
        ).limit(1)
    ).first()


def get_user(db: Session, identifier: str | None, *, field: str = "username") -> User:
    user = find_user(db, identifier)
    if user is None:
        raise NotFound(f"The user named '{identifier}' does not exist", errors={})
    return user


def require_user_param(username: str | None, key: str | None, account_id: str | None = None) -> str:
    value = username or key or account_id
    if not value:
        raise BadRequest("Either the 'username', 'key' or 'accountId' query parameter must be provided.")
    return value


def find_group(db: Session, name: str | None) -> Group | None:
    if not name:
        return None
    return db.scalars(select(Group).where(Group.lower_name == name.lower())).first()


def create_user(
    db: Session,
    *,
    name: str,
    email: str,
    display_name: str,
    password: str | None = None,
    time_zone: str = "UTC",
    locale: str = "en_US",
    groups: Iterable[str] = (),
) -> User:
    errors = validate_new_user(db, name, email, display_name)
    if errors:
        raise BadRequest(errors=errors)
    user = User(
        name=name,
        lower_name=name.lower(),
        key=f"pending-{uuid.uuid4().hex}",
        account_id=uuid.uuid4().hex,
        display_name=display_name,
        email=email,
        time_zone=time_zone,
        locale=locale,
        password_hash=hash_password(password) if password else None,
    )
    db.add(user)
    db.flush()
    # Jira 8 gives new users a key derived from their id, so renames keep the key stable.
    user.key = f"JIRAUSER{user.id}"
    for group_name in groups:
        group = find_group(db, group_name)
        if group is not None:
            db.add(GroupMembership(group_id=group.id, user_id=user.id))
    db.flush()
    return user


def validate_new_user(db: Session, name: str | None, email: str | None, display_name: str | None) -> dict[str, str]:
    errors: dict[str, str] = {}
    if not name or not name.strip():
        errors["username"] = "You must specify a username."
    elif len(name) > 255:
        errors["username"] = "The username must not exceed 255 characters in length."
    elif any(c in name for c in "<>&\"'") or name != name.strip():
        errors["username"] = "The username must not contain '<', '>', '&', quotes or surrounding spaces."
    elif find_user(db, name) is not None:
        errors["username"] = "A user with that username already exists."
    if not email or not email.strip():
        errors["email"] = "You must specify an email address."
    elif "@" not in email or len(email) > 255:
        errors["email"] = "You must specify a valid email address."
    if not display_name or not display_name.strip():
        errors["displayName"] = "You must specify a full name."
    elif len(display_name) > 255:
        errors["displayName"] = "The full name must not exceed 255 characters in length."
    return errors


def group_names(db: Session, user: User) -> list[str]:
    return sorted(
        db.scalars(
            select(Group.name)
            .join(GroupMembership, GroupMembership.group_id == Group.id)
            .where(GroupMembership.user_id == user.id)
        ),
        key=str.lower,
    )


def is_member(db: Session, user: User, group_name: str) -> bool:
    return (
        db.scalar(
            select(GroupMembership.user_id)
            .join(Group, Group.id == GroupMembership.group_id)
            .where(GroupMembership.user_id == user.id, Group.lower_name == group_name.lower())
        )
        is not None
    )


def is_admin(db: Session, user: User | None) -> bool:
    """Jira administrators: members of jira-administrators (global permissions arrive later)."""
    return user is not None and user.active and is_member(db, user, "jira-administrators")

"""User rules: identity resolution (name, key or accountId), creation, update, deletion, validation."""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import bindparam, func, or_, select
from sqlalchemy.orm import Session

from ticketry.core.errors import BadRequest, NotFound
from ticketry.core.passwords import hash_password
from ticketry.platform.users.models import Group, GroupMembership, User

ADMIN_GROUP = "jira-administrators"
USER_PROPERTY_ENTITY = "user"
# The string preferences of the legacy /userProperties resource.
LEGACY_PROPERTY_ENTITY = "user.legacy"


def has_control_characters(text: str) -> bool:
    return any(ord(c) < 32 or ord(c) == 127 for c in text)


def find_user(db: Session, identifier: str | None) -> User | None:
    """A user by name (case-insensitive), key or accountId."""
    if not identifier or "\x00" in identifier:
        return None
    return db.scalars(_USER_BY_IDENTIFIER, {"lower": identifier.lower(), "identifier": identifier}).first()


# Built once (every authenticated request runs it): building a statement costs more than running it.
_USER_BY_IDENTIFIER = select(User).where(or_(
    User.lower_name == bindparam("lower"), User.key == bindparam("identifier"),
    User.account_id == bindparam("identifier"))).limit(1)


def get_user(db: Session, identifier: str | None, *, field: str = "username") -> User:
    user = find_user(db, identifier)
    if user is None:
        if field == "key":
            raise NotFound(f"The user with the key '{identifier}' does not exist", errors={})
        raise NotFound(f"The user named '{identifier}' does not exist", errors={})
    return user


def require_user_param(username: str | None, key: str | None, account_id: str | None = None) -> str:
    value = username or key or account_id
    if not value:
        raise BadRequest("Either the 'username', 'key' or 'accountId' query parameter must be provided.")
    return value


def resolve_user(db: Session, username: str | None, key: str | None, account_id: str | None = None) -> User:
    """The user named by whichever of username, key or accountId was given (400 if none, 404 if unknown)."""
    value = require_user_param(username, key, account_id)
    return get_user(db, value, field="username" if username else "key")


def find_group(db: Session, name: str | None) -> Group | None:
    if not name or "\x00" in name:
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


def register_user(
    db: Session, *, name: str, email: str, display_name: str, password: str | None,
    application_keys: list[str] | None,
) -> User:
    """POST /user: a new user with access to the given applications (or the default ones)."""
    from ticketry.platform.users.approles import default_groups

    errors = validate_new_user(db, name, email, display_name)
    try:
        groups = [group.name for group in default_groups(db, application_keys)]
    except BadRequest as exc:
        errors.update(exc.errors)
        groups = []
    if errors:
        raise BadRequest(errors=errors)
    return create_user(db, name=name, email=email, display_name=display_name, password=password, groups=groups)


def validate_new_user(db: Session, name: str | None, email: str | None, display_name: str | None) -> dict[str, str]:
    errors: dict[str, str] = {}
    name_error = _name_error(db, name, None)
    if name_error:
        errors["username"] = name_error
    email_error = _email_error(email)
    if email_error:
        errors["email"] = email_error
    display_error = _display_name_error(display_name)
    if display_error:
        errors["displayName"] = display_error
    return errors


def _name_error(db: Session, name: str | None, user: User | None) -> str | None:
    if not name or not name.strip():
        return "You must specify a username."
    if len(name) > 255:
        return "The username must not exceed 255 characters in length."
    if any(c in name for c in "<>&\"'") or name != name.strip() or has_control_characters(name):
        return "The username must not contain '<', '>', '&', quotes or surrounding spaces."
    other = db.scalars(select(User).where(User.lower_name == name.lower())).first()
    if other is not None and (user is None or other.id != user.id):
        return "A user with that username already exists."
    return None


def _email_error(email: str | None) -> str | None:
    if not email or not email.strip():
        return "You must specify an email address."
    local, at, domain = email.strip().partition("@")
    if not at or not local or not domain or len(email) > 255 or " " in email.strip() or has_control_characters(email):
        return "You must specify a valid email address."
    return None


def _display_name_error(display_name: str | None) -> str | None:
    if not display_name or not display_name.strip():
        return "You must specify a full name."
    if len(display_name) > 255:
        return "The full name must not exceed 255 characters in length."
    if has_control_characters(display_name):
        return "The full name must not contain control characters."
    return None


@dataclass
class UserChanges:
    """PUT /user: None leaves a field as it is."""

    name: str | None = None
    email: str | None = None
    display_name: str | None = None
    active: bool | None = None


def update_user(db: Session, actor: User, user: User, changes: UserChanges) -> User:
    errors: dict[str, str] = {}
    if changes.name is not None and (error := _name_error(db, changes.name, user)):
        errors["username"] = error
    if changes.email is not None and (error := _email_error(changes.email)):
        errors["email"] = error
    if changes.display_name is not None and (error := _display_name_error(changes.display_name)):
        errors["displayName"] = error
    if changes.active is False and user.id == actor.id:
        errors["active"] = "You cannot deactivate your own user."
    if errors:
        raise BadRequest(errors=errors)
    if changes.name is not None:
        user.name, user.lower_name = changes.name, changes.name.lower()
    if changes.email is not None:
        user.email = changes.email.strip()
    if changes.display_name is not None:
        user.display_name = changes.display_name
    if changes.active is not None:
        user.active = changes.active
    db.flush()
    return user


def delete_user(db: Session, actor: User, user: User) -> None:
    from ticketry.platform.properties.service import delete_all
    from ticketry.platform.users.references import reference_error

    if user.id == actor.id:
        raise BadRequest("You cannot delete the currently logged in user.")
    error = reference_error(db, user)
    if error:
        raise BadRequest(error)
    delete_all(db, USER_PROPERTY_ENTITY, user.key)
    delete_all(db, LEGACY_PROPERTY_ENTITY, user.key)
    db.delete(user)
    db.flush()


def group_names(db: Session, user: User) -> list[str]:
    return sorted(
        db.scalars(
            select(Group.name)
            .join(GroupMembership, GroupMembership.group_id == Group.id)
            .where(GroupMembership.user_id == user.id)
        ),
        key=str.lower,
    )


def group_count(db: Session, user: User) -> int:
    return int(db.scalar(select(func.count()).where(GroupMembership.user_id == user.id)) or 0)


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
    """Jira administrators: holders of the ADMINISTER (or SYSTEM_ADMIN) global permission."""
    from ticketry.platform.permissions.engine import access_for

    return user is not None and user.active and access_for(db, user).is_admin()

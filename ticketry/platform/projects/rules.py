"""Validation rules of projects: keys, names, leads, URLs, and the schemes a project points at.

Each check returns an error message (or None) so that one request reports every field at once,
as Jira does.
"""

from __future__ import annotations

import re

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ticketry.core.errors import NotFound
from ticketry.core.ids import db_id
from ticketry.platform.avatars.service import is_system, usable_avatar
from ticketry.platform.permissions.models import IssueSecurityScheme, NotificationScheme, PermissionScheme
from ticketry.platform.projects.models import Project, ProjectCategory, ProjectKey
from ticketry.platform.users.models import User
from ticketry.platform.users.service import find_user
from ticketry.platform.workflows.models import WorkflowScheme

MAX_KEY_LENGTH = 10
MAX_NAME_LENGTH = 80
MIN_NAME_LENGTH = 2
KEY_PATTERN = re.compile(r"[A-Z][A-Z0-9]+")
# Device names Windows refuses as file names; Jira refuses them as keys.
RESERVED_KEYS = frozenset(
    ["AUX", "CON", "NUL", "PRN"] + [f"COM{i}" for i in range(1, 10)] + [f"LPT{i}" for i in range(1, 10)]
)
ASSIGNEE_TYPES = ("PROJECT_LEAD", "UNASSIGNED")

KEY_REQUIRED = "You must specify a valid project key."
KEY_PATTERN_MESSAGE = ("Project keys must start with an uppercase letter, followed by one or more uppercase "
                       "alphanumeric characters.")
KEY_TOO_LONG = f"The project key must not exceed {MAX_KEY_LENGTH} characters in length."
KEY_RESERVED = "This keyword is invalid as it is a reserved word on this operating system."
NAME_REQUIRED = "You must specify a valid project name."
NAME_TOO_SHORT = f"The project name should be at least {MIN_NAME_LENGTH} characters in length."
NAME_TOO_LONG = f"The project name must not exceed {MAX_NAME_LENGTH} characters in length."
NAME_TAKEN = "A project with that name already exists."
LEAD_REQUIRED = "You must specify a valid project lead."
URL_INVALID = "The URL specified is not valid - it must start with http:// or https://"


def key_format_error(key: str | None) -> str | None:
    if key is None or not key.strip():
        return KEY_REQUIRED
    if len(key) > MAX_KEY_LENGTH:
        return KEY_TOO_LONG
    if not KEY_PATTERN.fullmatch(key):
        return KEY_PATTERN_MESSAGE
    if key in RESERVED_KEYS:
        return KEY_RESERVED
    return None


def project_with_key(db: Session, key: str) -> Project | None:
    """The project whose key this is now, or was before a key change."""
    current = db.scalars(select(Project).where(Project.key == key.upper())).first()
    if current is not None:
        return current
    return db.scalars(select(Project).join(ProjectKey, ProjectKey.project_id == Project.id)
                      .where(ProjectKey.key == key.upper())).first()


def project_keys(db: Session, project: Project) -> list[str]:
    """Every key of the project, the current one included, in alphabetical order."""
    keys = set(db.scalars(select(ProjectKey.key).where(ProjectKey.project_id == project.id)))
    return sorted(keys | {project.key})


def keys_of_projects(db: Session, projects: list[Project]) -> dict[int, list[str]]:
    """project id -> every key of that project (one query for the whole list)."""
    keys: dict[int, set[str]] = {p.id: {p.key} for p in projects}
    rows = db.execute(select(ProjectKey.project_id, ProjectKey.key).where(ProjectKey.project_id.in_(list(keys))))
    for project_id, key in rows:
        keys[project_id].add(key)
    return {project_id: sorted(found) for project_id, found in keys.items()}


def key_error(db: Session, key: str | None, *, exclude_id: int | None = None) -> str | None:
    problem = key_format_error(key)
    if problem is not None or key is None:
        return problem
    holder = project_with_key(db, key)
    if holder is not None and holder.id != exclude_id:
        return f"Project '{holder.name}' uses this project key."
    return None


def name_taken(db: Session, name: str, *, exclude_id: int | None = None) -> bool:
    found = db.scalar(select(Project.id).where(func.lower(Project.name) == name.strip().lower()).limit(1))
    return found is not None and found != exclude_id


def name_error(db: Session, name: str | None, *, exclude_id: int | None = None) -> str | None:
    if name is None or not name.strip():
        return NAME_REQUIRED
    if len(name.strip()) < MIN_NAME_LENGTH:
        return NAME_TOO_SHORT
    if len(name) > MAX_NAME_LENGTH:
        return NAME_TOO_LONG
    if name_taken(db, name, exclude_id=exclude_id):
        return NAME_TAKEN
    return None


def find_lead(db: Session, identifier: str | None) -> User | None:
    user = find_user(db, identifier)
    return user if user is not None and user.active else None


def url_error(url: str | None) -> str | None:
    if url and not re.match(r"https?://\S", url.strip(), re.IGNORECASE):
        return URL_INVALID
    return None


def assignee_type_error(value: str | None) -> str | None:
    if value is not None and value not in ASSIGNEE_TYPES:
        return f"The default assignee '{value}' is not valid; use PROJECT_LEAD or UNASSIGNED."
    return None


_SCHEMES: dict[str, tuple[type, str]] = {
    "permissionScheme": (PermissionScheme, "permission scheme"),
    "notificationScheme": (NotificationScheme, "notification scheme"),
    "issueSecurityScheme": (IssueSecurityScheme, "issue security scheme"),
    "workflowSchemeId": (WorkflowScheme, "workflow scheme"),
    "categoryId": (ProjectCategory, "project category"),
}


def reference_errors(db: Session, values: dict[str, int | None]) -> dict[str, str]:
    """Field errors for scheme and category ids that do not exist."""
    errors: dict[str, str] = {}
    for field, value in values.items():
        if value is None:
            continue
        model, label = _SCHEMES[field]
        number = db_id(value)
        if number is None or db.get(model, number) is None:
            errors[field] = f"The {label} with id '{value}' does not exist."
    return errors


def avatar_error(db: Session, avatar_id: int | None, project_id: int | None) -> str | None:
    if avatar_id is None or is_system(avatar_id):
        return None
    if project_id is not None:
        try:
            usable_avatar(db, avatar_id, str(project_id))
            return None
        except NotFound:
            pass
    return f"The avatar with id '{avatar_id}' does not exist or may not be used here."

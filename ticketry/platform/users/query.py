"""The structured user query of /user/search/query, compiled to a condition on User.

Clauses, joined with AND or OR (AND binds tighter):
  is assignee of PROJ            is assignee of (PROJ-1, PROJ-2)
  is reporter of PROJ            is reporter of (PROJ-1, PROJ-2)
  [propertyKey].entity.property.path is "value"
"""

from __future__ import annotations

import re
from typing import Any

from sqlalchemy import ColumnElement, and_, false, or_, select
from sqlalchemy.orm import Session

from ticketry.core.errors import BadRequest
from ticketry.platform.issues.models import Issue
from ticketry.platform.projects.models import Project
from ticketry.platform.properties.models import EntityProperty
from ticketry.platform.users.models import User
from ticketry.platform.users.service import USER_PROPERTY_ENTITY

ROLE_CLAUSE = re.compile(r"is\s+(assignee|reporter)\s+of\s+(\([^)]*\)|\S+)", re.I)
PROPERTY_CLAUSE = re.compile(r"\[([^\]]+)\]\.entity\.property\.?([\w.]*)\s+is\s+(\"(?:[^\"\\]|\\.)*\"|\S+)", re.I)
CONNECTIVE = re.compile(r"\s+(and|or)\s+(?=(?:[^\"]*\"[^\"]*\")*[^\"]*$)", re.I)


def parse_user_query(db: Session, query: str | None) -> ColumnElement[bool]:
    text = (query or "").strip()
    if not text:
        raise BadRequest(errors={"query": "The query must not be empty."})
    parts = CONNECTIVE.split(text)
    alternatives: list[list[ColumnElement[bool]]] = [[_clause(db, parts[0])]]
    for connective, clause in zip(parts[1::2], parts[2::2], strict=True):
        if connective.lower() == "or":
            alternatives.append([])
        alternatives[-1].append(_clause(db, clause))
    return or_(*(and_(*group) for group in alternatives))


def property_filter(db: Session, raw: str) -> ColumnElement[bool]:
    """/user/search's `property` parameter: propertyKey.path.to.value=expected."""
    target, equals, expected = raw.partition("=")
    key, _, path = target.partition(".")
    if not equals or not key.strip() or not expected:
        raise BadRequest(errors={"property": "The property parameter must look like propertyKey.path=value."})
    return _property(db, key.strip(), path.strip(), expected)


def _clause(db: Session, clause: str) -> ColumnElement[bool]:
    clause = clause.strip()
    if match := ROLE_CLAUSE.fullmatch(clause):
        return _issue_role(db, match.group(1).lower(), match.group(2))
    if match := PROPERTY_CLAUSE.fullmatch(clause):
        return _property(db, match.group(1), match.group(2), _literal(match.group(3)))
    raise BadRequest(f"Invalid user query: '{clause}'.")


def _issue_role(db: Session, role: str, target: str) -> ColumnElement[bool]:
    column = Issue.assignee_id if role == "assignee" else Issue.reporter_id
    if target.startswith("("):
        keys = [k.strip().upper() for k in target[1:-1].split(",") if k.strip()]
        issues = select(column).where(Issue.key.in_(keys))
    else:
        project = db.scalars(select(Project.id).where(Project.key == target.upper())).first()
        if project is None:
            raise BadRequest(f"No project could be found with key '{target}'.")
        issues = select(column).where(Issue.project_id == project)
    return User.id.in_(issues.where(column.is_not(None)))


def _literal(raw: str) -> str:
    if raw.startswith('"'):
        return re.sub(r"\\(.)", r"\1", raw[1:-1])
    return raw


def _property(db: Session, key: str, path: str, expected: str) -> ColumnElement[bool]:
    rows = db.execute(
        select(EntityProperty.entity_id, EntityProperty.value).where(
            EntityProperty.entity_type == USER_PROPERTY_ENTITY, EntityProperty.key == key
        )
    ).all()
    keys = [entity_id for entity_id, value in rows if _matches(_walk(value, path), expected)]
    return User.key.in_(keys) if keys else false()


def _walk(value: Any, path: str) -> Any:
    for part in [p for p in path.split(".") if p]:
        if not isinstance(value, dict) or part not in value:
            return None
        value = value[part]
    return value


def _matches(value: Any, expected: str) -> bool:
    if value is None or isinstance(value, dict | list):
        return False
    if isinstance(value, bool):
        return str(value).lower() == expected.lower()
    return str(value) == expected

"""Reads of permission schemes, issue security schemes and their levels."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from ticketry.core.errors import NotFound
from ticketry.platform.permissions.models import IssueSecurityLevel, IssueSecurityScheme, PermissionScheme


def permission_schemes(db: Session) -> list[PermissionScheme]:
    return list(db.scalars(select(PermissionScheme).order_by(PermissionScheme.name)))


def security_schemes(db: Session) -> list[IssueSecurityScheme]:
    return list(db.scalars(select(IssueSecurityScheme).order_by(IssueSecurityScheme.name)))


def get_security_scheme(db: Session, scheme_id: int) -> IssueSecurityScheme:
    scheme = db.get(IssueSecurityScheme, scheme_id)
    if scheme is None:
        raise NotFound(f"The issue security scheme with id {scheme_id} does not exist.")
    return scheme


def security_levels(db: Session, scheme_id: int) -> list[IssueSecurityLevel]:
    return list(db.scalars(
        select(IssueSecurityLevel).where(IssueSecurityLevel.scheme_id == scheme_id).order_by(IssueSecurityLevel.name)
    ))


def get_security_level(db: Session, level_id: int) -> IssueSecurityLevel:
    level = db.get(IssueSecurityLevel, level_id)
    if level is None:
        raise NotFound(f"The issue security level with id {level_id} does not exist.")
    return level

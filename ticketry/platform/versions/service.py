"""Version rules: lookup, validation, creation, changes, listings and paging."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import Select, func, or_, select
from sqlalchemy.orm import Session

from ticketry.core.context import RequestContext
from ticketry.core.errors import BadRequest, NotFound
from ticketry.core.ids import db_id
from ticketry.platform.components.service import MAX_OFFSET, like_pattern, resolve_project
from ticketry.platform.permissions.checks import can_administer_project, deny
from ticketry.platform.projects.models import Project
from ticketry.platform.projects.visibility import ADMINISTER_DENIED, require_view
from ticketry.platform.versions.dates import RELEASE, START
from ticketry.platform.versions.models import Version
from ticketry.platform.versions.relinking import FIX, move_links, swap_target
from ticketry.platform.versions.schemas import VersionIn

NAME_LIMIT = 255
STATUSES = ("released", "unreleased", "archived")


def get_version(db: Session, raw_id: str | int) -> Version:
    version_id = db_id(raw_id)
    version = db.get(Version, version_id) if version_id is not None else None
    if version is None:
        raise NotFound(f"Could not find version for id '{raw_id}'")
    return version


def visible_version(ctx: RequestContext, raw_id: str | int) -> Version:
    """A version of a project the caller may view; else as absent as an unknown one."""
    version = get_version(ctx.db, raw_id)
    require_view(ctx, version.project_id, f"Could not find version for id '{raw_id}'")
    return version


def administered_version(ctx: RequestContext, raw_id: str | int) -> Version:
    """Version changes need Administer Projects in its project (or Jira administration)."""
    version = visible_version(ctx, raw_id)
    if not can_administer_project(ctx, version.project_id):
        raise deny(ctx, ADMINISTER_DENIED)
    return version


def _name_error(db: Session, project_id: int, name: str, own_id: int | None) -> str | None:
    if not name:
        return "You must specify a valid version name"
    if len(name) > NAME_LIMIT:
        return f"The version name must not exceed {NAME_LIMIT} characters in length."
    query = select(Version.id).where(Version.project_id == project_id, func.lower(Version.name) == name.lower())
    if own_id is not None:
        query = query.where(Version.id != own_id)
    if db.scalar(query.limit(1)) is not None:
        return "A version with this name already exists in this project."
    return None


def _dates(body: VersionIn, start: date | None, release: date | None,
           errors: dict[str, str]) -> tuple[date | None, date | None]:
    start = START.resolve(body.startDate, body.userStartDate, start, errors)
    release = RELEASE.resolve(body.releaseDate, body.userReleaseDate, release, errors)
    if start is not None and release is not None and start > release and not errors:
        errors["startDate"] = "The start date must be before the release date."
    return start, release


def create_version(db: Session, body: VersionIn) -> Version:
    project = resolve_project(db, body.project, body.projectId)
    errors: dict[str, str] = {}
    name = (body.name or "").strip()
    name_error = _name_error(db, project.id, name, None)
    if name_error:
        errors["name"] = name_error
    start, release = _dates(body, None, None, errors)
    if errors:
        raise BadRequest(errors=errors)
    last = db.scalar(select(func.max(Version.sequence)).where(Version.project_id == project.id)) or 0
    version = Version(
        project_id=project.id, name=name, description=body.description or "",
        archived=bool(body.archived), released=bool(body.released),
        start_date=start, release_date=release, sequence=last + 1,
    )
    db.add(version)
    db.flush()
    return version


def update_version(db: Session, version: Version, body: VersionIn) -> Version:
    """Fields present override; absent (or null) fields are left alone; an empty date clears it."""
    errors: dict[str, str] = {}
    if body.name is not None:
        name_error = _name_error(db, version.project_id, body.name.strip(), version.id)
        if name_error:
            errors["name"] = name_error
    start, release = _dates(body, version.start_date, version.release_date, errors)
    if errors:
        raise BadRequest(errors=errors)
    unfixed_to = swap_target(db, version, body.moveUnfixedIssuesTo, "moveUnfixedIssuesTo")
    if body.name is not None:
        version.name = body.name.strip()
    if body.description is not None:
        version.description = body.description
    if body.archived is not None:
        version.archived = body.archived
    if body.released is not None:
        version.released = body.released
    version.start_date, version.release_date = start, release
    if unfixed_to is not None:
        move_links(db, version.id, unfixed_to.id, FIX, unresolved_only=True)
    db.flush()
    return version


def project_versions(db: Session, project: Project) -> list[Version]:
    return list(db.scalars(
        select(Version).where(Version.project_id == project.id).order_by(Version.sequence, Version.id)
    ))


@dataclass
class VersionPage:
    versions: list[Version]
    total: int


def _order_columns(order_by: str | None) -> list[Any]:
    raw = (order_by or "sequence").strip()
    descending = raw.startswith("-")
    field = raw.lstrip("+-")
    columns: dict[str, Any] = {
        "sequence": Version.sequence,
        "name": func.lower(Version.name),
        "startDate": Version.start_date,
        "releaseDate": Version.release_date,
        "description": func.lower(Version.description),
    }
    if field not in columns:
        raise BadRequest(errors={"orderBy": f"The value '{raw}' is not a valid orderBy field. "
                                 f"Valid fields are: {', '.join(columns)}."})
    column = columns[field]
    ordered = column.desc() if descending else column.asc()
    return [ordered.nulls_last(), Version.sequence, Version.id]


def _status_filter(status: str | None) -> Any:
    wanted = [s.strip().lower() for s in (status or "").split(",") if s.strip()]
    unknown = [s for s in wanted if s not in STATUSES]
    if unknown:
        raise BadRequest(errors={"status": f"The status '{unknown[0]}' is not valid. "
                                 f"Valid statuses are: {', '.join(STATUSES)}."})
    conditions: list[Any] = []
    if "released" in wanted:
        conditions.append(Version.released.is_(True) & Version.archived.is_(False))
    if "unreleased" in wanted:
        conditions.append(Version.released.is_(False) & Version.archived.is_(False))
    if "archived" in wanted:
        conditions.append(Version.archived.is_(True))
    return or_(*conditions) if conditions else None


def page_versions(db: Session, project: Project, *, start_at: int, max_results: int, order_by: str | None,
                  query: str | None, status: str | None) -> VersionPage:
    base: Select[Any] = select(Version).where(Version.project_id == project.id)
    if query:
        pattern = like_pattern(query)
        base = base.where(or_(func.lower(Version.name).like(pattern, escape="\\"),
                              func.lower(Version.description).like(pattern, escape="\\")))
    condition = _status_filter(status)
    if condition is not None:
        base = base.where(condition)
    total = db.scalar(select(func.count()).select_from(base.subquery())) or 0
    ordered = base.order_by(*_order_columns(order_by)).offset(min(start_at, MAX_OFFSET)).limit(max_results)
    versions = list(db.scalars(ordered))
    return VersionPage(versions, total)

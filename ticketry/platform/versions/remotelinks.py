"""Remote version links: any JSON document attached to a version under a global id."""

from __future__ import annotations

import uuid
from typing import Any

import orjson
from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from ticketry.core.errors import BadRequest, NotFound
from ticketry.platform.components.schemas import NUL_MESSAGE, contains_nul
from ticketry.platform.versions.models import Version, VersionRemoteLink

MAX_CHARS = 32768
GLOBAL_ID_LIMIT = 255


def links_of_version(db: Session, version: Version) -> list[VersionRemoteLink]:
    return list(db.scalars(
        select(VersionRemoteLink).where(VersionRemoteLink.version_id == version.id).order_by(VersionRemoteLink.id)
    ))


def links_of_versions(db: Session, version_ids: list[int]) -> dict[int, list[VersionRemoteLink]]:
    found: dict[int, list[VersionRemoteLink]] = {vid: [] for vid in version_ids}
    if version_ids:
        rows = db.scalars(select(VersionRemoteLink).where(VersionRemoteLink.version_id.in_(version_ids))
                          .order_by(VersionRemoteLink.id))
        for link in rows:
            found[link.version_id].append(link)
    return found


def links_by_global_id(db: Session, global_id: str) -> list[tuple[VersionRemoteLink, Version]]:
    if contains_nul(global_id):
        return []
    rows = db.execute(
        select(VersionRemoteLink, Version).join(Version, Version.id == VersionRemoteLink.version_id)
        .where(VersionRemoteLink.global_id == global_id).order_by(VersionRemoteLink.version_id)
    )
    return [(link, version) for link, version in rows]


def get_link(db: Session, version: Version, global_id: str) -> VersionRemoteLink:
    link = None if contains_nul(global_id) else db.scalars(select(VersionRemoteLink).where(
        VersionRemoteLink.version_id == version.id, VersionRemoteLink.global_id == global_id)).first()
    if link is None:
        raise NotFound(f"No remote link with global id '{global_id}' exists for version {version.id}.")
    return link


def _check_payload(payload: Any) -> None:
    if payload is None or payload == "":
        raise BadRequest("The JSON payload of the remote version link must not be empty.")
    if contains_nul(payload):
        raise BadRequest(NUL_MESSAGE)
    if len(orjson.dumps(payload)) > MAX_CHARS:
        raise BadRequest(f"The JSON payload of the remote version link exceeds {MAX_CHARS} characters.")


def put_link(db: Session, version: Version, payload: Any, global_id: str | None = None) -> VersionRemoteLink:
    """Creates the link, or replaces the document of the version's link with the same global id."""
    _check_payload(payload)
    if global_id is None:
        given = payload.get("globalId") if isinstance(payload, dict) else None
        if given is not None and not isinstance(given, str):
            raise BadRequest(errors={"globalId": "The global id must be a string."})
        global_id = given or str(uuid.uuid4())
    if contains_nul(global_id):
        raise BadRequest(NUL_MESSAGE)
    if len(global_id) > GLOBAL_ID_LIMIT:
        raise BadRequest(errors={"globalId": f"The global id must not exceed {GLOBAL_ID_LIMIT} characters."})
    link = db.scalars(select(VersionRemoteLink).where(
        VersionRemoteLink.version_id == version.id, VersionRemoteLink.global_id == global_id)).first()
    if link is None:
        link = VersionRemoteLink(version_id=version.id, global_id=global_id, body=payload)
        db.add(link)
    else:
        link.body = payload
    db.flush()
    return link


def delete_link(db: Session, version: Version, global_id: str) -> None:
    db.delete(get_link(db, version, global_id))
    db.flush()


def delete_links(db: Session, version: Version) -> None:
    if not links_of_version(db, version):
        raise NotFound(f"Version {version.id} has no remote links to delete.")
    db.execute(delete(VersionRemoteLink).where(VersionRemoteLink.version_id == version.id))

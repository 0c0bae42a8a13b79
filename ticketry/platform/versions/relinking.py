"""Issue links of versions: counts, moves on delete/merge/swap/release, and the admin order (sequence)."""

from __future__ import annotations

from sqlalchemy import Integer, and_, delete, exists, func, insert, literal, select
from sqlalchemy.orm import Session, aliased

from ticketry.core.errors import BadRequest, NotFound
from ticketry.core.ids import db_id
from ticketry.platform.issues.models import Issue, IssueVersion
from ticketry.platform.versions.models import Version, VersionRemoteLink

FIX = "fix"
AFFECTS = "affects"
POSITIONS = ("First", "Last", "Earlier", "Later")


def version_id_from_ref(ref: str | int) -> int | None:
    """A version id given as a number or as the version's self URL (.../version/10000)."""
    text = str(ref).strip().rstrip("/")
    return db_id(text.rsplit("/", 1)[-1])


def swap_target(db: Session, version: Version, ref: str | int | None, field: str) -> Version | None:
    """The version that takes over the links of `version`: same project, not itself."""
    if ref is None or str(ref).strip() == "":
        return None
    target_id = version_id_from_ref(ref)
    target = db.get(Version, target_id) if target_id is not None else None
    if target is None:
        raise BadRequest(errors={field: f"The version with id {ref} does not exist."})
    if target.id == version.id:
        raise BadRequest(errors={field: "A version cannot be replaced by itself."})
    if target.project_id != version.project_id:
        raise BadRequest(errors={field: "The replacement version must belong to the same project."})
    return target


def move_links(db: Session, source_id: int, target_id: int | None, kind: str, *, unresolved_only: bool = False) -> None:
    """Moves the source's links of one kind to the target (None: just removes them); in SQL."""
    scope = [IssueVersion.version_id == source_id, IssueVersion.kind == kind]
    if unresolved_only:
        scope.append(IssueVersion.issue_id.in_(select(Issue.id).where(Issue.resolution_id.is_(None))))
    if target_id is not None:
        present = aliased(IssueVersion)
        rows = select(IssueVersion.issue_id, literal(target_id, Integer), literal(kind)).where(
            *scope,
            ~exists().where(and_(present.issue_id == IssueVersion.issue_id, present.version_id == target_id,
                                 present.kind == kind)),
        )
        db.execute(insert(IssueVersion).from_select(["issue_id", "version_id", "kind"], rows))
    db.execute(delete(IssueVersion).where(*scope))


def delete_version(db: Session, version: Version, fix_to: Version | None, affected_to: Version | None) -> None:
    move_links(db, version.id, fix_to.id if fix_to else None, FIX)
    move_links(db, version.id, affected_to.id if affected_to else None, AFFECTS)
    db.execute(delete(IssueVersion).where(IssueVersion.version_id == version.id))
    db.execute(delete(VersionRemoteLink).where(VersionRemoteLink.version_id == version.id))
    db.delete(version)
    db.flush()


def merge_version(db: Session, version: Version, target_ref: str) -> None:
    target_id = version_id_from_ref(target_ref)
    target = db.get(Version, target_id) if target_id is not None else None
    if target is None:
        raise NotFound(f"Could not find version for id '{target_ref}'")
    target = swap_target(db, version, target.id, "moveIssuesTo")
    delete_version(db, version, target, target)


def link_counts(db: Session, version_id: int) -> dict[str, int]:
    rows = db.execute(
        select(IssueVersion.kind, func.count()).where(IssueVersion.version_id == version_id).group_by(IssueVersion.kind)
    )
    counts = {kind: count for kind, count in rows}
    return {FIX: counts.get(FIX, 0), AFFECTS: counts.get(AFFECTS, 0)}


def unresolved_counts(db: Session, version_id: int) -> tuple[int, int]:
    """(unresolved, all) issues with this fix version."""
    row = db.execute(
        select(func.count(), func.count(Issue.id).filter(Issue.resolution_id.is_(None)))
        .select_from(IssueVersion).join(Issue, Issue.id == IssueVersion.issue_id)
        .where(IssueVersion.version_id == version_id, IssueVersion.kind == FIX)
    ).one()
    return int(row[1] or 0), int(row[0] or 0)


def move_version(db: Session, version: Version, position: str | None, after: str | None) -> Version:
    """Reorders the project's versions: an absolute position, or directly after another version."""
    ordered = list(db.scalars(
        select(Version).where(Version.project_id == version.project_id).order_by(Version.sequence, Version.id)
    ))
    index = next(i for i, v in enumerate(ordered) if v.id == version.id)
    ordered.pop(index)
    ordered.insert(_new_index(db, version, ordered, index, position, after), version)
    for sequence, item in enumerate(ordered, start=1):
        item.sequence = sequence
    db.flush()
    return version


def _new_index(db: Session, version: Version, others: list[Version], index: int,
               position: str | None, after: str | None) -> int:
    if after is not None and after.strip():
        target_id = version_id_from_ref(after)
        target = db.get(Version, target_id) if target_id is not None else None
        if target is None:
            raise NotFound(f"Could not find version for id '{after}'")
        if target.id == version.id or target.project_id != version.project_id:
            raise BadRequest(errors={"after": "A version can only be moved after another version of its project."})
        return next(i for i, v in enumerate(others) if v.id == target.id) + 1
    if position is None or not position.strip():
        raise BadRequest(errors={"position": "You must specify either a position or a version to move after."})
    moves = {"First": 0, "Last": len(others), "Earlier": max(index - 1, 0), "Later": min(index + 1, len(others))}
    if position not in moves:
        raise BadRequest(errors={"position": f"The position '{position}' is not valid. "
                                 f"Valid positions are: {', '.join(POSITIONS)}."})
    return moves[position]

"""The changelog: one change group per change of an issue, one item per field changed."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any, cast

from sqlalchemy import Table, bindparam, func, insert, select, text
from sqlalchemy.orm import Session

from ticketry.core.context import RequestContext
from ticketry.core.timefmt import format_datetime
from ticketry.db.base import utcnow
from ticketry.db.types import UTCDateTime
from ticketry.platform.issues import held
from ticketry.platform.issues.models import ChangeGroup, ChangeItem
from ticketry.platform.users.models import User
from ticketry.platform.users.render import user_ref


@dataclass
class Change:
    """One field's change, in Jira's terms: ids in from/to, display values in fromString/toString."""

    field: str
    from_value: str | None = None
    from_string: str | None = None
    to_value: str | None = None
    to_string: str | None = None
    field_type: str = "jira"
    field_id: str | None = None


# PostgreSQL: the group and its items in one statement (the items bound as arrays, inserted in their order).
_RECORD_ON_POSTGRES = text(
    "WITH g AS (INSERT INTO change_group (issue_id, author_id, created) VALUES (:issue_id, :author_id, :created) "
    "RETURNING id) INSERT INTO change_item (group_id, field, field_type, field_id, old_value, old_string, "
    "new_value, new_string) SELECT g.id, i.field, i.field_type, i.field_id, i.old_value, i.old_string, i.new_value, "
    "i.new_string FROM g, unnest(CAST(:fields AS VARCHAR[]), CAST(:field_types AS VARCHAR[]), "
    "CAST(:field_ids AS VARCHAR[]), CAST(:old_values AS TEXT[]), CAST(:old_strings AS TEXT[]), "
    "CAST(:new_values AS TEXT[]), CAST(:new_strings AS TEXT[])) WITH ORDINALITY "
    "AS i (field, field_type, field_id, old_value, old_string, new_value, new_string, n) ORDER BY i.n "
    "RETURNING group_id").bindparams(bindparam("created", type_=UTCDateTime()))


def record(db: Session, issue_id: int, author_id: int | None, items: Sequence[Change],
           when: datetime | None = None) -> int | None:
    """Writes one change group with its items, in one statement on PostgreSQL and two on SQLite (two or three
    more when it changes a field whose held values are kept, issues/held.py); its id (None, and nothing
    written, when there are no items)."""
    if not items:
        return None
    held.take_turn(db, issue_id, items)
    when = when or utcnow()
    if db.get_bind().dialect.name == "postgresql":
        group_id: int | None = db.execute(_RECORD_ON_POSTGRES, {
            "issue_id": issue_id, "author_id": author_id, "created": when,
            "fields": [i.field for i in items], "field_types": [i.field_type for i in items],
            "field_ids": [i.field_id for i in items], "old_values": [i.from_value for i in items],
            "old_strings": [i.from_string for i in items], "new_values": [i.to_value for i in items],
            "new_strings": [i.to_string for i in items]}).scalars().first()
        assert group_id is not None  # one row per item, and there are items
    else:
        group_id = db.execute(insert(cast(Table, ChangeGroup.__table__)).values(
            issue_id=issue_id, author_id=author_id, created=when).returning(ChangeGroup.id)).scalar_one()
        db.execute(insert(cast(Table, ChangeItem.__table__)), [
            {"group_id": group_id, "field": item.field, "field_type": item.field_type, "field_id": item.field_id,
             "old_value": item.from_value, "old_string": item.from_string,
             "new_value": item.to_value, "new_string": item.to_string}
            for item in items
        ])
    held.change(db, issue_id, author_id, when, items)
    return group_id


def count_groups(db: Session, issue_id: int) -> int:
    return db.scalar(select(func.count()).select_from(ChangeGroup).where(ChangeGroup.issue_id == issue_id)) or 0


def load_groups(db: Session, issue_ids: Iterable[int], *, start_at: int = 0,
                max_results: int | None = None) -> list[tuple[ChangeGroup, User | None, list[ChangeItem]]]:
    """Change groups (oldest first) with their authors and items, in three queries."""
    query = (select(ChangeGroup, User).outerjoin(User, User.id == ChangeGroup.author_id)
             .where(ChangeGroup.issue_id.in_(list(issue_ids)))
             .order_by(ChangeGroup.created, ChangeGroup.id).offset(start_at))
    if max_results is not None:
        query = query.limit(max_results)
    rows = db.execute(query).all()
    ids = [group.id for group, _ in rows]
    items: dict[int, list[ChangeItem]] = {gid: [] for gid in ids}
    if ids:
        for item in db.scalars(select(ChangeItem).where(ChangeItem.group_id.in_(ids)).order_by(ChangeItem.id)):
            items[item.group_id].append(item)
    return [(group, user, items[group.id]) for group, user in rows]


def item_json(item: ChangeItem) -> dict[str, Any]:
    body: dict[str, Any] = {"field": item.field, "fieldtype": item.field_type}
    if item.field_id:
        body["fieldId"] = item.field_id
    body.update({"from": item.old_value, "fromString": item.old_string,
                 "to": item.new_value, "toString": item.new_string})
    return body


def history_json(ctx: RequestContext, group: ChangeGroup, author: User | None,
                 items: list[ChangeItem]) -> dict[str, Any]:
    body: dict[str, Any] = {"id": str(group.id)}
    if author is not None:
        body["author"] = user_ref(ctx, author)
    body["created"] = format_datetime(group.created)
    body["items"] = [item_json(item) for item in items]
    return body


def changelog_page(ctx: RequestContext, issue_id: int, issue_key: str, start_at: int,
                   max_results: int) -> dict[str, Any]:
    """GET .../changelog: a platform page of histories."""
    total = count_groups(ctx.db, issue_id)
    groups = load_groups(ctx.db, [issue_id], start_at=start_at, max_results=max_results)
    values = [history_json(ctx, g, a, i) for g, a, i in groups]
    return {
        "self": ctx.api(f"issue/{issue_key}/changelog?maxResults={max_results}&startAt={start_at}"),
        "maxResults": max_results, "startAt": start_at, "total": total,
        "isLast": start_at + len(values) >= total, "values": values,
    }


def expanded_changelog(ctx: RequestContext, issue_id: int) -> dict[str, Any]:
    """expand=changelog on an issue: every history, in the older {startAt, maxResults, total, histories}."""
    groups = load_groups(ctx.db, [issue_id])
    return {"startAt": 0, "maxResults": len(groups), "total": len(groups),
            "histories": [history_json(ctx, g, a, i) for g, a, i in groups]}

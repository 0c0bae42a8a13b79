"""The issue navigator columns a filter carries (None: the filter has no column configuration)."""

from __future__ import annotations

from sqlalchemy.orm import Session

from ticketry.core.errors import BadRequest, NotFound
from ticketry.platform.fields.catalog import all_fields
from ticketry.platform.filters.models import Filter
from ticketry.platform.filters.service import require_editable
from ticketry.platform.users.models import User


def column_labels(db: Session, search_filter: Filter) -> list[tuple[str, str]]:
    """(label, field id) of each column, in order; 404 when the filter has none."""
    if not search_filter.columns:
        raise NotFound(f"The filter with id '{search_filter.id}' does not have any columns.")
    names = {field.id: field.name for field in all_fields(db)}
    return [(names.get(column, column), column) for column in search_filter.columns]


def set_columns(db: Session, user: User, search_filter: Filter, columns: list[str]) -> None:
    require_editable(db, user, search_filter)
    chosen = list(dict.fromkeys(c.strip() for c in columns if c and c.strip()))
    if not chosen:
        raise BadRequest(errors={"columns": "You must specify at least one column."})
    navigable = {field.id for field in all_fields(db) if field.navigable}
    unknown = [c for c in chosen if c not in navigable]
    if unknown:
        raise BadRequest(errors={"columns": f"Field '{unknown[0]}' does not exist or is not navigable."})
    search_filter.columns = chosen
    db.flush()


def reset_columns(db: Session, user: User, search_filter: Filter) -> None:
    require_editable(db, user, search_filter)
    search_filter.columns = None
    db.flush()

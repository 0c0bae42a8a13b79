"""The configuration generation: one database row every change to configuration increments.

Processes cache what they derive from configuration (fields, grants, roles, issue constants, application
properties) keyed by this number, so a change made by any process is seen by every other one on its next
request, and nothing has to remember to invalidate anything: the Session listeners below notice writes to
configuration tables and increment the row in the same transaction. A rolled-back change rolls the increment
back with it.
"""

from __future__ import annotations

import random
from typing import Any

from sqlalchemy import BigInteger, Connection, Integer, event, inspect, select, text
from sqlalchemy.orm import Mapped, ORMExecuteState, Session, SessionTransaction, UOWTransaction, mapped_column

from ticketry.db.base import Base

# What hot paths read and administrators change: writes to these tables bump the generation.
CONFIG_TABLES = frozenset({
    "app_group", "group_membership", "application_role", "application_role_group",
    "application_property",
    "custom_field", "custom_field_option", "custom_field_option_project",
    "global_permission_grant", "permission_scheme", "permission_grant",
    "issue_security_scheme", "issue_security_level", "issue_security_level_member",
    "notification_scheme", "notification_scheme_entry",
    "issue_type", "issue_type_scheme", "issue_type_scheme_entry", "issue_link_type",
    "status", "status_category", "priority", "resolution",
    "screen", "screen_tab", "screen_tab_field", "screen_scheme", "screen_scheme_item",
    "issue_type_screen_scheme", "issue_type_screen_scheme_item", "project_issue_type_screen_scheme",
    "workflow", "workflow_status", "workflow_transition", "workflow_transition_source",
    "workflow_scheme", "workflow_scheme_entry",
    "project", "project_key", "project_category", "project_role", "project_role_actor",
    # Every page renders people (issues/people.py) and every request has a caller (auth RememberedCallers):
    # processes keep users. Any write of a user row moves the generation, logins and failed logins included.
    "app_user",
})
# Columns of configuration tables that change with ordinary work (every issue created takes a number).
WORK_COLUMNS = {"project": frozenset({"issue_counter"})}

ROW_ID = 1
_CHANGED = "config_changed"  # session.info: configuration was written in this transaction
_BUMPED = "config_bumped"  # session.info: the generation was incremented in this transaction
_READ = "config_generation"  # session.info: the generation read in this transaction


class ConfigGeneration(Base):
    """A single row (id 1). Its value starts at a random number, so a database dropped and made again under
    the same URL never repeats the generation a running process cached."""

    __tablename__ = "config_generation"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    value: Mapped[int] = mapped_column(BigInteger)


def _bump_sql() -> Any:
    start = random.randrange(1 << 40, 1 << 50)
    # The same upsert in SQLite and PostgreSQL; ON CONFLICT makes two first writers safe.
    return text(
        f"INSERT INTO config_generation (id, value) VALUES ({ROW_ID}, {start}) "
        "ON CONFLICT (id) DO UPDATE SET value = config_generation.value + 1"
    )


def bump(session: Session) -> None:
    """Increments the generation in the session's transaction (once per transaction is enough)."""
    session.info[_CHANGED] = True
    if session.info.get(_BUMPED):
        return
    mark_configuration_changed(session.connection())
    session.info[_BUMPED] = True


def mark_configuration_changed(connection: Connection) -> None:
    """For code that writes configuration tables without a Session (bulk loaders, raw SQL): increments the
    generation in the connection's transaction, so every process reloads what it cached."""
    connection.execute(_bump_sql())


_READ_GENERATION = select(ConfigGeneration.value).where(ConfigGeneration.id == ROW_ID)  # runs on every request
_READ_GENERATION_SQL = f"SELECT value FROM config_generation WHERE id = {ROW_ID}"


def read_generation(session: Session) -> int | None:
    """The generation, read once per transaction (None before any configuration was ever written)."""
    if _READ not in session.info:
        session.info[_READ] = _read(session.connection())
    value = session.info[_READ]
    return value if isinstance(value, int) else None


def _read(connection: Connection) -> Any:
    """Straight through the driver: SQLAlchemy's execution of a statement costs about twice the driver's, and this
    one runs first in every request (GET issue: ~5 % of the server's CPU). Should the driver fail, the read runs
    again through SQLAlchemy, which raises its own error and discards a connection that was lost."""
    driver = connection.connection.dbapi_connection
    try:
        cursor = driver.cursor()  # type: ignore[union-attr]
        try:
            # Listeners (statement counts, tests' pins) see it as any statement.
            connection.dispatch.before_cursor_execute(connection, cursor, _READ_GENERATION_SQL, (), None, False)
            cursor.execute(_READ_GENERATION_SQL)
            row = cursor.fetchone()
        finally:
            cursor.close()
    except connection.dialect.loaded_dbapi.Error:
        return connection.execute(_READ_GENERATION).scalar()
    return row[0] if row is not None else None


def changed_in(session: Session) -> bool:
    """Configuration written (or about to be flushed) in this transaction: caches must not serve it."""
    if session.info.get(_CHANGED):
        return True
    if session._is_clean():  # noqa: SLF001 (the cheap check; the sets below walk the identity map)
        return False
    return _writes_config(session)


def _writes_config(session: Session) -> bool:
    if any(_is_config(obj) for obj in (*session.new, *session.deleted)):
        return True
    return any(_is_config(obj) and _changes_config(obj) for obj in session.dirty)


def _is_config(obj: object) -> bool:
    return getattr(obj, "__tablename__", None) in CONFIG_TABLES


def _changes_config(obj: Any) -> bool:
    """An update of a configuration row, unless only its work columns (a project's issue counter) changed."""
    work = WORK_COLUMNS.get(obj.__tablename__)
    if work is None:
        return True
    changed = {attr.key for attr in inspect(obj).attrs if attr.history.has_changes()}
    return bool(changed - work)


@event.listens_for(Session, "after_flush")
def _after_flush(session: Session, _flush: UOWTransaction) -> None:
    # new/dirty/deleted still hold the pre-flush state here, and the history is not reset yet.
    if _writes_config(session):
        bump(session)


@event.listens_for(Session, "do_orm_execute")
def _bulk_statement(state: ORMExecuteState) -> None:
    if not (state.is_update or state.is_delete or state.is_insert):
        return
    table = getattr(state.statement, "table", None)
    name = getattr(table, "name", None)
    if name not in CONFIG_TABLES:
        return
    work = WORK_COLUMNS.get(name)
    values = getattr(state.statement, "_values", None)
    if work is not None and state.is_update and values:
        columns = {getattr(column, "key", column) for column in values}
        if columns <= work:
            return
    bump(state.session)


@event.listens_for(Session, "after_soft_rollback")
def _rolled_back(session: Session, _previous: SessionTransaction) -> None:
    # A savepoint rolled back may have taken the increment with it: the next change increments again.
    session.info.pop(_BUMPED, None)


@event.listens_for(Session, "after_transaction_end")
def _transaction_ended(session: Session, transaction: SessionTransaction) -> None:
    if transaction.parent is None:
        for key in (_CHANGED, _BUMPED, _READ):
            session.info.pop(key, None)

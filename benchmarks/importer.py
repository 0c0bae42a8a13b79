"""Offline import of a benchmark dataset straight into a Ticketry database, far faster than REST.

    python -m benchmarks.importer --tier S --database-url sqlite:////tmp/t/ticketry.db
    python -m benchmarks.importer --dataset /tmp/ticketry-S --database-url postgresql+psycopg://...

The schema is migrated and Jira's default data installed first (as `ticketry migrate` does).
Configuration (groups, projects with their role actors, custom fields) goes through Ticketry's own
services, so it is what the API would have made. Users and the bulk of the data (issues, comments,
changelog, watchers, labels, components, versions, custom field values, attachment rows) are written
with explicit ids in big batches: SQLite executemany, PostgreSQL binary COPY from a writer process per
core (parallel_import.py). Then the fix-ups the app relies on: project issue counters, id sequences,
the full-text index, planner statistics.

Imported issues look like issues created and worked through the API: keys PROJ-N in creation order,
the initial status of the project's workflow or a later one reached through a recorded transition
(changelog items "status" and "resolution" with ids and names), autowatch of the reporter.
"""

from __future__ import annotations

import argparse
import hashlib
import multiprocessing
import pickle
import resource
import sqlite3
import sys
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime
from itertools import chain
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any

import orjson
from sqlalchemy import Engine, create_engine, select, text
from sqlalchemy.orm import Session, sessionmaker

from benchmarks.dataset import SEED, TIERS, Dataset
from benchmarks.parallel_import import write_issues

BENCH_PASSWORD = "bench"  # every imported user's password (hashed once: argon2 is slow on purpose)
BATCH = 5000  # issues per write batch
TEXT_RANGE = 5000  # issues per statement of the PostgreSQL text index rebuild

# Status categories of Ticketry's defaults (issueconfig): where each dataset state lands.
CATEGORY = {"todo": 2, "doing": 4, "done": 3}


@dataclass
class Writer:
    """Buffers rows per table and writes them in batches with the fastest path of the database.

    A table is declared with the columns the importer gives, in order; rows are plain tuples in that
    order. Columns the models have beyond those (added by other features) get their scalar defaults
    (those without one are left to the database: NULL), so the import keeps working as the schema grows,
    and fails loudly when a new column needs a value.
    """

    engine: Engine
    columns: dict[str, list[str]] = field(default_factory=dict)
    tails: dict[str, tuple[Any, ...]] = field(default_factory=dict)
    types: dict[str, list[int]] = field(default_factory=dict)  # PostgreSQL type oids of the columns, in order
    rows: dict[str, list[tuple[Any, ...]]] = field(default_factory=dict)
    counts: dict[str, int] = field(default_factory=dict)

    def __post_init__(self) -> None:
        from ticketry.db.models import metadata

        self.postgres = self.engine.dialect.name == "postgresql"
        self.metadata = metadata
        # Values in the form the driver takes fastest: SQLite gets SQLAlchemy's text formats.
        self.stamp: Callable[[Any], Any] = _pg_stamp if self.postgres else _sqlite_stamp
        self.day: Callable[[Any], Any] = _pg_day if self.postgres else _sqlite_day
        self.connect()

    def connect(self) -> None:
        """A connection of the writer's own, set up for loading (again in each forked writer process)."""
        self.raw = self.engine.raw_connection()
        cursor = self.raw.cursor()
        if self.postgres:
            try:
                # Foreign keys are checked by a trigger per row; the generated data is consistent by
                # construction, so a superuser import skips them (others just load slower).
                cursor.execute("SET session_replication_role = replica")
                self.raw.commit()
            except Exception:
                self.raw.rollback()
            # Writers in parallel: one waiting on another's uncommitted duplicate key (bad data) would
            # wait for ever, as the other commits only when all are done. Fail instead.
            cursor.execute("SET lock_timeout = '10s'")
            self.raw.commit()
        else:
            # A fresh database being loaded: nothing to protect until the final commit.
            driver = self.raw.driver_connection
            assert isinstance(driver, sqlite3.Connection)
            self.sqlite_variables = min(driver.getlimit(sqlite3.SQLITE_LIMIT_VARIABLE_NUMBER), 32766)
            for pragma in ("journal_mode=WAL", "synchronous=OFF", "foreign_keys=OFF", "cache_size=-262144",
                           "temp_store=MEMORY"):
                cursor.execute(f"PRAGMA {pragma}")
        cursor.close()

    def declare(self, name: str, given: tuple[str, ...]) -> list[tuple[Any, ...]]:
        """The row list of a table whose rows give the `given` columns, in that order."""
        if name in self.rows:
            return self.rows[name]
        table = self.metadata.tables[name]
        unknown = [c for c in given if c not in table.columns]
        if unknown:
            raise SystemExit(f"importer: table {name} has no columns {unknown}")
        rest, tail, missing = [], [], []
        for column in table.columns:
            if column.name in given:
                continue
            default = getattr(column.default, "arg", None) if getattr(column.default, "is_scalar", False) else None
            if default is None:  # not written: the database stores NULL, or its own default
                if not column.nullable and not column.primary_key and column.server_default is None:
                    missing.append(column.name)
                continue
            rest.append(column.name)
            tail.append(default)
        if missing:
            raise SystemExit(f"importer: table {name} needs values for {missing} (a new column?)")
        self.columns[name] = [*given, *rest]
        self.tails[name] = tuple(tail)
        self.rows[name] = []
        return self.rows[name]

    def add(self, name: str, values: dict[str, Any]) -> None:
        """One row from a dict (configuration rows: few, so convenience wins)."""
        self.declare(name, tuple(values))
        self.rows[name].append(tuple(values.values()))

    def flush(self) -> None:
        cursor = self.raw.cursor()
        for name, rows in self.rows.items():
            if not rows:
                continue
            columns = self.columns[name]
            tail = self.tails[name]
            listed = ", ".join(f'"{c}"' for c in columns)
            if self.postgres:
                # Binary: psycopg's text formatter spends ~5 us a row escaping; binary values go as they are.
                types = self._types(cursor, name)
                with cursor.copy(f'COPY "{name}" ({listed}) FROM STDIN (FORMAT BINARY)') as copy:
                    copy.set_types(types)
                    for row in rows:
                        copy.write_row(row + tail if tail else row)
            else:
                self._insert_sqlite(cursor, f'INSERT INTO "{name}" ({listed}) VALUES ', len(columns),
                                    [row + tail for row in rows] if tail else rows)
            self.counts[name] = self.counts.get(name, 0) + len(rows)
            rows.clear()
        cursor.close()

    def _types(self, cursor: Any, name: str) -> list[int]:
        """The type oids of a table's declared columns, as the database has them (binary COPY needs them)."""
        if name not in self.types:
            cursor.execute("SELECT attname, atttypid FROM pg_attribute WHERE attrelid = %s::regclass AND attnum > 0 "
                           "AND NOT attisdropped", (f'"{name}"',))
            oids = dict(cursor.fetchall())
            self.types[name] = [oids[column] for column in self.columns[name]]
        return self.types[name]

    def _insert_sqlite(self, cursor: Any, insert: str, width: int, rows: list[tuple[Any, ...]]) -> None:
        """As many rows per INSERT as SQLite takes parameters: a statement's fixed cost, and the
        sqlite_sequence read and write of AUTOINCREMENT tables, come once per statement instead of once
        per row (an executemany runs the statement per row). Skipping the sequence is safe: the ids are
        explicit, and the fix-ups raise every sequence to its table's largest id afterwards."""
        per = max(1, self.sqlite_variables // width)
        values = "(" + ", ".join("?" * width) + ")"
        for start in range(0, len(rows), per):
            part = rows[start:start + per]
            cursor.execute(insert + ", ".join([values] * len(part)), list(chain.from_iterable(part)))

    def commit(self) -> None:
        self.flush()
        self.raw.commit()

    def close(self) -> None:
        self.raw.close()

    def drop_indexes(self, tables: Iterable[str]) -> list[str]:
        """Drops the secondary indexes of the bulk tables (building them once after the load is faster);
        returns their CREATE statements, as the database itself reports them."""
        listed = ", ".join(f"'{t}'" for t in tables)
        cursor = self.raw.cursor()
        if self.postgres:
            cursor.execute(f"SELECT i.indexname, i.indexdef FROM pg_indexes i WHERE i.schemaname = current_schema() "
                           f"AND i.tablename IN ({listed}) AND NOT EXISTS (SELECT 1 FROM pg_constraint c "
                           f"WHERE c.conname = i.indexname)")
        else:
            cursor.execute(f"SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL "
                           f"AND tbl_name IN ({listed})")
        found = cursor.fetchall()
        for name, _ in found:
            cursor.execute(f'DROP INDEX "{name}"')
        cursor.close()
        self.raw.commit()
        return [statement for _, statement in found]

    def create_indexes(self, statements: list[str]) -> None:
        cursor = self.raw.cursor()
        for statement in statements:
            cursor.execute(statement)
        cursor.close()
        self.raw.commit()


def _sqlite_stamp(value: Any) -> str:
    """SQLAlchemy's SQLite datetime text: naive UTC 'YYYY-MM-DD HH:MM:SS.ffffff'."""
    text_value = value if isinstance(value, str) else value.isoformat()
    if len(text_value) == 25:  # no fraction: '2024-01-01T00:00:00+00:00'
        return text_value[:10] + " " + text_value[11:19] + ".000000"
    return text_value[:10] + " " + text_value[11:26]


def _sqlite_day(value: Any) -> str | None:
    if value is None or isinstance(value, str):
        return value
    return str(value.isoformat())


def _pg_stamp(value: Any) -> datetime:
    return value if isinstance(value, datetime) else datetime.fromisoformat(value)


def _pg_day(value: Any) -> date | None:
    if value is None or isinstance(value, date):
        return value
    return date.fromisoformat(value)


class Ids:
    """Next free ids per table (explicit ids let one batch reference rows of the same batch)."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self.next: dict[str, int] = {}

    def take(self, table: str) -> int:
        if table not in self.next:
            with self.engine.connect() as conn:
                top = conn.execute(text(f'SELECT MAX(id) FROM "{table}"')).scalar() or 0
            from ticketry.db.base import ID_FLOOR

            self.next[table] = max(top + 1, ID_FLOOR)
        value = self.next[table]
        self.next[table] = value + 1
        return value


@dataclass
class Config:
    """Database ids of the dataset's configuration records, by their dataset index."""

    users: list[int] = field(default_factory=list)
    user_keys: list[str] = field(default_factory=list)
    user_names: list[str] = field(default_factory=list)
    projects: list[tuple[int, str]] = field(default_factory=list)
    components: list[list[tuple[int, str]]] = field(default_factory=list)
    versions: list[list[tuple[int, str]]] = field(default_factory=list)
    fields: list[tuple[int, str, str, list[int]]] = field(default_factory=list)  # id, name, type, option ids
    issue_types: dict[tuple[int, str], int] = field(default_factory=dict)  # (project, type name) -> id
    statuses: dict[tuple[int, int, str], int] = field(default_factory=dict)  # (project, type, state) -> status
    status_names: dict[int, str] = field(default_factory=dict)
    resolutions: dict[str, int] = field(default_factory=dict)
    watching: bool = True


def read_records(path: Path) -> Iterator[tuple[str, Any]]:
    """Records of a dataset written by `python -m benchmarks.dataset --out` (dates come back as text)."""
    with (path / "dataset.jsonl").open("rb") as handle:
        for line in handle:
            item = orjson.loads(line)
            yield item["kind"], item["record"]


# --- configuration ------------------------------------------------------------------------


def import_config(engine: Engine, writer: Writer, ids: Ids, records: Iterator[tuple[str, Any]]) -> Config:
    from ticketry.core.passwords import hash_password
    from ticketry.platform.appsettings.service import get_bool
    from ticketry.platform.fields.models import CustomFieldOption
    from ticketry.platform.fields.service import CustomFieldIn, create_custom_field
    from ticketry.platform.fields.types import PREFIX, field_type
    from ticketry.platform.groups.service import create_group
    from ticketry.platform.projects.service import ProjectChanges, create_project
    from ticketry.platform.users.models import Group

    config = Config()
    parts: dict[str, Any] = {}
    for kind, record in records:  # the four configuration records come first
        parts[kind] = record
        if kind == "custom_fields":
            break
    # SQLite has one writer at a time: each step commits before the raw writer takes over.
    with Session(engine) as db, db.begin():
        config.watching = get_bool(db, "jira.option.watching")
        group_ids = [create_group(db, name).id for name in parts["groups"]]
        software = db.scalar(select(Group.id).where(Group.lower_name == "jira-software-users"))
    _users(writer, ids, config, parts["users"], group_ids, software, hash_password(BENCH_PASSWORD))
    writer.commit()
    with Session(engine) as db, db.begin():
        schemes = _workflows(db, parts.get("statuses", []), parts.get("workflows", []))
        for item in parts["projects"]:
            workflow = item.get("workflow")
            project = create_project(db, ProjectChanges(
                key=item["key"], name=item["name"], description=item["description"],
                lead=config.user_names[item["lead"]], type_key="software", template_key=item["template"] or None,
                workflow_scheme=schemes[workflow] if workflow is not None else None))
            config.projects.append((project.id, project.key))
            _components_and_versions(writer, ids, config, project.id, item)
        for item in parts["custom_fields"]:
            field_kind = field_type(PREFIX + item["type"])
            assert field_kind is not None, item["type"]
            # With the type's default searcher, as Jira's UI creates fields: searchable by JQL.
            created = create_custom_field(db, CustomFieldIn(
                name=item["name"], description=item["description"], type=field_kind.type_key,
                searcher_key=field_kind.searcher_keys[0]))
            options = []
            for position, value in enumerate(item["options"]):
                option = CustomFieldOption(field_id=created.id, value=value, position=position)
                db.add(option)
                db.flush()
                options.append(option.id)
            config.fields.append((created.id, created.name, item["type"], options))
        _resolve_workflows(db, config)
    writer.commit()
    return config


def _workflows(db: Session, statuses: list[dict[str, str]], documents: list[dict[str, Any]]) -> list[int]:
    """Statuses, then workflows from their documents and a scheme each, as the admin API makes them;
    returns the scheme ids in the dataset's order."""
    from ticketry.platform.issueconfig.models import Status, StatusCategory
    from ticketry.platform.workflows.admin import create_scheme, create_workflow
    from ticketry.platform.workflows.document import parse_document

    categories = {c.key: c.id for c in db.scalars(select(StatusCategory))}
    for status in statuses:
        db.add(Status(name=status["name"], description="", icon_path="/images/icons/statuses/generic.png",
                      category_id=categories[status["category"]]))
    db.flush()
    schemes = []
    for document in documents:
        workflow = create_workflow(db, parse_document(db, document), "admin")
        schemes.append(create_scheme(db, f"{workflow.name} scheme", document["description"], workflow.name).id)
    return schemes


def _users(writer: Writer, ids: Ids, config: Config, users: list[dict[str, Any]], group_ids: list[int],
           software: int | None, password: str) -> None:
    from ticketry.db.base import utcnow

    now = utcnow()
    for item in users:
        user_id = ids.take("app_user")
        name = item["name"]
        writer.add("app_user", {
            "id": user_id, "name": name, "lower_name": name.lower(), "key": f"JIRAUSER{user_id}",
            "account_id": hashlib.md5(name.encode()).hexdigest(), "display_name": item["displayName"],
            "email": item["email"], "active": True, "time_zone": "UTC", "locale": "en_US",
            "password_hash": password, "created": writer.stamp(now), "login_count": 0, "failed_logins": 0,
            "total_failed_logins": 0,
        })
        memberships = ([software] if software else []) + [group_ids[g] for g in item["groups"]]
        for group_id in memberships:
            writer.add("group_membership", {"group_id": group_id, "user_id": user_id})
        config.users.append(user_id)
        config.user_keys.append(f"JIRAUSER{user_id}")
        config.user_names.append(name)


def _components_and_versions(writer: Writer, ids: Ids, config: Config, project_id: int, item: dict[str, Any]) -> None:
    components = []
    for component in item["components"]:
        component_id = ids.take("component")
        writer.add("component", {"id": component_id, "project_id": project_id, "name": component["name"],
                                 "description": component["description"],
                                 "lead_id": config.users[component["lead"]],
                                 "assignee_type": "PROJECT_DEFAULT", "archived": False})
        components.append((component_id, component["name"]))
    versions = []
    for sequence, version in enumerate(item["versions"], start=1):
        version_id = ids.take("version")
        release = version["releaseDate"]
        writer.add("version", {"id": version_id, "project_id": project_id, "name": version["name"],
                               "description": version["description"], "archived": False,
                               "released": version["released"],
                               "release_date": writer.day(release),
                               "sequence": sequence})
        versions.append((version_id, version["name"]))
    config.components.append(components)
    config.versions.append(versions)


def _resolve_workflows(db: Session, config: Config) -> None:
    """Issue type ids and the status of each dataset state, per project and type, from its workflow."""
    from ticketry.platform.issueconfig.models import IssueType, Resolution, Status
    from ticketry.platform.issues.config import initial_status_id
    from ticketry.platform.projects.models import Project
    from ticketry.platform.workflows import service as workflows

    types = {t.name: t.id for t in db.scalars(select(IssueType))}
    categories = {s.id: s.category_id for s in db.scalars(select(Status))}
    config.status_names = {s.id: s.name for s in db.scalars(select(Status))}
    config.resolutions = {r.name: r.id for r in db.scalars(select(Resolution))}
    for project_id, _key in config.projects:
        project = db.get(Project, project_id)
        assert project is not None
        for name, type_id in types.items():
            config.issue_types[(project_id, name)] = type_id
            workflow = workflows.workflow_for(db, project_id, type_id)
            initial = initial_status_id(db, project, type_id)
            ordered = workflows.workflow_status_ids(db, workflow.id)
            config.statuses[(project_id, type_id, "todo")] = initial
            for state in ("doing", "done"):
                found = [s for s in ordered if categories.get(s) == CATEGORY[state]]
                config.statuses[(project_id, type_id, state)] = found[0] if found else initial


# --- issues ---------------------------------------------------------------------------------


class IssueLoader:
    """Turns dataset issues into rows of every table they touch, with ids taken from local counters."""

    def __init__(self, writer: Writer, ids: Ids, config: Config) -> None:
        self.writer, self.config = writer, config
        self.next = {name: ids.take(name) for name in ID_TABLES}
        # The next id of a table; parallel writers hand out ids from shared blocks instead.
        self.take: Callable[[str], int] = self._take_next
        w = writer.declare
        self.issues = w("issue", ("id", "project_id", "number", "key", "issue_type_id", "status_id", "priority_id",
                                  "resolution_id", "summary", "description", "reporter_id", "assignee_id",
                                  "creator_id", "created", "updated", "resolution_date", "environment", "due_date"))
        self.comments = w("comment", ("id", "issue_id", "author_id", "update_author_id", "body", "created",
                                      "updated"))
        self.groups = w("change_group", ("id", "issue_id", "author_id", "created"))
        self.items = w("change_item", ("id", "group_id", "field", "field_type", "old_value", "old_string",
                                       "new_value", "new_string"))
        self.watchers = w("issue_watcher", ("issue_id", "user_id", "created"))
        self.labels = w("issue_label", ("issue_id", "label"))
        self.components = w("issue_component", ("issue_id", "component_id"))
        self.versions = w("issue_version", ("issue_id", "version_id", "kind"))
        self.values = w("custom_field_value", ("id", "issue_id", "field_id", "position", "string_value",
                                               "text_value", "number_value", "date_value", "user_id", "option_id"))
        self.attachments = w("attachment", ("id", "issue_id", "author_id", "filename", "mime_type", "size",
                                            "created", "storage_key"))

    def taken_rows(self) -> bytes:
        """The rows built since the last call, per table, pickled; the lists start again empty."""
        rows = {name: list(self.writer.rows[name]) for name in BULK_TABLES if self.writer.rows[name]}
        for name in BULK_TABLES:
            self.writer.rows[name].clear()
        return pickle.dumps(rows, protocol=pickle.HIGHEST_PROTOCOL)

    def _take_next(self, table: str) -> int:
        value = self.next[table]
        self.next[table] = value + 1
        return value

    def add(self, item: dict[str, Any]) -> None:
        config, stamp = self.config, self.writer.stamp
        project_id, project_key = config.projects[item["project"]]
        type_id = config.issue_types[(project_id, item["type"])]
        users = config.users
        issue_id = self.take("issue")
        created = stamp(item["created"])
        reporter = users[item["reporter"]]
        assignee = users[item["assignee"]] if item["assignee"] is not None else None
        resolution = config.resolutions[item["resolution"]] if item["resolution"] else None
        transitions = item["transitions"]
        number = item["number"]
        self.issues.append((
            issue_id, project_id, number, f"{project_key}-{number}", type_id,
            config.statuses[(project_id, type_id, item["state"])], item["priority"], resolution, item["summary"],
            item["description"], reporter, assignee, reporter, created, stamp(item["updated"]),
            stamp(transitions[-1][0]) if resolution else None, item["environment"], self.writer.day(item["dueDate"]),
        ))
        if transitions:
            self._history(issue_id, project_id, type_id, item)
        for author, body, when in item["comments"]:
            moment = stamp(when)
            self.comments.append((self.take("comment"), issue_id, users[author], users[author], body, moment, moment))
        watchers = ([reporter] if config.watching else []) + [users[u] for u in item["watchers"]]
        for user_id in dict.fromkeys(watchers):
            self.watchers.append((issue_id, user_id, created))
        for label in item["labels"]:
            self.labels.append((issue_id, label))
        components = config.components[item["project"]]
        for index in item["components"]:
            self.components.append((issue_id, components[index][0]))
        versions = config.versions[item["project"]]
        for index in item["fixVersions"]:
            self.versions.append((issue_id, versions[index][0], "fix"))
        for index in item["versions"]:
            self.versions.append((issue_id, versions[index][0], "affects"))
        for index, value in item["custom"]:
            self._custom_value(issue_id, index, value)
        for author, filename, mime, size, when, storage_key in item["attachments"]:
            self.attachments.append((self.take("attachment"), issue_id, users[author], filename, mime, size,
                                     stamp(when), storage_key))

    def _history(self, issue_id: int, project_id: int, type_id: int, item: dict[str, Any]) -> None:
        """A change group per transition, with the items the API's transition writes."""
        config = self.config
        previous = config.statuses[(project_id, type_id, "todo")]
        names = config.status_names
        for when, author, state in item["transitions"]:
            status = config.statuses[(project_id, type_id, state)]
            group_id = self.take("change_group")
            self.groups.append((group_id, issue_id, config.users[author], self.writer.stamp(when)))
            if state == "done" and item["resolution"]:
                resolution = config.resolutions[item["resolution"]]
                self.items.append((self.take("change_item"), group_id, "resolution", "jira", None, None,
                                   str(resolution), item["resolution"]))
            self.items.append((self.take("change_item"), group_id, "status", "jira", str(previous), names[previous],
                               str(status), names[status]))
            previous = status

    def _custom_value(self, issue_id: int, index: int, value: Any) -> None:
        field_id, _name, kind, options = self.config.fields[index]
        # (string, text, number, date, user, option) in the typed column of the field's type
        elements: list[tuple[Any, ...]]
        if kind in ("select", "radiobuttons"):
            elements = [(None, None, None, None, None, options[value])]
        elif kind == "multiselect":
            elements = [(None, None, None, None, None, options[v]) for v in value]
        elif kind == "float":
            elements = [(None, None, value, None, None, None)]
        elif kind == "datepicker":
            elements = [(None, None, None, self.writer.day(value), None, None)]
        elif kind == "userpicker":
            elements = [(None, None, None, None, self.config.users[value], None)]
        elif kind == "labels":
            elements = [(v, None, None, None, None, None) for v in value]
        elif kind == "textarea":
            elements = [(None, value, None, None, None, None)]
        else:
            elements = [(value, None, None, None, None, None)]
        for position, element in enumerate(elements):
            self.values.append((self.take("custom_field_value"), issue_id, field_id, position, *element))


def produced(loader: IssueLoader, records: Iterator[tuple[str, Any]]) -> Iterator[dict[str, list[tuple[Any, ...]]]]:
    """The rows of every BATCH issues, per table, built in a child process while this one writes the
    previous batch: building rows is about as much CPU as SQLite's inserts, so both cores work.

    The child is forked, so it continues the record stream (a generator, a file or a list) where the
    configuration left it, with the loader's ids and configuration; a pipe carries pickled batches
    (its small buffer keeps the child at most a batch ahead)."""
    context = multiprocessing.get_context("fork")
    receiving, sending = context.Pipe(duplex=False)
    child = context.Process(target=_produce, args=(loader, records, sending), name="importer-rows", daemon=True)
    child.start()
    sending.close()
    try:
        while True:
            try:
                batch = pickle.loads(receiving.recv_bytes())
            except EOFError:
                child.join()
                raise SystemExit(f"importer: the row producer stopped (exit code {child.exitcode})") from None
            if batch is None:
                break
            yield batch
    finally:
        receiving.close()
        if child.is_alive():
            child.terminate()
        child.join()


def _produce(loader: IssueLoader, records: Iterator[tuple[str, Any]], sending: Connection) -> None:
    """In the child: turns the issue records into rows, sending them every BATCH issues. It never
    touches the parent's database connections (inherited by the fork) and leaves by os._exit, as
    multiprocessing's forked children do, so nothing closes them behind the parent's back."""
    issues = 0
    for kind, record in records:
        if kind != "issue":
            continue
        loader.add(record)
        issues += 1
        if issues % BATCH == 0:
            sending.send_bytes(loader.taken_rows())
    if issues % BATCH:
        sending.send_bytes(loader.taken_rows())
    sending.send_bytes(pickle.dumps(None))
    sending.close()


ID_TABLES = ("issue", "comment", "change_group", "change_item", "custom_field_value", "attachment")
BULK_TABLES = ("issue", "comment", "change_group", "change_item", "issue_watcher", "issue_label", "issue_component",
               "issue_version", "custom_field_value", "attachment")


# --- fix-ups --------------------------------------------------------------------------------


def fix_ups(engine: Engine, *, reindex: bool = True) -> dict[str, float]:
    """Issue counters, id sequences, held values, the text index and planner statistics; seconds per step."""
    from ticketry.db.generation import mark_configuration_changed
    from ticketry.db.sequences import raise_id_floors
    from ticketry.platform.issues import held
    from ticketry.platform.issues.models import HeldValue

    timings: dict[str, float] = {}
    started = time.perf_counter()
    with engine.begin() as conn:
        conn.execute(text("UPDATE project SET issue_counter = (SELECT COALESCE(MAX(number), 0) FROM issue "
                          "WHERE issue.project_id = project.id)"))
        raise_id_floors(conn)
        # Group memberships and other configuration went in as raw SQL: running servers must reload.
        mark_configuration_changed(conn)
    timings["counters"] = time.perf_counter() - started
    started = time.perf_counter()
    with engine.begin() as conn:  # the intervals of held values, from the changelog and the issues just written
        if engine.dialect.name == "postgresql":
            conn.execute(text("SET LOCAL session_replication_role = replica"))  # no foreign key trigger per row
        by_value = next(i for i in HeldValue.__table__.indexes if i.name == "ix_held_value_value")
        by_value.drop(conn)  # one build after the rows costs less than keeping it row by row
        held.rebuild(conn)
        by_value.create(conn)
    timings["held values"] = time.perf_counter() - started
    if reindex:
        started = time.perf_counter()
        rebuild_text_index(engine)
        timings["reindex"] = time.perf_counter() - started
    started = time.perf_counter()
    with engine.connect() as conn:
        if engine.dialect.name == "postgresql":
            conn.execution_options(isolation_level="AUTOCOMMIT").execute(text("VACUUM ANALYZE"))
        else:
            conn.execute(text("ANALYZE"))
            conn.commit()
    timings["analyze"] = time.perf_counter() - started
    return timings


def rebuild_text_index(engine: Engine) -> None:
    """The full-text index of the imported issues. SQLite: one statement (it has one writer anyway).
    PostgreSQL: as a full reindex does, ranges of issues tokenized side by side on separate connections (a
    statement runs on one core) into a new table, whose GIN indexes are built once at the end, swapped in."""
    from ticketry.platform.search import textindex

    sessions = sessionmaker(engine)
    if engine.dialect.name == "sqlite":
        with sessions.begin() as db:
            textindex.rebuild(db)
        return
    name = textindex.next_index(0)
    with sessions.begin() as db:
        textindex.begin_next_index(db, name)
    with sessions() as db:
        issue_ids = list(db.scalars(text("SELECT id FROM issue ORDER BY id")))
    textindex.refresh_ranges(sessions.begin, textindex.ranges(issue_ids, 0, TEXT_RANGE), name,
                             textindex.connections(engine.dialect.name))
    textindex.finish_next_index(sessions.begin, name)
    textindex.swap_in(sessions.begin, name)
    textindex.discard_old_indexes(sessions.begin)


# --- the whole import -----------------------------------------------------------------------


@dataclass
class Result:
    issues: int = 0
    seconds: float = 0.0  # issues and their parts, written
    cpu_seconds: float = 0.0  # this process's CPU in that time (SQLite's writer: its inserts included)
    producer_cpu_seconds: float = 0.0  # the CPU of the processes that built rows (PostgreSQL's: and wrote them)
    config_seconds: float = 0.0
    fixups: dict[str, float] = field(default_factory=dict)
    rows: dict[str, int] = field(default_factory=dict)

    @property
    def issues_per_second(self) -> float:
        return self.issues / self.seconds if self.seconds else 0.0


def run_import(database_url: str, records: Iterable[tuple[str, Any]], *, reindex: bool = True,
               progress: Callable[[int], None] | None = None) -> Result:
    from ticketry.bootstrap import prepare_database
    from ticketry.settings import Settings

    engine = create_engine(database_url)
    prepare_database(engine, Settings(database_url=database_url))
    writer = Writer(engine)
    ids = Ids(engine)
    result = Result()
    try:
        stream = iter(records)
        started = time.perf_counter()
        config = import_config(engine, writer, ids, stream)
        result.config_seconds = time.perf_counter() - started
        started, cpu, children = time.perf_counter(), time.process_time(), _children_cpu()
        loader = IssueLoader(writer, ids, config)
        dropped = writer.drop_indexes(BULK_TABLES)
        if writer.postgres:
            writer.commit()
            issue_source = records if isinstance(records, list) else stream
            for name, count in write_issues(loader, issue_source, BATCH, progress).items():
                writer.counts[name] = writer.counts.get(name, 0) + count
        else:
            for batch in produced(loader, stream):
                for name, rows in batch.items():
                    writer.rows[name].extend(rows)
                writer.flush()
                if progress:
                    progress(writer.counts.get("issue", 0))
            writer.commit()
        result.issues = writer.counts.get("issue", 0)
        writer.create_indexes(dropped)
        result.seconds = time.perf_counter() - started
        result.cpu_seconds = time.process_time() - cpu
        result.producer_cpu_seconds = _children_cpu() - children
        result.rows = dict(writer.counts)
    finally:
        writer.close()
    result.fixups = fix_ups(engine, reindex=reindex)
    engine.dispose()
    return result


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--database-url", required=True, help="SQLAlchemy URL of a new (empty) database")
    source = parser.add_mutually_exclusive_group(required=True)
    source.add_argument("--tier", choices=sorted(TIERS), help="generate this tier on the fly")
    source.add_argument("--dataset", type=Path, help="a directory written by benchmarks.dataset --out")
    parser.add_argument("--seed", type=int, default=SEED)
    parser.add_argument("--preload", action="store_true",
                        help="generate everything first, so the timing covers only the import")
    args = parser.parse_args(argv)
    records: Iterable[tuple[str, Any]]
    records = read_records(args.dataset) if args.dataset else Dataset(TIERS[args.tier], args.seed).records()
    if args.preload:
        records = list(records)
    result = run_import(args.database_url, records,
                        progress=lambda n: print(f"  {n} issues", file=sys.stderr, flush=True))
    print(orjson.dumps({"issues": result.issues, "seconds": round(result.seconds, 2),
                        "issues_per_second": round(result.issues_per_second),
                        "cpu_seconds": round(result.cpu_seconds, 2),
                        "producer_cpu_seconds": round(result.producer_cpu_seconds, 2), "config_seconds":
                        round(result.config_seconds, 2), "fixups": {k: round(v, 2) for k, v in result.fixups.items()},
                        "rows": result.rows}, option=orjson.OPT_INDENT_2).decode())


if __name__ == "__main__":
    main()

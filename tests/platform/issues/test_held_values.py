"""Held values (issues/held.py) kept by creation and the changelog are exactly what the changelog says:
rebuilt from the changelog alone (the importer's `held.rebuild`, the migration's backfill) they come out
the same, row for row, and WAS finds each interval."""

from __future__ import annotations

import importlib.util
from pathlib import Path
from typing import Any

import httpx
from sqlalchemy import select, text

from tests.harness import RunningServer
from tests.platform.issues.helpers import make_issue, make_project
from ticketry.platform.issues import held
from ticketry.platform.issues.models import HeldValue

API = "/rest/api/2"
MIGRATION = Path(held.__file__).parents[2] / "db" / "migrations" / "versions" / "0004_held_value.py"


def _rows(server: RunningServer, issue_ids: list[int]) -> list[tuple[Any, ...]]:
    columns = (HeldValue.issue_id, HeldValue.field, HeldValue.value, HeldValue.started, HeldValue.ended,
               HeldValue.setter_id)
    with server.app.state.write_engine.connect() as conn:
        return sorted(conn.execute(select(*columns).where(HeldValue.issue_id.in_(issue_ids))).tuples(),
                      key=lambda row: (row[0], row[1], row[3]))


def _histories(admin: httpx.Client, key: str, worker: str) -> list[str]:
    """An issue untouched, one edited, reassigned and resolved then reopened, one reported by another user."""
    untouched = make_issue(admin, key, "untouched", priority={"name": "Low"})["key"]
    busy = make_issue(admin, key, "busy", priority={"name": "Low"}, assignee={"name": worker})["key"]
    other = make_issue(admin, key, "reported", reporter={"name": worker})["key"]
    assert admin.put(f"{API}/issue/{busy}", json={"fields": {"priority": {"name": "High"}}}).status_code == 204
    assert admin.put(f"{API}/issue/{busy}/assignee", json={"name": "admin"}).status_code == 204
    url = f"{API}/issue/{busy}/transitions"
    done = admin.post(url, json={"transition": {"id": "5"}, "fields": {"resolution": {"name": "Done"}}})
    assert done.status_code == 204, done.text
    assert admin.post(url, json={"transition": {"id": "3"}}).status_code == 204
    return [untouched, busy, other]


def _ids(admin: httpx.Client, keys: list[str]) -> list[int]:
    return [int(admin.get(f"{API}/issue/{k}", params={"fields": "summary"}).json()["id"]) for k in keys]


def test_held_values_are_what_the_changelog_says(server: RunningServer, admin: httpx.Client, make_user: Any,
                                                 unique_key: Any) -> None:
    key = unique_key()
    make_project(admin, key)
    worker = make_user("holder")
    keys = _histories(admin, key, worker.name)
    ids = _ids(admin, keys)
    kept = _rows(server, ids)
    assert len([row for row in kept if row[0] == ids[0]]) == 5  # one open interval per field, never changed
    busy = [(row[1], row[2], row[4] is None) for row in kept if row[0] == ids[1]]
    assert ("priority", "4", False) in busy and ("priority", "2", True) in busy
    admin_key = admin.get(f"{API}/myself").json()["key"]
    assert ("assignee", worker.key, False) in busy and ("assignee", admin_key, True) in busy
    assert [(field, open_) for field, _, open_ in busy if field == "resolution"] == [
        ("resolution", False), ("resolution", False), ("resolution", True)]
    assert [value for field, value, _ in busy if field == "resolution"][::2] == [None, None]
    assert [r[0] for r in busy].count("status") == 3

    with server.app.state.write_engine.begin() as conn:
        held.rebuild(conn)
    assert _rows(server, ids) == kept

    spec = importlib.util.spec_from_file_location("held_value_migration", MIGRATION)
    assert spec is not None and spec.loader is not None
    migration = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(migration)
    with server.app.state.write_engine.begin() as conn:
        conn.execute(text("DELETE FROM held_value"))
        for statement in migration.BACKFILL:
            conn.execute(text(statement))
    assert _rows(server, ids) == kept

    def found(clause: str) -> set[str]:
        body = admin.post(f"{API}/search", json={"jql": f"project = {key} AND {clause}", "fields": ["summary"]})
        assert body.status_code == 200, body.text
        return {issue["key"] for issue in body.json()["issues"]}

    untouched, busy_key, other = keys
    assert found("priority WAS Low") == {untouched, busy_key}
    assert found("priority WAS High") == {busy_key}
    assert found(f"assignee WAS {worker.name}") == {busy_key}
    assert found("assignee WAS EMPTY") == {untouched, other}
    assert found(f"reporter WAS {worker.name}") == {other}
    assert found("status WAS Resolved") == {busy_key}
    assert found("status WAS Open") == {untouched, busy_key, other}
    assert found("resolution WAS Done") == {busy_key}
    assert found(f"assignee WAS {worker.name} BY admin") == {busy_key}
    assert found(f"assignee WAS {worker.name} AFTER startOfDay(+1)") == set()
    assert found("priority WAS Low AFTER startOfDay(+1)") == {untouched}
    assert found("status WAS Resolved DURING (startOfDay(-1), now())") == {busy_key}


def test_concurrent_edits_leave_one_chain_of_intervals(server: RunningServer, base_url: str, admin: httpx.Client,
                                                       unique_key: Any) -> None:
    """Writers changing one issue's priority at once: each change ends the interval the previous one opened, so
    the held values stay one chain with one open end, as a rebuild from the changelog makes them."""
    import threading

    key = unique_key()
    make_project(admin, key)
    issue = make_issue(admin, key, "contended", priority={"name": "Low"})["key"]
    errors: list[str] = []

    def editor(priorities: list[str]) -> None:
        with httpx.Client(base_url=base_url, auth=("admin", "admin"), timeout=60) as client:
            for name in priorities * 4:
                response = client.put(f"{API}/issue/{issue}", json={"fields": {"priority": {"name": name}}})
                if response.status_code != 204:
                    errors.append(response.text)

    threads = [threading.Thread(target=editor, args=(names,)) for names in
               (["High", "Medium"], ["Highest", "Lowest"], ["Medium", "High"], ["Lowest", "Low"])]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    [issue_id] = _ids(admin, [issue])
    kept = [row for row in _rows(server, [issue_id]) if row[1] == "priority"]
    assert [row[4] for row in kept].count(None) == 1
    assert all(row[4] == following[3] for row, following in zip(kept, kept[1:], strict=False))  # a chain
    current = admin.get(f"{API}/issue/{issue}", params={"fields": "priority"}).json()["fields"]["priority"]["id"]
    assert kept[-1][2] == current
    with server.app.state.write_engine.begin() as conn:
        held.rebuild(conn)
    assert [row for row in _rows(server, [issue_id]) if row[1] == "priority"] == kept

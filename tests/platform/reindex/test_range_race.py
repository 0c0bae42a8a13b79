"""PostgreSQL: a full reindex range that reads while a writer commits an issue's new text must not put
the older text back into the new index it fills, which a trigger keeps in step with the writers. The range is made to wait on the writer (checked in
pg_stat_activity, never by timing) before the writer commits."""

from __future__ import annotations

import threading
import uuid
from collections.abc import Callable

import httpx
import pytest
from sqlalchemy import text
from sqlalchemy.orm import Session

from tests.harness import RunningServer, backend
from tests.jobs.wait import eventually
from ticketry.platform.search import textindex

API = "/rest/api/2"

pytestmark = pytest.mark.skipif(backend() != "postgres", reason="SQLite has one writer at a time")


def found(admin: httpx.Client, project: str, word: str) -> list[str]:
    response = admin.get(f"{API}/search", params={"jql": f'project = {project} AND text ~ "{word}"'})
    assert response.status_code == 200, response.text
    return [issue["key"] for issue in response.json()["issues"]]


def waiting_on(sessions: Callable[[], Session], pid: int) -> int:
    """Backends waiting for a lock the given one holds (a session each time: the view is read once per
    transaction)."""
    with sessions() as db:
        return int(db.scalar(text("SELECT count(*) FROM pg_stat_activity WHERE :pid = ANY(pg_blocking_pids(pid))"),
                             {"pid": pid}) or 0)


def test_range_waits_for_a_writer_of_its_issues(admin: httpx.Client, server: RunningServer,
                                                unique_key: Callable[[], str]) -> None:
    key = unique_key()
    made = admin.post(f"{API}/project", json={"key": key, "name": f"Race {key}", "lead": "admin",
                                              "projectTypeKey": "software"})
    assert made.status_code == 201, made.text
    old, new = ("zq" + uuid.uuid4().hex[:8].replace("0", "x") for _ in range(2))
    created = admin.post(f"{API}/issue", json={"fields": {"project": {"key": key}, "issuetype": {"name": "Task"},
                                                          "summary": f"Before {old}"}})
    assert created.status_code == 201, created.text
    issue_id = int(created.json()["id"])
    sessions = server.app.state.write_sessions
    table = textindex.next_index(987654331)
    transaction = lambda: sessions.begin()  # noqa: E731
    try:
        with sessions() as db, db.begin():
            textindex.begin_next_index(db, table)
        with sessions() as writer:
            writer.execute(text("UPDATE issue SET summary = :summary WHERE id = :id"),
                           {"summary": f"After {new}", "id": issue_id})
            textindex.refresh(writer, [issue_id])
            writer_pid = int(writer.scalar(text("SELECT pg_backend_pid()")) or 0)

            def reindex() -> None:
                with sessions() as db:
                    textindex.refresh_range(db, issue_id, issue_id, table=table)
                    db.commit()

            ranged = threading.Thread(target=reindex)
            ranged.start()
            eventually(lambda: waiting_on(sessions, writer_pid), what="the range to wait for the writer")
            writer.commit()
        ranged.join(timeout=60)
        assert not ranged.is_alive()
        # The rest of the issues, as the job's other ranges would (the server's other tests').
        with sessions() as db, db.begin():
            textindex.refresh_range(db, 1, 2**31 - 1, table=table)
        textindex.finish_next_index(transaction, table)
        textindex.swap_in(transaction, table)
        assert found(admin, key, new) == [created.json()["key"]]
        assert found(admin, key, old) == []
    finally:
        with sessions() as db, db.begin():
            textindex._drop_next_index(db, table)
        admin.delete(f"{API}/project/{key}")

"""A full reindex cancelled while it fills its new index drops that index: writers would otherwise keep it in
step (SQLite: each refresh writes it; PostgreSQL: a trigger on issue_text copies into it) until the next full
reindex. Searches keep the index they had."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import AbstractContextManager
from typing import Any

import httpx
import pytest
from sqlalchemy.orm import Session

from tests.harness import RunningServer
from tests.platform.issues.helpers import make_project
from ticketry.jobs.worker import Cancelled
from ticketry.platform.reindex import tasks
from ticketry.platform.search import textindex


class _CancelledRun:
    """What the job sees of its run: cancelled at its second checkpoint (after the first round of ranges)."""

    id = 987654351
    saved: Any = None
    payload: dict[str, Any] = {}

    def __init__(self, server: RunningServer) -> None:
        self.server = server
        self.checkpoints = 0

    def transaction(self) -> AbstractContextManager[Session]:
        return self.server.app.state.write_sessions.begin()  # type: ignore[no-any-return]

    def checkpoint(self, progress: int | None = None, message: str | None = None) -> None:
        self.checkpoints += 1
        if self.checkpoints == 2:
            raise Cancelled

    def save(self, db: Session, state: Any) -> None:
        self.saved = state


@pytest.fixture
def project(admin: httpx.Client, unique_key: Any) -> Iterator[str]:
    key = unique_key()
    make_project(admin, key)
    yield key
    admin.delete(f"/rest/api/2/project/{key}")


def _next_indexes(server: RunningServer) -> list[str]:
    with server.app.state.write_sessions() as db:
        return textindex._next_indexes(db)


def test_a_cancelled_reindex_drops_its_new_index(server: RunningServer, admin: httpx.Client, project: str,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(tasks, "CHUNK", 1)  # a range per issue: more rounds than one
    keys = []
    for word in ("alpha", "beta", "gamma"):
        made = admin.post("/rest/api/2/issue", json={"fields": {"project": {"key": project}, "summary": f"Cancel {word}",
                                                                "issuetype": {"name": "Task"}}})
        assert made.status_code == 201, made.text
        keys.append(made.json()["key"])
    run = _CancelledRun(server)
    with pytest.raises(Cancelled):
        tasks.reindex_all(run)  # type: ignore[arg-type]
    assert run.checkpoints == 2 and run.saved is not None  # it had filled a round
    assert textindex.next_index(run.id) not in _next_indexes(server)
    edited = admin.put(f"/rest/api/2/issue/{keys[0]}", json={"fields": {"summary": "Cancel delta"}})
    assert edited.status_code == 204, edited.text  # writers no longer write to it (a dropped table would fail)
    found = admin.post("/rest/api/2/search", json={"jql": f'project = {project} AND summary ~ "cancel"',
                                                   "fields": ["summary"]})
    assert found.status_code == 200, found.text
    assert sorted(issue["key"] for issue in found.json()["issues"]) == sorted(keys)

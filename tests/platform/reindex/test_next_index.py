"""SQLite full reindexes build a new index beside the one searches use and swap it in (`textindex.next_index`):
writers keep every such index in step meanwhile, so what they change while the ranges are built is there at
the swap; a reindex also resumes an index its earlier attempt began, and leaves those of reindexes still
running alone."""

from __future__ import annotations

import uuid
from collections.abc import Callable

import httpx
import pytest
from sqlalchemy import text

from tests.harness import RunningServer, backend
from tests.platform.reindex.test_reindex import finished, started
from ticketry.platform.search import textindex

API = "/rest/api/2"
pytestmark = pytest.mark.skipif(backend() != "sqlite", reason="PostgreSQL rebuilds its index in place")


def _keys(admin: httpx.Client, key: str, word: str) -> set[str]:
    response = admin.get(f"{API}/search", params={"jql": f'project = {key} AND text ~ "{word}"', "fields": "summary"})
    assert response.status_code == 200, response.text
    return {issue["key"] for issue in response.json()["issues"]}


def _create(admin: httpx.Client, key: str, summary: str) -> str:
    response = admin.post(f"{API}/issue", json={"fields": {"project": {"key": key}, "issuetype": {"name": "Task"},
                                                           "summary": summary}})
    assert response.status_code == 201, response.text
    return str(response.json()["key"])


def _next_indexes(server: RunningServer) -> list[str]:
    with server.app.state.write_sessions() as db:
        return textindex._next_indexes(db)


def _old_indexes(server: RunningServer) -> list[str]:
    with server.app.state.write_sessions() as db:
        return list(db.scalars(text("SELECT name FROM sqlite_master WHERE name LIKE 'issue^_text^_old%' ESCAPE '^'")))


def test_writers_keep_a_new_index_in_step_until_it_is_swapped_in(
        server: RunningServer, admin: httpx.Client, unique_key: Callable[[], str]) -> None:
    key = unique_key()
    assert admin.post(f"{API}/project", json={"key": key, "name": f"Next {key}", "lead": "admin",
                                              "projectTypeKey": "software"}).status_code == 201
    word = "nx" + uuid.uuid4().hex[:8].replace("0", "x").replace("1", "y")
    before = _create(admin, key, f"{word} from before")
    edited = _create(admin, key, "plain words")
    doomed = _create(admin, key, f"{word} deleted meanwhile")
    name = textindex.next_index(987654321)
    try:
        with server.app.state.write_sessions() as db, db.begin():
            textindex.begin_next_index(db, name)
        # What writers do now reaches the new index too (the ranges that would fill the rest are not built here).
        made = _create(admin, key, f"{word} made meanwhile")
        assert admin.put(f"{API}/issue/{edited}", json={"fields": {"summary": f"{word} edited"}}).status_code == 204
        commented = _create(admin, key, "quiet")
        assert admin.post(f"{API}/issue/{commented}/comment", json={"body": f"a {word} remark"}).status_code == 201
        assert admin.delete(f"{API}/issue/{doomed}").status_code == 204
        assert _keys(admin, key, word) == {before, made, edited, commented}  # searches still use the old index
        # Each writer's transaction left a segment: merged into one, a further merge finds nothing to do.
        textindex.compact(lambda: server.app.state.write_sessions.begin(), name, pages=1)
        with server.app.state.write_sessions() as db, db.begin():
            changes = db.scalar(text("SELECT total_changes()"))
            db.execute(text(f"INSERT INTO {name} ({name}, rank) VALUES ('merge', -1)"))
            assert db.scalar(text("SELECT total_changes()")) == changes + 1
        with server.app.state.write_sessions() as db, db.begin():
            textindex.swap_in(db, name)
        assert _keys(admin, key, word) == {made, edited, commented}
        assert name not in _next_indexes(server)
        assert _old_indexes(server)  # the old index, set aside: its rows are dropped in small chunks
        textindex.discard_old_indexes(lambda: server.app.state.write_sessions.begin(), rows=7)
        assert _old_indexes(server) == []
    finally:
        with server.app.state.write_sessions() as db, db.begin():
            db.execute(text(f"DROP TABLE IF EXISTS {name}"))
        reindex = admin.post(f"{API}/reindex", params={"type": "BACKGROUND_PREFERRED"})
        finished(admin, started(reindex, "BACKGROUND_PREFERRED"))
    assert _keys(admin, key, word) == {before, made, edited, commented}  # the full reindex, swapped in
    assert _keys(admin, key, word[:5] + "*") == {before, made, edited, commented}  # prefixes after a swap
    assert _next_indexes(server) == [] and _old_indexes(server) == []
    admin.delete(f"{API}/project/{key}")


def test_new_indexes_of_finished_reindexes_are_dropped_and_running_ones_kept(server: RunningServer) -> None:
    stale, running, mine = (textindex.next_index(n) for n in (987654322, 987654323, 987654324))
    with server.app.state.write_sessions() as db, db.begin():
        textindex.begin_next_index(db, stale)
        textindex.begin_next_index(db, running, keep={stale})
        textindex.begin_next_index(db, mine, keep={running})
    assert sorted(_next_indexes(server)) == sorted([running, mine])
    with server.app.state.write_sessions() as db, db.begin():
        for name in (running, mine):
            db.execute(text(f"DROP TABLE {name}"))
    assert _next_indexes(server) == []

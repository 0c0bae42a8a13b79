"""Full reindexes build a new index beside the one searches use and swap it in (`textindex.next_index`):
writers keep every such index in step meanwhile (SQLite: each refresh writes both; PostgreSQL: a trigger on
issue_text copies), so what they change while the ranges are built is there at the swap; a reindex also
resumes an index its earlier attempt began, and leaves those of reindexes still running alone. PostgreSQL's
swapped-in table is shaped as the old one: storage, options, indexes, and the foreign key that drops the rows
of deleted issues."""

from __future__ import annotations

import threading
import uuid
from collections.abc import Callable
from contextlib import AbstractContextManager

import httpx
import pytest
from sqlalchemy import text
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session

from tests.harness import RunningServer, backend
from tests.jobs.wait import eventually
from tests.platform.reindex.test_reindex import finished, started
from ticketry.platform.search import textindex

API = "/rest/api/2"
SQLITE = backend() == "sqlite"


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
        if not SQLITE:
            return list(db.scalars(text("SELECT tablename FROM pg_tables WHERE tablename LIKE 'issue^_text^_old%' "
                                        "ESCAPE '^'")))
        return list(db.scalars(text("SELECT name FROM sqlite_master WHERE name LIKE 'issue^_text^_old%' ESCAPE '^'")))


def _transaction(server: RunningServer) -> textindex.Transaction:
    return lambda: server.app.state.write_sessions.begin()  # type: ignore[no-any-return]


def _drop(server: RunningServer, name: str) -> None:
    with server.app.state.write_sessions() as db, db.begin():
        if SQLITE:
            db.execute(text(f"DROP TABLE IF EXISTS {name}"))
        else:
            textindex._drop_next_index(db, name)


def _total(admin: httpx.Client, word: str) -> int:
    """The total of a lone text match: on PostgreSQL, for a caller who sees every issue, counted from the
    index rows alone (so a row left behind by a deleted issue would show)."""
    response = admin.post(f"{API}/search", json={"jql": f'text ~ "{word}"', "maxResults": 0})
    assert response.status_code == 200, response.text
    return int(response.json()["total"])


def _shape(server: RunningServer) -> dict[str, object]:
    """PostgreSQL: what the swap must keep of issue_text."""
    with server.app.state.write_sessions() as db:
        return {
            "options": sorted(db.scalar(text("SELECT reloptions FROM pg_class WHERE oid = 'issue_text'::regclass"))),
            "storage": db.execute(text("SELECT attname, attstorage FROM pg_attribute WHERE attrelid = "
                                       "'issue_text'::regclass AND attnum > 0 AND NOT attisdropped ORDER BY attnum")).all(),
            "indexes": sorted(db.scalars(text("SELECT indexname FROM pg_indexes WHERE tablename = 'issue_text'"))),
            "constraints": sorted(db.execute(text(
                "SELECT conname, contype, confdeltype FROM pg_constraint WHERE conrelid = 'issue_text'::regclass"))
                .tuples()),
            "triggers": sorted(db.scalars(text("SELECT tgname FROM pg_trigger WHERE tgrelid = 'issue_text'::regclass "
                                              "AND NOT tgisinternal"))),
        }


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
    shape = None if SQLITE else _shape(server)
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
        if SQLITE:  # each writer's transaction left a segment: merged into one, a further merge finds nothing
            textindex._compact(_transaction(server), name, pages=1)
            with server.app.state.write_sessions() as db, db.begin():
                changes = db.scalar(text("SELECT total_changes()"))
                db.execute(text(f"INSERT INTO {name} ({name}, rank) VALUES ('merge', -1)"))
                assert db.scalar(text("SELECT total_changes()")) == changes + 1
        else:
            textindex.finish_next_index(_transaction(server), name)
        textindex.swap_in(_transaction(server), name)
        assert _keys(admin, key, word) == {made, edited, commented}
        assert name not in _next_indexes(server)
        if SQLITE:
            assert _old_indexes(server)  # the old index, set aside: its rows are dropped in small chunks
        textindex.discard_old_indexes(_transaction(server), rows=7)
        assert _old_indexes(server) == []
        if not SQLITE:
            assert _shape(server) == shape
            assert _total(admin, word) == 3
            assert admin.delete(f"{API}/issue/{made}").status_code == 204  # its row goes by the foreign key
            assert _total(admin, word) == 2
            made = _create(admin, key, f"{word} made after")
    finally:
        _drop(server, name)
        reindex = admin.post(f"{API}/reindex", params={"type": "BACKGROUND_PREFERRED"})
        finished(admin, started(reindex, "BACKGROUND_PREFERRED"))
    assert _keys(admin, key, word) == {before, made, edited, commented}  # the full reindex, swapped in
    assert _keys(admin, key, word[:5] + "*") == {before, made, edited, commented}  # prefixes after a swap
    assert _next_indexes(server) == [] and _old_indexes(server) == []
    if not SQLITE:
        assert _shape(server) == shape
    admin.delete(f"{API}/project/{key}")


def test_new_indexes_of_finished_reindexes_are_dropped_and_running_ones_kept(server: RunningServer) -> None:
    stale, running, mine = (textindex.next_index(n) for n in (987654322, 987654323, 987654324))
    with server.app.state.write_sessions() as db, db.begin():
        textindex.begin_next_index(db, stale)
        textindex.begin_next_index(db, running, keep={stale})
        textindex.begin_next_index(db, mine, keep={running})
    assert sorted(_next_indexes(server)) == sorted([running, mine])
    for name in (running, mine):
        _drop(server, name)
    assert _next_indexes(server) == []


@pytest.mark.skipif(SQLITE, reason="PostgreSQL's swap waits for searches holding the table")
def test_the_swap_tries_again_while_searches_hold_the_table(server: RunningServer, admin: httpx.Client,
                                                            monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(textindex, "_SWAP_LOCK_TIMEOUT", "50ms")
    attempts: list[int] = []
    swap = textindex._swap_pg

    def counted(db: Session, name: str) -> None:
        attempts.append(1)
        swap(db, name)

    monkeypatch.setattr(textindex, "_swap_pg", counted)
    name = textindex.next_index(987654341)
    with server.app.state.write_sessions() as db, db.begin():
        textindex.begin_next_index(db, name)
    try:
        with server.app.state.write_sessions() as db, db.begin():
            textindex.refresh_range(db, 1, 2**31 - 1, table=name)
        textindex.finish_next_index(_transaction(server), name)
        with server.app.state.write_sessions() as search:  # a search's lock, held across attempts
            search.execute(text("SELECT count(*) FROM issue_text"))
            monkeypatch.setattr(textindex, "_SWAP_ATTEMPTS", 2)
            with pytest.raises(OperationalError):
                textindex.swap_in(_transaction(server), name)
            assert len(attempts) == 2
            assert name in _next_indexes(server)  # nothing of a failed swap stays: the new index is still new
            monkeypatch.setattr(textindex, "_SWAP_ATTEMPTS", 1000)
            swapping = threading.Thread(target=textindex.swap_in, args=(_transaction(server), name))
            swapping.start()
            eventually(lambda: len(attempts) > 4, what="the swap to try again")
        swapping.join(timeout=60)  # the search ended: the next attempt takes the lock
        assert not swapping.is_alive()
        assert name not in _next_indexes(server)
        response = admin.post(f"{API}/search", json={"jql": 'text ~ "zzqqnotthere"', "maxResults": 0})
        assert response.status_code == 200, response.text
    finally:
        _drop(server, name)


@pytest.mark.skipif(not SQLITE, reason="SQLite sets old indexes aside; PostgreSQL drops them at the swap")
def test_full_reindexes_ending_together_discard_each_others_old_index(server: RunningServer,
                                                                      admin: httpx.Client) -> None:
    """Two full reindexes ending at once both discard every old index set aside: one may drop an index while
    the other empties it chunk by chunk (it failed with 'no such table', and its retry could not set the index
    aside again under its own name, left there by the failed attempt)."""
    name = textindex.next_index(987654325)
    leftover = name.replace("next", "old")  # what the failed attempt left behind
    with server.app.state.write_sessions() as db, db.begin():
        db.execute(text(textindex._FTS5_TABLE.format(name=leftover)))
        db.execute(text(f"INSERT INTO {leftover} (rowid, summary) VALUES (1, 'left behind')"))
        textindex.begin_next_index(db, name)
    textindex.swap_in(_transaction(server), name)  # the index in use goes aside under another name
    aside = sorted(_old_indexes_by_name(server))
    assert leftover in aside and len(aside) == 2, aside

    calls = [0]

    def other_reindex_drops_meanwhile() -> AbstractContextManager[Session]:
        calls[0] += 1
        if calls[0] == 3:  # after the listing and a first chunk, the other discard drops both
            with server.app.state.write_sessions() as db, db.begin():
                for table in aside:
                    db.execute(text(f"DROP TABLE {table}"))
        return _transaction(server)()

    textindex.discard_old_indexes(other_reindex_drops_meanwhile, rows=1)
    assert _old_indexes(server) == []
    reindex = admin.post(f"{API}/reindex", params={"type": "BACKGROUND_PREFERRED"})  # the index as it should be
    finished(admin, started(reindex, "BACKGROUND_PREFERRED"))


def _old_indexes_by_name(server: RunningServer) -> list[str]:
    with server.app.state.write_sessions() as db:
        return list(db.scalars(text("SELECT name FROM sqlite_master WHERE type = 'table' AND sql LIKE "
                                    "'CREATE VIRTUAL TABLE%' AND name LIKE 'issue^_text^_old^_%' ESCAPE '^'")))

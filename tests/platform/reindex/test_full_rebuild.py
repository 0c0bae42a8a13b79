"""The full reindex rebuilds the text index from the tables in id ranges: it picks up text written behind
the application's back and drops rows of deleted issues. The importer's in-place fill on PostgreSQL drops the
GIN indexes meanwhile and makes them again at the end; searches keep answering."""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager

import httpx
import pytest
from sqlalchemy import text
from sqlalchemy.orm import Session

from tests.harness import RunningServer
from tests.platform.reindex.test_reindex import finished, started
from ticketry.platform.reindex import tasks
from ticketry.platform.search import textindex

API = "/rest/api/2"


def _word() -> str:
    """A new word whose 6-letter prefix ends in a digit: SQLite's porter stemmer also stems prefix terms
    ('zq43ey*' is searched as 'zq43ei*'), and leaves a digit alone."""
    letters = uuid.uuid4().hex[:7].replace("0", "x").replace("1", "y")
    return "zq" + letters[:3] + "7" + letters[3:]


@pytest.fixture
def project(admin: httpx.Client, unique_key: Callable[[], str]) -> Iterator[str]:
    key = unique_key()
    made = admin.post(f"{API}/project", json={"key": key, "name": f"Rebuild {key}", "lead": "admin",
                                              "projectTypeKey": "software"})
    assert made.status_code == 201, made.text
    yield key
    admin.delete(f"{API}/project/{key}")


def _create(admin: httpx.Client, project: str, summary: str) -> tuple[str, int]:
    created = admin.post(f"{API}/issue", json={"fields": {"project": {"key": project},
                                                          "issuetype": {"name": "Task"}, "summary": summary}})
    assert created.status_code == 201, created.text
    return created.json()["key"], int(created.json()["id"])


def _found(admin: httpx.Client, project: str, clause: str) -> list[str]:
    response = admin.post(f"{API}/search", json={"jql": f"project = {project} AND {clause} ORDER BY key ASC",
                                                 "fields": ["summary"]})
    assert response.status_code == 200, response.text
    return [issue["key"] for issue in response.json()["issues"]]


def _sql(server: RunningServer, statement: str, **values: object) -> None:
    with server.app.state.write_sessions() as db:
        db.execute(text(statement), values)
        db.commit()


def _reindex(admin: httpx.Client) -> None:
    task_id = started(admin.post(f"{API}/reindex", params={"type": "FOREGROUND"}), "FOREGROUND")
    done = finished(admin, task_id)
    assert done["success"] is True and done["currentProgress"] == 100


@pytest.mark.parametrize("chunk", [tasks.CHUNK, 1])
def test_reindex_reads_text_written_behind_the_apps_back(admin: httpx.Client, server: RunningServer, project: str,
                                                         monkeypatch: pytest.MonkeyPatch, chunk: int) -> None:
    monkeypatch.setattr(tasks, "CHUNK", chunk)  # 1: a range per issue, several at once on PostgreSQL
    old, new, said, gone = _word(), _word(), _word(), _word()
    first, first_id = _create(admin, project, f"Plain {old}")
    second, second_id = _create(admin, project, "Second issue")
    _, third_id = _create(admin, project, f"Doomed {gone}")
    _sql(server, "UPDATE issue SET summary = :summary WHERE id = :id", summary=f"Renamed {new}", id=first_id)
    _sql(server, "INSERT INTO comment (issue_id, author_id, update_author_id, body, created, updated) "
                 "SELECT id, reporter_id, reporter_id, :body, created, created FROM issue WHERE id = :id",
         body=f"Someone said {said}", id=second_id)
    _sql(server, "DELETE FROM issue WHERE id = :id", id=third_id)
    assert _found(admin, project, f'summary ~ "{new}"') == []  # the index did not see the changes
    assert _found(admin, project, f'comment ~ "{said}"') == []

    _reindex(admin)

    assert _found(admin, project, f'summary ~ "{new}"') == [first]
    assert _found(admin, project, f'summary ~ "{old}"') == []
    assert _found(admin, project, f'comment ~ "{said}"') == [second]
    assert _found(admin, project, f'text ~ "{said[:5]}*"') == [second]
    with server.app.state.write_sessions() as db:
        column = "rowid" if db.get_bind().dialect.name == "sqlite" else "issue_id"
        left = db.scalar(text(f"SELECT count(*) FROM issue_text WHERE {column} = :id"), {"id": third_id})
    assert left == 0


def _transaction(server: RunningServer) -> Callable[[], AbstractContextManager[Session]]:
    def transaction() -> AbstractContextManager[Session]:
        return server.app.state.write_sessions.begin()  # type: ignore[no-any-return]
    return transaction


def _search_indexes(server: RunningServer) -> set[str]:
    with server.app.state.write_sessions() as db:
        if db.get_bind().dialect.name == "sqlite":
            return set(textindex.SEARCH_INDEXES)  # FTS5 keeps its own index: nothing to drop
        return set(db.scalars(text("SELECT indexname FROM pg_indexes WHERE tablename = 'issue_text'")))


def test_searches_answer_while_the_search_indexes_are_away(admin: httpx.Client, server: RunningServer,
                                                           project: str) -> None:
    word = _word()
    key, _ = _create(admin, project, f"Still {word} here")
    sqlite = server.app.state.settings.resolved_database_url().startswith("sqlite")
    with textindex.without_search_indexes(_transaction(server)) as dropped:
        assert dropped is not sqlite
        assert sqlite or not set(textindex.SEARCH_INDEXES) & _search_indexes(server)
        assert _found(admin, project, f'summary ~ "{word}"') == [key]
        assert _found(admin, project, f'text ~ "{word[:6]}*"') == [key]
        later, _ = _create(admin, project, f"Also {word} now")  # writers keep the index right meanwhile
        assert _found(admin, project, f'summary ~ "{word}"') == [key, later]
    assert set(textindex.SEARCH_INDEXES) <= _search_indexes(server)
    assert _found(admin, project, f'summary ~ "{word}"') == [key, later]


def test_a_failed_reindex_makes_the_search_indexes_again(server: RunningServer) -> None:
    with pytest.raises(RuntimeError), textindex.without_search_indexes(_transaction(server)):
        raise RuntimeError("a range failed")
    assert set(textindex.SEARCH_INDEXES) <= _search_indexes(server)

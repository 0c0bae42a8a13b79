"""The full reindex rebuilds the text index from the tables in id ranges: it picks up text written behind
the application's back and drops rows of deleted issues (searches keep the old index meanwhile:
test_next_index.py)."""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterator

import httpx
import pytest
from sqlalchemy import text

from tests.harness import RunningServer
from tests.platform.reindex.test_reindex import finished, started
from ticketry.platform.reindex import tasks

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

"""POST /search only reads: on SQLite it must not queue behind a writer holding the write lock."""

from __future__ import annotations

import sqlite3

import httpx
import pytest

from tests.harness import RunningServer


def test_search_answers_while_a_writer_holds_the_lock(server: RunningServer, base_url: str) -> None:
    url = server.settings.database_url
    if not url.startswith("sqlite:///"):
        pytest.skip("the write lock is SQLite's")
    writer = sqlite3.connect(url[len("sqlite:///"):], timeout=1)
    writer.execute("BEGIN IMMEDIATE")  # what a long write transaction of another request looks like
    try:
        # Short client timeouts: a request that waited for the lock would time out instead of answering.
        with httpx.Client(base_url=base_url, auth=("admin", "admin"), timeout=10) as client:
            found = client.post("/rest/api/2/search", json={"jql": "order by key", "maxResults": 1})
            parsed = client.post("/rest/api/2/jql/parse", json={"queries": ["project = X"]})
        assert found.status_code == 200, found.text
        assert parsed.status_code == 200, parsed.text
    finally:
        writer.rollback()
        writer.close()

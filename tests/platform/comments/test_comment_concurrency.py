"""Concurrent comment writers on one issue lose nothing, the text index included."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor

import httpx

from tests.harness import RunningServer
from tests.platform.comments.conftest import API, IssueRef

COMMENTS = 8


def test_concurrent_deletes_leave_no_deleted_text_searchable(server: RunningServer, admin: httpx.Client,
                                                             make_issue: Callable[[], IssueRef]) -> None:
    issue = make_issue()
    words = [f"zq{uuid.uuid4().hex[:8]}" for _ in range(COMMENTS)]
    ids = []
    for word in words:
        made = admin.post(issue.comments, json={"body": f"note {word}"})
        assert made.status_code == 201, made.text
        ids.append(made.json()["id"])

    def delete(comment_id: str) -> int:
        with httpx.Client(base_url=server.url, auth=("admin", "admin"), timeout=60) as client:
            return client.delete(f"{issue.comments}/{comment_id}").status_code

    with ThreadPoolExecutor(COMMENTS) as pool:
        assert list(pool.map(delete, ids)) == [204] * COMMENTS
    for word in words:
        found = admin.post(f"{API}/search", json={"jql": f'comment ~ "{word}"', "maxResults": 0}).json()
        assert found["total"] == 0, word
    assert admin.get(issue.comments).json()["total"] == 0

"""Listing comments takes the same number of SQL queries however many comments, authors and mentions."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import httpx
from sqlalchemy import event

from tests.platform.comments.conftest import API, IssueRef


@contextmanager
def counted(server: Any) -> Iterator[list[str]]:
    statements: list[str] = []
    engines = {server.app.state.read_engine, server.app.state.write_engine}

    def count(conn: Any, cursor: Any, statement: str, *args: Any) -> None:
        statements.append(statement)

    for engine in engines:
        event.listen(engine, "before_cursor_execute", count)
    try:
        yield statements
    finally:
        for engine in engines:
            event.remove(engine, "before_cursor_execute", count)


def _add_comments(admin: httpx.Client, make_user: Any, issue: IssueRef, how_many: int) -> None:
    for _ in range(how_many):
        user = make_user()
        comment = user.client.post(issue.comments, json={"body": f"hi [~{user.name}] and [~admin]"}).json()
        assert user.client.put(f"{API}/comment/{comment['id']}/properties/p", json={"n": 1}).status_code == 201


def test_comment_list_queries_are_constant(server: Any, admin: httpx.Client, make_user: Any,
                                           issue: IssueRef) -> None:
    params = {"expand": "renderedBody,properties"}
    _add_comments(admin, make_user, issue, 2)
    with counted(server) as few:
        assert len(admin.get(issue.comments, params=params).json()["comments"]) == 2
        assert len(admin.get(f"{API}/issue/{issue.key}", params={"fields": "comment"}).json()
                   ["fields"]["comment"]["comments"]) == 2
    _add_comments(admin, make_user, issue, 5)
    with counted(server) as many:
        assert len(admin.get(issue.comments, params=params).json()["comments"]) == 7
        assert len(admin.get(f"{API}/issue/{issue.key}", params={"fields": "comment"}).json()
                   ["fields"]["comment"]["comments"]) == 7
    assert len(many) == len(few)

"""The number of SQL queries of project reads does not grow with the number of projects."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

import httpx
from sqlalchemy import event

from tests.platform.projects.conftest import API


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


def test_project_list_queries_are_constant(server: Any, admin: httpx.Client, unique: Callable[[str], str],
                                           make_user: Callable[..., Any],
                                           make_project: Callable[..., dict[str, Any]]) -> None:
    params = {"expand": "lead,description,issueTypes,url,projectKeys"}

    def add_projects() -> None:
        category = admin.post(f"{API}/projectCategory", json={"name": unique("QCat")}).json()
        make_project(lead=make_user("qlead").name, categoryId=int(category["id"]))
        make_project(projectTemplateKey="com.atlassian.jira-core-project-templates:jira-core-task-management",
                     projectTypeKey="business")

    add_projects()
    admin.get(f"{API}/project", params=params)
    with counted(server) as before:
        assert admin.get(f"{API}/project", params=params).status_code == 200
    add_projects()
    with counted(server) as after:
        assert admin.get(f"{API}/project", params=params).status_code == 200
    assert len(after) == len(before), "\n".join(s[:90] for s in after)

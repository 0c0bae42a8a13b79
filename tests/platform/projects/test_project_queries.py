"""The number of SQL queries of project reads does not grow with the number of projects."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import httpx

from tests.platform.projects.conftest import API
from tests.querycount import least_queries


def test_project_list_queries_are_constant(server: Any, admin: httpx.Client, unique: Callable[[str], str],
                                           make_user: Callable[..., Any],
                                           make_project: Callable[..., dict[str, Any]]) -> None:
    params = {"expand": "lead,description,issueTypes,url,projectKeys"}

    def add_projects() -> None:
        category = admin.post(f"{API}/projectCategory", json={"name": unique("QCat")}).json()
        make_project(lead=make_user("qlead").name, categoryId=int(category["id"]))
        make_project(projectTemplateKey="com.atlassian.jira-core-project-templates:jira-core-task-management",
                     projectTypeKey="business")

    def listing() -> None:
        assert admin.get(f"{API}/project", params=params).status_code == 200

    add_projects()
    listing()
    before = least_queries(server, listing)
    add_projects()
    assert least_queries(server, listing) == before

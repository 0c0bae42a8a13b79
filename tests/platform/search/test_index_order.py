"""PostgreSQL takes only `=` as fixing a column for an index's order, so `resolution = Unresolved` (IS NULL) and
the visibility's `security_level_id IS NULL` kept every index of (resolution, level, priority, ...) from giving
a page's order: it sorted every match. The page's order is led by the columns held empty
(`pages._index_order`): the same issues in the same order, and an index gives it. When a walk in the page's
order does not pay, the matches are read as a set and sorted: the same issues again."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from typing import Any

import httpx
import pytest
from sqlalchemy import text

from tests.harness import RunningServer, backend, running_server
from tests.platform.issues.helpers import make_issue, make_project
from ticketry.platform.search import pages, textindex

JQL = "project = {key} AND resolution = Unresolved ORDER BY priority DESC, created ASC"


def _pages(monkeypatch: pytest.MonkeyPatch) -> list[Any]:
    """The statement of each page's ids the search service reads."""
    statements: list[Any] = []
    original = pages.page_ids

    def spy(*args: Any) -> Any:
        statements.append(original(*args))
        return statements[-1]

    monkeypatch.setattr(pages, "page_ids", spy)
    return statements


def _walks(monkeypatch: pytest.MonkeyPatch, walk: bool) -> None:
    """Whether every page counts as worth a walk in its order (`textindex.walk_pays`), or none does."""
    monkeypatch.setattr(textindex, "_WALK_FLOOR", 0 if walk else 10**12)
    monkeypatch.setattr(textindex, "_PROBES_PER_MATCH", 0)


@pytest.mark.parametrize("walk", [True, False], ids=["walked", "sorted"])
def test_unresolved_pages_keep_their_order(admin: httpx.Client, unique_key: Callable[[], str],
                                           monkeypatch: pytest.MonkeyPatch, walk: bool) -> None:
    _walks(monkeypatch, walk)
    key = unique_key()
    make_project(admin, key)
    made = [make_issue(admin, key, f"issue {n}", priority={"name": name})["key"]
            for n, name in enumerate(["Low", "Highest", "Medium", "Highest", "High", "Low"])]
    body = admin.post("/rest/api/2/search", json={"jql": JQL.format(key=key), "fields": ["priority"]}).json()
    order = {"Highest": 0, "High": 1, "Medium": 2, "Low": 3}
    found = [(issue["fields"]["priority"]["name"], int(issue["key"].split("-")[1])) for issue in body["issues"]]
    assert found == sorted(found, key=lambda p: (order[p[0]], p[1]))
    assert body["total"] == len(found) == len(made)
    second = admin.post("/rest/api/2/search", json={"jql": JQL.format(key=key), "startAt": 2, "maxResults": 3,
                                                    "fields": ["priority"]}).json()
    assert [issue["key"] for issue in second["issues"]] == [issue["key"] for issue in body["issues"]][2:5]


@pytest.fixture(scope="module")
def fresh() -> Iterator[tuple[RunningServer, httpx.Client]]:
    """A server of its own: no security level or permission another test made narrows what the admin sees."""
    with running_server() as server, httpx.Client(base_url=server.url, auth=("admin", "admin")) as admin:
        make_project(admin, "ORD")
        make_issue(admin, "ORD", "one", priority={"name": "High"})
        yield server, admin


@pytest.mark.skipif(backend() != "postgres", reason="PostgreSQL's plan")
@pytest.mark.parametrize("jql", ["resolution = Unresolved ORDER BY priority DESC, created ASC",
                                 "ORDER BY key ASC"])  # no index leads with the security level: as it was
def test_an_index_gives_the_page_order(fresh: tuple[RunningServer, httpx.Client], monkeypatch: pytest.MonkeyPatch,
                                       jql: str) -> None:
    server, admin = fresh
    _walks(monkeypatch, True)  # as among many issues
    statements = _pages(monkeypatch)
    assert admin.post("/rest/api/2/search", json={"jql": jql, "fields": ["summary"]}).status_code == 200
    page = statements[-1].limit(50)
    with server.app.state.write_engine.connect() as conn, conn.begin():
        conn.execute(text("SET LOCAL enable_seqscan = off"))
        conn.execute(text("SET LOCAL enable_sort = off"))  # a plan that must sort every match still does
        compiled = page.compile(conn, compile_kwargs={"literal_binds": True})
        plan = "\n".join(str(row[0]) for row in conn.execute(text(f"EXPLAIN {compiled}")))
    assert "Index" in plan, plan
    assert not re.search(r"(^|->  )Sort ", plan, re.MULTILINE), plan  # an incremental sort of ties may stay

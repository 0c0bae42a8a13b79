"""Text searches on SQLite: a common match walks the page's index in order and probes the matches gathered
once (`+issue.id IN (...)`, a prefix) or the term's list by rowid (a word); a rare one, or an order no index
gives, stays driven by the text index.

"Common" depends on the number of issues, so the threshold is forced here (`_PROBES_PER_MATCH`); what is
checked is the plan each form gets. docs/query-plans.md ("Text searches") has the plans and costs at 1M."""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import pytest

from tests.harness import RunningServer, backend
from tests.jql.plans import search_statements
from tests.jql.test_plans import API, _index_order, _plan
from ticketry.platform.search import textindex

pytestmark = pytest.mark.skipif(backend() != "sqlite", reason="EXPLAIN QUERY PLAN is SQLite's")


@pytest.fixture(scope="module")
def word(admin: httpx.Client) -> Iterator[str]:
    import uuid

    key = "T" + uuid.uuid4().hex[:7].upper().replace("0", "Z")
    created = admin.post(f"{API}/project", json={"key": key, "name": f"Text plans {key}", "lead": "admin",
                                                 "projectTypeKey": "software"})
    assert created.status_code == 201, created.text
    word = "plw" + uuid.uuid4().hex[:6] + "1"
    for n in range(3):
        response = admin.post(f"{API}/issue", json={"fields": {
            "project": {"key": key}, "issuetype": {"name": "Task"}, "summary": f"{word} subject {n} absent absolute",
            "labels": [word]}})
        assert response.status_code == 201, response.text
    # An issue without the word: on a fresh database the match would otherwise hold for every issue, and a
    # match of every issue tests nothing (`textindex.count_matching`): no text in the plan at all.
    other = admin.post(f"{API}/issue", json={"fields": {"project": {"key": key}, "issuetype": {"name": "Task"},
                                                         "summary": "nothing of the sort"}})
    assert other.status_code == 201, other.text
    yield word
    admin.delete(f"{API}/project/{key}")


def test_common_match_walks_the_key_index(server: RunningServer, admin: httpx.Client, word: str,
                                          monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(textindex, "_PROBES_PER_MATCH", 0)
    monkeypatch.setattr(textindex, "_WALK_FLOOR", 0)
    # A word's list is probed per issue (FTS5 seeks it by rowid: "=M"); a prefix's matches are gathered once,
    # also when it stands for the terms it expands to ("abs*": the stemmer would change it). The same statement
    # shape each time, the word first: the form must not come from a compiled statement cached for another.
    for jql, probe in ((f'text ~ "{word}" ORDER BY key', "VIRTUAL TABLE INDEX 0:=M"),
                       (f'text ~ "{word[:5]}*" ORDER BY key', "LIST SUBQUERY"),
                       ('text ~ "abs*" ORDER BY key', "LIST SUBQUERY"),
                       (f'text ~ "{word}" ORDER BY key DESC', "VIRTUAL TABLE INDEX 0:=M")):
        plan = _plan(server, search_statements(server, admin, jql)["page"])
        assert _index_order(plan, "ix_issue_key_order"), "\n".join(plan)
        assert probe in " ".join(plan), "\n".join(plan)


def test_rare_match_is_driven_by_the_text_index(server: RunningServer, admin: httpx.Client, word: str) -> None:
    plan = _plan(server, search_statements(server, admin, f'text ~ "{word}*" ORDER BY key')["page"])
    assert any("INTEGER PRIMARY KEY" in step for step in plan), "\n".join(plan)


def test_common_match_without_an_index_order_is_driven_by_the_text_index(
        server: RunningServer, admin: httpx.Client, word: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(textindex, "_PROBES_PER_MATCH", 0)
    monkeypatch.setattr(textindex, "_WALK_FLOOR", 0)
    plan = _plan(server, search_statements(server, admin, f'text ~ "{word}*" ORDER BY summary')["page"])
    assert any("INTEGER PRIMARY KEY" in step for step in plan), "\n".join(plan)


def test_common_id_set_walks_the_key_index_and_probes_the_set(server: RunningServer, admin: httpx.Client,
                                                              word: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """WAS and labels (`jql.matching.IssueIn`) walk like text, each issue one probe of the set's index."""
    monkeypatch.setattr(textindex, "_PROBES_PER_MATCH", 0)
    monkeypatch.setattr(textindex, "_WALK_FLOOR", 0)
    for jql, index in (("status WAS Open ORDER BY key", "ix_held_value_value (field=? AND value=? AND issue_id=?)"),
                       (f"labels = {word} ORDER BY key DESC", "issue_label")):
        plan = _plan(server, search_statements(server, admin, jql)["page"])
        assert _index_order(plan, "ix_issue_key_order"), "\n".join(plan)
        assert any("CORRELATED" in step for step in plan) and any(index in step for step in plan), "\n".join(plan)

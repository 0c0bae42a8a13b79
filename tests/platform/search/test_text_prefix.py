"""Text prefixes as Jira (Lucene) reads them: the prefix is lowercased, not stemmed, and matched against
the stemmed words of the index; plain words and phrases stay stemmed. Through HTTP search, on either
database (FTS5's porter tokenizer and PostgreSQL's to_tsquery would both stem the prefix)."""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass

import httpx
import pytest

from tests.platform.issues.helpers import make_project
from tests.platform.search.conftest import API, create_issue


@dataclass
class Issues:
    project: str
    absolute: str
    about: str
    code: str
    runs: str
    environment: str
    commented: str
    releases: str


@pytest.fixture(scope="module")
def issues(admin: httpx.Client) -> Iterator[Issues]:
    key = "P" + uuid.uuid4().hex[:7].upper().replace("0", "Q")
    make_project(admin, key)
    base = {"project": {"key": key}, "issuetype": {"name": "Task"}}
    absolute = create_issue(admin, {**base, "summary": "Absolute paths are absent from the log"})
    about = create_issue(admin, {**base, "summary": "Question about the able parser"})
    code = create_issue(admin, {**base, "summary": "Error code", "description": "It fails with ZQ43EY35 again"})
    runs = create_issue(admin, {**base, "summary": "Importer runs out of memory", "description": "one run each night"})
    environment = create_issue(admin, {**base, "summary": "Plain", "environment": "Thermal printer attached"})
    commented = create_issue(admin, {**base, "summary": "Quiet"})
    reply = admin.post(f"{API}/issue/{commented}/comment", json={"body": "Happens in the server rack"})
    assert reply.status_code == 201, reply.text
    releases = create_issue(admin, {**base, "summary": "New releases broke deploys"})
    yield Issues(key, absolute, about, code, runs, environment, commented, releases)
    admin.delete(f"{API}/project/{key}")


@pytest.fixture
def found(admin: httpx.Client, issues: Issues) -> Callable[[str], list[str]]:
    def search(clause: str) -> list[str]:
        response = admin.post(f"{API}/search", json={"jql": f"project = {issues.project} AND {clause} ORDER BY key",
                                                     "maxResults": 50})
        assert response.status_code == 200, response.text
        return [issue["key"] for issue in response.json()["issues"]]
    return search


def test_prefix_is_not_stemmed(found: Callable[[str], list[str]], issues: Issues) -> None:
    assert found('summary ~ "abs*"') == [issues.absolute]  # "abs" stems to "ab", which "about" and "able" start
    assert found('summary ~ "ABSO*"') == [issues.absolute]
    assert found('text ~ "zq43ey*"') == [issues.code]  # "zq43ey" stems to "zq43ei"
    assert found('description ~ "zq43*"') == [issues.code]


def test_prefix_meets_the_stemmed_index(found: Callable[[str], list[str]], issues: Issues) -> None:
    # "releases" and "deploys" are indexed as "releas" and "deploy": a prefix up to the stem finds them,
    # a prefix past it does not (as in Jira)
    assert found('summary ~ "releas*"') == [issues.releases]
    assert found('summary ~ "deplo*"') == [issues.releases]
    assert found('summary ~ "releases*"') == []


def test_words_and_phrases_stay_stemmed(found: Callable[[str], list[str]], issues: Issues) -> None:
    assert found('summary ~ "running"') == [issues.runs]
    assert found('text ~ "runs"') == [issues.runs]
    assert found('summary ~ "absolutely"') == [issues.absolute]
    assert found('summary ~ "\\"paths are absent\\""') == [issues.absolute]


def test_phrase_ending_in_a_prefix(found: Callable[[str], list[str]], issues: Issues) -> None:
    assert found('summary ~ "\\"absolute pa*\\""') == [issues.absolute]
    assert found('summary ~ "\\"paths are abs*\\""') == [issues.absolute]  # the prefix the stemmer changes
    assert found('summary ~ "\\"paths abs*\\""') == []
    assert found('summary ~ "\\"question abs*\\""') == []
    assert found('summary ~ "\\"new releas*\\""') == [issues.releases]


def test_the_prefix_finds_every_word_it_begins(found: Callable[[str], list[str]], issues: Issues) -> None:
    assert found('text ~ "the*"') == [issues.absolute, issues.about, issues.environment, issues.commented]
    assert found('summary ~ "the*"') == [issues.absolute, issues.about]


def test_each_text_field(found: Callable[[str], list[str]], issues: Issues) -> None:
    assert found('environment ~ "therm*"') == [issues.environment]
    assert found('comment ~ "serv*"') == [issues.commented]
    assert found('comment ~ "ser*"') == [issues.commented]
    assert found('description ~ "nigh*"') == [issues.runs]
    assert found('text ~ "thermal*"') == [issues.environment]

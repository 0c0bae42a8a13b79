"""Common text matches: the page walks the issues in the asked order and the total may come from the text
index alone (`textindex.page_condition`, `count_matching`, SQLite). Both forms must find exactly what the
plain form finds: the same issues, order and total, with issues hidden by a security level and with the
index rows a deleted project leaves behind. The thresholds are forced both ways; on PostgreSQL the forms do
not apply and the same answers are checked, except a lone match's page for a caller who sees every issue,
which walks or gathers its matches first (`textindex.gathered_when_few`), both checked."""

from __future__ import annotations

import uuid
from typing import Any

import httpx
import pytest

from tests.harness import backend
from tests.platform.issues.helpers import make_issue, make_project
from ticketry.platform.search import textindex

API = "/rest/api/2"
SECURITY_API = "/rest/ticketry/1/issuesecurityschemes"


def _secret_level(admin: httpx.Client, name: str) -> tuple[int, str]:
    scheme = admin.post(SECURITY_API, json={"name": name, "description": "levels for a test"})
    assert scheme.status_code == 201, scheme.text
    sid = scheme.json()["id"]
    level = admin.post(f"{SECURITY_API}/{sid}/level", json={"name": "Secret", "description": "administrators"})
    assert level.status_code == 201, level.text
    lid = level.json()["id"]
    member = admin.post(f"{SECURITY_API}/{sid}/level/{lid}/member",
                        json={"holder": {"type": "group", "parameter": "jira-administrators"}})
    assert member.status_code == 201, member.text
    return sid, lid


def _search(client: httpx.Client, jql: str, start_at: int = 0, max_results: int = 50) -> tuple[int, list[str]]:
    response = client.post(f"{API}/search", json={"jql": jql, "startAt": start_at, "maxResults": max_results,
                                                  "fields": ["summary"]})
    assert response.status_code == 200, response.text
    body: dict[str, Any] = response.json()
    return body["total"], [issue["key"] for issue in body["issues"]]


def _number(key: str) -> int:
    return int(key.rsplit("-", 1)[1])


def _counted(monkeypatch: pytest.MonkeyPatch) -> list[textindex.TextCount]:
    """What `textindex.count_matching` answers, call by call."""
    counted: list[textindex.TextCount] = []
    original = textindex.count_matching

    def spy(*args: Any) -> textindex.TextCount:
        counted.append(original(*args))
        return counted[-1]

    monkeypatch.setattr(textindex, "count_matching", spy)
    return counted


def _gathered(monkeypatch: pytest.MonkeyPatch) -> list[bool]:
    """Whether `textindex.gathered_when_few` gathered the matches (PostgreSQL), call by call."""
    gathered: list[bool] = []
    original = textindex.gathered_when_few

    def spy(*args: Any) -> Any:
        condition = original(*args)
        gathered.append(condition is not args[1])
        return condition

    monkeypatch.setattr(textindex, "gathered_when_few", spy)
    return gathered


@pytest.mark.parametrize("forced", [False, True], ids=["thresholds", "forced"])
def test_common_matches_find_what_the_plain_form_finds(admin: httpx.Client, make_user, unique,  # type: ignore[no-untyped-def]
                                                        unique_key, monkeypatch: pytest.MonkeyPatch,
                                                        forced: bool) -> None:
    word = "cmn" + uuid.uuid4().hex[:8] + "7"  # the stemmer leaves a word ending in a digit alone
    outsider = make_user("outside")
    sid, lid = _secret_level(admin, unique("common"))
    key, gone = unique_key(), unique_key()
    make_project(admin, key, issueSecurityScheme=sid)
    make_project(admin, gone)
    public = [make_issue(admin, key, f"{word} report {n}")["key"] for n in range(4)]
    described = make_issue(admin, key, "plain", description=f"the {word} again")["key"]
    commented = make_issue(admin, key, "quiet")["key"]
    assert admin.post(f"{API}/issue/{commented}/comment", json={"body": f"seen {word} here"}).status_code == 201
    secret = make_issue(admin, key, f"{word} secret", security={"id": lid})["key"]
    make_issue(admin, key, "unrelated words")
    for n in range(2):  # their index rows outlive the project on SQLite until a reindex
        make_issue(admin, gone, f"{word} elsewhere {n}")
    assert admin.delete(f"{API}/project/{gone}").status_code == 204

    if forced:  # every match counts as common: walk in order, count from the index when that is exact
        monkeypatch.setattr(textindex, "_PROBES_PER_MATCH", 0)
        monkeypatch.setattr(textindex, "_WALK_FLOOR", 0)
        monkeypatch.setattr(textindex, "_LOOKUPS_PER_CHECK", 10**12)

    everything = sorted([*public, described, commented, secret], key=_number)
    visible = [k for k in everything if k != secret]
    for clause in (f'text ~ "{word}*"', f'text ~ "{word}"', f'summary ~ "{word}*"'):
        summaries = [k for k in everything if k in public or k == secret] if clause.startswith("summary") \
            else everything
        seen = [k for k in summaries if k != secret]
        assert _search(admin, f"{clause} ORDER BY key") == (len(summaries), summaries)
        assert _search(outsider.client, f"{clause} ORDER BY key") == (len(seen), seen)
        assert _search(admin, f"{clause} ORDER BY key DESC", 1, 2) == (len(summaries), summaries[::-1][1:3])
        assert _search(outsider.client, f"{clause} ORDER BY key", 2, 2) == (len(seen), seen[2:4])
        assert _search(admin, f"{clause} ORDER BY summary")[0] == len(summaries)
    assert _search(outsider.client, f'text ~ "{word}*" AND project = {key} ORDER BY key') == (len(visible), visible)
    assert _search(admin, f'text !~ "{word}*" AND project = {key}')[0] == 1
    assert _search(admin, f'text ~ "{word}*" AND text ~ "report" ORDER BY key') == (len(public), public)
    admin.delete(f"{API}/project/{key}")
    admin.delete(f"{SECURITY_API}/{sid}")


def test_common_match_counted_from_the_index_when_the_caller_sees_every_issue(
        admin: httpx.Client, unique_key, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    """`Access.sees_every_issue` spares the count of every issue the caller may see: after a full reindex (no
    index rows of deleted issues left) a common match's total is the text index's own count."""
    from tests.platform.reindex.test_reindex import finished, started
    from ticketry.platform.permissions.engine import Access

    word = "evr" + uuid.uuid4().hex[:8] + "7"
    key = unique_key()
    make_project(admin, key)
    made = [make_issue(admin, key, f"{word} seen {n}")["key"] for n in range(3)]
    reindex = admin.post(f"{API}/reindex", params={"type": "BACKGROUND_PREFERRED"})
    finished(admin, started(reindex, "BACKGROUND_PREFERRED"))
    counted = _counted(monkeypatch)
    monkeypatch.setattr(textindex, "_LOOKUPS_PER_CHECK", 10**12)
    monkeypatch.setattr(Access, "sees_every_issue", lambda self, key="BROWSE_PROJECTS": True)
    gathered = _gathered(monkeypatch)
    if backend() == "sqlite":
        assert _search(admin, f'text ~ "{word}" ORDER BY key') == (3, made)
        assert counted[-1].total == 3  # from the index alone
    else:  # a lone match's page gathers its few matches first, or walks the issues in order when forced to
        assert _search(admin, f'text ~ "{word}*" ORDER BY key DESC', 1, 5) == (3, made[::-1][1:])
        monkeypatch.setattr(textindex, "_WALKED_PER_GATHERED", 0)
        assert _search(admin, f'text ~ "{word}*" ORDER BY key DESC', 1, 5) == (3, made[::-1][1:])
        assert gathered == [True, False]
    monkeypatch.setattr(Access, "sees_every_issue", lambda self, key="BROWSE_PROJECTS": False)
    assert _search(admin, f'summary ~ "{word}*" ORDER BY key DESC', 1, 5) == (3, made[::-1][1:])
    admin.delete(f"{API}/project/{key}")


def test_a_match_of_every_issue_pages_the_visible_issues(monkeypatch: pytest.MonkeyPatch) -> None:
    """A text match the index says every issue holds (`the*` in a real tracker) tests nothing: the page is the
    visible issues in order, with the same issues, order and totals as the match, for a caller who may not see
    them all too; once one issue lacks the word, the match is tested again."""
    from tests.harness import running_server

    counted = _counted(monkeypatch)
    with running_server() as server, httpx.Client(base_url=server.url, auth=("admin", "admin")) as admin:
        outsider = "outsider"
        made = admin.post(f"{API}/user", json={"name": outsider, "password": "pw-outsider", "emailAddress":
                                                "outsider@example.com", "displayName": "Outsider"})
        assert made.status_code == 201, made.text
        sid, lid = _secret_level(admin, "every issue")
        make_project(admin, "EVRY", issueSecurityScheme=sid)
        keys = [make_issue(admin, "EVRY", f"plmx{n} found")["key"] for n in range(5)]
        secret = make_issue(admin, "EVRY", "plmx9 secret", security={"id": lid})["key"]
        everything = sorted([*keys, secret], key=_number)
        seen = [k for k in everything if k != secret]
        with httpx.Client(base_url=server.url, auth=(outsider, "pw-outsider")) as other:
            assert _search(admin, 'text ~ "plmx*" ORDER BY key') == (6, everything)
            assert _search(admin, 'text ~ "plmx*" ORDER BY key DESC', 2, 3) == (6, everything[::-1][2:5])
            assert _search(other, 'text ~ "plmx*" ORDER BY key') == (5, seen)
            assert _search(other, 'text ~ "plmx*" ORDER BY key', 4, 2) == (5, seen[4:])
            if backend() == "sqlite":
                assert counted and all(c.every_issue for c in counted)
            counted.clear()
            lacking = make_issue(admin, "EVRY", "nothing of the sort")["key"]
            assert lacking not in _search(admin, 'text ~ "plmx*" ORDER BY key')[1]
            assert _search(admin, 'text ~ "plmx*" ORDER BY key') == (6, everything)
            assert _search(other, 'text ~ "plmx*" ORDER BY key') == (5, seen)
            assert not any(c.every_issue for c in counted)

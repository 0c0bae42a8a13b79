"""JQL fields over activity: watcher, voter, watchers, votes, worklogAuthor, worklogDate, attachments,
issueLinkType, and saved filters."""

from __future__ import annotations

import httpx

from tests.platform.search.conftest import API, Corpus
from tests.platform.search.test_search import keys


def test_people_counts_work_links_attachments(admin: httpx.Client, corpus: Corpus, make_user) -> None:  # type: ignore[no-untyped-def]
    login, migration, dark, crash = corpus.keys
    scope = f"project = {corpus.key} AND "
    fan = make_user("fan")
    assert fan.client.post(f"{API}/issue/{migration}/watchers", json="").status_code == 204
    assert fan.client.post(f"{API}/issue/{migration}/votes").status_code == 204
    assert keys(admin, scope + f"watcher = {fan.name}") == [migration]
    assert keys(admin, scope + f"voter in ({fan.name})") == [migration]
    assert keys(admin, scope + "votes > 0") == [migration]
    # Every issue is watched by its creator (autowatch); the fan made it two.
    assert keys(admin, scope + "watchers = 2") == [migration]

    logged = admin.post(f"{API}/issue/{dark}/worklog", json={"timeSpent": "1h", "started": "2030-03-04T10:00:00.000+0000"})
    assert logged.status_code == 201, logged.text
    assert keys(admin, scope + "worklogAuthor = currentUser()") == [dark]
    assert keys(admin, scope + "worklogDate = 2030-03-04") == [dark]
    assert keys(admin, scope + "worklogDate > 2030-03-05") == []

    link = admin.post(f"{API}/issueLink", json={"type": {"name": "Duplicate"}, "inwardIssue": {"key": crash},
                                                "outwardIssue": {"key": login}})
    assert link.status_code == 201
    assert keys(admin, scope + 'issueLinkType = "duplicates" ') == [crash]
    assert keys(admin, scope + 'issueLinkType = "is duplicated by"') == [login]
    assert keys(admin, scope + "issueLinkType = Duplicate ORDER BY key") == [login, crash]

    files = {"file": ("notes.txt", b"hello", "text/plain")}
    attached = admin.post(f"{API}/issue/{login}/attachments", files=files, headers={"X-Atlassian-Token": "no-check"})
    assert attached.status_code == 200, attached.text
    assert keys(admin, scope + "attachments is not EMPTY") == [login]
    assert login not in keys(admin, scope + "attachments is EMPTY")


def test_saved_filters_in_queries(admin: httpx.Client, corpus: Corpus, make_user, unique) -> None:  # type: ignore[no-untyped-def]
    name = unique("bugs")
    saved = admin.post(f"{API}/filter", json={"name": name, "jql": f"project = {corpus.key} AND issuetype = Bug"})
    assert saved.status_code == 200, saved.text
    crash = corpus.keys[3]
    assert keys(admin, f"filter = {saved.json()['id']}") == [crash]
    assert keys(admin, f'filter = "{name}"') == [crash]
    assert crash not in keys(admin, f"project = {corpus.key} AND filter != {saved.json()['id']}")
    stranger = make_user("stranger")
    hidden = stranger.client.get(f"{API}/search", params={"jql": f"filter = {saved.json()['id']}"})
    assert hidden.status_code == 400
    assert "does not exist or you do not have permission" in hidden.json()["errorMessages"][0]

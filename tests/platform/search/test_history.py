"""WAS and CHANGED over the changelog that edits write."""

from __future__ import annotations

import httpx

from tests.platform.search.conftest import API, Corpus, create_issue
from tests.platform.search.test_search import keys


def test_was_and_changed_follow_edits(admin: httpx.Client, corpus: Corpus) -> None:
    key = create_issue(admin, {"project": {"key": corpus.key}, "issuetype": {"name": "Task"},
                               "summary": "History subject", "priority": {"name": "Low"}})
    untouched = corpus.keys[2]  # created Medium, never edited
    assert admin.put(f"{API}/issue/{key}", json={"fields": {"priority": {"name": "High"}}}).status_code == 204
    assert admin.put(f"{API}/issue/{key}", json={"fields": {"assignee": {"name": corpus.user}}}).status_code == 204
    scope = f"project = {corpus.key} AND "

    migration = corpus.keys[1]  # created Low, never edited: WAS includes the current value
    assert keys(admin, scope + "priority was Low ORDER BY key") == [migration, key]
    assert keys(admin, scope + "priority was High AND priority = High ORDER BY key") == [corpus.keys[0], key]
    assert keys(admin, scope + "priority was in (Low, Lowest) ORDER BY key") == [migration, key]
    assert untouched in keys(admin, scope + "priority was Medium")
    assert key not in keys(admin, scope + "priority was not Low")
    assert keys(admin, scope + "priority changed") == [key]
    assert keys(admin, scope + "priority changed from Low to High") == [key]
    assert keys(admin, scope + "priority changed from High") == []
    assert keys(admin, scope + "priority changed by admin after -1h") == [key]
    assert keys(admin, scope + f"priority changed by {corpus.user}") == []
    assert keys(admin, scope + "priority was Low before now() ORDER BY key") == [migration, key]
    assert keys(admin, scope + "priority was Low after startOfDay(+1)") == [migration]
    assert keys(admin, scope + "priority was Low during (startOfDay(-1), now()) ORDER BY key") == [migration, key]
    assert keys(admin, scope + "assignee was EMPTY AND assignee changed to " + corpus.user) == [key]
    assert keys(admin, scope + "assignee was " + corpus.user + " ORDER BY key") == [corpus.keys[0], key]


def test_history_of_unsupported_fields_is_refused(admin: httpx.Client) -> None:
    response = admin.get(f"{API}/search", params={"jql": "summary was x"})
    assert response.status_code == 400
    assert response.json()["errorMessages"] == ["History searches do not support the 'summary' field."]

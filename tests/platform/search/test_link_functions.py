"""JQL functions over links, remote links, watchers and votes."""

from __future__ import annotations

import httpx

from tests.platform.search.conftest import API, Corpus
from tests.platform.search.test_search import keys


def test_linked_watched_voted_and_remote_link_functions(admin: httpx.Client, corpus: Corpus, make_user) -> None:  # type: ignore[no-untyped-def]
    login, migration, dark, crash = corpus.keys
    scope = f"project = {corpus.key} AND "
    linked = admin.post(f"{API}/issueLink", json={"type": {"name": "Blocks"}, "inwardIssue": {"key": login},
                                                  "outwardIssue": {"key": migration}})
    assert linked.status_code == 201, linked.text
    admin.post(f"{API}/issueLink", json={"type": {"name": "Relates"}, "inwardIssue": {"key": login},
                                         "outwardIssue": {"key": dark}})
    assert keys(admin, scope + f"issue in linkedIssues({login}) ORDER BY key") == [migration, dark]
    assert keys(admin, scope + f"issue in linkedIssues({migration})") == [login]
    assert keys(admin, scope + f'issue in linkedIssues({login}, "Relates")') == [dark]
    bad = admin.get(f"{API}/search", params={"jql": f'issue in linkedIssues({login}, "nonsense")'})
    assert bad.status_code == 400

    voter = make_user("voter")
    assert voter.client.post(f"{API}/issue/{crash}/watchers", json="").status_code == 204
    assert voter.client.post(f"{API}/issue/{crash}/votes").status_code == 204
    for jql in ("issue in watchedIssues()", "issue in votedIssues()"):
        response = voter.client.get(f"{API}/search", params={"jql": scope + jql})
        assert [i["key"] for i in response.json()["issues"]] == [crash]

    remote = admin.post(f"{API}/issue/{dark}/remotelink",
                        json={"globalId": "system=ci&id=42", "object": {"url": "https://ci.example/42", "title": "CI"}})
    assert remote.status_code in (200, 201), remote.text
    assert keys(admin, scope + 'issue in issuesWithRemoteLinksByGlobalId("system=ci&id=42")') == [dark]

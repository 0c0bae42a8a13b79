"""Creates, edits, transition comments and deletes keep the full-text index in step (JQL text search)."""

from __future__ import annotations

from collections.abc import Callable

import httpx

from tests.platform.issues.helpers import make_issue, make_project


def _found(admin: httpx.Client, project: str, clause: str) -> list[str]:
    response = admin.get("/rest/api/2/search", params={"jql": f"project = {project} AND {clause}",
                                                         "fields": "summary"})
    assert response.status_code == 200, response.text
    return [issue["key"] for issue in response.json()["issues"]]


def test_text_index_follows_changes(admin: httpx.Client, unique_key: Callable[[], str]) -> None:
    key = unique_key()
    make_project(admin, key)
    issue = make_issue(admin, key, "Walrus sighting")["key"]
    assert _found(admin, key, 'summary ~ "walrus"') == [issue]
    assert admin.put(f"/rest/api/2/issue/{issue}", json={"fields": {"summary": "Penguin sighting",
                                                                     "description": "icy"}}).status_code == 204
    assert _found(admin, key, 'summary ~ "walrus"') == []
    assert _found(admin, key, 'description ~ "icy"') == [issue]
    moved = admin.post(f"/rest/api/2/issue/{issue}/transitions", json={
        "transition": {"id": "5"}, "fields": {"resolution": {"name": "Done"}},
        "update": {"comment": [{"add": {"body": "narwhal confirmed"}}]}})
    assert moved.status_code == 204
    assert _found(admin, key, 'comment ~ "narwhal"') == [issue]
    assert admin.delete(f"/rest/api/2/issue/{issue}").status_code == 204
    assert _found(admin, key, 'text ~ "penguin"') == []

"""Comment properties: set, read, list, delete; only those who may change the comment may write."""

from __future__ import annotations

from typing import Any

import httpx

from tests.platform.comments.conftest import API, IssueRef


def test_property_crud(admin: httpx.Client, base_url: str, issue: IssueRef) -> None:
    comment = admin.post(issue.comments, json={"body": "with props"}).json()
    props = f"{API}/comment/{comment['id']}/properties"
    assert admin.get(props).json() == {"keys": []}
    created = admin.put(f"{props}/support.info", json={"room": "support-123", "time": "1m"})
    assert created.status_code == 201 and created.content == b""
    updated = admin.put(f"{props}/support.info", json={"room": "support-456"})
    assert updated.status_code == 200
    assert admin.put(f"{props}/a.first", json=[1, 2]).status_code == 201
    assert admin.get(f"{props}/support.info").json() == {"key": "support.info", "value": {"room": "support-456"}}
    assert admin.get(props).json() == {"keys": [
        {"self": f"{base_url}{props}/a.first", "key": "a.first"},
        {"self": f"{base_url}{props}/support.info", "key": "support.info"}]}
    expanded = admin.get(comment["self"], params={"expand": "properties"}).json()
    assert expanded["properties"] == [{"key": "a.first", "value": [1, 2]},
                                      {"key": "support.info", "value": {"room": "support-456"}}]
    assert "properties" not in admin.get(comment["self"]).json()
    deleted = admin.delete(f"{props}/a.first")
    assert deleted.status_code == 204
    missing = admin.get(f"{props}/a.first")
    assert missing.status_code == 404
    assert missing.json() == {"errorMessages": ["The property with key 'a.first' does not exist."], "errors": {}}
    assert admin.delete(f"{props}/a.first").status_code == 404


def test_property_rules(admin: httpx.Client, make_user: Any, issue: IssueRef) -> None:
    author, other = make_user(), make_user()
    comment = author.client.post(issue.comments, json={"body": "author's"}).json()
    props = f"{API}/comment/{comment['id']}/properties"
    assert author.client.put(f"{props}/k", json={"v": 1}).status_code == 201
    refused = other.client.put(f"{props}/k", json={"v": 2})
    assert refused.status_code == 403
    assert other.client.delete(f"{props}/k").status_code == 403
    assert other.client.get(f"{props}/k").json() == {"key": "k", "value": {"v": 1}}
    bad = author.client.put(f"{props}/k", content=b"{nope", headers={"Content-Type": "application/json"})
    assert bad.status_code == 400
    empty = author.client.put(f"{props}/k", content=b"", headers={"Content-Type": "application/json"})
    assert empty.status_code == 400
    assert admin.get(f"{props}/k").json() == {"key": "k", "value": {"v": 1}}
    assert admin.get(f"{API}/comment/99999999/properties").status_code == 404
    assert admin.put(f"{API}/comment/99999999/properties/k", json=1).status_code == 404
    # Deleting the comment removes its properties.
    assert author.client.delete(comment["self"]).status_code == 204
    assert admin.get(props).status_code == 404


def test_properties_go_with_the_issue(admin: httpx.Client, server: Any, issue: IssueRef) -> None:
    from ticketry.platform.comments.service import forget_issue_comments
    from ticketry.platform.properties.service import list_keys

    comment = admin.post(issue.comments, json={"body": "doomed"}).json()
    assert admin.put(f"{API}/comment/{comment['id']}/properties/k", json=1).status_code == 201
    with server.app.state.write_sessions() as db:
        forget_issue_comments(db, [int(issue.id)])
        db.commit()
        assert list_keys(db, "comment", comment["id"]) == []
    assert admin.get(f"{API}/comment/{comment['id']}/properties").json() == {"keys": []}

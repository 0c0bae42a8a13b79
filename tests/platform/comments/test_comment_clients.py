"""The `jira` package from PyPI drives comments unchanged."""

from __future__ import annotations

from typing import Any

from tests.platform.comments.conftest import IssueRef


def test_jira_client_comments(jira: Any, issue: IssueRef) -> None:
    first = jira.add_comment(issue.key, "From the *client*")
    restricted = jira.add_comment(issue.key, "Admins only", visibility={"type": "role", "value": "Administrators"})
    assert first.body == "From the *client*" and first.author.name == "admin"
    assert restricted.visibility.type == "role" and restricted.visibility.value == "Administrators"
    comments = jira.comments(issue.key)
    assert [c.id for c in comments] == [first.id, restricted.id]
    fetched = jira.comment(issue.key, first.id)
    assert fetched.body == "From the *client*"
    rendered = jira.comment(issue.key, first.id, expand="renderedBody")
    assert rendered.renderedBody == "<p>From the <b>client</b></p>"
    fetched.update(body="Updated by the client")
    assert jira.comment(issue.key, first.id).body == "Updated by the client"
    fetched.delete()
    assert [c.id for c in jira.comments(issue.key)] == [restricted.id]
    issue_comments = jira.issue(issue.key, fields="comment").fields.comment.comments
    assert [c.id for c in issue_comments] == [restricted.id]


def test_atlassian_python_api_comments(base_url: str, issue: IssueRef) -> None:
    from atlassian import Jira

    client = Jira(url=base_url, username="admin", password="admin", cloud=False)
    added = client.issue_add_comment(issue.key, "Via atlassian", visibility={"type": "group",
                                                                              "value": "jira-administrators"})
    assert added["body"] == "Via atlassian"
    assert added["visibility"] == {"type": "group", "value": "jira-administrators"}
    edited = client.issue_edit_comment(issue.key, added["id"], "Edited via atlassian", notify_users=False)
    assert edited["body"] == "Edited via atlassian" and edited["visibility"] == added["visibility"]
    listed = client.issue_get_comments(issue.key)
    assert [c["id"] for c in listed["comments"]] == [added["id"]] and listed["total"] == 1
    client.set_comment_property(added["id"], "atl.key", {"x": 1})  # sent as {"value": {...}}
    assert client.get_comment_property(added["id"], "atl.key") == {"key": "atl.key", "value": {"value": {"x": 1}}}

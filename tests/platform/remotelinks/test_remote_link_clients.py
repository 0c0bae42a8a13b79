"""The `jira` package from PyPI manages remote links unchanged."""

from __future__ import annotations

import warnings
from typing import Any

from tests.platform.remotelinks.conftest import IssueRef


def test_jira_client_remote_links(jira: Any, issue: IssueRef) -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # the client warns that application links are not available
        added = jira.add_remote_link(issue.key, {"url": "https://example.com/a", "title": "A"}, globalId="g-a",
                                     application={"name": "Acme", "type": "com.acme"}, relationship="relates")
    simple = jira.add_simple_link(issue.key, {"url": "https://example.com/b", "title": "B"})
    links = jira.remote_links(issue.key)
    assert [link.id for link in links] == [added.id, simple.id]
    assert links[0].object.title == "A" and links[0].application.name == "Acme" and links[0].relationship == "relates"
    fetched = jira.remote_link(issue.key, simple.id)
    assert fetched.object.url == "https://example.com/b"
    fetched.update({"url": "https://example.com/c", "title": "C"})
    assert jira.remote_link(issue.key, simple.id).object.title == "C"
    fetched.delete()
    assert [link.id for link in jira.remote_links(issue.key)] == [added.id]


def test_atlassian_python_api_remote_links(base_url: str, issue: IssueRef) -> None:
    from atlassian import Jira

    client = Jira(url=base_url, username="admin", password="admin", cloud=False)
    created = client.create_or_update_issue_remote_links(issue.key, "https://example.com/x", "X", global_id="gx",
                                                         relationship="mentions", icon_url="https://example.com/i.png")
    again = client.create_or_update_issue_remote_links(issue.key, "https://example.com/y", "Y", global_id="gx")
    assert again == created
    assert client.get_issue_remote_links(issue.key, global_id="gx")["object"]["title"] == "Y"
    client.update_issue_remote_link_by_id(issue.key, created["id"], "https://example.com/z", "Z")
    assert client.get_issue_remote_link_by_id(issue.key, created["id"])["object"] == {
        "url": "https://example.com/z", "title": "Z", "icon": {}, "status": {"icon": {}}}
    client.delete_issue_remote_link_by_id(issue.key, created["id"])
    assert client.get_issue_remote_links(issue.key) == []

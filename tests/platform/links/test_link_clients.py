"""The `jira` package from PyPI links issues and manages link types unchanged."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from tests.platform.links.conftest import IssueRef


def test_jira_client_issue_links(jira: Any, make_issues: Callable[[int], list[IssueRef]]) -> None:
    first, second = make_issues(2)
    names = [t.name for t in jira.issue_link_types()]
    assert {"Blocks", "Cloners", "Duplicate", "Relates"} <= set(names)
    response = jira.create_issue_link("Blocks", first.key, second.key, comment={"body": "Blocking"})
    assert response.status_code == 201
    links = jira.issue(first.key).fields.issuelinks
    assert len(links) == 1 and links[0].outwardIssue.key == second.key and links[0].type.outward == "blocks"
    inward = jira.issue(second.key).fields.issuelinks
    assert inward[0].inwardIssue.key == first.key and inward[0].inwardIssue.fields.summary == "Task 1"
    link = jira.issue_link(links[0].id)
    assert link.inwardIssue.key == first.key and link.outwardIssue.key == second.key
    assert [c.body for c in jira.comments(first.key)] == ["Blocking"]
    # An inward description is understood and the direction reversed by the client.
    assert jira.create_issue_link("is blocked by", first.key, second.key).status_code == 201
    assert {x.inwardIssue.key for x in jira.issue(first.key).fields.issuelinks if hasattr(x, "inwardIssue")} == {
        second.key}
    jira.delete_issue_link(links[0].id)
    assert [x.id for x in jira.issue(first.key).fields.issuelinks] != [links[0].id]
    assert len(jira.issue(second.key).fields.issuelinks) == 1


def test_atlassian_python_api_links_and_link_types(base_url: str, unique: Callable[[str], str],
                                                   make_issues: Callable[[int], list[IssueRef]]) -> None:
    from atlassian import Jira

    client = Jira(url=base_url, username="admin", password="admin", cloud=False)
    first, second = make_issues(2)
    name = unique("Follows")
    created = client.create_issue_link_type(name, "is followed by", "follows")
    try:
        assert created["name"] == name and name in client.get_issue_link_types_names()
        assert client.create_issue_link_type(name.lower(), "a", "b") == "Link type name already exists"
        updated = client.update_issue_link_type(created["id"], {"name": name, "inward": "precedes",
                                                                "outward": "follows"})
        assert updated["inward"] == "precedes"
        client.create_issue_link({"type": {"name": name}, "inwardIssue": {"key": first.key},
                                  "outwardIssue": {"key": second.key}})
        link_id = client.get_issue(first.key, fields="issuelinks")["fields"]["issuelinks"][0]["id"]
        assert client.get_issue_link(link_id)["outwardIssue"]["key"] == second.key
        client.remove_issue_link(link_id)
        assert client.get_issue(second.key, fields="issuelinks")["fields"]["issuelinks"] == []
    finally:
        client.delete_issue_link_type(created["id"])
    assert name not in client.get_issue_link_types_names()

"""The issue constants through real clients (`jira`, atlassian-python-api) and as a regular user."""

from __future__ import annotations

import httpx
import pytest
from jira.exceptions import JIRAError


def test_jira_client_reads_the_constants(jira) -> None:  # type: ignore[no-untyped-def]
    assert [s.name for s in jira.statuses()] == [
        "Open", "In Progress", "Reopened", "Resolved", "Closed", "To Do", "Done"]
    status = jira.status("5")
    assert (status.id, status.name, status.statusCategory.key) == ("5", "Resolved", "done")
    assert [p.name for p in jira.priorities()] == ["Highest", "High", "Medium", "Low", "Lowest"]
    priority = jira.priority("4")
    assert (priority.name, priority.statusColor) == ("Low", "#707070")
    assert [r.name for r in jira.resolutions()] == ["Done", "Won't Do", "Duplicate", "Cannot Reproduce"]
    assert jira.resolution("10002").name == "Duplicate"
    # Other tests add issue types for a while: the built-in ones must be there.
    assert {t.name for t in jira.issue_types()} >= {
        "Bug", "New Feature", "Task", "Improvement", "Sub-task", "Epic", "Story"}
    assert jira.issue_type("10001").name == "Story"
    assert jira.issue_type_by_name("Epic").id == "10000"
    assert [(t.name, t.inward, t.outward) for t in jira.issue_link_types(force=True)] == [
        ("Blocks", "is blocked by", "blocks"), ("Cloners", "is cloned by", "clones"),
        ("Duplicate", "is duplicated by", "duplicates"), ("Relates", "relates to", "relates to")]
    assert jira.issue_link_type("10003").name == "Relates"
    assert [c.key for c in jira.statuscategories()] == ["undefined", "new", "done", "indeterminate"]
    assert jira.statuscategory(3).name == "Done"


def test_jira_client_sees_404_for_unknown_ids(jira) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(JIRAError) as caught:
        jira.priority("123")
    assert caught.value.status_code == 404
    assert "The priority with id '123' does not exist" in caught.value.text
    with pytest.raises(JIRAError) as caught:
        jira.status("No Such Status")
    assert caught.value.status_code == 404


def test_atlassian_client_reads_the_constants(base_url: str) -> None:
    from atlassian import Jira

    client = Jira(url=base_url, username="admin", password="admin", cloud=False)
    assert [p["name"] for p in client.get_all_priorities()] == ["Highest", "High", "Medium", "Low", "Lowest"]
    assert [r["id"] for r in client.get_all_resolutions()] == ["10000", "10001", "10002", "10003"]
    assert [s["id"] for s in client.get_all_statuses()] == ["1", "3", "4", "5", "6", "10000", "10001"]
    assert [t["name"] for t in client.get_issue_link_types()] == ["Blocks", "Cloners", "Duplicate", "Relates"]


def test_a_regular_user_may_read_the_constants(make_user, base_url: str) -> None:  # type: ignore[no-untyped-def]
    user = make_user("reader")
    client: httpx.Client = user.client
    for path in ("statuscategory", "status", "priority", "resolution", "issuetype", "issueLinkType"):
        response = client.get(f"/rest/api/2/{path}")
        assert response.status_code == 200, path
        assert response.headers["X-AUSERNAME"] == user.name
    assert client.get("/rest/api/2/status/closed").json()["self"] == f"{base_url}/rest/api/2/status/6"

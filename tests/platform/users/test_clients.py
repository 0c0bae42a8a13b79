"""Users and groups driven by the real clients: `jira` and `atlassian-python-api`."""

from __future__ import annotations

import httpx
import pytest
from jira.exceptions import JIRAError


def test_jira_client_user_lifecycle(jira, unique, admin: httpx.Client) -> None:  # type: ignore[no-untyped-def]
    name = unique("jc")
    assert jira.add_user(name, f"{name}@example.com", password="pw-123456", fullname="Jira Client") is True
    user = jira.user(name)
    assert (user.name, user.displayName, user.emailAddress, user.active) == (
        name, "Jira Client", f"{name}@example.com", True)
    found = jira.search_users(user=name)
    assert [u.name for u in found] == [name]
    with pytest.raises(JIRAError) as duplicate:
        jira.add_user(name, f"{name}@example.com")
    assert duplicate.value.status_code == 400
    assert jira.add_user(name, f"{name}@example.com", ignore_existing=True) is True
    assert jira.delete_user(name) is True
    with pytest.raises(JIRAError) as gone:
        jira.user(name)
    assert gone.value.status_code == 404


def test_jira_client_groups(jira, unique, make_user) -> None:  # type: ignore[no-untyped-def]
    group = unique("jg")
    members = sorted(make_user("jgm").name for _ in range(2))
    assert jira.add_group(group) is True
    assert group in jira.groups(query=group)
    for member in members:
        result = jira.add_user_to_group(member, group)
        assert result and result["name"] == group
    listed = jira.group_members(group)
    assert list(listed) == members
    assert listed[members[0]]["email"] == f"{members[0]}@example.com"
    assert listed[members[0]]["active"] is True
    assert jira.remove_user_from_group(members[0], group) is True
    assert list(jira.group_members(group)) == members[1:]
    assert jira.remove_group(group) is True
    assert jira.groups(query=group) == []


def test_jira_client_group_members_pages_past_fifty(jira, unique, admin: httpx.Client) -> None:  # type: ignore[no-untyped-def]
    group = unique("big")
    jira.add_group(group)
    names = sorted(unique("bg") for _ in range(53))
    for name in names:
        body = {"name": name, "emailAddress": f"{name}@example.com", "displayName": name, "applicationKeys": []}
        assert admin.post("/rest/api/2/user", json=body).status_code == 201
        admin.post("/rest/api/2/group/user", params={"groupname": group}, json={"name": name})
    assert list(jira.group_members(group)) == names


def test_jira_client_myself(jira) -> None:  # type: ignore[no-untyped-def]
    me = jira.myself()
    assert me["name"] == "admin"
    assert me["displayName"] == "Administrator"
    assert jira.current_user() == "admin"


def test_atlassian_python_api(base_url: str, unique, make_user) -> None:  # type: ignore[no-untyped-def]
    from atlassian import Jira

    client = Jira(url=base_url, username="admin", password="admin")
    assert client.myself()["name"] == "admin"
    name = unique("apa")
    client.user_create(name, f"{name}@example.com", "Atlassian Api", password="pw-123456")
    assert client.user(name)["displayName"] == "Atlassian Api"
    group = unique("apag")
    assert client.create_group(group)["name"] == group
    assert client.add_user_to_group(username=name, group_name=group)["name"] == group
    members = client.get_all_users_from_group(group)
    assert [u["name"] for u in members["values"]] == [name]
    assert [g["name"] for g in client.get_groups(query=group)["groups"]] == [group]
    found = client.user_find_by_user_string(username=name)
    assert [u["name"] for u in found] == [name]
    client.remove_user_from_group(username=name, group_name=group)
    assert client.get_all_users_from_group(group)["total"] == 0
    client.remove_group(group)
    assert client.get_groups(query=group)["total"] == 0


def test_jira_client_assignable_and_allowed_users(jira, make_user, project_factory, issue_factory) -> None:  # type: ignore[no-untyped-def]
    user = make_user("assign")
    project = project_factory()
    issue = issue_factory(project)
    by_project = jira.search_assignable_users_for_projects(user.name, project.key)
    assert [u.name for u in by_project] == [user.name]
    by_issue = jira.search_assignable_users_for_issues(user.name, issueKey=issue)
    assert [u.name for u in by_issue] == [user.name]
    allowed = jira.search_allowed_users_for_issue(user.name, issueKey=issue)
    assert [u.name for u in allowed] == [user.name]
    expanded = jira.user(user.name, expand="groups")
    assert [g["name"] for g in expanded.raw["groups"]["items"]] == ["jira-servicedesk-users", "jira-software-users"]

"""The PyPI clients against the project endpoints: `jira` and `atlassian-python-api`."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import httpx
import pytest

from tests.conftest import ADMIN
from tests.platform.projects.conftest import API


def test_jira_create_project_with_defaults_then_read_and_delete(jira, admin: httpx.Client,  # type: ignore[no-untyped-def]
                                                                unique_key: Callable[[], str]) -> None:
    key = unique_key()
    created = jira.create_project(key, name=f"Client {key}")
    assert created["key"] == key and isinstance(created["id"], int)
    project = jira.project(key)
    assert project.key == key and project.name == f"Client {key}"
    assert project.lead.name == "admin"
    assert project.projectTypeKey == "software"
    assert [t.name for t in project.issueTypes] == ["Story", "Task", "Bug", "Epic", "Sub-task"]
    assert key in [p.key for p in jira.projects()]
    assert jira.delete_project(key) is True
    assert admin.get(f"{API}/project/{key}").status_code == 404


def test_jira_create_project_with_explicit_schemes_and_category(jira, admin: httpx.Client,  # type: ignore[no-untyped-def]
                                                                unique_key: Callable[[], str],
                                                                unique: Callable[[str], str]) -> None:
    category = admin.post(f"{API}/projectCategory", json={"name": unique("ClientCat")}).json()
    key = unique_key()
    jira.create_project(key, name=f"Explicit {key}", permissionScheme=0, issueSecurityScheme=10000,
                        categoryId=int(category["id"]),
                        template_name="com.atlassian.jira-core-project-templates:jira-core-project-management",
                        ptype="business")
    project = jira.project(key)
    assert project.projectCategory.name == category["name"]
    assert project.projectTypeKey == "business"
    assert admin.get(f"{API}/project/{key}/issuesecuritylevelscheme").json()["id"] == 10000
    jira.delete_project(project)
    assert admin.get(f"{API}/project/{key}").status_code == 404


def test_jira_project_roles_and_actors(jira, make_project: Callable[..., dict[str, Any]],  # type: ignore[no-untyped-def]
                                       make_user: Callable[..., Any]) -> None:
    project = make_project()
    roles = jira.project_roles(project["key"])
    assert roles["Developers"] == {"id": "10001", "url": project["roles"]["Developers"]}
    role = jira.project_role(project["key"], roles["Developers"]["id"])
    assert role.name == "Developers" and role.id == 10001
    user = make_user("dev")
    role.add_user(users=user.name)
    role = jira.project_role(project["key"], "10001")
    assert sorted(a.name for a in role.actors) == sorted(["jira-software-users", user.name])
    role.update(users=[user.name, "admin"])
    role = jira.project_role(project["key"], "10001")
    assert sorted(a.name for a in role.actors) == sorted(["jira-software-users", user.name, "admin"])


def test_jira_project_avatars(jira, make_project: Callable[..., dict[str, Any]]) -> None:  # type: ignore[no-untyped-def]
    project = make_project()
    avatars = jira.project_avatars(project["key"])
    assert [a["id"] for a in avatars["system"]][:2] == ["10011", "10012"]
    assert avatars["custom"] == []
    jira.set_project_avatar(project["key"], "10013")
    assert jira.project(project["key"]).raw["avatarUrls"]["48x48"].endswith("avatarId=10013")


@pytest.fixture
def atlassian_jira(base_url: str):  # type: ignore[no-untyped-def]
    from atlassian import Jira

    return Jira(url=base_url, username=ADMIN[0], password=ADMIN[1], cloud=False)


def test_atlassian_client_projects(atlassian_jira, admin: httpx.Client,  # type: ignore[no-untyped-def]
                                   unique_key: Callable[[], str], make_user: Callable[..., Any]) -> None:
    key = unique_key()
    created = atlassian_jira.create_project_from_raw_json({
        "key": key, "name": f"Atlassian {key}", "projectTypeKey": "software", "lead": "admin",
        "projectTemplateKey": "com.pyxis.greenhopper.jira:gh-kanban-template"})
    assert created["key"] == key
    assert key in [p["key"] for p in atlassian_jira.get_all_projects()]
    assert atlassian_jira.get_project(key, expand="projectKeys")["projectKeys"] == [key]
    roles = atlassian_jira.get_project_roles(key)
    assert set(roles) >= {"Administrators", "Developers", "Users"}
    user = make_user("atl")
    role = atlassian_jira.add_user_into_project_role(key, 10000, user.name)
    assert user.name in [a["name"] for a in role["actors"]]
    actors = atlassian_jira.get_project_actors_for_role_project(key, 10000)
    assert user.name in [a["name"] for a in actors]
    atlassian_jira.delete_project_actors(key, 10000, user.name, "user")
    assert user.name not in [a["name"] for a in atlassian_jira.get_project_actors_for_role_project(key, 10000)]
    atlassian_jira.update_project(key, {"description": "set by atlassian"})
    assert atlassian_jira.project(key)["description"] == "set by atlassian"
    atlassian_jira.delete_project(key)
    assert admin.get(f"{API}/project/{key}").status_code == 404

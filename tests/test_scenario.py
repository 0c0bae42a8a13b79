"""The foundation's acceptance script, with the `jira` package from PyPI: users, groups,
projects, components and versions created, read back with the spec's shapes, updated, deleted."""

from __future__ import annotations

from collections.abc import Callable

import httpx
import pytest
from jira import JIRA, JIRAError


def test_admin_builds_and_tears_down_a_project(
    jira: JIRA, admin: httpx.Client, unique: Callable[[str], str], unique_key: Callable[[], str]
) -> None:
    username, group, key = unique("dev"), unique("team"), unique_key()

    assert jira.add_user(username, f"{username}@example.com", password="Passw0rd!", fullname="Dev Eloper")
    user = jira.user(username)
    assert (user.name, user.displayName, user.emailAddress, user.active) == (
        username, "Dev Eloper", f"{username}@example.com", True)
    jira.add_group(group)
    jira.add_user_to_group(username, group)
    assert username in jira.group_members(group)

    created = jira.create_project(key, name=f"Project {key}", assignee="admin")
    assert created["key"] == key
    project_id = created["id"]
    lead_component = jira.create_component("Backend", key, description="APIs", leadUserName=username)
    version = jira.create_version("1.0", key, description="First", releaseDate="2030-01-31")

    project = jira.project(key)
    assert (project.key, project.name, project.lead.name) == (key, f"Project {key}", "admin")
    assert [c.name for c in jira.project_components(key)] == ["Backend"]
    assert [v.name for v in jira.project_versions(key)] == ["1.0"]
    component = jira.component(lead_component.id)
    assert (component.lead.name, component.description, component.project) == (username, "APIs", key)
    read_version = jira.version(version.id)
    assert (read_version.releaseDate, read_version.released, read_version.projectId) == (
        "2030-01-31", False, int(project_id))

    component.update(description="Public APIs")
    read_version.update(released=True)
    assert jira.component(component.id).description == "Public APIs"
    assert jira.version(version.id).released is True
    renamed = admin.put(f"/rest/api/2/project/{key}", json={"name": f"Renamed {key}"})
    assert renamed.status_code == 201, renamed.text  # the spec: "201 Returned if the project is updated"
    assert jira.project(key).name == f"Renamed {key}"

    jira.component(component.id).delete()
    jira.version(version.id).delete()
    assert jira.project_components(key) == [] and jira.project_versions(key) == []
    jira.delete_project(key)
    with pytest.raises(JIRAError) as gone:
        jira.project(key)
    assert gone.value.status_code == 404

    jira.remove_user_from_group(username, group)
    assert username not in jira.group_members(group)
    assert jira.remove_group(group)
    assert jira.delete_user(username)
    assert admin.get("/rest/api/2/user", params={"username": username}).status_code == 404

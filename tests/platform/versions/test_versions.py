"""Versions: create, read, update, delete, dates, validation and permissions."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import httpx
import pytest

from tests.harness import RunningServer
from tests.platform.components.support import ProjectRef, error, insert_issue, version_links


def create(admin: httpx.Client, **body: Any) -> dict[str, Any]:
    response = admin.post("/rest/api/2/version", json=body)
    assert response.status_code == 201, response.text
    return response.json()


def names(admin: httpx.Client, project: ProjectRef) -> list[str]:
    response = admin.get(f"/rest/api/2/project/{project.key}/versions")
    assert response.status_code == 200, response.text
    return [v["name"] for v in response.json()]


def test_create_returns_the_full_version(admin, base_url, project, unique) -> None:
    name = unique("1.0")
    body = create(admin, name=name, description="An excellent version", project=project.key, archived=False,
                  released=True, startDate="2010-07-01", releaseDate="2010-07-06")
    vid = body["id"]
    assert body == {
        "self": f"{base_url}/rest/api/2/version/{vid}",
        "id": vid,
        "description": "An excellent version",
        "name": name,
        "archived": False,
        "released": True,
        "startDate": "2010-07-01",
        "releaseDate": "2010-07-06",
        "overdue": False,
        "userStartDate": "1/Jul/10",
        "userReleaseDate": "6/Jul/10",
        "project": project.key,
        "projectId": project.id,
    }
    assert admin.get(f"/rest/api/2/version/{vid}").json() == body


def test_minimal_version_and_project_id(admin, base_url, project, unique) -> None:
    name = unique("min")
    body = create(admin, name=name, projectId=project.id)
    assert body == {"self": f"{base_url}/rest/api/2/version/{body['id']}", "id": body["id"], "name": name,
                    "archived": False, "released": False, "overdue": False, "project": project.key,
                    "projectId": project.id}


def test_user_dates_are_accepted(admin, project, unique) -> None:
    body = create(admin, name=unique("u"), project=project.key, userStartDate="5/Jul/10", userReleaseDate="6/Jul/2010")
    assert (body["startDate"], body["releaseDate"]) == ("2010-07-05", "2010-07-06")
    assert (body["userStartDate"], body["userReleaseDate"]) == ("5/Jul/10", "6/Jul/10")


def test_overdue_means_past_release_date_and_not_released(admin, project, unique) -> None:
    past = (date.today() - timedelta(days=3)).isoformat()
    future = (date.today() + timedelta(days=3)).isoformat()
    assert create(admin, name=unique("late"), project=project.key, releaseDate=past)["overdue"] is True
    assert create(admin, name=unique("done"), project=project.key, releaseDate=past, released=True)["overdue"] is False
    assert create(admin, name=unique("soon"), project=project.key, releaseDate=future)["overdue"] is False


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ({"name": ""}, error("name", "You must specify a valid version name")),
        ({}, error("name", "You must specify a valid version name")),
        ({"name": "v" * 256}, error("name", "The version name must not exceed 255 characters in length.")),
        ({"name": "v", "releaseDate": "06/07/2010"},
         error("releaseDate", 'Invalid date format. Please enter the date in the format "yyyy-MM-dd".')),
        ({"name": "v", "startDate": "2010-13-01"},
         error("startDate", 'Invalid date format. Please enter the date in the format "yyyy-MM-dd".')),
        ({"name": "v", "userReleaseDate": "32/Jul/10"},
         error("userReleaseDate", 'Invalid date format. Please enter the date in the format "d/MMM/yy".')),
        ({"name": "v", "userStartDate": "5/Foo/10"},
         error("userStartDate", 'Invalid date format. Please enter the date in the format "d/MMM/yy".')),
        ({"name": "v", "startDate": "2010-07-07", "releaseDate": "2010-07-06"},
         error("startDate", "The start date must be before the release date.")),
        ({"name": "v", "releaseDate": "2010-07-06", "userReleaseDate": "6/Jul/10"},
         {"errorMessages": ["Only one of 'releaseDate' and 'userReleaseDate' may be specified."], "errors": {}}),
    ],
)
def test_invalid_versions_are_refused_and_not_stored(admin, project, body, expected) -> None:
    response = admin.post("/rest/api/2/version", json={"project": project.key, **body})
    assert response.status_code == 400
    assert response.json() == expected
    assert names(admin, project) == []


def test_duplicate_names_are_refused_case_insensitively(admin, project, unique) -> None:
    name = unique("Rel")
    create(admin, name=name, project=project.key)
    response = admin.post("/rest/api/2/version", json={"name": name.lower(), "project": project.key})
    assert response.status_code == 400
    assert response.json() == error("name", "A version with this name already exists in this project.")
    assert names(admin, project) == [name]


def test_project_must_be_given_and_exist(admin) -> None:
    missing = admin.post("/rest/api/2/version", json={"name": "x"})
    assert missing.status_code == 400 and missing.json() == error("project", "The project is not valid.")
    unknown = admin.post("/rest/api/2/version", json={"name": "x", "projectId": 987654})
    assert unknown.status_code == 404
    assert unknown.json() == {"errorMessages": ["No project could be found with key '987654'."], "errors": {}}


def test_wrong_json_types_and_malformed_json(admin, project) -> None:
    for body, field in (({"name": 1}, "name"), ({"name": "x", "released": "true"}, "released"),
                        ({"name": "x", "releaseDate": 20100706}, "releaseDate")):
        response = admin.post("/rest/api/2/version", json={"project": project.key, **body})
        assert response.status_code == 400 and set(response.json()["errors"]) == {field}
    malformed = admin.post("/rest/api/2/version", content=b"{nope", headers={"Content-Type": "application/json"})
    assert malformed.status_code == 400 and malformed.json()["errorMessages"]
    assert names(admin, project) == []


def test_unknown_version_is_404(admin) -> None:
    for ref in ("999999", "v1"):
        response = admin.get(f"/rest/api/2/version/{ref}")
        assert response.status_code == 404
        assert response.json() == {"errorMessages": [f"Could not find version for id '{ref}'"], "errors": {}}
    assert admin.put("/rest/api/2/version/999999", json={"name": "x"}).status_code == 404
    assert admin.delete("/rest/api/2/version/999999").status_code == 404
    assert admin.get("/rest/api/2/version/999999/relatedIssueCounts").status_code == 404
    assert admin.get("/rest/api/2/version/999999/unresolvedIssueCount").status_code == 404


def test_update_changes_only_the_given_fields(admin, project, unique) -> None:
    original = create(admin, name=unique("a"), description="keep", project=project.key, releaseDate="2030-01-02")
    url = f"/rest/api/2/version/{original['id']}"
    new_name = unique("b")
    response = admin.put(url, json={"name": new_name, "released": True, "userStartDate": "1/Jan/30"})
    assert response.status_code == 200, response.text
    body = response.json()
    assert (body["name"], body["description"], body["released"]) == (new_name, "keep", True)
    assert (body["startDate"], body["releaseDate"]) == ("2030-01-01", "2030-01-02")
    assert admin.get(url).json() == body
    nulls = admin.put(url, json={"name": None, "description": None, "archived": True})
    assert nulls.status_code == 200 and nulls.json() == {**body, "archived": True}
    cleared = admin.put(url, json={"releaseDate": "", "startDate": ""}).json()
    assert "releaseDate" not in cleared and "startDate" not in cleared and "userReleaseDate" not in cleared


def test_update_validation_changes_nothing(admin, project, unique) -> None:
    taken = create(admin, name=unique("taken"), project=project.key)
    mine = create(admin, name=unique("mine"), project=project.key, releaseDate="2030-05-05")
    url = f"/rest/api/2/version/{mine['id']}"
    cases = [
        ({"name": taken["name"], "description": "x"},
         error("name", "A version with this name already exists in this project.")),
        ({"startDate": "2030-06-01", "description": "x"},
         error("startDate", "The start date must be before the release date.")),
        ({"releaseDate": "soon", "description": "x"},
         error("releaseDate", 'Invalid date format. Please enter the date in the format "yyyy-MM-dd".')),
        ({"name": "   "}, error("name", "You must specify a valid version name")),
    ]
    for body, expected in cases:
        response = admin.put(url, json=body)
        assert response.status_code == 400 and response.json() == expected
    assert admin.get(url).json() == mine


def test_delete_removes_the_version_and_its_links(admin, server: RunningServer, project, unique) -> None:
    version = create(admin, name=unique("gone"), project=project.key)
    vid = int(version["id"])
    issue = insert_issue(server, project, fix=(vid,), affects=(vid,))
    response = admin.delete(f"/rest/api/2/version/{vid}")
    assert response.status_code == 204 and response.content == b""
    assert admin.get(f"/rest/api/2/version/{vid}").status_code == 404
    assert version_links(server, issue) == set()


def test_delete_moves_fix_and_affected_issues(admin, server: RunningServer, project, unique) -> None:
    old, fix_to, affects_to = (int(create(admin, name=unique(n), project=project.key)["id"])
                               for n in ("old", "fixto", "affto"))
    issue = insert_issue(server, project, fix=(old,), affects=(old,))
    already = insert_issue(server, project, fix=(old, fix_to))
    response = admin.delete(f"/rest/api/2/version/{old}",
                            params={"moveFixIssuesTo": fix_to, "moveAffectedIssuesTo": affects_to})
    assert response.status_code == 204
    assert version_links(server, issue) == {(fix_to, "fix"), (affects_to, "affects")}
    assert version_links(server, already) == {(fix_to, "fix")}


def test_delete_refuses_bad_targets(admin, server: RunningServer, make_project, unique) -> None:
    project, other = make_project(), make_project()
    version = int(create(admin, name=unique("v"), project=project.key)["id"])
    foreign = int(create(admin, name=unique("f"), project=other.key)["id"])
    issue = insert_issue(server, project, fix=(version,))
    for params in ({"moveFixIssuesTo": foreign}, {"moveAffectedIssuesTo": 999999}, {"moveFixIssuesTo": version}):
        response = admin.delete(f"/rest/api/2/version/{version}", params=params)
        assert response.status_code == 400
        assert set(response.json()["errors"]) == set(params)
    assert admin.get(f"/rest/api/2/version/{version}").status_code == 200
    assert version_links(server, issue) == {(version, "fix")}


def test_project_versions_lists_in_sequence_order(admin, project, unique) -> None:
    created = [create(admin, name=n, project=project.key)["name"] for n in ("zeta", "alpha", "mid")]
    assert names(admin, project) == created
    assert [v["name"] for v in admin.get(f"/rest/api/2/project/{project.id}/versions").json()] == created
    missing = admin.get("/rest/api/2/project/NOPE404/versions")
    assert missing.status_code == 404


def test_expand_operations_and_remotelinks(admin, project, make_user, unique) -> None:
    version = create(admin, name=unique("exp"), project=project.key)
    url = f"/rest/api/2/version/{version['id']}"
    expanded = admin.get(url, params={"expand": "operations,remotelinks"}).json()
    assert expanded["remotelinks"] == []
    assert [op["id"] for op in expanded["operations"]] == [
        "edit_version", "release_version", "archive_version", "delete_version"]
    assert {k: v for k, v in expanded.items() if k not in ("operations", "remotelinks")} == version
    plain_user = make_user("ops")
    assert plain_user.client.get(url, params={"expand": "operations"}).json()["operations"] == []
    listed = admin.get(f"/rest/api/2/project/{project.key}/versions", params={"expand": "remotelinks"}).json()
    assert listed == [{**version, "remotelinks": []}]


def test_permissions(admin, anon, project, make_user, unique) -> None:
    version = create(admin, name=unique("perm"), project=project.key)
    url = f"/rest/api/2/version/{version['id']}"
    for response in (anon.get(url), anon.post("/rest/api/2/version", json={"name": "a", "project": project.key}),
                     anon.get(f"/rest/api/2/project/{project.key}/versions"), anon.delete(url)):
        assert response.status_code == 401
    user = make_user("plain")
    assert user.client.get(url).json() == version
    refused = [
        user.client.post("/rest/api/2/version", json={"name": "nope", "project": project.key}),
        user.client.put(url, json={"name": "nope"}),
        user.client.delete(url),
        user.client.post(f"{url}/move", json={"position": "First"}),
        user.client.put(f"{url}/mergeto/{version['id']}"),
        user.client.post(f"{url}/removeAndSwap", json={}),
    ]
    for response in refused:
        assert response.status_code == 403
    assert names(admin, project) == [version["name"]]


def test_jira_client_version_flow(jira, server: RunningServer, project, unique) -> None:
    name = unique("jv")
    version = jira.create_version(name, project.key, description="via jira", releaseDate="2031-02-03",
                                  startDate="2031-01-01")
    assert (version.name, version.description, version.releaseDate) == (name, "via jira", "2031-02-03")
    assert version.userReleaseDate == "3/Feb/31" and version.overdue is False
    assert jira.version(version.id).raw == version.raw
    assert [v.name for v in jira.project_versions(project.key)] == [name]
    vid = int(version.id)
    insert_issue(server, project, fix=(vid,))
    insert_issue(server, project, fix=(vid,), affects=(vid,), resolved=True)
    assert jira.version_count_related_issues(version.id) == {
        "issuesFixedCount": 2, "issuesAffectedCount": 1, "issueCountWithCustomFieldsShowingVersion": 0,
        "customFieldUsage": []}
    assert jira.version_count_unresolved_issues(version.id) == 1
    renamed = unique("renamed")
    version.update(name=renamed)
    assert version.name == renamed
    version.update(archived=True)
    assert jira.version(version.id).archived is True
    assert jira.get_project_version_by_name(project.key, renamed).id == version.id
    version.delete()
    assert jira.project_versions(project.key) == []


def test_atlassian_client_versions(base_url, project, unique) -> None:
    from atlassian import Jira

    client = Jira(url=base_url, username="admin", password="admin")
    name = unique("atl")
    created = client.add_version(project_key=project.key, version=name)
    assert (created["name"], created["projectId"]) == (name, project.id)
    assert client.get_version(created["id"]) == created
    updated = client.update_version(created["id"], description="from atlassian", is_released=True)
    assert (updated["description"], updated["released"], updated["name"]) == ("from atlassian", True, name)
    paged = client.get_project_versions_paginated(project.key, start=0, limit=10, status="released")
    assert [v["name"] for v in paged["values"]] == [name]
    client.delete_version(created["id"])
    assert client.get_project_versions(project.key) == []

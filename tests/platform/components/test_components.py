"""Components: create, read, update, delete, assignee rules, validation and permissions."""

from __future__ import annotations

from typing import Any

import httpx
import pytest

from tests.harness import RunningServer
from tests.platform.components.support import ProjectRef, component_links, error, insert_issue

USER_KEYS = {"self", "key", "accountId", "name", "emailAddress", "avatarUrls", "displayName", "active", "timeZone"}


def create(admin: httpx.Client, **body: Any) -> dict[str, Any]:
    response = admin.post("/rest/api/2/component", json=body)
    assert response.status_code == 201, response.text
    return response.json()


def names(admin: httpx.Client, project: ProjectRef) -> list[str]:
    response = admin.get(f"/rest/api/2/project/{project.key}/components")
    assert response.status_code == 200, response.text
    return [c["name"] for c in response.json()]


def test_create_with_lead_returns_the_full_component(admin, base_url, project, make_user, unique) -> None:
    lead = make_user("lead")
    name = unique("comp")
    body = create(admin, name=name, description="Backend bits", project=project.key, leadUserName=lead.name,
                  assigneeType="COMPONENT_LEAD", isAssigneeTypeValid=False)
    cid = body["id"]
    assert body["lead"]["name"] == lead.name and set(body["lead"]) == USER_KEYS
    assert body["assignee"] == body["lead"] == body["realAssignee"]
    assert {k: v for k, v in body.items() if k not in ("lead", "assignee", "realAssignee")} == {
        "self": f"{base_url}/rest/api/2/component/{cid}",
        "id": cid,
        "name": name,
        "description": "Backend bits",
        "leadUserName": lead.name,
        "assigneeType": "COMPONENT_LEAD",
        "realAssigneeType": "COMPONENT_LEAD",
        "isAssigneeTypeValid": True,
        "project": project.key,
        "projectId": project.id,
        "archived": False,
    }
    assert int(cid) >= 10000
    assert admin.get(f"/rest/api/2/component/{cid}").json() == body


def test_minimal_component_follows_the_project_default(admin, base_url, project, unique) -> None:
    name = unique("min")
    body = create(admin, name=name, projectId=project.id)
    assert body == {
        "self": f"{base_url}/rest/api/2/component/{body['id']}",
        "id": body["id"],
        "name": name,
        "assigneeType": "PROJECT_DEFAULT",
        "realAssigneeType": "UNASSIGNED",
        "isAssigneeTypeValid": True,
        "project": project.key,
        "projectId": project.id,
        "archived": False,
    }


def test_project_lead_assignee_types(admin, make_project, unique) -> None:
    project = make_project(assignee_type="PROJECT_LEAD")
    default = create(admin, name=unique("d"), project=project.key)
    assert default["assigneeType"] == "PROJECT_DEFAULT"
    assert default["realAssigneeType"] == "PROJECT_LEAD"
    assert default["assignee"]["name"] == default["realAssignee"]["name"] == "admin"
    lead_type = create(admin, name=unique("p"), project=project.key, assigneeType="PROJECT_LEAD")
    assert (lead_type["realAssigneeType"], lead_type["realAssignee"]["name"]) == ("PROJECT_LEAD", "admin")
    unassigned = create(admin, name=unique("u"), project=project.key, assigneeType="UNASSIGNED")
    assert unassigned["realAssigneeType"] == "UNASSIGNED" and unassigned["isAssigneeTypeValid"] is True
    assert "assignee" not in unassigned and "realAssignee" not in unassigned


def test_component_lead_without_a_lead_falls_back_and_is_invalid(admin, project, unique) -> None:
    body = create(admin, name=unique("c"), project=project.key, assigneeType="COMPONENT_LEAD")
    assert body["assigneeType"] == "COMPONENT_LEAD"
    assert body["isAssigneeTypeValid"] is False
    assert body["realAssigneeType"] == "UNASSIGNED"
    assert "assignee" not in body and "lead" not in body


def test_lead_by_account_id_and_lead_object(admin, project, make_user, unique) -> None:
    lead = make_user("acc")
    account_id = admin.get("/rest/api/2/user", params={"username": lead.name}).json()["accountId"]
    by_account = create(admin, name=unique("a"), project=project.key, leadAccountId=account_id)
    assert by_account["leadUserName"] == lead.name
    by_object = create(admin, name=unique("o"), project=project.key, lead={"name": lead.name})
    assert by_object["lead"]["name"] == lead.name


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ({"name": ""}, error("name", "The component name must not be empty.")),
        ({"name": "   "}, error("name", "The component name must not be empty.")),
        ({}, error("name", "The component name must not be empty.")),
        ({"name": "x" * 256}, error("name", "The component name must not exceed 255 characters in length.")),
        ({"name": "ok", "leadUserName": "nobody-here"}, error("leadUserName", "The user nobody-here does not exist.")),
        ({"name": "ok", "assigneeType": "SOMEBODY"},
         error("assigneeType", "The assignee type 'SOMEBODY' is not valid. Valid types are: PROJECT_DEFAULT, "
               "COMPONENT_LEAD, PROJECT_LEAD, UNASSIGNED.")),
    ],
)
def test_invalid_components_are_refused_and_not_stored(admin, project, body, expected) -> None:
    response = admin.post("/rest/api/2/component", json={"project": project.key, **body})
    assert response.status_code == 400
    assert response.json() == expected
    assert names(admin, project) == []


def test_duplicate_names_are_refused_case_insensitively(admin, project, unique) -> None:
    name = unique("Dup")
    create(admin, name=name, project=project.key)
    response = admin.post("/rest/api/2/component", json={"name": name.upper(), "project": project.key})
    assert response.status_code == 400
    assert response.json() == error("name", f"A component with the name {name.upper()} already exists in this project.")
    assert names(admin, project) == [name]


def test_same_name_in_another_project_is_fine(admin, make_project, unique) -> None:
    name = unique("shared")
    first, second = make_project(), make_project()
    create(admin, name=name, project=first.key)
    create(admin, name=name, project=second.key)
    assert names(admin, second) == [name]


def test_project_must_be_given_and_exist(admin) -> None:
    missing = admin.post("/rest/api/2/component", json={"name": "x"})
    assert missing.status_code == 400
    assert missing.json() == error("project", "The project is not valid.")
    unknown = admin.post("/rest/api/2/component", json={"name": "x", "project": "NOSUCHPROJ"})
    assert unknown.status_code == 404
    assert unknown.json() == {"errorMessages": ["No project could be found with key 'NOSUCHPROJ'."], "errors": {}}


def test_wrong_json_types_and_malformed_json(admin, project) -> None:
    wrong = admin.post("/rest/api/2/component", json={"name": 5, "project": project.key})
    assert wrong.status_code == 400 and set(wrong.json()["errors"]) == {"name"}
    wrong_bool = admin.post("/rest/api/2/component", json={"name": "n", "project": project.key, "archived": "yes"})
    assert wrong_bool.status_code == 400 and set(wrong_bool.json()["errors"]) == {"archived"}
    not_object = admin.post("/rest/api/2/component", json=["name"])
    assert not_object.status_code == 400 and not_object.json()["errorMessages"]
    malformed = admin.post("/rest/api/2/component", content=b'{"name": ', headers={"Content-Type": "application/json"})
    assert malformed.status_code == 400
    assert malformed.json()["errorMessages"][0].startswith("Unexpected character")
    assert names(admin, project) == []


def test_unknown_component_is_404(admin) -> None:
    for ref in ("999999", "abc"):
        response = admin.get(f"/rest/api/2/component/{ref}")
        assert response.status_code == 404
        assert response.json() == {"errorMessages": [f"The component with id {ref} does not exist."], "errors": {}}
    assert admin.put("/rest/api/2/component/999999", json={"name": "x"}).status_code == 404
    assert admin.delete("/rest/api/2/component/999999").status_code == 404
    assert admin.get("/rest/api/2/component/999999/relatedIssueCounts").status_code == 404


def test_update_changes_only_the_given_fields(admin, project, make_user, unique) -> None:
    lead = make_user("upd")
    original = create(admin, name=unique("before"), description="keep me", project=project.key)
    new_name = unique("after")
    response = admin.put(f"/rest/api/2/component/{original['id']}",
                         json={"name": new_name, "leadUserName": lead.name, "assigneeType": "COMPONENT_LEAD"})
    assert response.status_code == 200, response.text
    body = response.json()
    assert (body["name"], body["description"], body["leadUserName"]) == (new_name, "keep me", lead.name)
    assert (body["assigneeType"], body["realAssignee"]["name"]) == ("COMPONENT_LEAD", lead.name)
    assert admin.get(f"/rest/api/2/component/{original['id']}").json() == body
    cleared = admin.put(f"/rest/api/2/component/{original['id']}", json={"leadUserName": ""}).json()
    assert "lead" not in cleared and "leadUserName" not in cleared
    assert cleared["isAssigneeTypeValid"] is False and cleared["name"] == new_name


def test_update_validation_changes_nothing(admin, project, unique) -> None:
    taken = create(admin, name=unique("taken"), project=project.key)
    mine = create(admin, name=unique("mine"), project=project.key)
    url = f"/rest/api/2/component/{mine['id']}"
    cases = [
        ({"name": taken["name"], "description": "changed"},
         error("name", f"A component with the name {taken['name']} already exists in this project.")),
        ({"name": "", "description": "changed"}, error("name", "The component name must not be empty.")),
        ({"leadUserName": "ghost-user", "description": "changed"},
         error("leadUserName", "The user ghost-user does not exist.")),
    ]
    for body, expected in cases:
        response = admin.put(url, json=body)
        assert response.status_code == 400 and response.json() == expected
    assert admin.get(url).json() == mine
    renamed = admin.put(url, json={"name": mine["name"].upper()})
    assert renamed.status_code == 200 and renamed.json()["name"] == mine["name"].upper()


def test_delete_removes_component_and_its_issue_links(admin, server: RunningServer, project, unique) -> None:
    comp = create(admin, name=unique("gone"), project=project.key)
    issue = insert_issue(server, project, components=(int(comp["id"]),))
    response = admin.delete(f"/rest/api/2/component/{comp['id']}")
    assert response.status_code == 204 and response.content == b""
    assert admin.get(f"/rest/api/2/component/{comp['id']}").status_code == 404
    assert component_links(server, issue) == set()


def test_delete_moves_issues_to_another_component(admin, server: RunningServer, project, unique) -> None:
    old = create(admin, name=unique("old"), project=project.key)
    new = create(admin, name=unique("new"), project=project.key)
    only_old = insert_issue(server, project, components=(int(old["id"]),))
    both = insert_issue(server, project, components=(int(old["id"]), int(new["id"])))
    response = admin.delete(f"/rest/api/2/component/{old['id']}", params={"moveIssuesTo": new["id"]})
    assert response.status_code == 204
    assert component_links(server, only_old) == {int(new["id"])}
    assert component_links(server, both) == {int(new["id"])}
    counts = admin.get(f"/rest/api/2/component/{new['id']}/relatedIssueCounts").json()
    assert counts == {"self": new["self"], "issueCount": 2}


def test_delete_refuses_a_target_outside_the_project(admin, server: RunningServer, make_project, unique) -> None:
    project, other = make_project(), make_project()
    comp = create(admin, name=unique("stay"), project=project.key)
    foreign = create(admin, name=unique("foreign"), project=other.key)
    issue = insert_issue(server, project, components=(int(comp["id"]),))
    for target in (foreign["id"], "999999", comp["id"]):
        response = admin.delete(f"/rest/api/2/component/{comp['id']}", params={"moveIssuesTo": target})
        assert response.status_code == 400
        assert set(response.json()["errors"]) == {"moveIssuesTo"}
    assert admin.get(f"/rest/api/2/component/{comp['id']}").status_code == 200
    assert component_links(server, issue) == {int(comp["id"])}


def test_related_issue_counts_come_from_the_links(admin, server: RunningServer, project, unique) -> None:
    comp = create(admin, name=unique("cnt"), project=project.key)
    other = create(admin, name=unique("other"), project=project.key)
    url = f"/rest/api/2/component/{comp['id']}/relatedIssueCounts"
    assert admin.get(url).json() == {"self": comp["self"], "issueCount": 0}
    for _ in range(3):
        insert_issue(server, project, components=(int(comp["id"]),))
    insert_issue(server, project, components=(int(other["id"]),))
    assert admin.get(url).json() == {"self": comp["self"], "issueCount": 3}


def test_project_components_lists_all_sorted_by_name(admin, project, unique) -> None:
    for name in ("beta", "Alpha", "gamma"):
        create(admin, name=name, project=project.key)
    assert names(admin, project) == ["Alpha", "beta", "gamma"]
    by_id = admin.get(f"/rest/api/2/project/{project.id}/components")
    assert [c["name"] for c in by_id.json()] == ["Alpha", "beta", "gamma"]
    missing = admin.get("/rest/api/2/project/NOPE404/components")
    assert missing.status_code == 404
    assert missing.json() == {"errorMessages": ["No project could be found with key 'NOPE404'."], "errors": {}}


def test_permissions(admin, anon, project, make_user, unique) -> None:
    comp = create(admin, name=unique("perm"), project=project.key)
    url = f"/rest/api/2/component/{comp['id']}"
    for response in (anon.get(url), anon.post("/rest/api/2/component", json={"name": "a", "project": project.key}),
                     anon.get(f"/rest/api/2/project/{project.key}/components")):
        assert response.status_code == 401
    user = make_user("plain")
    assert user.client.get(url).json() == comp
    assert user.client.get(f"/rest/api/2/project/{project.key}/components").status_code == 200
    refused = [
        user.client.post("/rest/api/2/component", json={"name": "nope", "project": project.key}),
        user.client.put(url, json={"name": "nope"}),
        user.client.delete(url),
    ]
    for response in refused:
        assert response.status_code == 403
        assert response.json()["errorMessages"]
    assert names(admin, project) == [comp["name"]]


def test_jira_client_component_flow(jira, admin, server: RunningServer, project, make_user, unique) -> None:
    lead = make_user("jlead")
    name = unique("jira")
    component = jira.create_component(name, project.key, description="via jira", leadUserName=lead.name,
                                      assigneeType="COMPONENT_LEAD")
    assert (component.name, component.description, component.lead.name) == (name, "via jira", lead.name)
    assert component.realAssigneeType == "COMPONENT_LEAD" and component.isAssigneeTypeValid is True
    fetched = jira.component(component.id)
    assert fetched.raw == component.raw
    assert [c.name for c in jira.project_components(project.key)] == [name]
    insert_issue(server, project, components=(int(component.id),))
    assert jira.component_count_related_issues(component.id) == 1
    fetched.update(description="changed")
    assert jira.component(component.id).description == "changed"
    response = jira.delete_component(component.id)
    assert response.status_code == 204
    assert jira.project_components(project.key) == []


def test_jira_client_component_delete_with_move(jira, server: RunningServer, project, unique) -> None:
    source = jira.create_component(unique("src"), project.key)
    target = jira.create_component(unique("dst"), project.key)
    issue = insert_issue(server, project, components=(int(source.id),))
    source.delete(moveIssuesTo=target.id)
    assert component_links(server, issue) == {int(target.id)}


def test_atlassian_client_components(base_url, project, unique) -> None:
    from atlassian import Jira

    client = Jira(url=base_url, username="admin", password="admin")
    name = unique("atl")
    created = client.create_component({"name": name, "project": project.key, "description": "atl"})
    assert created["name"] == name
    assert client.component(created["id"]) == created
    assert [c["name"] for c in client.get_project_components(project.key)] == [name]
    assert client.get_component_related_issues(created["id"]) == {"self": created["self"], "issueCount": 0}
    client.delete_component(created["id"])
    assert client.get_project_components(project.key) == []



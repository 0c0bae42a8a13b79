"""Issue type administration: create, update, delete with alternatives, avatars, permissions, audit."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import httpx

from ticketry.platform.avatars.images import solid_png

API = "/rest/api/2"
NO_CHECK = {"X-Atlassian-Token": "no-check", "Content-Type": "image/png"}
Factory = Callable[..., dict[str, Any]]


def _error(response: httpx.Response, status: int) -> dict[str, Any]:
    assert response.status_code == status, response.text
    return dict(response.json())


def test_create_a_standard_issue_type(admin: httpx.Client, base_url: str, unique: Callable[[str], str],
                                      make_issue_type: Factory) -> None:
    name = unique("Defect")
    created = make_issue_type(name=name, description="Something is wrong", type="standard")
    type_id = created["id"]
    assert created == {
        "self": f"{base_url}/rest/api/2/issuetype/{type_id}",
        "id": type_id,
        "description": "Something is wrong",
        "iconUrl": f"{base_url}/secure/viewavatar?size=xsmall&avatarId=10300&avatarType=issuetype",
        "name": name,
        "subtask": False,
        "avatarId": 10300,
    }
    assert int(type_id) >= 10000
    assert admin.get(f"{API}/issuetype/{type_id}").json() == created
    assert created in admin.get(f"{API}/issuetype").json()


def test_create_a_sub_task_type_and_defaults(make_issue_type: Factory, unique: Callable[[str], str]) -> None:
    sub = make_issue_type(name=unique("Chore"), type="subtask")
    assert (sub["subtask"], sub["avatarId"]) == (True, 10316)
    plain = make_issue_type(name=unique("Plain"), description=None, type=None)
    assert (plain["subtask"], plain["description"], plain["avatarId"]) == (False, "", 10300)
    loose = make_issue_type(name="  " + unique("Spaced") + "  ")
    assert loose["name"] == loose["name"].strip()


def test_a_new_issue_type_is_usable_at_once(admin: httpx.Client, make_issue_type: Factory, make_project: Factory,
                                            make_issue: Factory, unique: Callable[[str], str]) -> None:
    created = make_issue_type(name=unique("Usable"))
    project = make_project()
    assert created["id"] in [t["id"] for t in project["issueTypes"]]
    meta = admin.get(f"{API}/issue/createmeta", params={"projectKeys": project["key"]}).json()
    assert created["name"] in [t["name"] for t in meta["projects"][0]["issuetypes"]]
    issue = make_issue(project["key"], created["id"])
    fields = admin.get(f"{API}/issue/{issue['key']}").json()["fields"]
    assert fields["issuetype"]["id"] == created["id"]
    found = admin.get(f"{API}/search", params={"jql": f'issuetype = "{created["name"]}"'}).json()
    assert [i["key"] for i in found["issues"]] == [issue["key"]]


def test_template_projects_keep_their_scheme(make_issue_type: Factory, make_project: Factory,
                                             unique: Callable[[str], str]) -> None:
    """Jira adds new issue types to the default issue type scheme only."""
    created = make_issue_type(name=unique("Default only"))
    scrum = make_project(projectTemplateKey="com.pyxis.greenhopper.jira:gh-scrum-template")
    assert created["id"] not in [t["id"] for t in scrum["issueTypes"]]


def test_create_refuses_bad_input(admin: httpx.Client, unique: Callable[[str], str]) -> None:
    url = f"{API}/issuetype"
    for body in ({}, {"name": ""}, {"name": "   "}, {"description": "no name"}):
        assert _error(admin.post(url, json=body), 400) == {
            "errorMessages": [], "errors": {"name": "You must specify a name."}}
    assert _error(admin.post(url, json={"name": "x" * 61}), 400) == {
        "errorMessages": [], "errors": {"name": "The issue type name must not be longer than 60 characters."}}
    name = unique("Kind")
    assert _error(admin.post(url, json={"name": name, "type": "epic"}), 400) == {
        "errorMessages": [], "errors": {"type": "The issue type type 'epic' is not valid; use 'standard' or 'subtask'."}}
    assert _error(admin.post(url, json={"name": name, "description": "d" * 1001}), 400)["errors"] == {
        "description": "The description must not be longer than 1000 characters."}
    assert set(_error(admin.post(url, json={"name": 5}), 400)["errors"]) == {"name"}
    assert _error(admin.post(url, content=b"not json", headers={"Content-Type": "application/json"}), 400)
    assert admin.post(url, json={"name": "bad\x00name"}).status_code == 400
    assert name not in [t["name"] for t in admin.get(url).json()]


def test_duplicate_names_are_409(admin: httpx.Client, make_issue_type: Factory, unique: Callable[[str], str]) -> None:
    taken = {"errorMessages": [], "errors": {"name": "An issue type with this name already exists."}}
    assert _error(admin.post(f"{API}/issuetype", json={"name": "Bug"}), 409) == taken
    assert _error(admin.post(f"{API}/issuetype", json={"name": "bUG"}), 409) == taken
    mine = make_issue_type(name=unique("Twin"))
    assert _error(admin.post(f"{API}/issuetype", json={"name": mine["name"].upper()}), 409) == taken
    # With another field error, the name is one more 400 message.
    both = _error(admin.post(f"{API}/issuetype", json={"name": "Bug", "type": "nope"}), 400)
    assert both["errors"]["name"] == taken["errors"]["name"] and "type" in both["errors"]


def test_sub_task_types_need_sub_tasks_enabled(admin: httpx.Client, unique: Callable[[str], str]) -> None:
    option = f"{API}/application-properties/jira.option.allowsubtasks"
    assert admin.put(option, json={"id": "jira.option.allowsubtasks", "value": "false"}).status_code == 200
    try:
        refused = admin.post(f"{API}/issuetype", json={"name": unique("Sub"), "type": "subtask"})
        assert _error(refused, 400) == {"errorMessages": [], "errors": {
            "type": "Sub-tasks are disabled, so sub-task issue types cannot be created."}}
    finally:
        assert admin.put(option, json={"id": "jira.option.allowsubtasks", "value": "true"}).status_code == 200


def test_update_an_issue_type(admin: httpx.Client, base_url: str, make_issue_type: Factory,
                              unique: Callable[[str], str], audit_records: Any) -> None:
    created = make_issue_type(name=unique("Before"))
    url = f"{API}/issuetype/{created['id']}"
    renamed = unique("After")
    updated = admin.put(url, json={"name": renamed, "description": "Now described", "avatarId": 10303})
    assert updated.status_code == 200, updated.text
    assert updated.json() == {**created, "name": renamed, "description": "Now described", "avatarId": 10303,
                              "iconUrl": f"{base_url}/secure/viewavatar?size=xsmall&avatarId=10303&avatarType=issuetype"}
    assert admin.get(url).json() == updated.json()
    # Properties not given are kept.
    assert admin.put(url, json={}).json() == updated.json()
    assert admin.put(url, json={"avatarId": "10316"}).json()["avatarId"] == 10316
    # Renaming to its own name in another case is no conflict.
    assert admin.put(url, json={"name": renamed.upper()}).json()["name"] == renamed.upper()
    records = audit_records(created["id"])
    assert [r.summary for r in records] == ["Issue type created", "Issue type updated", "Issue type updated",
                                            "Issue type updated"]
    assert records[0].object_item == {"id": created["id"], "name": created["name"], "typeName": "ISSUE_TYPE"}
    assert records[0].changed_values == [
        {"fieldName": "Name", "changedTo": created["name"]},
        {"fieldName": "Description", "changedTo": "Made by a test"},
        {"fieldName": "Type", "changedTo": "Standard"}]
    assert records[1].changed_values == [
        {"fieldName": "Name", "changedFrom": created["name"], "changedTo": renamed},
        {"fieldName": "Description", "changedFrom": "Made by a test", "changedTo": "Now described"},
        {"fieldName": "Avatar", "changedFrom": "10300", "changedTo": "10303"}]


def test_update_refuses_bad_input(admin: httpx.Client, make_issue_type: Factory, unique: Callable[[str], str]) -> None:
    created = make_issue_type(name=unique("Steady"))
    url = f"{API}/issuetype/{created['id']}"
    assert _error(admin.put(url, json={"name": "Task"}), 409) == {
        "errorMessages": [], "errors": {"name": "An issue type with this name already exists."}}
    assert _error(admin.put(url, json={"name": " "}), 400)["errors"] == {"name": "You must specify a name."}
    assert _error(admin.put(url, json={"avatarId": 99999}), 400) == {
        "errorMessages": [], "errors": {"avatarId": "The avatar with id '99999' does not exist."}}
    # Another owner's avatar and a project avatar are not this type's.
    other = admin.post(f"{API}/issuetype/1/avatar2", content=solid_png(8, (9, 9, 9)), headers=NO_CHECK)
    assert other.status_code == 201
    assert _error(admin.put(url, json={"avatarId": other.json()["id"]}), 400)["errors"] == {
        "avatarId": f"The avatar with id '{other.json()['id']}' does not exist."}
    assert _error(admin.put(url, json={"avatarId": 10011}), 400)["errors"] == {
        "avatarId": "The avatar with id '10011' does not exist."}
    assert admin.delete(f"{API}/universal_avatar/type/issuetype/owner/1/avatar/{other.json()['id']}").status_code == 204
    assert admin.get(url).json() == created
    assert _error(admin.put(f"{API}/issuetype/999999", json={"name": unique("Ghost")}), 404) == {
        "errorMessages": ["The issue type with id '999999' does not exist"], "errors": {}}


def test_administration_needs_an_administrator(admin: httpx.Client, anon: httpx.Client, make_user: Any,
                                               make_issue_type: Factory, unique: Callable[[str], str]) -> None:
    created = make_issue_type(name=unique("Guarded"))
    url = f"{API}/issuetype/{created['id']}"
    user = make_user("typist")
    for client, status in ((user.client, 403), (anon, 401)):
        assert client.post(f"{API}/issuetype", json={"name": unique("Nope")}).status_code == status
        assert client.put(url, json={"name": unique("Nope")}).status_code == status
        assert client.delete(url).status_code == status
        assert client.post(f"{url}/avatar2", content=solid_png(4, (0, 0, 0)), headers=NO_CHECK).status_code == status
    assert user.client.get(f"{url}/alternatives").status_code == 200
    assert anon.get(f"{url}/alternatives").status_code == 401
    assert admin.get(url).json() == created


def test_delete_an_unused_issue_type(admin: httpx.Client, make_issue_type: Factory, make_project: Factory,
                                     unique: Callable[[str], str], audit_records: Any) -> None:
    created = make_issue_type(name=unique("Brief"))
    assert admin.put(f"{API}/issuetype/{created['id']}/properties/colour", json={"v": "red"}).status_code == 201
    deleted = admin.delete(f"{API}/issuetype/{created['id']}")
    assert deleted.status_code == 204 and deleted.content == b""
    assert _error(admin.get(f"{API}/issuetype/{created['id']}"), 404) == {
        "errorMessages": [f"The issue type with id '{created['id']}' does not exist"], "errors": {}}
    assert created["id"] not in [t["id"] for t in admin.get(f"{API}/issuetype").json()]
    assert created["id"] not in [t["id"] for t in make_project()["issueTypes"]]
    assert admin.get(f"{API}/issuetype/{created['id']}/properties/colour").status_code == 404
    assert [r.summary for r in audit_records(created["id"])] == ["Issue type created", "Issue type deleted"]
    assert admin.delete(f"{API}/issuetype/{created['id']}").status_code == 404


def test_delete_moves_issues_to_the_alternative(admin: httpx.Client, make_issue_type: Factory,
                                                make_project: Factory, make_issue: Factory,
                                                unique: Callable[[str], str], audit_records: Any) -> None:
    old = make_issue_type(name=unique("Old"))
    new = make_issue_type(name=unique("New"))
    project = make_project()
    issue = make_issue(project["key"], old["id"])
    url = f"{API}/issuetype/{old['id']}"
    refused = _error(admin.delete(url), 400)
    assert refused["errorMessages"] == [
        f"The issue type '{old['name']}' has 1 associated issue(s); give an alternativeIssueTypeId (one of "
        "/issuetype/{id}/alternatives) to move them to."]
    assert _error(admin.delete(url, params={"alternativeIssueTypeId": "987654"}), 404) == {
        "errorMessages": ["The alternative issue type with id '987654' does not exist."], "errors": {}}
    assert _error(admin.delete(url, params={"alternativeIssueTypeId": "5"}), 409)["errorMessages"][0].startswith(
        "The issue type 'Sub-task' is not a valid alternative")
    assert _error(admin.delete(url, params={"alternativeIssueTypeId": old["id"]}), 409)
    assert admin.get(f"{API}/issue/{issue['key']}").json()["fields"]["issuetype"]["id"] == old["id"]
    assert admin.delete(url, params={"alternativeIssueTypeId": new["id"]}).status_code == 204
    assert admin.get(f"{API}/issue/{issue['key']}").json()["fields"]["issuetype"]["id"] == new["id"]
    deleted = audit_records(old["id"])[-1]
    assert (deleted.summary, deleted.associated_items) == (
        "Issue type deleted", [{"id": new["id"], "name": new["name"], "typeName": "ISSUE_TYPE"}])


def test_alternatives_share_kind_workflow_and_scheme(admin: httpx.Client, make_issue_type: Factory,
                                                     make_project: Factory, make_issue: Factory,
                                                     make_workflow_scheme: Factory,
                                                     unique: Callable[[str], str]) -> None:
    first = make_issue_type(name=unique("First"))
    second = make_issue_type(name=unique("Second"))
    sub = make_issue_type(name=unique("Subtype"), type="subtask")

    def ids(type_id: str) -> list[str]:
        response = admin.get(f"{API}/issuetype/{type_id}/alternatives")
        assert response.status_code == 200, response.text
        return [t["id"] for t in response.json()]

    # In the default configuration every other type of the same kind will do.
    assert {"1", "3", second["id"]} <= set(ids(first["id"]))
    assert first["id"] not in ids(first["id"]) and "5" not in ids(first["id"]) and sub["id"] not in ids(first["id"])
    assert "5" in ids(sub["id"]) and first["id"] not in ids(sub["id"])
    alternatives = admin.get(f"{API}/issuetype/{first['id']}/alternatives").json()
    assert next(t for t in alternatives if t["id"] == second["id"]) == second
    # A project where `first` and `second` follow their own workflow: only they replace each other.
    scheme = make_workflow_scheme(first["id"], second["id"])
    project = make_project(workflowSchemeId=scheme["id"])
    make_issue(project["key"], first["id"])
    assert ids(first["id"]) == [second["id"]]
    assert ids(second["id"]) == [first["id"]]
    assert second["id"] not in ids("3")
    refused = admin.delete(f"{API}/issuetype/{first['id']}", params={"alternativeIssueTypeId": "3"})
    assert refused.status_code == 409
    # Deleting the type removes its workflow scheme mapping too.
    mappings = admin.get(f"{API}/workflowscheme/{scheme['id']}").json()["issueTypeMappings"]
    assert set(mappings) == {first["id"], second["id"]}
    assert admin.delete(f"{API}/issuetype/{first['id']}",
                        params={"alternativeIssueTypeId": second["id"]}).status_code == 204
    assert set(admin.get(f"{API}/workflowscheme/{scheme['id']}").json()["issueTypeMappings"]) == {second["id"]}
    assert _error(admin.get(f"{API}/issuetype/999999/alternatives"), 404) == {
        "errorMessages": ["The issue type with id '999999' does not exist"], "errors": {}}


def test_upload_and_select_an_avatar(admin: httpx.Client, base_url: str, make_issue_type: Factory,
                                     unique: Callable[[str], str]) -> None:
    created = make_issue_type(name=unique("Pictured"))
    url = f"{API}/issuetype/{created['id']}"
    uploaded = admin.post(f"{url}/avatar2", content=solid_png(40, (200, 10, 10)), headers=NO_CHECK,
                          params={"x": 4, "y": 6, "size": 30})
    assert uploaded.status_code == 201, uploaded.text
    avatar = uploaded.json()
    viewavatar = f"{base_url}/secure/viewavatar?avatarType=issuetype&"
    assert avatar == {
        "id": avatar["id"], "owner": created["id"], "isSystemAvatar": False, "isSelected": False,
        "isDeletable": True, "selected": False,
        "urls": {"16x16": f"{viewavatar}size=xsmall&avatarId={avatar['id']}",
                 "24x24": f"{viewavatar}size=small&avatarId={avatar['id']}",
                 "32x32": f"{viewavatar}size=medium&avatarId={avatar['id']}",
                 "48x48": f"{viewavatar}avatarId={avatar['id']}"},
    }
    listed = admin.get(f"{API}/universal_avatar/type/issuetype/owner/{created['id']}").json()
    assert [a["id"] for a in listed["custom"]] == [avatar["id"]]
    assert "10300" in [a["id"] for a in listed["system"] if a["selected"]]
    selected = admin.put(url, json={"avatarId": int(avatar["id"])}).json()
    assert selected["avatarId"] == int(avatar["id"])
    assert selected["iconUrl"] == f"{base_url}/secure/viewavatar?size=xsmall&avatarId={avatar['id']}&avatarType=issuetype"
    assert admin.get(selected["iconUrl"]).headers["content-type"] == "image/png"
    # Cropping outside the image, a non-image, a missing type and a missing XSRF token are refused.
    outside = admin.post(f"{url}/avatar2", content=solid_png(10, (0, 0, 0)), headers=NO_CHECK,
                         params={"x": 5, "size": 8})
    assert outside.status_code == 400
    assert admin.post(f"{url}/avatar2", content=b"plain text", headers=NO_CHECK).status_code == 400
    assert admin.post(f"{url}/avatar2", content=solid_png(10, (0, 0, 0)), headers=NO_CHECK,
                      params={"x": -1}).status_code == 400
    assert admin.post(f"{API}/issuetype/999999/avatar2", content=solid_png(4, (0, 0, 0)),
                      headers=NO_CHECK).status_code == 404
    multipart = admin.post(f"{url}/avatar2", files={"file": ("a.png", solid_png(4, (0, 0, 0)), "image/png")})
    assert (multipart.status_code, multipart.json()) == (403, {"errorMessages": ["XSRF check failed"], "errors": {}})
    checked = admin.post(f"{url}/avatar2", files={"file": ("a.png", solid_png(6, (0, 0, 0)), "image/png")},
                         headers={"X-Atlassian-Token": "no-check"})
    assert checked.status_code == 201 and checked.json()["owner"] == created["id"]
    # Deleting the type removes its uploaded avatars.
    assert admin.delete(url).status_code == 204
    assert admin.get(f"{API}/universal_avatar/type/issuetype/owner/{created['id']}").status_code == 404


def test_atlassian_python_api(admin: httpx.Client, base_url: str, unique: Callable[[str], str]) -> None:
    """The server client of atlassian-python-api creates and lists issue types (it has no other methods)."""
    from atlassian import Jira

    client = Jira(url=base_url, username="admin", password="admin", cloud=False)
    name = unique("Apa")
    created = client.create_issue_type(name, "Through atlassian-python-api", "standard")
    try:
        assert (created["name"], created["subtask"], created["description"]) == (
            name, False, "Through atlassian-python-api")
        assert name in [t["name"] for t in client.get_issue_types()]
    finally:
        assert admin.delete(f"{API}/issuetype/{created['id']}").status_code == 204
    assert name not in [t["name"] for t in client.get_issue_types()]


def test_jira_client_sees_new_issue_types(jira: Any, admin: httpx.Client, make_issue_type: Factory,
                                          make_project: Factory, unique: Callable[[str], str]) -> None:
    created = make_issue_type(name=unique("Client"))
    assert jira.issue_type(created["id"]).name == created["name"]
    assert jira.issue_type_by_name(created["name"]).id == created["id"]
    project = make_project()
    issue = jira.create_issue(project=project["key"], summary="Typed", issuetype={"name": created["name"]})
    assert issue.fields.issuetype.id == created["id"]


def test_atlassian_core_client(admin: httpx.Client, base_url: str, make_project: Factory, make_issue: Factory,
                               unique: Callable[[str], str]) -> None:
    """atlassian-python-api's core client (REST v2): the whole issue type life cycle."""
    from atlassian.jira import JiraCloud

    client = JiraCloud(url=base_url, username="admin", password="admin", api_version=2)
    old = client.create_issue_type(data={"name": unique("Core"), "type": "standard"})
    new = client.create_issue_type(data={"name": unique("Core"), "type": "standard"})
    try:
        issue = make_issue(make_project()["key"], old["id"])
        assert client.update_issue_type(old["id"], data={"description": "Changed"})["description"] == "Changed"
        assert client.get_issue_type(old["id"])["description"] == "Changed"
        assert new["id"] in [t["id"] for t in client.get_alternative_issue_types(old["id"])]
        client.delete_issue_type(old["id"], alternative_issue_type_id=new["id"])
        assert client.get_issue(issue["key"])["fields"]["issuetype"]["id"] == new["id"]
        client.delete_issue_type(new["id"], alternative_issue_type_id="1")
        assert client.get_issue(issue["key"])["fields"]["issuetype"]["id"] == "1"
    finally:
        for leftover in (old["id"], new["id"]):
            admin.delete(f"{API}/issuetype/{leftover}", params={"alternativeIssueTypeId": "1"})

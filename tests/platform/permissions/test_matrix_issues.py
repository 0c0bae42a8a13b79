"""The permission matrix of issues, projects, components, versions, issue properties and user searches: a user
granted the permission succeeds, one without gets Jira's answer, and nothing changes."""

from __future__ import annotations

from collections.abc import Callable

import httpx

from tests.platform.permissions import matrix_issues
from tests.platform.permissions.matrix_issues import API, Granted

granted = matrix_issues.granted  # the fixture, shared through the module rather than a conftest
Make = Callable[..., Granted]


def _jql_keys(admin: httpx.Client, jql: str) -> list[str]:
    response = admin.get(f"{API}/search", params={"jql": jql, "fields": "summary"})
    assert response.status_code == 200, response.text
    return [issue["key"] for issue in response.json()["issues"]]


# -- browsing


def test_browse_projects_decides_who_sees_an_issue(granted: Make, anon: httpx.Client) -> None:
    setup = granted("BROWSE_PROJECTS", browse=False)
    key = setup.issue()
    assert setup.holder.client.get(f"{API}/issue/{key}").status_code == 200
    hidden = setup.lacking.client.get(f"{API}/issue/{key}")
    assert hidden.status_code == 404
    assert hidden.json() == {"errorMessages": ["Issue Does Not Exist"], "errors": {}}
    assert anon.get(f"{API}/issue/{key}").status_code == 401
    for path in ("changelog", "editmeta", "transitions", "properties"):
        assert setup.lacking.client.get(f"{API}/issue/{key}/{path}").status_code == 404, path
        assert setup.holder.client.get(f"{API}/issue/{key}/{path}").status_code == 200, path


def test_browse_projects_decides_who_sees_a_project(granted: Make) -> None:
    setup = granted("BROWSE_PROJECTS", browse=False)
    assert setup.key in [p["key"] for p in setup.holder.client.get(f"{API}/project").json()]
    assert setup.key not in [p["key"] for p in setup.lacking.client.get(f"{API}/project").json()]
    assert setup.holder.client.get(f"{API}/project/{setup.key}").status_code == 200
    missing = setup.lacking.client.get(f"{API}/project/{setup.key}")
    assert missing.status_code == 404
    assert missing.json()["errorMessages"] == [f"No project could be found with key '{setup.key}'."]
    for path in ("statuses", "components", "versions", "role", "properties"):
        assert setup.holder.client.get(f"{API}/project/{setup.key}/{path}").status_code == 200, path
        assert setup.lacking.client.get(f"{API}/project/{setup.key}/{path}").status_code == 404, path


def test_project_administrators_see_the_project_without_browsing(granted: Make) -> None:
    setup = granted("ADMINISTER_PROJECTS", browse=False)
    assert setup.holder.client.get(f"{API}/project/{setup.key}").status_code == 200
    assert setup.lacking.client.get(f"{API}/project/{setup.key}").status_code == 404


# -- create


def test_create_issues(granted: Make, anon: httpx.Client) -> None:
    setup = granted("CREATE_ISSUES")
    body = {"fields": {"project": {"key": setup.key}, "summary": "From the matrix", "issuetype": {"name": "Task"}}}
    refused = setup.lacking.client.post(f"{API}/issue", json=body)
    assert refused.status_code == 400
    assert refused.json()["errors"] == {"project": "You do not have permission to create issues in this project."}
    assert anon.post(f"{API}/issue", json=body).status_code == 401
    assert _jql_keys(setup.admin, f"project = {setup.key}") == []
    assert setup.holder.client.post(f"{API}/issue", json=body).status_code == 201
    assert len(_jql_keys(setup.admin, f"project = {setup.key}")) == 1


def test_bulk_create_reports_each_refused_issue(granted: Make) -> None:
    setup = granted("CREATE_ISSUES")
    item = {"fields": {"project": {"key": setup.key}, "summary": "Bulk", "issuetype": {"name": "Task"}}}
    refused = setup.lacking.client.post(f"{API}/issue/bulk", json={"issueUpdates": [item, item]})
    assert refused.status_code == 400
    assert [e["failedElementNumber"] for e in refused.json()["errors"]] == [0, 1]
    assert _jql_keys(setup.admin, f"project = {setup.key}") == []
    created = setup.holder.client.post(f"{API}/issue/bulk", json={"issueUpdates": [item, item]})
    assert created.status_code == 201 and len(created.json()["issues"]) == 2


def test_createmeta_lists_only_projects_the_caller_may_create_in(granted: Make) -> None:
    setup = granted("CREATE_ISSUES")
    params = {"projectKeys": setup.key}
    assert [p["key"] for p in setup.holder.client.get(f"{API}/issue/createmeta", params=params).json()["projects"]] \
        == [setup.key]
    assert setup.lacking.client.get(f"{API}/issue/createmeta", params=params).json()["projects"] == []


def test_subtask_parent_must_be_visible(granted: Make) -> None:
    setup = granted("BROWSE_PROJECTS", "CREATE_ISSUES", browse=False, lacking_also=("CREATE_ISSUES",))
    parent = setup.issue()
    body = {"fields": {"project": {"key": setup.key}, "summary": "Sub", "issuetype": {"name": "Sub-task"},
                       "parent": {"key": parent}}}
    refused = setup.lacking.client.post(f"{API}/issue", json=body)
    assert refused.status_code == 400 and refused.json()["errors"] == {"parent": "Could not find issue by id or key."}
    assert setup.holder.client.post(f"{API}/issue", json=body).status_code == 201


# -- edit and the fields that need their own permission


def test_edit_issues(granted: Make, anon: httpx.Client) -> None:
    setup = granted("EDIT_ISSUES")
    key = setup.issue("Before")
    refused = setup.lacking.client.put(f"{API}/issue/{key}", json={"fields": {"summary": "Hijacked"}})
    assert refused.status_code == 403
    assert refused.json()["errorMessages"] == ["You do not have permission to edit issues in this project."]
    assert setup.fields(key)["summary"] == "Before"
    assert setup.holder.client.put(f"{API}/issue/{key}", json={"fields": {"summary": "After"}}).status_code == 204
    assert setup.fields(key)["summary"] == "After"


def test_editmeta_is_empty_without_edit_issues(granted: Make) -> None:
    setup = granted("EDIT_ISSUES")
    key = setup.issue()
    assert "summary" in setup.holder.client.get(f"{API}/issue/{key}/editmeta").json()["fields"]
    assert setup.lacking.client.get(f"{API}/issue/{key}/editmeta").json() == {"fields": {}}


def test_modify_reporter_on_edit(granted: Make) -> None:
    setup = granted("EDIT_ISSUES", "MODIFY_REPORTER", lacking_also=("EDIT_ISSUES",))
    key = setup.issue()
    body = {"fields": {"reporter": {"name": setup.lacking.name}}}
    refused = setup.lacking.client.put(f"{API}/issue/{key}", json=body)
    assert refused.status_code == 400
    assert refused.json()["errors"] == {
        "reporter": "Field 'reporter' cannot be set. It is not on the appropriate screen, or unknown."}
    assert setup.fields(key)["reporter"]["name"] == "admin"
    assert "reporter" not in setup.lacking.client.get(f"{API}/issue/{key}/editmeta").json()["fields"]
    assert "reporter" in setup.holder.client.get(f"{API}/issue/{key}/editmeta").json()["fields"]
    assert setup.holder.client.put(f"{API}/issue/{key}", json=body).status_code == 204
    assert setup.fields(key)["reporter"]["name"] == setup.lacking.name


def test_modify_reporter_on_create(granted: Make) -> None:
    setup = granted("CREATE_ISSUES", "MODIFY_REPORTER", lacking_also=("CREATE_ISSUES",))
    body = {"fields": {"project": {"key": setup.key}, "summary": "Reported", "issuetype": {"name": "Task"},
                       "reporter": {"name": "admin"}}}
    refused = setup.lacking.client.post(f"{API}/issue", json=body)
    assert refused.status_code == 400 and set(refused.json()["errors"]) == {"reporter"}
    assert _jql_keys(setup.admin, f"project = {setup.key}") == []
    created = setup.holder.client.post(f"{API}/issue", json=body)
    assert created.status_code == 201
    assert setup.fields(created.json()["key"])["reporter"]["name"] == "admin"


def test_schedule_issues_guards_the_due_date(granted: Make) -> None:
    setup = granted("EDIT_ISSUES", "SCHEDULE_ISSUES", lacking_also=("EDIT_ISSUES",))
    key = setup.issue()
    body = {"fields": {"duedate": "2030-01-31"}}
    refused = setup.lacking.client.put(f"{API}/issue/{key}", json=body)
    assert refused.status_code == 400 and set(refused.json()["errors"]) == {"duedate"}
    assert setup.fields(key)["duedate"] is None
    assert setup.holder.client.put(f"{API}/issue/{key}", json=body).status_code == 204
    assert setup.fields(key)["duedate"] == "2030-01-31"


# -- assign


def test_assign_issues_and_assignable_users(granted: Make, anon: httpx.Client) -> None:
    setup = granted("ASSIGN_ISSUES", "ASSIGNABLE_USER")
    key = setup.issue(assignee=None)
    refused = setup.lacking.client.put(f"{API}/issue/{key}/assignee", json={"name": setup.holder.name})
    assert refused.status_code == 403
    assert refused.json()["errorMessages"] == ["You do not have permission to assign issues."]
    assert anon.put(f"{API}/issue/{key}/assignee", json={"name": setup.holder.name}).status_code == 401
    assert setup.fields(key)["assignee"] is None
    not_assignable = setup.holder.client.put(f"{API}/issue/{key}/assignee", json={"name": setup.lacking.name})
    assert not_assignable.status_code == 400
    assert not_assignable.json()["errors"] == {"assignee": f"User '{setup.lacking.name}' cannot be assigned issues."}
    assert setup.fields(key)["assignee"] is None
    assert setup.holder.client.put(f"{API}/issue/{key}/assignee", json={"name": setup.holder.name}).status_code == 204
    assert setup.fields(key)["assignee"]["name"] == setup.holder.name


def test_assignee_on_edit_must_be_assignable(granted: Make) -> None:
    setup = granted("EDIT_ISSUES", "ASSIGN_ISSUES", "ASSIGNABLE_USER")
    key = setup.issue(assignee=None)
    refused = setup.holder.client.put(f"{API}/issue/{key}", json={"fields": {"assignee": {"name": setup.lacking.name}}})
    assert refused.status_code == 400
    assert refused.json()["errors"] == {"assignee": f"User '{setup.lacking.name}' cannot be assigned issues."}
    assert setup.fields(key)["assignee"] is None


# -- transitions


def test_transition_issues(granted: Make) -> None:
    # Both may resolve (the classic workflow's condition); only the holder may transition at all.
    setup = granted("TRANSITION_ISSUES", "RESOLVE_ISSUES", lacking_also=("RESOLVE_ISSUES",))
    key = setup.issue()
    offered = setup.holder.client.get(f"{API}/issue/{key}/transitions").json()["transitions"]
    resolve = next(t for t in offered if t["name"] == "Resolve Issue")
    assert setup.lacking.client.get(f"{API}/issue/{key}/transitions").json()["transitions"] == []
    body = {"transition": {"id": resolve["id"]}, "fields": {"resolution": {"name": "Done"}}}
    refused = setup.lacking.client.post(f"{API}/issue/{key}/transitions", json=body)
    assert refused.status_code == 400
    assert refused.json()["errorMessages"][0].startswith("It seems that you have tried to perform a workflow operation")
    assert setup.fields(key)["status"]["name"] == "Open"
    assert setup.holder.client.post(f"{API}/issue/{key}/transitions", json=body).status_code == 204
    assert setup.fields(key)["status"]["name"] == "Resolved"


def test_resolve_and_close_issues_are_workflow_conditions(granted: Make) -> None:
    setup = granted("TRANSITION_ISSUES", "RESOLVE_ISSUES", "CLOSE_ISSUES", lacking_also=("TRANSITION_ISSUES",))
    key = setup.issue()
    holder = {t["name"] for t in setup.holder.client.get(f"{API}/issue/{key}/transitions").json()["transitions"]}
    lacking = {t["name"] for t in setup.lacking.client.get(f"{API}/issue/{key}/transitions").json()["transitions"]}
    admin = {t["name"] for t in setup.admin.get(f"{API}/issue/{key}/transitions").json()["transitions"]}
    assert holder == admin
    guarded = holder - lacking
    assert guarded, "the default workflow guards resolving and closing"
    assert lacking < holder


# -- delete


def test_delete_issues(granted: Make, anon: httpx.Client) -> None:
    setup = granted("DELETE_ISSUES")
    key = setup.issue()
    refused = setup.lacking.client.delete(f"{API}/issue/{key}")
    assert refused.status_code == 403
    assert refused.json()["errorMessages"] == ["You do not have permission to delete issues in this project."]
    assert anon.delete(f"{API}/issue/{key}").status_code == 401
    assert setup.admin.get(f"{API}/issue/{key}").status_code == 200
    assert setup.holder.client.delete(f"{API}/issue/{key}").status_code == 204
    assert setup.admin.get(f"{API}/issue/{key}").status_code == 404


# -- issue properties


def test_issue_properties_need_edit_issues_to_write(granted: Make) -> None:
    setup = granted("EDIT_ISSUES")
    key = setup.issue()
    path = f"{API}/issue/{key}/properties/matrix"
    assert setup.lacking.client.put(path, json={"v": 1}).status_code == 403
    assert setup.admin.get(path).status_code == 404
    assert setup.holder.client.put(path, json={"v": 1}).status_code == 201
    assert setup.lacking.client.get(path).json()["value"] == {"v": 1}
    assert setup.lacking.client.delete(path).status_code == 403
    assert setup.admin.get(path).status_code == 200
    assert setup.holder.client.delete(path).status_code == 204


# -- project administration


def test_components_need_administer_projects(granted: Make, unique: Callable[[str], str]) -> None:
    setup = granted("ADMINISTER_PROJECTS")
    name = unique("comp")
    body = {"project": setup.key, "name": name}
    refused = setup.lacking.client.post(f"{API}/component", json=body)
    assert refused.status_code == 403
    assert setup.admin.get(f"{API}/project/{setup.key}/components").json() == []
    created = setup.holder.client.post(f"{API}/component", json=body)
    assert created.status_code == 201
    component = created.json()["id"]
    assert setup.lacking.client.get(f"{API}/component/{component}").status_code == 200
    assert setup.lacking.client.put(f"{API}/component/{component}", json={"name": "x"}).status_code == 403
    assert setup.lacking.client.delete(f"{API}/component/{component}").status_code == 403
    assert setup.admin.get(f"{API}/component/{component}").json()["name"] == name
    assert setup.holder.client.delete(f"{API}/component/{component}").status_code == 204


def test_components_of_a_hidden_project_do_not_exist(granted: Make, unique: Callable[[str], str]) -> None:
    setup = granted("BROWSE_PROJECTS", browse=False)
    component = setup.admin.post(f"{API}/component", json={"project": setup.key, "name": unique("c")}).json()["id"]
    assert setup.holder.client.get(f"{API}/component/{component}").status_code == 200
    assert setup.lacking.client.get(f"{API}/component/{component}").status_code == 404


def test_versions_need_administer_projects(granted: Make, unique: Callable[[str], str]) -> None:
    setup = granted("ADMINISTER_PROJECTS")
    body = {"project": setup.key, "name": unique("v")}
    assert setup.lacking.client.post(f"{API}/version", json=body).status_code == 403
    assert setup.admin.get(f"{API}/project/{setup.key}/versions").json() == []
    created = setup.holder.client.post(f"{API}/version", json=body)
    assert created.status_code == 201
    version = created.json()["id"]
    assert setup.lacking.client.put(f"{API}/version/{version}", json={"released": True}).status_code == 403
    assert setup.admin.get(f"{API}/version/{version}").json()["released"] is False
    assert setup.holder.client.put(f"{API}/version/{version}", json={"released": True}).status_code == 200
    assert setup.lacking.client.delete(f"{API}/version/{version}").status_code == 403
    assert setup.holder.client.delete(f"{API}/version/{version}").status_code == 204


def test_versions_of_a_hidden_project_do_not_exist(granted: Make, unique: Callable[[str], str]) -> None:
    setup = granted("BROWSE_PROJECTS", browse=False)
    version = setup.admin.post(f"{API}/version", json={"project": setup.key, "name": unique("v")}).json()["id"]
    assert setup.holder.client.get(f"{API}/version/{version}").status_code == 200
    assert setup.lacking.client.get(f"{API}/version/{version}").status_code == 404


def test_project_details_need_administer_projects_and_the_key_a_jira_administrator(granted: Make) -> None:
    setup = granted("ADMINISTER_PROJECTS")
    path = f"{API}/project/{setup.key}"
    assert setup.lacking.client.put(path, json={"name": f"Hijacked {setup.key}"}).status_code == 403
    assert setup.admin.get(path).json()["name"] == f"Project {setup.key}"
    assert setup.holder.client.put(path, json={"key": "Z" + setup.key[1:]}).status_code == 403
    assert setup.holder.client.put(path, json={"name": f"Renamed {setup.key}"}).status_code == 201
    assert setup.admin.get(path).json()["name"] == f"Renamed {setup.key}"
    assert setup.holder.client.delete(path).status_code == 403


def test_project_role_actors_need_administer_projects(granted: Make) -> None:
    setup = granted("ADMINISTER_PROJECTS")
    path = f"{API}/project/{setup.key}/role/10002"
    refused = setup.lacking.client.post(path, json={"user": [setup.lacking.name]})
    assert refused.status_code == 403
    names = {a["name"] for a in setup.admin.get(path).json()["actors"]}
    assert setup.lacking.name not in names
    assert setup.holder.client.post(path, json={"user": [setup.lacking.name]}).status_code == 200
    assert setup.lacking.name in {a["name"] for a in setup.admin.get(path).json()["actors"]}


def test_project_properties_need_administer_projects(granted: Make) -> None:
    setup = granted("ADMINISTER_PROJECTS")
    path = f"{API}/project/{setup.key}/properties/matrix"
    assert setup.lacking.client.put(path, json=1).status_code == 403
    assert setup.admin.get(path).status_code == 404
    assert setup.holder.client.put(path, json=1).status_code == 201
    assert setup.lacking.client.get(path).json()["value"] == 1


# -- user searches answer from the grants


def test_assignable_search_follows_the_grants(granted: Make) -> None:
    setup = granted("ASSIGNABLE_USER")
    found = setup.admin.get(f"{API}/user/assignable/search", params={"project": setup.key, "username": "holder"})
    names = {u["name"] for u in found.json()}
    assert setup.holder.name in names
    everyone = setup.admin.get(f"{API}/user/assignable/search", params={"project": setup.key, "username": "lacking"})
    assert setup.lacking.name not in {u["name"] for u in everyone.json()}


def test_viewissue_search_follows_browse_and_the_issue(granted: Make) -> None:
    setup = granted("BROWSE_PROJECTS", browse=False)
    key = setup.issue()
    for name, expected in ((setup.holder.name, True), (setup.lacking.name, False)):
        found = setup.admin.get(f"{API}/user/viewissue/search", params={"issueKey": key, "username": name})
        assert (name in {u["name"] for u in found.json()}) is expected
    hidden = setup.lacking.client.get(f"{API}/user/viewissue/search", params={"issueKey": key, "username": "a"})
    assert hidden.status_code == 404


def test_permission_search_needs_a_project_administrator(granted: Make) -> None:
    setup = granted("ADMINISTER_PROJECTS")
    params = {"projectKey": setup.key, "permissions": "ADMINISTER_PROJECTS", "username": "holder"}
    found = setup.holder.client.get(f"{API}/user/permission/search", params=params)
    assert found.status_code == 200 and setup.holder.name in {u["name"] for u in found.json()}
    assert setup.lacking.client.get(f"{API}/user/permission/search", params=params).status_code == 403


# -- issue security


def _security_scheme(setup: Granted, unique: Callable[[str], str], member_key: str) -> str:
    """A security scheme with one level whose members are the given user and the administrators."""
    admin = setup.admin
    scheme = admin.post("/rest/ticketry/1/issuesecurityschemes", json={"name": unique("Matrix security")})
    assert scheme.status_code == 201, scheme.text
    scheme_id = scheme.json()["id"]
    level = admin.post(f"/rest/ticketry/1/issuesecurityschemes/{scheme_id}/level", json={"name": "Secret"})
    assert level.status_code == 201, level.text
    level_id = level.json()["id"]
    for holder in ({"type": "user", "parameter": member_key}, {"type": "group", "parameter": "jira-administrators"}):
        added = admin.post(f"/rest/ticketry/1/issuesecurityschemes/{scheme_id}/level/{level_id}/member",
                           json={"holder": holder})
        assert added.status_code == 201, added.text
    assigned = admin.put(f"{API}/project/{setup.key}", json={"issueSecurityScheme": int(scheme_id)})
    assert assigned.status_code == 201, assigned.text
    return str(level_id)


def test_set_issue_security(granted: Make, unique: Callable[[str], str]) -> None:
    setup = granted("EDIT_ISSUES", "SET_ISSUE_SECURITY", lacking_also=("EDIT_ISSUES",))
    level = _security_scheme(setup, unique, setup.holder.key)
    key = setup.issue()
    body = {"fields": {"security": {"id": level}}}
    refused = setup.lacking.client.put(f"{API}/issue/{key}", json=body)
    assert refused.status_code == 400 and set(refused.json()["errors"]) == {"security"}
    assert setup.fields(key).get("security") is None
    assert setup.holder.client.put(f"{API}/issue/{key}", json=body).status_code == 204
    assert setup.fields(key)["security"]["id"] == level
    # The level now hides the issue from everyone outside it.
    assert setup.lacking.client.get(f"{API}/issue/{key}").status_code == 404
    assert setup.holder.client.get(f"{API}/issue/{key}").status_code == 200


def test_only_levels_the_caller_belongs_to_can_be_set(granted: Make, unique: Callable[[str], str]) -> None:
    setup = granted("EDIT_ISSUES", "SET_ISSUE_SECURITY")
    level = _security_scheme(setup, unique, setup.lacking.key)
    key = setup.issue()
    refused = setup.holder.client.put(f"{API}/issue/{key}", json={"fields": {"security": {"id": level}}})
    assert refused.status_code == 400
    assert refused.json()["errors"] == {"security": f"Security Level with ID '{level}' does not exist."}
    assert setup.fields(key).get("security") is None


# -- anonymous access where the scheme grants it to anyone


def test_anyone_lets_anonymous_callers_browse(admin: httpx.Client, anon: httpx.Client, unique: Callable[[str], str],
                                               unique_key: Callable[[], str]) -> None:
    grants = [*matrix_issues.administrators_keep_everything(), ("BROWSE_PROJECTS", "anyone", None)]
    scheme_id = matrix_issues.create_scheme(admin, unique("Public scheme"), grants)
    key = unique_key()
    matrix_issues.make_project(admin, key)
    assert admin.put(f"{API}/project/{key}/permissionscheme", json={"id": scheme_id}).status_code == 200
    issue = matrix_issues.make_issue(admin, key, "Public", "Task")["key"]
    shown = anon.get(f"{API}/issue/{issue}")
    assert shown.status_code == 200 and shown.json()["fields"]["summary"] == "Public"
    assert anon.get(f"{API}/project/{key}").status_code == 200
    assert key in [p["key"] for p in anon.get(f"{API}/project").json()]
    assert anon.get(f"{API}/issue/{issue}/transitions").json()["transitions"] == []
    refused = anon.put(f"{API}/issue/{issue}", json={"fields": {"summary": "Defaced"}})
    assert refused.status_code == 401
    assert admin.get(f"{API}/issue/{issue}").json()["fields"]["summary"] == "Public"

"""Our admin API: workflows as JSON/YAML documents, and workflow scheme mappings."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import httpx
import yaml

from .conftest import ADMIN_API, API

YAML = {"Content-Type": "application/yaml"}
REVIEW = {
    "description": "Work with a review",
    "statuses": ["To Do", "In Progress", "Done"],
    "initialStatus": "To Do",
    "transitions": [
        {"id": 11, "name": "Start", "from": ["To Do"], "to": "In Progress",
         "conditions": [{"type": "only_assignee"}], "postFunctions": [{"type": "assign_to_current_user"}]},
        {"id": 21, "name": "Finish", "from": ["In Progress"], "to": "Done", "screen": 2,
         "validators": [{"type": "field_required", "field": "resolution"}],
         "postFunctions": [{"type": "set_resolution"}, {"type": "update_field", "field": "priority", "value": "2"}]},
        {"id": 31, "name": "Restart", "to": "To Do",
         "conditions": [{"type": "user_in_group", "group": "JIRA-administrators"},
                        {"type": "permission", "permission": "resolve_issues"}],
         "postFunctions": [{"type": "clear_resolution"}, {"type": "assign_to_reporter"}]},
    ],
}


def _exported(name: str) -> dict[str, Any]:
    return {
        "name": name,
        "description": "Work with a review",
        "statuses": ["To Do", "In Progress", "Done"],
        "initialStatus": "To Do",
        "transitions": [
            {"id": 11, "name": "Start", "description": "", "from": ["To Do"], "to": "In Progress", "screen": None,
             "conditions": [{"type": "only_assignee"}], "validators": [],
             "postFunctions": [{"type": "assign_to_current_user"}], "properties": {}},
            {"id": 21, "name": "Finish", "description": "", "from": ["In Progress"], "to": "Done", "screen": 2,
             "conditions": [], "validators": [{"type": "field_required", "field": "resolution"}],
             "postFunctions": [{"type": "set_resolution"},
                               {"type": "update_field", "field": "priority", "value": "High"}],
             "properties": {}},
            {"id": 31, "name": "Restart", "description": "", "from": [], "to": "To Do", "screen": None,
             "conditions": [{"type": "user_in_group", "group": "jira-administrators"},
                            {"type": "permission", "permission": "RESOLVE_ISSUES"}],
             "validators": [], "postFunctions": [{"type": "clear_resolution"}, {"type": "assign_to_reporter"}],
             "properties": {}},
        ],
    }


def test_create_and_export(admin: httpx.Client, make_workflow: Callable[..., dict[str, Any]],
                           unique: Callable[[str], str]) -> None:
    name = unique("Review Flow")
    created = make_workflow(name=name, **REVIEW)
    assert created == _exported(name)
    as_json = admin.get(f"{ADMIN_API}/workflow/{name}")
    assert (as_json.status_code, as_json.json()) == (200, _exported(name))
    as_yaml = admin.get(f"{ADMIN_API}/workflow/{name}", params={"format": "yaml"})
    assert as_yaml.status_code == 200
    assert as_yaml.headers["content-type"].startswith("application/yaml")
    assert yaml.safe_load(as_yaml.text) == _exported(name)
    listed = admin.get(f"{ADMIN_API}/workflow").json()
    assert [w["steps"] for w in listed if w["name"] == name] == [3]
    assert admin.get(f"{ADMIN_API}/workflow/{name}", params={"format": "xml"}).json() == {
        "errorMessages": [], "errors": {"format": "The format must be json or yaml."}}


def test_export_the_classic_workflow(admin: httpx.Client) -> None:
    classic = admin.get(f"{ADMIN_API}/workflow/jira").json()
    assert classic["statuses"] == ["Open", "In Progress", "Reopened", "Resolved", "Closed"]
    assert classic["initialStatus"] == "Open"
    assert [(t["id"], t["name"], t["from"], t["to"]) for t in classic["transitions"]] == [
        (4, "Start Progress", ["Open", "Reopened"], "In Progress"),
        (301, "Stop Progress", ["In Progress"], "Open"),
        (5, "Resolve Issue", ["Open", "In Progress", "Reopened"], "Resolved"),
        (2, "Close Issue", ["Open", "In Progress", "Reopened"], "Closed"),
        (701, "Close Issue", ["Resolved"], "Closed"),
        (3, "Reopen Issue", ["Resolved", "Closed"], "Reopened"),
    ]
    simplified = admin.get(f"{ADMIN_API}/workflow/Software Simplified Workflow").json()
    assert simplified["transitions"][2]["postFunctions"] == [{"type": "set_resolution", "resolution": "Done"}]


def test_apply_yaml_creates_then_replaces(admin: httpx.Client, unique: Callable[[str], str]) -> None:
    name = unique("Yaml Flow")
    text = yaml.safe_dump({"name": name, **REVIEW})
    created = admin.post(f"{ADMIN_API}/workflow/apply", content=text, headers=YAML)
    assert (created.status_code, created.json()) == (201, _exported(name))
    changed = {"name": name, "statuses": ["Open", "Closed"],
               "transitions": [{"id": 7, "name": "Shut", "from": "Open", "to": "Closed"}]}
    replaced = admin.post(f"{ADMIN_API}/workflow/apply", params={"format": "yaml"},
                          content=yaml.safe_dump(changed), headers=YAML)
    assert replaced.status_code == 200
    assert yaml.safe_load(replaced.text) == {
        "name": name, "description": "", "statuses": ["Open", "Closed"], "initialStatus": "Open",
        "transitions": [{"id": 7, "name": "Shut", "description": "", "from": ["Open"], "to": "Closed",
                         "screen": None, "conditions": [], "validators": [], "postFunctions": [],
                         "properties": {}}]}
    assert admin.delete(f"{ADMIN_API}/workflow/{name}").status_code == 204
    assert admin.get(f"{ADMIN_API}/workflow/{name}").status_code == 404


def test_replace_with_put(admin: httpx.Client, make_workflow: Callable[..., dict[str, Any]]) -> None:
    name = make_workflow(**REVIEW)["name"]
    replaced = admin.put(f"{ADMIN_API}/workflow/{name}", json={"statuses": ["Done"], "description": "short"})
    assert replaced.status_code == 200
    assert replaced.json() == {"name": name, "description": "short", "statuses": ["Done"], "initialStatus": "Done",
                               "transitions": []}
    missing = admin.put(f"{ADMIN_API}/workflow/no-such-flow", json={"statuses": ["Done"]})
    assert missing.status_code == 404
    system = admin.put(f"{ADMIN_API}/workflow/jira", json={"statuses": ["Open"]})
    assert system.status_code == 400
    assert system.json()["errorMessages"] == ["The workflow 'jira' is a system workflow and cannot be changed."]
    assert len(admin.get(f"{ADMIN_API}/workflow/jira").json()["transitions"]) == 6


def test_document_errors(admin: httpx.Client, make_workflow: Callable[..., dict[str, Any]],
                         unique: Callable[[str], str]) -> None:
    taken = make_workflow()["name"]
    name = unique("Bad Flow")
    bad = {
        "name": name, "statuses": ["To Do", "Nonsense", "To Do"], "initialStatus": "Closed", "colour": "red",
        "transitions": [
            {"id": 11, "name": "A", "to": "Closed"},
            {"id": 11, "name": "B", "to": "To Do", "from": ["Open"]},
            {"id": "x", "name": "", "to": "To Do", "screen": "big",
             "conditions": [{"type": "magic"}], "validators": [{"type": "field_required"}],
             "postFunctions": [{"type": "update_field", "field": "status", "value": "1"}]},
            {"id": 12, "name": "C", "to": "To Do", "screen": 987654, "conditions": [{"type": "user_in_group", "group": "nobody-here"}],
             "postFunctions": [{"type": "set_resolution", "resolution": "Maybe"}], "properties": {"k": [1]}},
            {"id": 13, "name": "D", "conditions": [{"type": "permission", "permission": "FLY"}], "wat": 1},
        ],
    }
    refused = admin.post(f"{ADMIN_API}/workflow", json=bad)
    assert refused.status_code == 400
    assert refused.json() == {"errorMessages": [], "errors": {
        "colour": "Unknown property 'colour'.",
        "statuses[1]": "The status 'Nonsense' does not exist.",
        "statuses[2]": "The status 'To Do' is listed twice.",
        "initialStatus": "The status 'Closed' is not in the workflow.",
        "transitions[0].to": "The status 'Closed' is not in the workflow.",
        "transitions[1].id": "The transition id 11 is used twice.",
        "transitions[1].from[0]": "The status 'Open' is not in the workflow.",
        "transitions[2].id": "The transition id must be a positive whole number.",
        "transitions[2].name": "The name is required.",
        "transitions[2].screen": "The screen must be a screen id.",
        "transitions[2].conditions[0].type": "Unknown condition type 'magic'. Known types: always, only_assignee, "
                                             "only_reporter, permission, user_in_group.",
        "transitions[2].validators[0].field": "The field of a field_required validator must be a field id.",
        "transitions[2].postFunctions[0].field": "Field 'status' cannot be set by a post-function. Settable "
                                                 "fields: resolution, priority, assignee, summary, description, "
                                                 "environment.",
        "transitions[3].conditions[0].group": "Group 'nobody-here' does not exist.",
        "transitions[3].postFunctions[0].resolution": "Resolution 'Maybe' does not exist.",
        "transitions[3].properties.k": "A property value must be a text.",
        "transitions[4].wat": "Unknown property 'wat'.",
        "transitions[4].to": "The status the transition leads to is required.",
        "transitions[4].conditions[0].permission": "Unknown permission 'FLY'.",
        "transitions[3].screen": "The screen 987654 does not exist.",
    }}
    assert admin.get(f"{ADMIN_API}/workflow/{name}").status_code == 404
    duplicate = admin.post(f"{ADMIN_API}/workflow", json={"name": taken, "statuses": ["Done"]})
    assert duplicate.status_code == 400
    assert duplicate.json()["errors"] == {"name": f"A workflow with the name '{taken}' already exists."}
    assert admin.post(f"{ADMIN_API}/workflow", json={"statuses": []}).json()["errors"] == {
        "name": "The name is required.", "statuses": "A workflow needs a list of at least one status."}


def test_unreadable_bodies(admin: httpx.Client) -> None:
    broken = admin.post(f"{ADMIN_API}/workflow", content="name: [unclosed", headers=YAML)
    assert broken.status_code == 400
    assert broken.json()["errorMessages"][0].startswith("The workflow document could not be read")
    assert admin.post(f"{ADMIN_API}/workflow", content="- a\n- b\n", headers=YAML).json() == {
        "errorMessages": ["The workflow document must be an object."], "errors": {}}
    assert admin.post(f"{ADMIN_API}/workflow", content="{", headers={"Content-Type": "application/json"}
                      ).status_code == 400
    wrong_type = admin.post(f"{ADMIN_API}/workflow", content="x", headers={"Content-Type": "text/plain"})
    assert wrong_type.status_code == 415
    assert admin.post(f"{ADMIN_API}/workflow", content="", headers=YAML).json()["errorMessages"] == [
        "The workflow document must not be empty."]


def test_admin_only(anon: httpx.Client, make_user: Callable[..., Any]) -> None:
    assert anon.get(f"{ADMIN_API}/workflow").status_code == 401
    user = make_user().client
    assert user.get(f"{ADMIN_API}/workflow/jira").status_code == 403
    assert user.post(f"{ADMIN_API}/workflow", json={"name": "x", "statuses": ["Done"]}).status_code == 403
    assert user.post(f"{ADMIN_API}/workflowscheme/10000/mapping", json={"workflow": "jira"}).status_code == 403


def test_delete_refused_while_a_scheme_uses_it(admin: httpx.Client, make_workflow: Callable[..., dict[str, Any]],
                                               make_scheme: Callable[..., dict[str, Any]]) -> None:
    name = make_workflow()["name"]
    scheme = make_scheme()
    assert scheme["defaultWorkflow"] == "jira"
    assert scheme["issueTypeMappings"] == {}
    mapped = admin.post(f"{ADMIN_API}/workflowscheme/{scheme['id']}/mapping", json={"issueType": "10000",
                                                                                  "workflow": name})
    assert mapped.status_code == 200
    assert mapped.json()["issueTypeMappings"] == {"10000": name}
    refused = admin.delete(f"{ADMIN_API}/workflow/{name}")
    assert refused.status_code == 400
    assert refused.json()["errorMessages"] == [
        f"Cannot delete the workflow '{name}': it is used by the workflow scheme '{scheme['name']}'."]
    back = admin.post(f"{ADMIN_API}/workflowscheme/{scheme['id']}/mapping",
                      json={"issueType": 10000, "workflow": "Software Simplified Workflow"})
    assert back.json()["issueTypeMappings"] == {"10000": "Software Simplified Workflow"}
    as_default = admin.post(f"{ADMIN_API}/workflowscheme/{scheme['id']}/mapping", json={"workflow": name})
    assert as_default.json()["defaultWorkflow"] == name
    assert admin.delete(f"{ADMIN_API}/workflow/{name}").status_code == 400
    admin.post(f"{ADMIN_API}/workflowscheme/{scheme['id']}/mapping", json={"issueType": None, "workflow": "jira"})
    assert admin.delete(f"{ADMIN_API}/workflow/{name}").status_code == 204
    assert admin.delete(f"{ADMIN_API}/workflow/jira").status_code == 400


def test_workflow_scheme_lifecycle(admin: httpx.Client, make_project: Callable[..., dict[str, Any]],
                                  unique: Callable[[str], str]) -> None:
    name = unique("Scheme")
    created = admin.post(f"{ADMIN_API}/workflowscheme", json={"name": name, "description": "d",
                                                              "defaultWorkflow": "Software Simplified Workflow"})
    assert created.status_code == 201
    scheme = created.json()
    assert scheme == {"id": scheme["id"], "name": name, "description": "d",
                      "defaultWorkflow": "Software Simplified Workflow", "issueTypeMappings": {}, "draft": False,
                      "self": scheme["self"]}
    again = admin.post(f"{ADMIN_API}/workflowscheme", json={"name": name, "defaultWorkflow": "nope"})
    assert again.status_code == 400
    assert again.json()["errors"] == {"name": f"A workflow scheme with the name '{name}' already exists.",
                                      "defaultWorkflow": "The workflow 'nope' does not exist."}
    project = make_project(workflowSchemeId=scheme["id"])
    refused = admin.delete(f"{ADMIN_API}/workflowscheme/{scheme['id']}")
    assert refused.status_code == 400
    assert refused.json()["errorMessages"] == [
        f"Cannot delete the workflow scheme '{name}': the project {project['key']} uses it."]
    assert admin.delete(f"{API}/project/{project['key']}").status_code == 204
    assert admin.delete(f"{ADMIN_API}/workflowscheme/{scheme['id']}").status_code == 204
    assert admin.get(f"{ADMIN_API}/workflowscheme/{scheme['id']}").status_code == 404


def test_mapping_errors(admin: httpx.Client) -> None:
    before = admin.get(f"{ADMIN_API}/workflowscheme/10000").json()
    cases = [
        ({"workflow": "nope"}, {"workflow": "The workflow 'nope' does not exist."}),
        ({}, {"workflow": "The name of a workflow is required."}),
        ({"issueType": "77777", "workflow": "jira"}, {"issueType": "The issue type '77777' does not exist."}),
        ({"issueType": True, "workflow": "jira"}, {"issueType": "The issue type 'True' does not exist."}),
    ]
    for body, errors in cases:
        response = admin.post(f"{ADMIN_API}/workflowscheme/10000/mapping", json=body)
        assert (response.status_code, response.json()) == (400, {"errorMessages": [], "errors": errors})
    missing = admin.post(f"{ADMIN_API}/workflowscheme/99999/mapping", json={"workflow": "jira"})
    assert missing.status_code == 404
    assert admin.get(f"{ADMIN_API}/workflowscheme/10000").json() == before
    assert before["self"].endswith(f"{API}/workflowscheme/10000")

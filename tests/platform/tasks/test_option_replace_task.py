"""DELETE /field/{key}/option/{id}/issue runs as a task: 303 to /task/{id}, whose result lists the issues."""

from __future__ import annotations

import uuid
from typing import Any

import httpx

from tests.jobs.wait import wait_for_task

API = "/rest/api/2"
PREFIX = "com.atlassian.jira.plugin.system.customfieldtypes:"


def _setup(admin: httpx.Client) -> dict[str, Any]:
    key = "T" + uuid.uuid4().hex[:6].upper().replace("0", "Q")
    assert admin.post(f"{API}/project", json={"key": key, "name": f"Tasks {key}", "lead": "admin",
                                              "projectTypeKey": "software"}).status_code == 201
    field = admin.post(f"{API}/field", json={"name": f"Colour {key}", "type": PREFIX + "select",
                                             "searcherKey": PREFIX + "multiselectsearcher"}).json()
    assert admin.post(f"{API}/screens/addToDefault/{field['id']}").status_code in (200, 201, 204)
    red, blue = (admin.post(f"{API}/field/{field['id']}/option", json={"value": v}).json() for v in ("Red", "Blue"))
    issues = []
    for colour in (red, red, blue):
        created = admin.post(f"{API}/issue", json={"fields": {
            "project": {"key": key}, "issuetype": {"name": "Task"}, "summary": "coloured",
            field["id"]: {"id": str(colour["id"])}}})
        assert created.status_code == 201, created.text
        issues.append(created.json())
    return {"key": key, "field": field, "red": red, "blue": blue, "issues": issues}


def test_replace_option_in_issues_and_read_the_task(admin: httpx.Client) -> None:
    s = _setup(admin)
    fid, red, blue = s["field"]["id"], s["red"], s["blue"]
    response = admin.delete(f"{API}/field/{fid}/option/{red['id']}/issue",
                            params={"replaceWith": blue["id"], "jql": f"project = {s['key']}"})
    assert response.status_code == 303
    assert response.json()["status"] in ("ENQUEUED", "RUNNING", "COMPLETE")
    task = wait_for_task(admin, response.headers["Location"])
    assert task["status"] == "COMPLETE" and task["progress"] == 100
    assert task["description"] == (f"Remove option {red['id']} from issues matched by 'project = {s['key']}', "
                                   f"and replace with option {blue['id']}")
    first, second, _third = (int(i["id"]) for i in s["issues"])
    assert task["result"] == {"modifiedIssues": [first, second], "unmodifiedIssues": [],
                              "errors": {"errors": {}, "errorMessages": []}}
    for issue in s["issues"]:
        assert admin.get(f"{API}/issue/{issue['key']}").json()["fields"][fid]["value"] == "Blue"
    changelog = admin.get(f"{API}/issue/{s['issues'][0]['key']}/changelog").json()["values"][-1]["items"][0]
    assert (changelog["fromString"], changelog["toString"]) == ("Red", "Blue")


def test_remove_without_replacement_and_errors(admin: httpx.Client, make_user: Any) -> None:
    s = _setup(admin)
    fid = s["field"]["id"]
    removed = admin.delete(f"{API}/field/{fid}/option/{s['blue']['id']}/issue")
    assert removed.status_code == 303
    assert wait_for_task(admin, removed.headers["Location"])["status"] == "COMPLETE"
    assert admin.get(f"{API}/issue/{s['issues'][2]['key']}").json()["fields"][fid] is None
    assert admin.delete(f"{API}/field/{fid}/option/999999/issue").status_code == 404
    assert admin.delete(f"{API}/field/{fid}/option/{s['red']['id']}/issue",
                        params={"replaceWith": 999999}).status_code == 404
    bad_jql = admin.delete(f"{API}/field/{fid}/option/{s['red']['id']}/issue", params={"jql": "project ="})
    assert bad_jql.status_code == 400
    user = make_user("tasker")
    assert user.client.delete(f"{API}/field/{fid}/option/{s['red']['id']}/issue").status_code == 403
    task_url = removed.headers["Location"]
    assert user.client.get(task_url).status_code == 403
    assert admin.post(task_url + "/cancel").status_code == 400
    assert admin.get(f"{API}/task/987654").status_code == 404

"""Custom field values end to end: set every type through the `jira` client and read them back."""

from __future__ import annotations

from typing import Any

import httpx


def _issue(admin: httpx.Client, key: str) -> dict[str, Any]:
    response = admin.get(f"/rest/api/2/issue/{key}")
    assert response.status_code == 200, response.text
    body: dict[str, Any] = response.json()
    return body


def test_every_type_round_trips(jira: Any, admin: httpx.Client, setup: dict[str, Any], base_url: str) -> None:
    f, user = setup["fields"], setup["user"]
    child = setup["child"]
    issue = jira.create_issue(fields={
        "project": {"key": setup["key"]}, "summary": "values", "issuetype": {"name": "Task"},
        f["textfield"]: "short text", f["textarea"]: "long\ntext", f["float"]: 2.5,
        f["datepicker"]: "2024-01-31", f["datetime"]: "2024-01-31T10:20:30.000+0000",
        f["url"]: "https://example.com/x", f["select"]: {"value": "A"},
        f["multiselect"]: [{"value": "A"}, {"id": str(setup["options"]["multiselect"][1]["id"])}],
        f["radiobuttons"]: {"value": "B"}, f["multicheckboxes"]: [{"value": "B"}],
        f["cascadingselect"]: {"value": "A", "child": {"value": "A1"}},
        f["userpicker"]: {"name": user.name}, f["multiuserpicker"]: [{"name": "admin"}, {"name": user.name}],
        f["grouppicker"]: {"name": "jira-software-users"},
        f["multigrouppicker"]: [{"name": "jira-administrators"}],
        f["labels"]: ["alpha", "beta"], f["version"]: {"name": "1.0"},
        f["multiversion"]: [{"id": setup["version"]["id"]}, {"name": "2.0"}],
        f["project"]: {"key": setup["key"]},
    })
    fields = _issue(admin, issue.key)["fields"]
    opt = setup["options"]

    def option(o: dict[str, Any]) -> dict[str, Any]:
        return {"self": f"{base_url}/rest/api/2/customFieldOption/{o['id']}", "value": o["value"],
                "id": str(o["id"]), "disabled": False}

    assert fields[f["textfield"]] == "short text"
    assert fields[f["textarea"]] == "long\ntext"
    assert fields[f["float"]] == 2.5
    assert fields[f["datepicker"]] == "2024-01-31"
    assert fields[f["datetime"]] == "2024-01-31T10:20:30.000+0000"
    assert fields[f["url"]] == "https://example.com/x"
    assert fields[f["select"]] == option(opt["select"][0])
    assert fields[f["multiselect"]] == [option(o) for o in opt["multiselect"]]
    assert fields[f["radiobuttons"]] == option(opt["radiobuttons"][1])
    assert fields[f["multicheckboxes"]] == [option(opt["multicheckboxes"][1])]
    assert fields[f["cascadingselect"]] == {**option(opt["cascadingselect"][0]), "child": option(child)}
    assert fields[f["userpicker"]]["name"] == user.name
    assert [u["name"] for u in fields[f["multiuserpicker"]]] == ["admin", user.name]
    assert fields[f["grouppicker"]] == {"name": "jira-software-users",
                                        "self": f"{base_url}/rest/api/2/group?groupname=jira-software-users"}
    assert [g["name"] for g in fields[f["multigrouppicker"]]] == ["jira-administrators"]
    assert fields[f["labels"]] == ["alpha", "beta"]
    assert fields[f["version"]]["name"] == "1.0"
    assert [v["name"] for v in fields[f["multiversion"]]] == ["1.0", "2.0"]
    assert fields[f["project"]]["key"] == setup["key"]
    # The jira client exposes them as attributes too.
    read = jira.issue(issue.key)
    assert getattr(read.fields, f["select"]).value == "A"
    assert getattr(read.fields, f["float"]) == 2.5


def test_wrong_values_are_field_errors(admin: httpx.Client, setup: dict[str, Any]) -> None:
    f = setup["fields"]
    base = {"project": {"key": setup["key"]}, "summary": "bad", "issuetype": {"name": "Task"}}
    cases = [
        (f["select"], {"value": "Nope"}, "Option value 'Nope' is not valid"),
        (f["select"], {"id": "99999999"}, "Option id '99999999' is not valid"),
        (f["multiselect"], {"value": "A"}, "data was not an array"),
        (f["float"], "abc", "Operation value must be a number"),
        (f["userpicker"], {"name": "nobody-here"}, "User 'nobody-here' does not exist."),
        (f["datepicker"], "31/01/2024", "Error parsing date string: 31/01/2024"),
        (f["url"], "not a url", "Not a valid URL"),
        (f["labels"], ["has space"], "The label 'has space' contains spaces which is invalid."),
        (f["grouppicker"], {"name": "no-such-group"}, "Group 'no-such-group' does not exist."),
        (f["version"], {"name": "9.9"}, "Version name '9.9' is not valid"),
        (f["cascadingselect"], {"value": "A", "child": {"value": "Z"}},
         "Option value 'Z' is not valid for parent 'A'"),
        (f["textfield"], "x" * 256, "The entered text is too long. It exceeds the allowed limit of 255 characters."),
    ]
    for field_id, value, message in cases:
        response = admin.post("/rest/api/2/issue", json={"fields": {**base, field_id: value}})
        assert response.status_code == 400, (field_id, value)
        assert response.json()["errors"] == {field_id: message}, (field_id, value)
    search = admin.get(f"/rest/api/2/issue/{setup['key']}-1")
    assert search.status_code == 404


def test_update_verbs_and_changelog(jira: Any, admin: httpx.Client, setup: dict[str, Any]) -> None:
    f = setup["fields"]
    issue = jira.create_issue(fields={
        "project": {"key": setup["key"]}, "summary": "verbs", "issuetype": {"name": "Task"},
        f["multiselect"]: [{"value": "A"}], f["labels"]: ["one"], f["select"]: {"value": "A"},
    })
    response = admin.put(f"/rest/api/2/issue/{issue.key}", json={"update": {
        f["multiselect"]: [{"add": {"value": "B"}}, {"remove": {"value": "A"}}],
        f["labels"]: [{"add": "two"}],
    }, "fields": {f["select"]: {"value": "B"}}})
    assert response.status_code == 204, response.text
    fields = _issue(admin, issue.key)["fields"]
    assert [o["value"] for o in fields[f["multiselect"]]] == ["B"]
    assert fields[f["labels"]] == ["one", "two"]
    assert fields[f["select"]]["value"] == "B"
    log = admin.get(f"/rest/api/2/issue/{issue.key}/changelog").json()
    items = [i for h in log["values"] for i in h["items"]]
    select_item = next(i for i in items if i["fieldId"] == f["select"]) if "fieldId" in items[0] else next(
        i for i in items if i["toString"] == "B" and i["fromString"] == "A")
    assert select_item["fieldtype"] == "custom"
    assert select_item["from"] == str(setup["options"]["select"][0]["id"])
    assert select_item["to"] == str(setup["options"]["select"][1]["id"])
    # Clearing with null removes the value.
    assert admin.put(f"/rest/api/2/issue/{issue.key}", json={"fields": {f["select"]: None}}).status_code == 204
    assert _issue(admin, issue.key)["fields"][f["select"]] is None


def test_used_option_cannot_be_deleted(jira: Any, admin: httpx.Client, setup: dict[str, Any]) -> None:
    f = setup["fields"]
    jira.create_issue(fields={"project": {"key": setup["key"]}, "summary": "uses A",
                              "issuetype": {"name": "Task"}, f["select"]: {"value": "A"}})
    option = setup["options"]["select"][0]
    response = admin.delete(f"/rest/api/2/field/{f['select']}/option/{option['id']}")
    assert response.status_code == 409
    assert response.json() == {
        "errorMessages": ["The option 'A' is selected for the field in one or more issues."], "errors": {}}
    assert admin.get(f"/rest/api/2/customFieldOption/{option['id']}").status_code == 200

"""Issue constants: status categories, statuses, priorities, resolutions, issue types and link types."""

from __future__ import annotations

import httpx
import pytest

API = "/rest/api/2"


def category(base_url: str, cid: int, key: str, color: str, name: str) -> dict[str, object]:
    return {"self": f"{base_url}{API}/statuscategory/{cid}", "id": cid, "key": key, "colorName": color,
            "name": name}


def test_status_categories_are_jiras_four(admin: httpx.Client, base_url: str) -> None:
    response = admin.get(f"{API}/statuscategory")
    assert response.status_code == 200
    assert response.json() == [
        category(base_url, 1, "undefined", "medium-gray", "No Category"),
        category(base_url, 2, "new", "blue-gray", "To Do"),
        category(base_url, 3, "done", "green", "Done"),
        category(base_url, 4, "indeterminate", "yellow", "In Progress"),
    ]


@pytest.mark.parametrize("id_or_key", ["4", "indeterminate", "INDETERMINATE"])
def test_status_category_by_id_or_key(admin: httpx.Client, base_url: str, id_or_key: str) -> None:
    response = admin.get(f"{API}/statuscategory/{id_or_key}")
    assert response.status_code == 200
    assert response.json() == category(base_url, 4, "indeterminate", "yellow", "In Progress")


@pytest.mark.parametrize("id_or_key", ["99", "nope", "-1"])
def test_unknown_status_category_is_404(admin: httpx.Client, id_or_key: str) -> None:
    response = admin.get(f"{API}/statuscategory/{id_or_key}")
    assert response.status_code == 404
    assert response.json() == {
        "errorMessages": [f"The status category with id or key '{id_or_key}' does not exist"], "errors": {}}


def test_statuses_list_with_their_categories(admin: httpx.Client, base_url: str) -> None:
    response = admin.get(f"{API}/status")
    assert response.status_code == 200
    body = response.json()
    assert [(s["id"], s["name"], s["statusCategory"]["key"]) for s in body] == [
        ("1", "Open", "new"), ("3", "In Progress", "indeterminate"), ("4", "Reopened", "new"),
        ("5", "Resolved", "done"), ("6", "Closed", "done"), ("10000", "To Do", "new"), ("10001", "Done", "done"),
    ]
    assert body[0] == {
        "self": f"{base_url}{API}/status/1",
        "description": "The issue is open and ready for the assignee to start work on it.",
        "iconUrl": f"{base_url}/images/icons/statuses/open.png",
        "name": "Open",
        "id": "1",
        "statusCategory": category(base_url, 2, "new", "blue-gray", "To Do"),
    }


@pytest.mark.parametrize("id_or_name", ["3", "In Progress", "in progress", "IN PROGRESS"])
def test_status_by_id_or_name_ignoring_case(admin: httpx.Client, base_url: str, id_or_name: str) -> None:
    response = admin.get(f"{API}/status/{id_or_name}")
    assert response.status_code == 200
    assert response.json() == {
        "self": f"{base_url}{API}/status/3",
        "description": "This issue is being actively worked on at the moment by the assignee.",
        "iconUrl": f"{base_url}/images/icons/statuses/inprogress.png",
        "name": "In Progress",
        "id": "3",
        "statusCategory": category(base_url, 4, "indeterminate", "yellow", "In Progress"),
    }


@pytest.mark.parametrize("id_or_name", ["2", "Nope", "99999999999999999999999"])
def test_unknown_status_is_404(admin: httpx.Client, id_or_name: str) -> None:
    response = admin.get(f"{API}/status/{id_or_name}")
    assert response.status_code == 404
    assert response.json() == {"errorMessages": [f"The status with id '{id_or_name}' does not exist"], "errors": {}}


def test_priorities_in_their_order(admin: httpx.Client, base_url: str) -> None:
    response = admin.get(f"{API}/priority")
    assert response.status_code == 200
    expected = [
        ("1", "Highest", "#d04437", "highest.svg", "This problem will block progress."),
        ("2", "High", "#f15C75", "high.svg", "Serious problem that could block progress."),
        ("3", "Medium", "#f79232", "medium.svg", "Has the potential to affect progress."),
        ("4", "Low", "#707070", "low.svg", "Minor problem or easily worked around."),
        ("5", "Lowest", "#999999", "lowest.svg", "Trivial problem with little or no impact on progress."),
    ]
    assert response.json() == [
        {"self": f"{base_url}{API}/priority/{pid}", "statusColor": color, "description": desc,
         "iconUrl": f"{base_url}/images/icons/priorities/{icon}", "name": name, "id": pid}
        for pid, name, color, icon, desc in expected
    ]


def test_priority_by_id_and_unknown(admin: httpx.Client, base_url: str) -> None:
    response = admin.get(f"{API}/priority/2")
    assert response.status_code == 200
    assert response.json()["name"] == "High"
    assert response.json()["self"] == f"{base_url}{API}/priority/2"
    for bad in ("42", "high"):
        missing = admin.get(f"{API}/priority/{bad}")
        assert missing.status_code == 404
        assert missing.json() == {"errorMessages": [f"The priority with id '{bad}' does not exist"], "errors": {}}


def test_resolutions(admin: httpx.Client, base_url: str) -> None:
    response = admin.get(f"{API}/resolution")
    assert response.status_code == 200
    body = response.json()
    assert [(r["id"], r["name"]) for r in body] == [
        ("10000", "Done"), ("10001", "Won't Do"), ("10002", "Duplicate"), ("10003", "Cannot Reproduce")]
    assert body[1] == {"self": f"{base_url}{API}/resolution/10001", "id": "10001",
                       "description": "This issue won't be actioned.", "name": "Won't Do"}
    one = admin.get(f"{API}/resolution/10000")
    assert one.status_code == 200
    assert one.json() == {"self": f"{base_url}{API}/resolution/10000", "id": "10000",
                          "description": "Work has been completed on this issue.", "name": "Done"}
    missing = admin.get(f"{API}/resolution/1")
    assert missing.status_code == 404
    assert missing.json() == {"errorMessages": ["The resolution with id '1' does not exist"], "errors": {}}


def test_issue_types(admin: httpx.Client, base_url: str) -> None:
    response = admin.get(f"{API}/issuetype")
    assert response.status_code == 200
    body = response.json()
    assert [(t["id"], t["name"], t["subtask"], t["avatarId"]) for t in body] == [
        ("1", "Bug", False, 10303), ("2", "New Feature", False, 10311), ("3", "Task", False, 10318),
        ("4", "Improvement", False, 10310), ("5", "Sub-task", True, 10316), ("10000", "Epic", False, 10307),
        ("10001", "Story", False, 10315),
    ]
    one = admin.get(f"{API}/issuetype/5")
    assert one.status_code == 200
    assert one.json() == {
        "self": f"{base_url}{API}/issuetype/5",
        "id": "5",
        "description": "The sub-task of the issue",
        "iconUrl": f"{base_url}/secure/viewavatar?size=xsmall&avatarId=10316&avatarType=issuetype",
        "name": "Sub-task",
        "subtask": True,
        "avatarId": 10316,
    }
    missing = admin.get(f"{API}/issuetype/77")
    assert missing.status_code == 404
    assert missing.json() == {"errorMessages": ["The issue type with id '77' does not exist"], "errors": {}}


def test_issue_link_types(admin: httpx.Client, base_url: str) -> None:
    response = admin.get(f"{API}/issueLinkType")
    assert response.status_code == 200
    expected = [("10000", "Blocks", "is blocked by", "blocks"), ("10001", "Cloners", "is cloned by", "clones"),
                ("10002", "Duplicate", "is duplicated by", "duplicates"),
                ("10003", "Relates", "relates to", "relates to")]
    assert response.json() == {"issueLinkTypes": [
        {"id": i, "name": n, "inward": inw, "outward": out, "self": f"{base_url}{API}/issueLinkType/{i}"}
        for i, n, inw, out in expected
    ]}
    one = admin.get(f"{API}/issueLinkType/10002")
    assert one.status_code == 200
    assert one.json() == {"id": "10002", "name": "Duplicate", "inward": "is duplicated by",
                          "outward": "duplicates", "self": f"{base_url}{API}/issueLinkType/10002"}
    missing = admin.get(f"{API}/issueLinkType/5")
    assert missing.status_code == 404
    assert missing.json() == {"errorMessages": ["No issue link type with id '5' found."], "errors": {}}


def test_issue_link_types_are_404_while_issue_linking_is_disabled(admin: httpx.Client) -> None:
    url = f"{API}/application-properties/jira.option.issuelinking"
    assert admin.put(url, json={"id": "jira.option.issuelinking", "value": "false"}).status_code == 200
    try:
        for path in ("issueLinkType", "issueLinkType/10000"):
            response = admin.get(f"{API}/{path}")
            assert response.status_code == 404
            assert response.json() == {"errorMessages": ["Issue linking is currently disabled."], "errors": {}}
    finally:
        assert admin.put(url, json={"id": "jira.option.issuelinking", "value": "true"}).status_code == 200
    assert admin.get(f"{API}/issueLinkType").status_code == 200


@pytest.mark.parametrize("path", [
    "statuscategory", "statuscategory/1", "status", "status/1", "priority", "priority/1", "resolution",
    "resolution/10000", "issuetype", "issuetype/1", "issueLinkType", "issueLinkType/10000",
])
def test_anonymous_callers_are_refused(anon: httpx.Client, path: str) -> None:
    response = anon.get(f"{API}/{path}")
    assert response.status_code == 401
    assert response.json() == {
        "errorMessages": ["You are not authenticated. Authentication required to perform this operation."],
        "errors": {},
    }


def test_constants_are_read_only(admin: httpx.Client) -> None:
    for path in ("status/1", "priority/1", "resolution/10000", "statuscategory/1"):
        response = admin.delete(f"{API}/{path}")
        assert response.status_code == 405
        assert response.json() == {"errorMessages": ["Method DELETE is not allowed for this resource."],
                                   "errors": {}}

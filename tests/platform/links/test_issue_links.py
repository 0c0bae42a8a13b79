"""Linking issues: create (with a comment), read, delete, and the `issuelinks` field on both issues."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import httpx

from tests import conftest
from tests.platform.links.conftest import API, IssueRef, linking_disabled

BLOCKS = {"id": "10000", "name": "Blocks", "inward": "is blocked by", "outward": "blocks"}


def _link(admin: httpx.Client, source: IssueRef, destination: IssueRef, **extra: Any) -> httpx.Response:
    body = {"type": {"name": "Blocks"}, "inwardIssue": {"key": source.key}, "outwardIssue": {"key": destination.key},
            **extra}
    return admin.post(f"{API}/issueLink", json=body)


def _ref(base_url: str, issue: IssueRef, summary: str) -> dict[str, Any]:
    api = f"{base_url}{API}"
    return {"id": issue.id, "key": issue.key, "self": f"{api}/issue/{issue.id}", "fields": {
        "summary": summary,
        "status": {"self": f"{api}/status/1", "name": "Open", "id": "1",
                   "description": "The issue is open and ready for the assignee to start work on it.",
                   "iconUrl": f"{base_url}/images/icons/statuses/open.png", "statusCategory": {
                       "self": f"{api}/statuscategory/2", "id": 2, "key": "new", "colorName": "blue-gray",
                       "name": "To Do"}},
        "priority": {"self": f"{api}/priority/3", "statusColor": "#f79232", "name": "Medium", "id": "3",
                     "description": "Has the potential to affect progress.",
                     "iconUrl": f"{base_url}/images/icons/priorities/medium.svg"},
        "issuetype": {"self": f"{api}/issuetype/3", "id": "3", "description": "A task that needs to be done.",
                      "iconUrl": f"{base_url}/secure/viewavatar?size=xsmall&avatarId=10318&avatarType=issuetype",
                      "name": "Task", "subtask": False, "avatarId": 10318}}}


def _links_of(admin: httpx.Client, issue: IssueRef) -> list[dict[str, Any]]:
    response = admin.get(f"{API}/issue/{issue.key}", params={"fields": "issuelinks"})
    assert response.status_code == 200
    links: list[dict[str, Any]] = response.json()["fields"]["issuelinks"]
    return links


def test_link_issues_and_see_the_link_on_both_sides(admin: httpx.Client, base_url: str,
                                                    make_issues: Callable[[int], list[IssueRef]]) -> None:
    first, second = make_issues(2)
    created = _link(admin, first, second)
    assert created.status_code == 201 and created.content == b""
    link_id = created.headers["location"].rsplit("/", 1)[1]
    assert created.headers["location"] == f"{base_url}{API}/issueLink/{link_id}"
    link_type = {**BLOCKS, "self": f"{base_url}{API}/issueLinkType/10000"}
    fetched = admin.get(f"{API}/issueLink/{link_id}")
    assert fetched.status_code == 200
    first_ref, second_ref = _ref(base_url, first, "Task 1"), _ref(base_url, second, "Task 2")
    assert fetched.json() == {"id": link_id, "self": f"{base_url}{API}/issueLink/{link_id}", "type": link_type,
                              "inwardIssue": first_ref, "outwardIssue": second_ref}
    entry = {"id": link_id, "self": f"{base_url}{API}/issueLink/{link_id}", "type": link_type}
    assert _links_of(admin, first) == [{**entry, "outwardIssue": second_ref}]
    assert _links_of(admin, second) == [{**entry, "inwardIssue": first_ref}]
    again = _link(admin, first, second)
    assert again.status_code == 201 and again.headers["location"] == created.headers["location"]
    deleted = admin.delete(f"{API}/issueLink/{link_id}")
    assert deleted.status_code == 204 and deleted.content == b""
    assert admin.get(f"{API}/issueLink/{link_id}").json() == {
        "errorMessages": [f"No issue link with id '{link_id}' exists."], "errors": {}}
    assert _links_of(admin, first) == [] and _links_of(admin, second) == []


def test_links_by_id_and_in_search(admin: httpx.Client, make_issues: Callable[[int], list[IssueRef]]) -> None:
    first, second, third = make_issues(3)
    body = {"type": {"id": "10002"}, "inwardIssue": {"id": first.id}, "outwardIssue": {"id": second.id}}
    assert admin.post(f"{API}/issueLink", json=body).status_code == 201
    assert _link(admin, third, first).status_code == 201
    links = _links_of(admin, first)
    assert [(link["type"]["name"], link.get("outwardIssue", {}).get("key"), link.get("inwardIssue", {}).get("key"))
            for link in links] == [("Duplicate", second.key, None), ("Blocks", None, third.key)]
    found = admin.post(f"{API}/search", json={"jql": f"key in ({first.key}, {second.key}, {third.key}) ORDER BY key",
                                              "fields": ["issuelinks"]})
    assert found.status_code == 200, found.text
    counts = {i["key"]: len(i["fields"]["issuelinks"]) for i in found.json()["issues"]}
    assert counts == {first.key: 2, second.key: 1, third.key: 1}


def test_link_with_a_comment_on_the_inward_issue(admin: httpx.Client,
                                                 make_issues: Callable[[int], list[IssueRef]]) -> None:
    first, second = make_issues(2)
    comment = {"body": "Linked!", "visibility": {"type": "group", "value": "jira-administrators"}}
    assert _link(admin, first, second, comment=comment).status_code == 201
    comments = admin.get(f"{API}/issue/{first.key}/comment").json()["comments"]
    assert [(c["body"], c["visibility"]) for c in comments] == [("Linked!", comment["visibility"])]
    assert admin.get(f"{API}/issue/{second.key}/comment").json()["total"] == 0


def test_bad_links_are_refused_and_write_nothing(admin: httpx.Client,
                                                 make_issues: Callable[[int], list[IssueRef]]) -> None:
    first, second = make_issues(2)
    bad_comment = _link(admin, first, second, comment={"body": "x", "visibility": {"type": "group",
                                                                                   "value": "no-such-group"}})
    assert bad_comment.status_code == 400
    assert bad_comment.json() == {"errorMessages": [], "errors": {"commentLevel": "Group: no-such-group does not exist."}}
    assert _link(admin, first, second, comment={"body": " "}).json()["errors"] == {
        "comment": "Comment body can not be empty!"}
    assert _link(admin, first, first).json() == {"errorMessages": ["You cannot link an issue to itself."],
                                                 "errors": {}}
    unknown_type = admin.post(f"{API}/issueLink", json={"type": {"name": "Nope"}, "inwardIssue": {"key": first.key},
                                                        "outwardIssue": {"key": second.key}})
    assert unknown_type.status_code == 404
    assert unknown_type.json()["errorMessages"] == ["No issue link type with name 'Nope' found."]
    missing_issue = _link(admin, first, IssueRef("0", "NOPE-1"))
    assert missing_issue.status_code == 404
    no_type = admin.post(f"{API}/issueLink", json={"inwardIssue": {"key": first.key},
                                                   "outwardIssue": {"key": second.key}})
    assert no_type.status_code == 400
    assert no_type.json()["errors"] == {"issuelinks": "The issue link type must be given by id or name."}
    no_issue = admin.post(f"{API}/issueLink", json={"type": {"name": "Blocks"}, "inwardIssue": {"key": first.key}})
    assert no_issue.json()["errors"] == {"outwardIssue": "The outwardIssue must be given by id or key."}
    assert admin.post(f"{API}/issueLink", json=[1]).status_code == 400
    assert _links_of(admin, first) == [] and _links_of(admin, second) == []
    assert admin.get(f"{API}/issue/{first.key}/comment").json()["total"] == 0
    assert admin.get(f"{API}/issueLink/abc").status_code == 400
    assert admin.get(f"{API}/issueLink/99999999").status_code == 404
    assert admin.delete(f"{API}/issueLink/99999999").status_code == 404


def test_links_need_login_and_issue_linking(admin: httpx.Client, anon: httpx.Client,
                                            make_user: Callable[..., conftest.TestUser],
                                            make_issues: Callable[[int], list[IssueRef]]) -> None:
    first, second = make_issues(2)
    link_url = _link(admin, first, second).headers["location"]
    assert anon.get(link_url).status_code == 401
    assert anon.delete(link_url).status_code == 401
    assert anon.post(f"{API}/issueLink", json={}).status_code == 401
    assert make_user().client.get(link_url).status_code == 200
    with linking_disabled(admin):
        for response in (admin.get(link_url), admin.delete(link_url), _link(admin, second, first)):
            assert response.status_code == 404
            assert response.json() == {"errorMessages": ["Issue linking is currently disabled."], "errors": {}}
    assert len(_links_of(admin, first)) == 1


def test_deleting_an_issue_removes_its_links(admin: httpx.Client,
                                             make_issues: Callable[[int], list[IssueRef]]) -> None:
    first, second = make_issues(2)
    link_url = _link(admin, first, second).headers["location"]
    assert admin.delete(f"{API}/issue/{second.key}").status_code == 204
    assert admin.get(link_url).status_code == 404
    assert _links_of(admin, first) == []


def test_links_are_in_the_changelog_of_both_issues(admin: httpx.Client,
                                                   make_issues: Callable[[int], list[IssueRef]]) -> None:
    first, second = make_issues(2)
    link_url = _link(admin, first, second).headers["location"]
    assert admin.delete(link_url).status_code == 204

    def items(issue: IssueRef) -> list[dict[str, Any]]:
        histories = admin.get(f"{API}/issue/{issue.key}/changelog").json()["values"]
        return [item for history in histories for item in history["items"] if item["field"] == "Link"]

    assert items(first) == [
        {"field": "Link", "fieldtype": "jira", "from": None, "fromString": None, "to": second.key,
         "toString": f"This issue blocks {second.key}"},
        {"field": "Link", "fieldtype": "jira", "from": second.key, "fromString": f"This issue blocks {second.key}",
         "to": None, "toString": None}]
    assert [item["toString"] or item["fromString"] for item in items(second)] == [
        f"This issue is blocked by {first.key}"] * 2

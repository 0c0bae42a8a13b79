"""Comments restricted to a group or a project role: validation on write, enforcement on read."""

from __future__ import annotations

from typing import Any

import httpx

from tests.platform.comments.conftest import API, IssueRef, add_role_actor

USERS_ROLE = 10000  # no default actors (every new user is a Developer through jira-software-users)


def _ids(client: httpx.Client, issue: IssueRef) -> list[str]:
    response = client.get(issue.comments)
    assert response.status_code == 200
    body = response.json()
    assert body["total"] == len(body["comments"])
    return [c["id"] for c in body["comments"]]


def _issue_field_ids(client: httpx.Client, issue: IssueRef) -> list[str]:
    field = client.get(f"{API}/issue/{issue.key}", params={"fields": "comment"}).json()["fields"]["comment"]
    assert field["total"] == len(field["comments"])
    return [c["id"] for c in field["comments"]]


def test_group_restriction(admin: httpx.Client, make_user: Any, make_group: Any, issue: IssueRef) -> None:
    member, outsider = make_user(), make_user()
    group = make_group(member.name)
    public = member.client.post(issue.comments, json={"body": "everyone"}).json()
    created = member.client.post(issue.comments, json={"body": "members only",
                                                       "visibility": {"type": "group", "value": group.upper()}})
    assert created.status_code == 201
    secret = created.json()
    assert secret["visibility"] == {"type": "group", "value": group}
    assert list(secret)[-1] == "visibility"
    assert _ids(member.client, issue) == [public["id"], secret["id"]]
    assert member.client.get(secret["self"]).json() == secret
    # Outsiders, and administrators outside the group (as in Jira), do not see it at all.
    for client in (outsider.client, admin):
        assert _ids(client, issue) == [public["id"]]
        assert _issue_field_ids(client, issue) == [public["id"]]
        hidden = client.get(secret["self"])
        assert hidden.status_code == 404
        assert hidden.json() == {"errorMessages": [f"Can not find a comment for the id: {secret['id']}."],
                                 "errors": {}}
        assert client.put(secret["self"], json={"body": "x"}).status_code == 404
        assert client.delete(secret["self"]).status_code == 404
        assert client.get(f"{API}/comment/{secret['id']}/properties").status_code == 404
    assert _issue_field_ids(member.client, issue) == [public["id"], secret["id"]]
    assert member.client.get(secret["self"]).json()["body"] == "members only"


def test_role_restriction_through_user_and_group_actors(admin: httpx.Client, make_user: Any, make_group: Any,
                                                        issue: IssueRef) -> None:
    direct, via_group, outsider = make_user(), make_user(), make_user()
    add_role_actor(admin, issue.project_key, USERS_ROLE, user=direct.name)
    add_role_actor(admin, issue.project_key, USERS_ROLE, group=make_group(via_group.name))
    created = direct.client.post(issue.comments, json={"body": "devs", "visibility": {"type": "role",
                                                                                      "value": "users"}})
    assert created.status_code == 201
    secret = created.json()
    assert secret["visibility"] == {"type": "role", "value": "Users"}
    assert _ids(direct.client, issue) == [secret["id"]]
    assert _ids(via_group.client, issue) == [secret["id"]]
    assert via_group.client.get(secret["self"]).status_code == 200
    assert _ids(outsider.client, issue) == []
    assert outsider.client.get(secret["self"]).status_code == 404
    # The lead (admin) is in Administrators of this project, not Users.
    assert _ids(admin, issue) == []
    admins_only = admin.post(issue.comments, json={"body": "admins", "visibility": {"type": "role",
                                                                                    "value": "Administrators"}})
    assert admins_only.status_code == 201
    assert _ids(admin, issue) == [admins_only.json()["id"]]
    assert _ids(direct.client, issue) == [secret["id"]]


def test_role_membership_is_per_project(admin: httpx.Client, make_user: Any, make_issue: Any) -> None:
    first, second = make_issue(), make_issue()
    dev = make_user()
    add_role_actor(admin, first.project_key, USERS_ROLE, user=dev.name)
    assert dev.client.post(first.comments, json={"body": "ok", "visibility": {"type": "role", "value": "Users"}}
                           ).status_code == 201
    refused = dev.client.post(second.comments, json={"body": "no", "visibility": {"type": "role",
                                                                                  "value": "Users"}})
    assert refused.status_code == 400
    assert _ids(dev.client, second) == []


def test_visibility_validation_writes_nothing(admin: httpx.Client, make_user: Any, make_group: Any,
                                              issue: IssueRef) -> None:
    user = make_user()
    foreign_group = make_group()
    cases = [
        ({"type": "group", "value": "no-such-group-x"}, "Group: no-such-group-x does not exist."),
        ({"type": "group", "value": foreign_group}, f"You are currently not a member of the group: {foreign_group}."),
        ({"type": "role", "value": "No Such Role"}, "You are currently not a member of the project role: No Such Role."),
        ({"type": "role", "value": "Users"}, "You are currently not a member of the project role: Users."),
        ({"type": "planet", "value": "x"}, "The visibility type must be 'group' or 'role'."),
        ({"value": "x"}, "The visibility type must be 'group' or 'role'."),
        ("group", "The visibility type must be 'group' or 'role'."),
        ({"type": "group"}, "The group to restrict the comment to must be given."),
        ({"type": "role", "value": " "}, "The role to restrict the comment to must be given."),
    ]
    for visibility, message in cases:
        response = user.client.post(issue.comments, json={"body": "x", "visibility": visibility})
        assert response.status_code == 400, visibility
        assert response.json() == {"errorMessages": [], "errors": {"commentLevel": message}}
    assert _ids(admin, issue) == []
    assert _ids(user.client, issue) == []


def test_edit_changes_or_keeps_visibility(admin: httpx.Client, make_user: Any, make_group: Any,
                                          issue: IssueRef) -> None:
    author, outsider = make_user(), make_user()
    group = make_group(author.name)
    comment = author.client.post(issue.comments, json={"body": "open"}).json()
    restricted = author.client.put(comment["self"], json={"body": "closed",
                                                          "visibility": {"type": "group", "value": group}})
    assert restricted.status_code == 200 and restricted.json()["visibility"] == {"type": "group", "value": group}
    assert outsider.client.get(comment["self"]).status_code == 404
    kept = author.client.put(comment["self"], json={"body": "still closed"}).json()
    assert kept["visibility"] == {"type": "group", "value": group}
    bad = author.client.put(comment["self"], json={"body": "x", "visibility": {"type": "group", "value": "zzz-none"}})
    assert bad.status_code == 400
    assert author.client.get(comment["self"]).json() == kept
    opened = author.client.put(comment["self"], json={"body": "open again", "visibility": None}).json()
    assert "visibility" not in opened
    assert outsider.client.get(comment["self"]).json()["body"] == "open again"

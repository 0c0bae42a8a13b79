"""The permission matrix's helpers for an issue's sub-resources (comments, worklogs, attachments, links,
remote links, watchers, votes) and for shared filters and dashboards.

The project and its scheme come from matrix_issues.granted: a scheme granting chosen permissions to one user
(the holder) and not to another (the lacking user); the administrator keeps every permission through the
Administrators role, sets things up and re-reads what a refused request must have left unchanged.
"""

from __future__ import annotations

from typing import Any

import httpx

from tests.conftest import TestUser
from tests.platform.permissions.matrix_issues import API

XSRF = {"X-Atlassian-Token": "no-check"}
USERS_ROLE = 10000
APPLICATION_GROUPS = ("jira-software-users", "jira-servicedesk-users", "jira-administrators")


def refusal(message: str) -> dict[str, Any]:
    return {"errorMessages": [message], "errors": {}}


def comment(client: httpx.Client, issue_key: str, body: str = "A comment", **extra: Any) -> dict[str, Any]:
    response = client.post(f"{API}/issue/{issue_key}/comment", json={"body": body, **extra})
    assert response.status_code == 201, response.text
    created: dict[str, Any] = response.json()
    return created


def comment_bodies(admin: httpx.Client, issue_key: str) -> list[str]:
    response = admin.get(f"{API}/issue/{issue_key}/comment")
    assert response.status_code == 200, response.text
    return [c["body"] for c in response.json()["comments"]]


def worklog(client: httpx.Client, issue_key: str, spent: str = "1h") -> dict[str, Any]:
    response = client.post(f"{API}/issue/{issue_key}/worklog", json={"timeSpent": spent})
    assert response.status_code == 201, response.text
    created: dict[str, Any] = response.json()
    return created


def worklog_spent(admin: httpx.Client, issue_key: str) -> list[int]:
    response = admin.get(f"{API}/issue/{issue_key}/worklog")
    assert response.status_code == 200, response.text
    return [w["timeSpentSeconds"] for w in response.json()["worklogs"]]


def upload(client: httpx.Client, issue_key: str, name: str = "notes.txt") -> httpx.Response:
    return client.post(f"{API}/issue/{issue_key}/attachments", headers=XSRF,
                       files=[("file", (name, b"some notes", "text/plain"))])


def attachment_names(admin: httpx.Client, issue_key: str) -> list[str]:
    response = admin.get(f"{API}/issue/{issue_key}", params={"fields": "attachment"})
    assert response.status_code == 200, response.text
    return [a["filename"] for a in response.json()["fields"]["attachment"]]


def link_body(source: str, destination: str) -> dict[str, Any]:
    return {"type": {"name": "Blocks"}, "inwardIssue": {"key": source}, "outwardIssue": {"key": destination}}


def linked_keys(client: httpx.Client, issue_key: str) -> list[str]:
    response = client.get(f"{API}/issue/{issue_key}", params={"fields": "issuelinks"})
    assert response.status_code == 200, response.text
    return sorted((link.get("outwardIssue") or link.get("inwardIssue"))["key"]
                  for link in response.json()["fields"]["issuelinks"])


def remote_link_titles(admin: httpx.Client, issue_key: str) -> list[str]:
    response = admin.get(f"{API}/issue/{issue_key}/remotelink")
    assert response.status_code == 200, response.text
    return [link["object"]["title"] for link in response.json()]


def watcher_names(admin: httpx.Client, issue_key: str) -> list[str]:
    response = admin.get(f"{API}/issue/{issue_key}/watchers")
    assert response.status_code == 200, response.text
    return sorted(w["name"] for w in response.json()["watchers"])


def add_role_actor(admin: httpx.Client, project_key: str, role_id: int, user: TestUser) -> None:
    response = admin.post(f"{API}/project/{project_key}/role/{role_id}", json={"user": [user.name]})
    assert response.status_code == 200, response.text


def without_application_access(admin: httpx.Client, user: TestUser) -> None:
    """Takes the user out of every group that grants an application (and so Create Shared Objects)."""
    groups = admin.get(f"{API}/user", params={"username": user.name, "expand": "groups"}).json()["groups"]["items"]
    for group in groups:
        if group["name"] in APPLICATION_GROUPS:
            removed = admin.delete(f"{API}/group/user", params={"groupname": group["name"], "username": user.name})
            assert removed.status_code == 200, removed.text

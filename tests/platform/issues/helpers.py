"""Shared steps of the issue tests: projects to put issues in, issues created over HTTP."""

from __future__ import annotations

from typing import Any

import httpx

SCRUM = "com.pyxis.greenhopper.jira:gh-scrum-template"


def make_project(admin: httpx.Client, key: str, *, template: bool = False, **extra: Any) -> dict[str, Any]:
    body: dict[str, Any] = {"key": key, "name": f"Project {key}", "projectTypeKey": "software", "lead": "admin",
                            **extra}
    if template:
        body["projectTemplateKey"] = SCRUM
    response = admin.post("/rest/api/2/project", json=body)
    assert response.status_code == 201, response.text
    created: dict[str, Any] = admin.get(f"/rest/api/2/project/{key}").json()
    return created


def make_issue(client: httpx.Client, project_key: str, summary: str = "Something broke",
               issuetype: str = "Bug", **fields: Any) -> dict[str, Any]:
    body = {"fields": {"project": {"key": project_key}, "summary": summary, "issuetype": {"name": issuetype},
                       **fields}}
    response = client.post("/rest/api/2/issue", json=body)
    assert response.status_code == 201, response.text
    result: dict[str, Any] = response.json()
    return result


def get_fields(client: httpx.Client, key: str, **params: str) -> dict[str, Any]:
    response = client.get(f"/rest/api/2/issue/{key}", params=params)
    assert response.status_code == 200, response.text
    fields: dict[str, Any] = response.json()["fields"]
    return fields


def changelog_items(client: httpx.Client, key: str) -> list[dict[str, Any]]:
    response = client.get(f"/rest/api/2/issue/{key}/changelog")
    assert response.status_code == 200, response.text
    return [item for history in response.json()["values"] for item in history["items"]]

"""Protocol conventions shared by every endpoint: errors, unknown routes, serverInfo identity."""

from __future__ import annotations

import re

import httpx


def test_server_info_reports_a_jira_server_8_identity(anon: httpx.Client, base_url: str) -> None:
    response = anon.get("/rest/api/2/serverInfo")
    assert response.status_code == 200
    body = response.json()
    assert body["deploymentType"] == "Server"
    assert body["versionNumbers"][0] == 8
    assert body["baseUrl"] == base_url
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}[+-]\d{4}", body["serverTime"])


def test_server_info_health_check_runs_against_the_database(anon: httpx.Client) -> None:
    body = anon.get("/rest/api/2/serverInfo", params={"doHealthCheck": "true"}).json()
    assert body["healthChecks"] == [
        {"name": "database", "description": "The database answers queries.", "passed": True}
    ]


def test_unknown_resource_is_a_jira_style_404(admin: httpx.Client) -> None:
    response = admin.get("/rest/api/2/no-such-thing")
    assert response.status_code == 404
    assert set(response.json()) == {"errorMessages", "errors"}


def test_jira_client_connects(jira) -> None:  # type: ignore[no-untyped-def]
    info = jira.server_info()
    assert info["deploymentType"] == "Server"
    assert jira.current_user() == "admin"


def test_self_links_of_issue_constants_resolve(admin: httpx.Client) -> None:
    for path in ("statuscategory", "status", "priority", "resolution", "issuetype"):
        for item in admin.get(f"/rest/api/2/{path}").json():
            again = admin.get(item["self"])
            assert again.status_code == 200, item["self"]
            assert again.json() == item
    for link_type in admin.get("/rest/api/2/issueLinkType").json()["issueLinkTypes"]:
        assert admin.get(link_type["self"]).json() == link_type


def test_errors_name_the_caller_and_use_the_jira_format(admin: httpx.Client, anon: httpx.Client) -> None:
    missing = admin.get("/rest/api/2/status/no-such-status")
    assert missing.status_code == 404
    assert missing.headers["X-AUSERNAME"] == "admin"
    assert missing.headers["Content-Type"] == "application/json;charset=UTF-8"
    refused = anon.get("/rest/api/2/status")
    assert refused.status_code == 401
    assert refused.headers["X-AUSERNAME"] == "anonymous"
    assert set(refused.json()) == {"errorMessages", "errors"}

"""serverInfo: the reported identity, its title from the jira.title application property."""

from __future__ import annotations

import re

import httpx

API = "/rest/api/2"


def set_title(admin: httpx.Client, value: str) -> httpx.Response:
    return admin.put(f"{API}/application-properties/jira.title", json={"id": "jira.title", "value": value})


def test_server_info_shape(anon: httpx.Client, base_url: str) -> None:
    response = anon.get(f"{API}/serverInfo")
    assert response.status_code == 200
    body = response.json()
    assert list(body) == ["baseUrl", "version", "versionNumbers", "deploymentType", "buildNumber", "buildDate",
                          "serverTime", "scmInfo", "serverTitle"]
    assert body["baseUrl"] == base_url
    assert body["version"] == "8.20.0" and body["versionNumbers"] == [8, 20, 0]
    assert body["deploymentType"] == "Server" and body["buildNumber"] == 820000
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}[+-]\d{4}", body["buildDate"])
    assert body["serverTitle"] == "Jira"
    assert response.headers["X-AUSERNAME"] == "anonymous"


def test_server_title_follows_jira_title(admin: httpx.Client, anon: httpx.Client, unique) -> None:  # type: ignore[no-untyped-def]
    title = unique("Acme Tracker")
    try:
        response = set_title(admin, f"  {title} ")
        assert response.status_code == 200
        assert response.json()["value"] == title
        assert anon.get(f"{API}/serverInfo").json()["serverTitle"] == title
        assert admin.get(f"{API}/application-properties", params={"key": "jira.title"}).json()["value"] == title
    finally:
        assert set_title(admin, "Jira").status_code == 200
    assert anon.get(f"{API}/serverInfo").json()["serverTitle"] == "Jira"


def test_refused_title_changes_leave_server_title_alone(admin: httpx.Client, anon: httpx.Client,
                                                        make_user) -> None:  # type: ignore[no-untyped-def]
    empty = set_title(admin, "")
    assert empty.status_code == 400
    assert empty.json() == {"errorMessages": [], "errors": {"value": "The application title must not be empty."}}
    too_long = set_title(admin, "x" * 256)
    assert too_long.status_code == 400
    assert set_title(anon, "Hacked").status_code == 401
    assert set_title(make_user("title").client, "Hacked").status_code == 403
    assert anon.get(f"{API}/serverInfo").json()["serverTitle"] == "Jira"


def test_clients_read_server_info(jira, base_url: str, admin: httpx.Client) -> None:  # type: ignore[no-untyped-def]
    from atlassian import Jira

    try:
        assert set_title(admin, "Client Title").status_code == 200
        info = jira.server_info()
        assert (info["serverTitle"], info["versionNumbers"], info["baseUrl"]) == ("Client Title", [8, 20, 0],
                                                                                 base_url)
        client = Jira(url=base_url, username="admin", password="admin", cloud=False)
        checked = client.get_server_info(do_health_check=True)
        assert checked["serverTitle"] == "Client Title"
        assert checked["healthChecks"][0]["passed"] is True
    finally:
        assert set_title(admin, "Jira").status_code == 200

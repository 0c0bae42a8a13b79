"""The base URL, the default issue navigator columns and the global configuration."""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import pytest

from tests.harness import RunningServer

API = "/rest/api/2"
NOT_ADMIN = {"errorMessages": ["You are not authorized to perform this operation. Please log in."], "errors": {}}
NOT_LOGGED_IN = {"errorMessages": ["You are not authenticated. Authentication required to perform this operation."],
                 "errors": {}}
DEFAULT_COLUMNS = [
    {"label": "Issue Type", "value": "issuetype"}, {"label": "Key", "value": "issuekey"},
    {"label": "Summary", "value": "summary"}, {"label": "Assignee", "value": "assignee"},
    {"label": "Reporter", "value": "reporter"}, {"label": "Priority", "value": "priority"},
    {"label": "Status", "value": "status"}, {"label": "Resolution", "value": "resolution"},
    {"label": "Created", "value": "created"}, {"label": "Updated", "value": "updated"},
    {"label": "Due Date", "value": "duedate"},
]


def set_property(admin: httpx.Client, key: str, value: str) -> None:
    response = admin.put(f"{API}/application-properties/{key}", json={"id": key, "value": value})
    assert response.status_code == 200, response.text


# The base URL


@pytest.fixture
def localhost_url(server: RunningServer, admin: httpx.Client) -> Iterator[str]:
    """The server's own address under another name, so concurrent self links keep resolving; reset after."""
    try:
        yield f"http://localhost:{server.port}"
    finally:
        set_property(admin, "jira.baseurl", "")


def test_base_url_changes_self_links_at_once(admin: httpx.Client, base_url: str, localhost_url: str) -> None:
    response = admin.put(f"{API}/settings/baseUrl", json=localhost_url + "/")
    assert response.status_code == 204
    assert response.content == b""
    assert admin.get(f"{API}/serverInfo").json()["baseUrl"] == localhost_url
    assert admin.get(f"{API}/status/1").json()["self"] == f"{localhost_url}{API}/status/1"
    stored = admin.get(f"{API}/application-properties", params={"key": "jira.baseurl"}).json()
    assert stored["value"] == localhost_url
    set_property(admin, "jira.baseurl", "")
    assert admin.get(f"{API}/serverInfo").json()["baseUrl"] == base_url
    assert admin.get(f"{API}/priority/1").json()["self"] == f"{base_url}{API}/priority/1"


def test_base_url_as_plain_text(admin: httpx.Client, localhost_url: str) -> None:
    response = admin.put(f"{API}/settings/baseUrl", content=localhost_url.encode(),
                         headers={"Content-Type": "text/plain"})
    assert response.status_code == 204
    assert admin.get(f"{API}/serverInfo").json()["baseUrl"] == localhost_url


@pytest.mark.parametrize(("body", "message"), [
    ('"ftp://example.com"', "The base URL 'ftp://example.com' is not valid: it must be an absolute http or https "
                            "URL, such as https://jira.example.com."),
    ('"/jira"', "The base URL '/jira' is not valid: it must be an absolute http or https URL, such as "
                "https://jira.example.com."),
    ("http://exa mple.com", "The base URL 'http://exa mple.com' is not valid: it must be an absolute http or https "
                            "URL, such as https://jira.example.com."),
    ("http://example.com:port", "The base URL 'http://example.com:port' is not valid: the port is not a number."),
    ('""', "You must specify the base URL, such as https://jira.example.com."),
    ("", "You must specify the base URL, such as https://jira.example.com."),
    ('"unterminated', "The request body is not a valid JSON string."),
])
def test_invalid_base_urls_are_refused(admin: httpx.Client, base_url: str, body: str, message: str) -> None:
    response = admin.put(f"{API}/settings/baseUrl", content=body.encode(),
                         headers={"Content-Type": "application/json"})
    assert response.status_code == 400
    assert response.json() == {"errorMessages": [message], "errors": {}}
    assert admin.get(f"{API}/serverInfo").json()["baseUrl"] == base_url


def test_base_url_needs_an_administrator(anon: httpx.Client, make_user, base_url: str) -> None:  # type: ignore[no-untyped-def]
    refused = anon.put(f"{API}/settings/baseUrl", json="http://evil.example.com")
    assert refused.status_code == 401
    assert refused.json() == NOT_LOGGED_IN
    forbidden = make_user("baseurl").client.put(f"{API}/settings/baseUrl", json="http://evil.example.com")
    assert forbidden.status_code == 403
    assert forbidden.json() == NOT_ADMIN
    assert anon.get(f"{API}/serverInfo").json()["baseUrl"] == base_url


# The default issue navigator columns


@pytest.fixture
def restore_columns(admin: httpx.Client) -> Iterator[None]:
    try:
        yield
    finally:
        set_property(admin, "jira.table.cols.navigator", ", ".join(c["value"] for c in DEFAULT_COLUMNS))


def test_default_columns(admin: httpx.Client) -> None:
    response = admin.get(f"{API}/settings/columns")
    assert response.status_code == 200
    assert response.json() == DEFAULT_COLUMNS


def test_set_columns_as_form_fields(admin: httpx.Client, restore_columns: None) -> None:
    response = admin.put(f"{API}/settings/columns", data={"columns": ["summary", "issuekey", "summary", "labels"]})
    assert response.status_code == 200
    assert admin.get(f"{API}/settings/columns").json() == [
        {"label": "Summary", "value": "summary"}, {"label": "Key", "value": "issuekey"},
        {"label": "Labels", "value": "labels"}]


def test_set_columns_as_json(admin: httpx.Client, base_url: str, restore_columns: None) -> None:
    assert admin.put(f"{API}/settings/columns", json=["status", "fixVersions"]).status_code == 200
    assert admin.get(f"{API}/settings/columns").json() == [
        {"label": "Status", "value": "status"}, {"label": "Fix Version/s", "value": "fixVersions"}]
    from atlassian import Jira

    client = Jira(url=base_url, username="admin", password="admin", cloud=False)
    client.put("rest/api/2/settings/columns", data=["issuekey", "summary"])
    assert [c["value"] for c in client.get("rest/api/2/settings/columns")] == ["issuekey", "summary"]


@pytest.mark.parametrize(("kwargs", "body"), [
    ({"json": ["summary", "nonsense"]}, {"errorMessages": [], "errors": {
        "columns": "The field 'nonsense' is not a navigable field."}}),
    ({"json": []}, {"errorMessages": [], "errors": {"columns": "You must specify at least one column."}}),
    ({"data": {"other": "x"}}, {"errorMessages": [], "errors": {"columns": "You must specify at least one column."}}),
    ({"json": [1, 2]}, {"errorMessages": [], "errors": {
        "columns": "Each column must be the id of a field, such as 'summary'."}}),
    ({"json": {"summary": True}}, {"errorMessages": [
        "The columns must be form fields 'columns' or a JSON list of field ids."], "errors": {}}),
    ({"content": b"[oops", "headers": {"Content-Type": "application/json"}}, {"errorMessages": [
        "The columns must be form fields 'columns' or a JSON list of field ids."], "errors": {}}),
])
def test_invalid_columns_are_refused(admin: httpx.Client, kwargs: dict[str, object], body: dict[str, object]) -> None:
    response = admin.put(f"{API}/settings/columns", **kwargs)  # type: ignore[arg-type]
    assert response.status_code == 400
    assert response.json() == body
    assert admin.get(f"{API}/settings/columns").json() == DEFAULT_COLUMNS


def test_columns_need_an_administrator(anon: httpx.Client, make_user) -> None:  # type: ignore[no-untyped-def]
    assert anon.get(f"{API}/settings/columns").json() == NOT_LOGGED_IN
    assert anon.put(f"{API}/settings/columns", json=["summary"]).status_code == 401
    client = make_user("columns").client
    for response in (client.get(f"{API}/settings/columns"), client.put(f"{API}/settings/columns", json=["summary"])):
        assert response.status_code == 403
        assert response.json() == NOT_ADMIN


# The global configuration


def test_configuration_defaults(admin: httpx.Client) -> None:
    response = admin.get(f"{API}/configuration")
    assert response.status_code == 200
    assert response.json() == {
        "votingEnabled": True, "watchingEnabled": True, "unassignedIssuesAllowed": False, "subTasksEnabled": True,
        "issueLinkingEnabled": True, "timeTrackingEnabled": True, "attachmentsEnabled": True,
        "timeTrackingConfiguration": {"workingHoursPerDay": 8.0, "workingDaysPerWeek": 5.0, "timeFormat": "pretty",
                                      "defaultUnit": "minute"},
    }


def test_configuration_follows_the_properties(admin: httpx.Client) -> None:
    changes = {"jira.option.voting": "false", "jira.option.allowunassigned": "true",
               "jira.timetracking.hours.per.day": "7.5", "jira.timetracking.days.per.week": "4",
               "jira.timetracking.format": "hours", "jira.timetracking.default.unit": "hour"}
    try:
        for key, value in changes.items():
            set_property(admin, key, value)
        body = admin.get(f"{API}/configuration").json()
        assert (body["votingEnabled"], body["unassignedIssuesAllowed"]) == (False, True)
        assert body["timeTrackingConfiguration"] == {"workingHoursPerDay": 7.5, "workingDaysPerWeek": 4.0,
                                                     "timeFormat": "hours", "defaultUnit": "hour"}
        set_property(admin, "jira.option.timetracking", "false")
        body = admin.get(f"{API}/configuration").json()
        assert body["timeTrackingEnabled"] is False
        assert "timeTrackingConfiguration" not in body
    finally:
        defaults = {"jira.option.voting": "true", "jira.option.allowunassigned": "false",
                    "jira.timetracking.hours.per.day": "8", "jira.timetracking.days.per.week": "5",
                    "jira.timetracking.format": "pretty", "jira.timetracking.default.unit": "minute",
                    "jira.option.timetracking": "true"}
        for key, value in defaults.items():
            set_property(admin, key, value)


def test_configuration_is_for_logged_in_users(anon: httpx.Client, make_user) -> None:  # type: ignore[no-untyped-def]
    refused = anon.get(f"{API}/configuration")
    assert refused.status_code == 401
    assert refused.json() == NOT_LOGGED_IN
    response = make_user("config").client.get(f"{API}/configuration")
    assert response.status_code == 200
    assert response.json()["watchingEnabled"] is True

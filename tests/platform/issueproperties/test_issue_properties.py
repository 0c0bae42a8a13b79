"""Issue entity properties: list keys, get, set (201/200), delete, and ?properties= on GET issue."""

from __future__ import annotations

from collections.abc import Callable

import httpx
import pytest

API = "/rest/api/2"


@pytest.fixture
def issue_key(admin: httpx.Client, unique_key: Callable[[], str]) -> str:
    key = unique_key()
    project = admin.post(f"{API}/project", json={"key": key, "name": key, "projectTypeKey": "software",
                                                 "lead": "admin"})
    assert project.status_code == 201, project.text
    issue = admin.post(f"{API}/issue", json={"fields": {"project": {"key": key}, "summary": "Props",
                                                        "issuetype": {"name": "Task"}}})
    assert issue.status_code == 201, issue.text
    return str(issue.json()["key"])


def test_set_get_list_delete(admin: httpx.Client, issue_key: str, base_url: str) -> None:
    url = f"{API}/issue/{issue_key}/properties"
    assert admin.get(url).json() == {"keys": []}
    value = {"hipchat.room.id": "support-123", "support.time": "1m", "n": [1, 2.5, None, True]}
    assert admin.put(f"{url}/issue.support", json=value).status_code == 201
    assert admin.put(f"{url}/issue.support", json={"replaced": True}).status_code == 200
    assert admin.put(f"{url}/a.first", json="text").status_code == 201
    assert admin.get(url).json() == {"keys": [
        {"self": f"{base_url}{url}/a.first", "key": "a.first"},
        {"self": f"{base_url}{url}/issue.support", "key": "issue.support"},
    ]}
    assert admin.get(f"{url}/issue.support").json() == {"key": "issue.support", "value": {"replaced": True}}
    issue_id = admin.get(f"{API}/issue/{issue_key}", params={"fields": "summary"}).json()["id"]
    assert admin.get(f"{API}/issue/{issue_id}/properties/a.first").json() == {"key": "a.first", "value": "text"}
    assert admin.delete(f"{url}/a.first").status_code == 204
    missing = admin.get(f"{url}/a.first")
    assert missing.status_code == 404
    assert missing.json() == {"errorMessages": ["The property with key 'a.first' does not exist."], "errors": {}}
    assert admin.delete(f"{url}/a.first").status_code == 404
    assert [k["key"] for k in admin.get(url).json()["keys"]] == ["issue.support"]


def test_properties_on_get_issue(admin: httpx.Client, issue_key: str) -> None:
    url = f"{API}/issue/{issue_key}/properties"
    for key, value in (("a", 1), ("b", {"x": "y"}), ("c", [3])):
        assert admin.put(f"{url}/{key}", json=value).status_code == 201
    issue = admin.get(f"{API}/issue/{issue_key}", params={"properties": "a,b", "fields": "summary"}).json()
    assert issue["properties"] == {"a": 1, "b": {"x": "y"}}
    everything = admin.get(f"{API}/issue/{issue_key}", params={"properties": "*all,-b"}).json()
    assert everything["properties"] == {"a": 1, "c": [3]}


def test_bad_values_store_nothing(admin: httpx.Client, issue_key: str) -> None:
    url = f"{API}/issue/{issue_key}/properties"
    headers = {"Content-Type": "application/json"}
    empty = admin.put(f"{url}/k", content=b"", headers=headers)
    assert (empty.status_code, empty.json()["errorMessages"]) == (400, ["The property value must not be empty."])
    broken = admin.put(f"{url}/k", content=b"{oops", headers=headers)
    assert broken.status_code == 400
    assert broken.json()["errorMessages"][0].startswith("The property value is not valid JSON")
    big = admin.put(f"{url}/k", json="x" * 40000)
    assert big.json() == {"errorMessages": ["The property value cannot be longer than 32768 characters."],
                          "errors": {}}
    long_key = admin.put(f"{url}/{'k' * 256}", json=1)
    assert long_key.json() == {"errorMessages": ["The property key cannot be longer than 255 characters."],
                               "errors": {}}
    assert admin.get(url).json() == {"keys": []}


def test_unknown_issue_and_anonymous(admin: httpx.Client, anon: httpx.Client, issue_key: str) -> None:
    gone = f"{API}/issue/NOPE-999999/properties"
    for method, path in (("GET", gone), ("GET", f"{gone}/k"), ("PUT", f"{gone}/k"), ("DELETE", f"{gone}/k")):
        response = admin.request(method, path, json=1 if method == "PUT" else None)
        assert response.status_code == 404, (method, path)
        assert response.json() == {"errorMessages": ["Issue Does Not Exist"], "errors": {}}
    url = f"{API}/issue/{issue_key}/properties"
    assert anon.get(url).status_code == 401
    assert anon.put(f"{url}/k", json=1).status_code == 401
    assert admin.get(url).json() == {"keys": []}


def test_deleting_the_issue_removes_its_properties(admin: httpx.Client, issue_key: str) -> None:
    url = f"{API}/issue/{issue_key}/properties"
    assert admin.put(f"{url}/k", json=1).status_code == 201
    assert admin.delete(f"{API}/issue/{issue_key}").status_code == 204
    assert admin.get(url).status_code == 404


def test_jira_client(jira, issue_key: str) -> None:  # type: ignore[no-untyped-def]
    response = jira.add_issue_property(issue_key, "client.prop", {"answer": 42})
    assert response.status_code == 201
    prop = jira.issue_property(issue_key, "client.prop")
    assert prop.key == "client.prop" and prop.value.answer == 42
    assert [p.key for p in jira.issue_properties(issue_key)] == ["client.prop"]
    assert jira.add_issue_property(issue_key, "client.prop", [1]).status_code == 200
    assert jira.issue_property(issue_key, "client.prop").raw["value"] == [1]


def test_atlassian_client(base_url: str, issue_key: str) -> None:
    from atlassian import Jira

    client = Jira(url=base_url, username="admin", password="admin")
    client.set_issue_property(issue_key, "atl.prop", {"a": [1, 2]})
    assert client.get_issue_property(issue_key, "atl.prop") == {"key": "atl.prop", "value": {"a": [1, 2]}}
    assert [k["key"] for k in client.get_issue_property_keys(issue_key)["keys"]] == ["atl.prop"]
    client.delete_issue_property(issue_key, "atl.prop")
    assert client.get_issue_property_keys(issue_key) == {"keys": []}

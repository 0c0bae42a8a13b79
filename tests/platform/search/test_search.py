"""Search: JQL over real issues, through GET and POST /rest/api/2/search and the `jira` client."""

from __future__ import annotations

import httpx
import pytest

from tests.platform.search.conftest import API, Corpus


def keys(admin: httpx.Client, jql: str, **params: object) -> list[str]:
    response = admin.get(f"{API}/search", params={"jql": jql, **params})
    assert response.status_code == 200, response.text
    return [issue["key"] for issue in response.json()["issues"]]


def test_structured_clauses(admin: httpx.Client, corpus: Corpus) -> None:
    k, (login, migration, dark, crash) = corpus.key, corpus.keys
    scoped = f"project = {k} AND "
    assert keys(admin, f"project = {k} ORDER BY key") == [login, migration, dark, crash]
    assert keys(admin, scoped + "priority = High") == [login]
    assert keys(admin, scoped + "priority > Medium ORDER BY priority") == [crash, login]
    assert keys(admin, scoped + "priority in (Low, Lowest)") == [migration]
    assert keys(admin, scoped + "issuetype = Bug") == [crash]
    assert keys(admin, scoped + "type in (Story, Bug) ORDER BY key") == [dark, crash]
    assert keys(admin, scoped + f"assignee = {corpus.user}") == [login]
    assert keys(admin, scoped + "assignee = currentUser()") == [crash]
    assert keys(admin, scoped + "assignee is EMPTY ORDER BY key") == [migration, dark]
    assert keys(admin, scoped + "labels = urgent") == [login]
    assert keys(admin, scoped + "labels is empty ORDER BY key") == [dark, crash]
    assert keys(admin, scoped + "component = Backend") == [login]
    assert keys(admin, scoped + 'fixVersion = "2.0"') == [migration]
    assert keys(admin, scoped + "fixVersion in releasedVersions()") == [login]
    assert keys(admin, scoped + "due < 2031-01-01") == [migration]
    assert keys(admin, scoped + "resolution = Unresolved ORDER BY key") == [login, migration, dark, crash]
    assert keys(admin, scoped + "statusCategory = \"To Do\" ORDER BY key") == [login, migration, dark, crash]
    assert keys(admin, scoped + f"key > {login} AND key <= {dark} ORDER BY key") == [migration, dark]
    assert keys(admin, scoped + "created > -1d ORDER BY key") == [login, migration, dark, crash]
    assert keys(admin, scoped + "created < startOfDay(-1)") == []


def test_not_equal_never_matches_empty_but_not_is_a_complement(admin: httpx.Client, corpus: Corpus) -> None:
    k, (login, migration, dark, crash) = corpus.key, corpus.keys
    assert keys(admin, f"project = {k} AND assignee != admin") == [login]
    assert keys(admin, f"project = {k} AND labels != urgent") == [migration]
    assert keys(admin, f"project = {k} AND labels not in (urgent)") == [migration]
    assert keys(admin, f"project = {k} AND NOT assignee = admin ORDER BY key") == [login, migration, dark]
    assert keys(admin, f"project = {k} AND NOT labels = urgent ORDER BY key") == [migration, dark, crash]


def test_text_search(admin: httpx.Client, corpus: Corpus) -> None:
    k, (login, migration, _dark, crash) = corpus.key, corpus.keys
    assert keys(admin, f'project = {k} AND summary ~ "crash*" ORDER BY key') == [login, crash]
    assert keys(admin, f'project = {k} AND text ~ "nightly"') == [migration]
    assert keys(admin, f'project = {k} AND summary ~ "login crashes"') == [login]
    assert keys(admin, f'project = {k} AND summary !~ "crash*" ORDER BY key') == [migration, corpus.keys[2]]


def test_paging_total_and_post(admin: httpx.Client, corpus: Corpus) -> None:
    page = admin.post(f"{API}/search", json={"jql": f"project = {corpus.key} ORDER BY key", "startAt": 1,
                                             "maxResults": 2, "fields": ["summary", "priority"]})
    assert page.status_code == 200
    body = page.json()
    assert (body["startAt"], body["maxResults"], body["total"]) == (1, 2, 4)
    assert [i["key"] for i in body["issues"]] == corpus.keys[1:3]
    assert set(body["issues"][0]["fields"]) == {"summary", "priority"}
    capped = admin.get(f"{API}/search", params={"jql": f"project = {corpus.key}", "maxResults": 5000})
    assert capped.json()["maxResults"] == 1000


def test_names_and_schema_expansion(admin: httpx.Client, corpus: Corpus) -> None:
    body = admin.get(f"{API}/search", params={"jql": f"project = {corpus.key}", "fields": "summary",
                                              "expand": "names,schema"}).json()
    assert body["names"] == {"summary": "Summary"}
    assert body["schema"]["summary"]["type"] == "string"


@pytest.mark.parametrize(("jql", "message"), [
    ("project = ", "Error in the JQL Query: Expecting either a value, list or function before the end of the query."),
    ("nosuchfield = 1", "Field 'nosuchfield' does not exist or you do not have permission to view it."),
    ("summary = x", "The operator '=' is not supported by the 'summary' field."),
    ("project = NOSUCHPROJ", "The value 'NOSUCHPROJ' does not exist for the field 'project'."),
    ("project in ABC", "Operator 'in' does not support the non-list value 'ABC' for field 'project'."),
    ("created > yesterdayish", "Date value 'yesterdayish' for field 'created' is invalid. Valid formats include: "
     "'yyyy/MM/dd HH:mm', 'yyyy-MM-dd HH:mm', 'yyyy/MM/dd', 'yyyy-MM-dd', or a period format e.g. '-5d', '4w 2d'."),
    ("assignee in membersOf(nosuchgroup)", "Function 'membersOf' can not generate a list of usernames for group "
     "'nosuchgroup'; the group does not exist."),
])
def test_bad_queries_are_400_in_jiras_words(admin: httpx.Client, jql: str, message: str) -> None:
    response = admin.get(f"{API}/search", params={"jql": jql})
    assert response.status_code == 400
    assert response.json() == {"errorMessages": [message], "errors": {}}


def test_warn_turns_unknown_values_into_warnings(admin: httpx.Client, corpus: Corpus) -> None:
    body = admin.get(f"{API}/search", params={"jql": f"project = {corpus.key} AND priority = Bogus",
                                              "validateQuery": "warn"}).json()
    assert body["total"] == 0
    assert body["warningMessages"] == ["The value 'Bogus' does not exist for the field 'priority'."]


def test_jira_client_search(jira, corpus: Corpus) -> None:  # type: ignore[no-untyped-def]
    found = jira.search_issues(f"project = {corpus.key} ORDER BY key", maxResults=False, fields="summary")
    assert [i.key for i in found] == corpus.keys
    assert found[0].fields.summary == "Login page crashes on submit"
    one_page = jira.search_issues(f"project = {corpus.key} ORDER BY key", startAt=2, maxResults=1)
    assert [i.key for i in one_page] == [corpus.keys[2]] and one_page.total == 4


def test_anonymous_search_is_refused(anon: httpx.Client) -> None:
    assert anon.get(f"{API}/search", params={"jql": ""}).status_code == 401


def test_user_history_and_role_functions(admin: httpx.Client, corpus: Corpus) -> None:
    k, (login, migration, dark, crash) = corpus.key, corpus.keys
    assert admin.put(f"{API}/issue/{dark}", json={"fields": {"summary": "Add dark mode everywhere"}}).status_code == 204
    assert keys(admin, f"project = {k} AND issue in updatedBy(admin)") == [dark]
    assert keys(admin, f"project = {k} AND issue in updatedBy(admin, \"-1d\")") == [dark]
    assert keys(admin, f"project = {k} AND issue in updatedBy(admin, \"-3d\", \"-2d\")") == []
    assert keys(admin, f"project = {k} AND issue in updatedBy({corpus.user})") == []
    # The lead joins the project's Administrators role when a project is created.
    assert keys(admin, f"project in projectsWhereUserHasRole(Administrators) AND key = {login}") == [login]
    with httpx.Client(base_url=str(admin.base_url)) as session:
        assert session.post("/rest/auth/1/session", json={"username": "admin", "password": "admin"}).status_code == 200
    assert keys(admin, f"project = {k} AND created <= currentLogin() ORDER BY key") == [login, migration, dark, crash]
    assert keys(admin, f"project = {k} AND created > currentLogin()") == []

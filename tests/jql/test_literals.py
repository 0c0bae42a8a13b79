"""How system fields read literals and EMPTY, after Jira's TestSystemFieldLiterals matrix."""

from __future__ import annotations

import uuid
from collections.abc import Iterator

import httpx
import pytest

API = "/rest/api/2"


@pytest.fixture(scope="module")
def project(admin: httpx.Client) -> Iterator[tuple[str, str, str]]:
    key = "L" + uuid.uuid4().hex[:7].upper().replace("0", "Q")
    created = admin.post(f"{API}/project", json={"key": key, "name": f"Literals {key}", "lead": "admin",
                                                 "projectTypeKey": "software"})
    assert created.status_code == 201, created.text
    keys = []
    for fields in ({"summary": "described", "description": "some words"}, {"summary": "bare"}):
        issue = admin.post(f"{API}/issue", json={"fields": {"project": {"key": key}, "issuetype": {"name": "Task"},
                                                            **fields}})
        assert issue.status_code == 201, issue.text
        keys.append(issue.json()["key"])
    yield key, keys[0], keys[1]
    admin.delete(f"{API}/project/{key}")


def search(admin: httpx.Client, jql: str) -> httpx.Response:
    return admin.post(f"{API}/search", json={"jql": jql, "fields": ["key"]})


@pytest.mark.parametrize(("clause", "expected"), [
    ("summary ~ EMPTY", ""),  # allowed, and a summary is never empty
    ("summary is EMPTY", ""),
    ("description ~ EMPTY", "b"),  # "~ EMPTY" is "IS EMPTY"
    ("description !~ EMPTY", "a"),
    ("description is EMPTY", "b"),
    ("environment ~ EMPTY", "ab"),
    ("project = EMPTY", ""),
    ("project != EMPTY", "ab"),
    ("status = EMPTY", ""),
    ("type = EMPTY", ""),
    ("issuetype in (EMPTY, Task)", "ab"),
    ("issue = EMPTY", ""),
    ("key is not EMPTY", "ab"),
    ("created = EMPTY", ""),
    ("updated is not EMPTY", "ab"),
    ("created > 1242604510000", "ab"),  # a bare number is milliseconds since 1970
    ("created < 1242604510000", ""),
    ("created < '1d'", "ab"),
    ("due = EMPTY", "ab"),
])
def test_literals_and_empty(admin: httpx.Client, project: tuple[str, str, str], clause: str, expected: str) -> None:
    key, a, b = project
    response = search(admin, f"project = {key} AND {clause} ORDER BY key")
    assert response.status_code == 200, (clause, response.text)
    names = {a: "a", b: "b"}
    assert "".join(names[i["key"]] for i in response.json()["issues"]) == expected


@pytest.mark.parametrize(("clause", "message"), [
    ("text ~ EMPTY", "The field 'text' does not support searching for EMPTY values."),
    ("comment ~ EMPTY", "The field 'comment' does not support searching for EMPTY values."),
    ("parent = EMPTY", "The field 'parent' does not support searching for EMPTY values."),
    ("savedFilter = EMPTY", "The field 'savedFilter' does not support searching for EMPTY values."),
    ("votes = '-3'", "Value '-3' is invalid for the 'votes' field. Votes must be a positive whole number."),
    ("votes = ''", "Value '' is invalid for the 'votes' field. Votes must be a positive whole number."),
    ("votes = -3", "Value '-3' is invalid for the 'votes' field. Votes must be a positive whole number."),
    ("votes = EMPTY", "Value 'EMPTY' is invalid for the 'votes' field. Votes must be a positive whole number."),
    ("watchers > x", "Value 'x' is invalid for the 'watchers' field. Watches must be a positive whole number."),
    ("due = 'dd'", "Date value 'dd' for field 'due' is invalid. Valid formats include: 'YYYY/MM/DD', 'YYYY-MM-DD', "
                   "or a period format e.g. '-5d', '4w 2d'."),
    ("due = ''", "Date value '' for field 'due' is invalid. Valid formats include: 'YYYY/MM/DD', 'YYYY-MM-DD', "
                 "or a period format e.g. '-5d', '4w 2d'."),
    ("created < '14/May/09'", "Date value '14/May/09' for field 'created' is invalid. Valid formats include: "
                              "'yyyy/MM/dd HH:mm', 'yyyy-MM-dd HH:mm', 'yyyy/MM/dd', 'yyyy-MM-dd', or a period format "
                              "e.g. '-5d', '4w 2d'."),
    ("created < '1242604510000'", "Date value '1242604510000' for field 'created' is invalid. Valid formats "
                                  "include: 'yyyy/MM/dd HH:mm', 'yyyy-MM-dd HH:mm', 'yyyy/MM/dd', 'yyyy-MM-dd', or a "
                                  "period format e.g. '-5d', '4w 2d'."),
    ("created > EMPTY", "The operator '>' does not support searching for EMPTY values."),
    ("assignee = bogus()", "Unable to find JQL function 'bogus()'."),
    # An unquoted number is an id; quoted it is a name.
    ("status = 666", "A value with ID '666' does not exist for the field 'status'."),
    ("status = '666'", "The value '666' does not exist for the field 'status'."),
    ("priority in (High, 666)", "A value with ID '666' does not exist for the field 'priority'."),
    ("resolution = 'Bad String'", "The value 'Bad String' does not exist for the field 'resolution'."),
    ("fixVersion = 666", "A value with ID '666' does not exist for the field 'fixVersion'."),
    ("assignee = standardIssueTypes()", "Unable to find JQL function 'standardIssueTypes()' for the field "
                                        "'assignee'."),
    # Jira's own history-search validation tests (TestJqlParsing).
    ('status = "Open" by admin', 'The EQUALS operator does not support the use of the by "admin" predicate.'),
    ("status in (Open) after -1d", "The IN operator does not support the use of the after \"-1d\" predicate."),
    ("assignee is EMPTY by admin", 'The IS operator does not support the use of the by "admin" predicate.'),
    ('fixVersion changed 4 by "I can type complete rubbish here"', "The CHANGED operator does not support the use "
     "of values without predicates. You must prefix the 4 value with a suitable predicate."),
    ("status changed from fred", "The value 'fred' does not exist for the field 'status'."),
    ('status changed after "20/12/10"', "Date value '20/12/10' for predicate 'after' is invalid. Valid formats "
     "include: 'yyyy/MM/dd HH:mm', 'yyyy-MM-dd HH:mm', 'yyyy/MM/dd', 'yyyy-MM-dd', or a period format e.g. '-5d', "
     "'4w 2d'."),
    ("status changed after currentUser()", "A date for the predicate 'after' provided by the function 'currentUser' "
     "is not valid."),
    ("status changed before (11, 12)", "The BEFORE predicate must be supplied with only 1 date value."),
    ("status changed during 11", "The DURING predicate must be supplied with exactly 2 date values."),
    ("status was Open during (-1d, -2d, -3d)", "The DURING predicate must be supplied with exactly 2 date values."),
    ("assignee changed by bogus()", "Unable to find JQL function 'bogus()'."),
    ("assignee was bogus()", "Unable to find JQL function 'bogus()'."),
    ('status was Reopened by currentUser() AFTER startOfDay("invalid")', "Duration for function 'startOfDay' "
     "should have the format (+/-)n(yMwdm), e.g -1M for 1 month earlier."),
    ('status was Reopened by currentUser() AFTER now("invalid")', "Function 'now' expected '0' arguments but "
     "received '1'."),
    ('status changed AFTER startOfDay("invalid")', "Duration for function 'startOfDay' should have the format "
     "(+/-)n(yMwdm), e.g -1M for 1 month earlier."),
    ('status changed AFTER now("invalid")', "Function 'now' expected '0' arguments but received '1'."),
    ("due <= NULL", "The operator '<=' does not support searching for EMPTY values."),
])
def test_refused_literals(admin: httpx.Client, project: tuple[str, str, str], clause: str, message: str) -> None:
    response = search(admin, f"project = {project[0]} AND {clause}")
    assert response.status_code == 400, (clause, response.text)
    assert response.json() == {"errorMessages": [message], "errors": {}}

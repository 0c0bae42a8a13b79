"""JQL over time tracking: originalEstimate, remainingEstimate, timeSpent (with Jira's aliases) and workRatio."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from dataclasses import dataclass

import httpx
import pytest

API = "/rest/api/2"


@dataclass
class Tracked:
    project: str
    a: str  # estimate 1h, nothing logged
    b: str  # estimate 2h, 3h logged (remaining 0, ratio 150)
    c: str  # estimate 1d (8h), 2h logged (remaining 6h, ratio 25)
    d: str  # no time tracking at all
    e: str  # estimate 1w (40h)


def _issue(admin: httpx.Client, project: str, summary: str, original: str | None = None,
           logged: str | None = None) -> str:
    fields: dict[str, object] = {"project": {"key": project}, "summary": summary, "issuetype": {"name": "Task"}}
    if original:
        fields["timetracking"] = {"originalEstimate": original}
    created = admin.post(f"{API}/issue", json={"fields": fields})
    assert created.status_code == 201, created.text
    key = str(created.json()["key"])
    if logged:
        worklog = admin.post(f"{API}/issue/{key}/worklog", json={"timeSpent": logged})
        assert worklog.status_code == 201, worklog.text
    return key


@pytest.fixture(scope="module")
def tracked(admin: httpx.Client) -> Iterator[Tracked]:
    project = "T" + uuid.uuid4().hex[:7].upper().replace("0", "Q")
    created = admin.post(f"{API}/project", json={"key": project, "name": f"Time {project}", "lead": "admin",
                                                 "projectTypeKey": "software"})
    assert created.status_code == 201, created.text
    yield Tracked(project, _issue(admin, project, "a", "1h"), _issue(admin, project, "b", "2h", "3h"),
                  _issue(admin, project, "c", "1d", "2h"), _issue(admin, project, "d"),
                  _issue(admin, project, "e", "1w"))
    admin.delete(f"{API}/project/{project}")


def found(admin: httpx.Client, tracked: Tracked, clause: str) -> list[str]:
    response = admin.post(f"{API}/search", json={"jql": f"project = {tracked.project} AND {clause}",
                                                 "fields": ["key"], "maxResults": 100})
    assert response.status_code == 200, (clause, response.text)
    names = {getattr(tracked, n): n for n in "abcde"}
    return sorted(names[issue["key"]] for issue in response.json()["issues"])


@pytest.mark.parametrize(("clause", "expected"), [
    ("originalEstimate = 1h", "a"),
    ("originalEstimate = 60", "a"),  # a bare number is in the default unit, minutes
    ("originalEstimate = '60'", "a"),
    ('originalEstimate = "1h 0m"', "a"),
    ("originalEstimate = 1d", "c"),  # a day is the configured 8 working hours
    ("originalEstimate = 1w", "e"),  # a week is 5 working days
    ("originalEstimate = 480", "c"),
    ("originalEstimate > 2h", "ce"),
    ("originalEstimate >= 2h", "bce"),
    ("originalEstimate < 2h", "a"),
    ("originalEstimate <= '1w'", "abce"),
    ("originalEstimate != 1h", "bce"),  # != never matches an empty value
    ("originalEstimate is EMPTY", "d"),
    ("originalEstimate is not EMPTY", "abce"),
    ("originalEstimate = EMPTY", "d"),
    ("originalEstimate != NULL", "abce"),
    ("originalEstimate in (1h, 2h)", "ab"),
    ("originalEstimate in (1h, EMPTY)", "ad"),
    ("originalEstimate not in (1h, 2h)", "ce"),
    ("not originalEstimate = 1h", "bcde"),
    ("timeoriginalestimate = 2h", "b"),
    ("timeSpent = 3h", "b"),
    ("timespent = 120", "c"),
    ("timeSpent > 2h", "b"),
    ('timeSpent >= "1w 2d"', ""),
    ("timeSpent is EMPTY", "ade"),
    ("timeSpent is not EMPTY", "bc"),
    ("remainingEstimate = 0", "b"),
    ("remainingEstimate = 0m", "b"),
    ("timeestimate = 6h", "c"),
    ("remainingEstimate > 5h", "ce"),
    ("remainingEstimate is EMPTY", "d"),
    ("workratio = 0", "ae"),
    ("workRatio = 25", "c"),
    ("workratio > 100", "b"),
    ("workratio >= 0", "abce"),
    ("workratio < 26", "ace"),
    ("workratio in (25, 150)", "bc"),
    ("workratio != 0", "bc"),
    ("workratio is EMPTY", "d"),
    ("workratio is not EMPTY", "abce"),
    ("workratio > -1", "abce"),
])
def test_time_tracking_clauses(admin: httpx.Client, tracked: Tracked, clause: str, expected: str) -> None:
    assert found(admin, tracked, clause) == sorted(expected)


def ordered(admin: httpx.Client, tracked: Tracked, order: str) -> str:
    response = admin.get(f"{API}/search", params={"jql": f"project = {tracked.project} ORDER BY {order}",
                                                  "fields": "key"})
    assert response.status_code == 200, response.text
    names = {getattr(tracked, n): n for n in "abcde"}
    return "".join(names[issue["key"]] for issue in response.json()["issues"])


def test_order_by_durations_and_work_ratio(admin: httpx.Client, tracked: Tracked) -> None:
    assert ordered(admin, tracked, "originalEstimate ASC") == "abced"  # empty values last going up
    assert ordered(admin, tracked, "originalEstimate DESC") == "decba"
    assert ordered(admin, tracked, "timespent DESC, key ASC") == "adebc"  # empty values first going down
    assert ordered(admin, tracked, "timeSpent ASC, key ASC") == "cbade"
    assert ordered(admin, tracked, "remainingEstimate ASC, key ASC") == "baced"
    # No work ratio sorts as -1 in Jira: before every ratio going up.
    assert ordered(admin, tracked, "workratio ASC, key ASC") == "daecb"


@pytest.mark.parametrize(("clause", "message"), [
    ("originalEstimate = hh", "The value 'hh' for field 'originalEstimate' is invalid. Please specify a positive "
                              "duration format; for example: '1h 30m', '2d'."),
    ("timeSpent = ''", "The value '' for field 'timeSpent' is invalid. Please specify a positive duration format; "
                       "for example: '1h 30m', '2d'."),
    ("remainingEstimate > '-60'", "The value '-60' for field 'remainingEstimate' is invalid. Please specify a "
                                  "positive duration format; for example: '1h 30m', '2d'."),
    ("workratio = '33.3'", "The value '33.3' for field 'workRatio' is invalid - please specify an integer."),
    ("workratio = ''", "The value '' for field 'workRatio' is invalid - please specify an integer."),
    ("originalEstimate ~ 1h", "The operator '~' is not supported by the 'originalEstimate' field."),
    ("timeSpent > EMPTY", "The operator '>' does not support searching for EMPTY values."),
    ("originalEstimate = now()", "Unable to find JQL function 'now()' for the field 'originalEstimate'."),
    ("originalEstimate in 1h", "Operator 'in' does not support the non-list value '1h' for field 'originalEstimate'."),
    ("timeSpent = (1h, 2h)", "Operator '=' does not support the list value '(1h, 2h)' for field 'timeSpent'."),
])
def test_invalid_time_tracking_values(admin: httpx.Client, tracked: Tracked, clause: str, message: str) -> None:
    response = admin.post(f"{API}/search", json={"jql": f"project = {tracked.project} AND {clause}"})
    assert response.status_code == 400, response.text
    assert response.json() == {"errorMessages": [message], "errors": {}}


def test_jira_client_searches_by_estimate(jira, tracked: Tracked) -> None:  # type: ignore[no-untyped-def]
    issues = jira.search_issues(f"project = {tracked.project} AND originalEstimate >= 1d ORDER BY key",
                                fields="timetracking")
    assert [i.key for i in issues] == [tracked.c, tracked.e]
    assert issues[0].fields.timetracking.originalEstimateSeconds == 28800

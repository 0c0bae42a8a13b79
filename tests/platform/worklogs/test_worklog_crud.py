"""Worklogs over plain HTTP: add, get, list, edit, delete; estimates; bad input; refusals."""

from __future__ import annotations

from collections.abc import Callable

import httpx

from tests.platform.worklogs.conftest import API, IssueRef, issue_fields, tracking


def test_add_get_list_worklog(admin: httpx.Client, issue: IssueRef, base_url: str) -> None:
    body = {"comment": "I did some work here.", "started": "2017-12-06T07:05:45.900+0000", "timeSpentSeconds": 12000}
    created = admin.post(issue.worklogs, json=body)
    assert created.status_code == 201, created.text
    worklog = created.json()
    assert worklog["self"] == f"{base_url}{API}/issue/{issue.id}/worklog/{worklog['id']}"
    assert worklog["author"]["name"] == "admin" and worklog["updateAuthor"]["name"] == "admin"
    assert worklog["comment"] == "I did some work here."
    assert worklog["started"] == "2017-12-06T07:05:45.900+0000"
    assert worklog["timeSpent"] == "3h 20m" and worklog["timeSpentSeconds"] == 12000
    assert worklog["issueId"] == issue.id and "visibility" not in worklog
    assert admin.get(f"{issue.worklogs}/{worklog['id']}").json() == worklog
    listed = admin.get(issue.worklogs)
    assert listed.status_code == 200
    assert listed.json() == {"startAt": 0, "maxResults": 1, "total": 1, "worklogs": [worklog]}
    field = issue_fields(admin, issue, "worklog")["worklog"]
    assert field == {"startAt": 0, "maxResults": 20, "total": 1, "worklogs": [worklog]}
    assert tracking(admin, issue) == {"timeSpent": "3h 20m", "timeSpentSeconds": 12000}


def test_list_is_paged_by_start(admin: httpx.Client, issue: IssueRef) -> None:
    for day in ("03", "01", "02"):
        assert admin.post(issue.worklogs, json={"timeSpent": "1h",
                                                "started": f"2024-01-{day}T10:00:00.000+0000"}).status_code == 201
    page = admin.get(issue.worklogs, params={"startAt": 1, "maxResults": 1}).json()
    assert (page["startAt"], page["maxResults"], page["total"]) == (1, 1, 3)
    assert page["worklogs"][0]["started"] == "2024-01-02T10:00:00.000+0000"
    assert admin.get(issue.worklogs, params={"startAt": -1}).status_code == 400


def test_estimate_modes_on_add(admin: httpx.Client, make_issue: Callable[..., IssueRef]) -> None:
    ref = make_issue("1d", "5h")
    assert admin.post(ref.worklogs, json={"timeSpent": "2h"}).status_code == 201  # auto by default
    assert tracking(admin, ref)["remainingEstimate"] == "3h"
    assert admin.post(ref.worklogs, params={"adjustEstimate": "auto"}, json={"timeSpent": "4h"}).status_code == 201
    assert tracking(admin, ref)["remainingEstimateSeconds"] == 0  # never below zero
    assert admin.post(ref.worklogs, params={"adjustEstimate": "new", "newEstimate": "1d 2h"},
                      json={"timeSpent": "1h"}).status_code == 201
    assert tracking(admin, ref)["remainingEstimate"] == "1d 2h"
    assert admin.post(ref.worklogs, params={"adjustEstimate": "manual", "reduceBy": "30m"},
                      json={"timeSpent": "1h"}).status_code == 201
    assert tracking(admin, ref)["remainingEstimate"] == "1d 1h 30m"
    assert admin.post(ref.worklogs, params={"adjustEstimate": "leave"}, json={"timeSpent": "1h"}).status_code == 201
    assert tracking(admin, ref) == {"originalEstimate": "1d", "remainingEstimate": "1d 1h 30m", "timeSpent": "1d 1h",
                                    "originalEstimateSeconds": 28800, "remainingEstimateSeconds": 34200,
                                    "timeSpentSeconds": 32400}
    fields = issue_fields(admin, ref, "timespent,timeestimate,aggregatetimespent,progress")
    assert fields["timespent"] == 32400 and fields["aggregatetimespent"] == 32400
    assert fields["progress"] == {"progress": 32400, "total": 66600, "percent": 48}


def test_update_and_delete_adjust_estimates(admin: httpx.Client, make_issue: Callable[..., IssueRef]) -> None:
    ref = make_issue("2d", "10h")
    worklog = admin.post(ref.worklogs, json={"timeSpent": "2h"}).json()
    url = f"{ref.worklogs}/{worklog['id']}"
    changed = admin.put(url, json={"timeSpent": "3h", "comment": "more"})
    assert changed.status_code == 200 and changed.json()["timeSpentSeconds"] == 10800
    assert changed.json()["comment"] == "more"
    assert tracking(admin, ref)["remainingEstimate"] == "7h" and tracking(admin, ref)["timeSpent"] == "3h"
    assert admin.put(url, params={"adjustEstimate": "auto"}, json={"timeSpent": "1h"}).status_code == 200
    assert tracking(admin, ref)["remainingEstimate"] == "1d 1h"
    assert admin.put(url, params={"adjustEstimate": "new", "newEstimate": "4h"},
                     json={"timeSpent": "2h"}).status_code == 200
    assert tracking(admin, ref)["remainingEstimate"] == "4h"
    assert admin.put(url, params={"adjustEstimate": "leave"}, json={"timeSpent": "5h"}).status_code == 200
    assert tracking(admin, ref)["remainingEstimate"] == "4h" and tracking(admin, ref)["timeSpent"] == "5h"
    assert admin.delete(url, params={"adjustEstimate": "manual", "increaseBy": "1h"}).status_code == 204
    assert tracking(admin, ref) == {"originalEstimate": "2d", "remainingEstimate": "5h",
                                    "originalEstimateSeconds": 57600, "remainingEstimateSeconds": 18000}
    assert admin.get(url).status_code == 404
    other = admin.post(ref.worklogs, json={"timeSpent": "1h"}).json()
    assert admin.delete(f"{ref.worklogs}/{other['id']}").status_code == 204  # auto gives the time back
    assert tracking(admin, ref)["remainingEstimate"] == "5h"
    third = admin.post(ref.worklogs, json={"timeSpent": "1h"}).json()
    assert admin.delete(f"{ref.worklogs}/{third['id']}",
                        params={"adjustEstimate": "new", "newEstimate": "1w"}).status_code == 204
    assert tracking(admin, ref)["remainingEstimate"] == "1w"


def test_bad_input_changes_nothing(admin: httpx.Client, make_issue: Callable[..., IssueRef]) -> None:
    ref = make_issue("1d", "5h")
    cases = [
        ({}, {}, {"timeLogged": "You must indicate the time spent working."}),
        ({"timeSpent": "soon"}, {}, {"timeLogged": "Invalid time duration entered."}),
        ({"timeSpentSeconds": "12x"}, {}, {"timeLogged": "Invalid time duration entered."}),
        ({"timeSpentSeconds": 0}, {}, {"timeLogged": "Time Spent must be greater than zero."}),
        ({"timeSpent": "1h", "started": "yesterday"}, {},
         {"started": "You must specify a valid date/time for the work log."}),
        ({"timeSpent": "1h"}, {"adjustEstimate": "new"}, {"newEstimate": "You must supply a valid new estimate."}),
        ({"timeSpent": "1h"}, {"adjustEstimate": "manual"},
         {"reduceBy": "You must supply a valid amount of time to reduce the estimate by."}),
        ({"timeSpent": "1h"}, {"adjustEstimate": "sometimes"},
         {"adjustEstimate": "Invalid value for adjustEstimate: 'sometimes'. Valid values are new, leave, manual, "
                            "auto."}),
        ({"timeSpent": "1h", "visibility": {"type": "group", "value": "no-such-group"}}, {},
         {"commentLevel": "Group: no-such-group does not exist."}),
    ]
    for body, params, errors in cases:
        response = admin.post(ref.worklogs, params=params, json=body)
        assert response.status_code == 400, body
        assert response.json() == {"errorMessages": [], "errors": errors}
    worklog = admin.post(ref.worklogs, json={"timeSpent": "1h"}).json()
    url = f"{ref.worklogs}/{worklog['id']}"
    assert admin.put(url, json={}).status_code == 400
    assert admin.put(url, params={"adjustEstimate": "manual"}, json={"timeSpent": "2h"}).status_code == 400
    assert admin.put(url, json={"timeSpent": "2h", "started": 5}).status_code == 400
    assert admin.delete(url, params={"adjustEstimate": "manual"}).json() == {
        "errorMessages": [], "errors": {"increaseBy": "You must supply a valid amount of time to increase the "
                                                      "estimate by."}}
    assert admin.get(ref.worklogs).json()["worklogs"] == [worklog]
    assert tracking(admin, ref)["remainingEstimate"] == "4h" and tracking(admin, ref)["timeSpent"] == "1h"


def test_refusals(admin: httpx.Client, anon: httpx.Client, make_user: Callable[..., object],
                  issue: IssueRef) -> None:
    worklog = admin.post(issue.worklogs, json={"timeSpent": "1h"}).json()
    url = f"{issue.worklogs}/{worklog['id']}"
    assert anon.get(issue.worklogs).status_code == 401
    assert anon.post(issue.worklogs, json={"timeSpent": "1h"}).status_code == 401
    assert admin.get(f"{API}/issue/NOPE-1/worklog").status_code == 404
    assert admin.get(f"{issue.worklogs}/99999999").json() == {
        "errorMessages": ["Cannot find worklog with id: 99999999"], "errors": {}}
    assert admin.get(f"{issue.worklogs}/abc").status_code == 404
    user = make_user()
    client = user.client  # type: ignore[attr-defined]
    assert client.put(url, json={"timeSpent": "5h"}).json() == {
        "errorMessages": ["You do not have the permission to edit this worklog."], "errors": {}}
    assert client.delete(url).status_code == 403
    assert admin.get(url).json()["timeSpentSeconds"] == 3600
    own = client.post(issue.worklogs, json={"timeSpent": "30m"})
    assert own.status_code == 201
    assert client.put(f"{issue.worklogs}/{own.json()['id']}", json={"timeSpent": "45m"}).status_code == 200
    assert tracking(admin, issue)["timeSpent"] == "1h 45m"


def test_visibility_is_enforced_on_read(admin: httpx.Client, make_user: Callable[..., object], issue: IssueRef,
                                        unique: Callable[[str], str]) -> None:
    group = unique("wlgrp")
    assert admin.post(f"{API}/group", json={"name": group}).status_code == 201
    assert admin.post(f"{API}/group/user", params={"groupname": group}, json={"name": "admin"}).status_code == 201
    hidden = admin.post(issue.worklogs, json={"timeSpent": "1h", "visibility": {"type": "group", "value": group}})
    assert hidden.status_code == 201
    assert hidden.json()["visibility"] == {"type": "group", "value": group}
    shown = admin.post(issue.worklogs, json={"timeSpent": "2h"}).json()
    outsider = make_user().client  # type: ignore[attr-defined]
    listed = outsider.get(issue.worklogs).json()
    assert listed["total"] == 1 and [w["id"] for w in listed["worklogs"]] == [shown["id"]]
    assert outsider.get(f"{issue.worklogs}/{hidden.json()['id']}").status_code == 404
    assert admin.get(issue.worklogs).json()["total"] == 2
    role = admin.post(issue.worklogs, json={"timeSpent": "1h",
                                            "visibility": {"type": "role", "value": "Nobody"}})
    assert role.status_code == 400
    assert role.json()["errors"] == {"commentLevel": "You are currently not a member of the project role: Nobody."}
    assert admin.get(issue.worklogs).json()["total"] == 2


def test_totals_that_do_not_fit_are_refused(admin: httpx.Client, issue: IssueRef) -> None:
    big = 2**31 - 100
    assert admin.post(issue.worklogs, json={"timeSpentSeconds": big}).status_code == 201
    refused = admin.post(issue.worklogs, json={"timeSpentSeconds": 3600})
    assert refused.json() == {"errorMessages": [],
                              "errors": {"timeLogged": "The total time spent on the issue would be too large."}}
    assert admin.post(issue.worklogs, json={"timeSpentSeconds": 2**31}).status_code == 400
    assert admin.post(issue.worklogs, params={"adjustEstimate": "new", "newEstimate": "99999999w"},
                      json={"timeSpent": "1m"}).json()["errors"] == {"newEstimate": "You must supply a valid new "
                                                                                    "estimate."}
    assert tracking(admin, issue) == {"timeSpent": admin.get(issue.worklogs).json()["worklogs"][0]["timeSpent"],
                                      "timeSpentSeconds": big}


def test_changelog_records_worklogs(admin: httpx.Client, make_issue: Callable[..., IssueRef]) -> None:
    ref = make_issue("1d", "5h")
    worklog = admin.post(ref.worklogs, json={"timeSpent": "2h"}).json()
    assert admin.delete(f"{ref.worklogs}/{worklog['id']}", params={"adjustEstimate": "leave"}).status_code == 204
    histories = admin.get(f"{API}/issue/{ref.key}", params={"expand": "changelog", "fields": "summary"}
                          ).json()["changelog"]["histories"]
    items = [[(i["field"], i["from"], i["to"]) for i in h["items"]] for h in histories[-2:]]
    assert items == [
        [("timeestimate", "18000", "10800"), ("timespent", None, "7200"), ("WorklogId", None, worklog["id"])],
        [("timespent", "7200", None), ("WorklogTimeSpent", "7200", None), ("WorklogId", worklog["id"], None)],
    ]

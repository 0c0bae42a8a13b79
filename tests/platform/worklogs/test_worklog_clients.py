"""The `jira` package logging work with each estimate mode, and concurrent writers on one issue."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from datetime import UTC, datetime

import httpx
from jira import JIRA

from tests.conftest import ADMIN
from tests.platform.worklogs.conftest import IssueRef, tracking


def test_jira_client_logs_work_with_each_mode(jira, admin: httpx.Client,  # type: ignore[no-untyped-def]
                                              make_issue: Callable[..., IssueRef]) -> None:
    ref = make_issue("2d", "1d")
    first = jira.add_worklog(ref.key, timeSpent="2h", adjustEstimate="new", newEstimate="3h",
                             comment="first", started=datetime(2024, 5, 1, 9, 30, tzinfo=UTC))
    assert first.timeSpent == "2h" and first.timeSpentSeconds == 7200 and first.comment == "first"
    assert first.started == "2024-05-01T09:30:00.000+0000"
    assert jira.issue(ref.key).fields.timetracking.remainingEstimate == "3h"
    second = jira.add_worklog(ref.key, timeSpent="1h", adjustEstimate="manual", reduceBy="30m")
    assert jira.issue(ref.key).fields.timetracking.remainingEstimate == "2h 30m"
    jira.add_worklog(ref.key, timeSpentSeconds="1800", adjustEstimate="leave")
    assert tracking(admin, ref)["remainingEstimate"] == "2h 30m"
    jira.add_worklog(ref.key, timeSpent="1h")
    timetracking = jira.issue(ref.key).fields.timetracking
    assert (timetracking.remainingEstimate, timetracking.timeSpent) == ("1h 30m", "4h 30m")
    assert [w.id for w in jira.worklogs(ref.key)][:2] == [first.id, second.id]
    fetched = jira.worklog(ref.key, second.id)
    assert fetched.timeSpentSeconds == 3600 and fetched.author.name == "admin"
    fetched.update(timeSpent="3h", comment="longer")
    again = jira.worklog(ref.key, second.id)
    assert (again.timeSpent, again.comment) == ("3h", "longer")
    assert jira.issue(ref.key).fields.timetracking.timeSpent == "6h 30m"
    again.delete(adjustEstimate="manual", increaseBy="1h")
    assert len(jira.worklogs(ref.key)) == 3
    timetracking = jira.issue(ref.key).fields.timetracking
    assert (timetracking.timeSpent, timetracking.remainingEstimate) == ("3h 30m", "1h")  # the edit used up the rest (auto)
    assert tracking(admin, ref)["timeSpentSeconds"] == 12600


def test_concurrent_worklogs_keep_totals_exact(base_url: str, admin: httpx.Client,
                                                make_issue: Callable[..., IssueRef]) -> None:
    ref = make_issue("1w", "1w")
    errors: list[str] = []
    ids: list[str] = []
    lock = threading.Lock()

    def writer() -> None:
        with httpx.Client(base_url=base_url, auth=ADMIN, timeout=60) as client:
            for _ in range(5):
                response = client.post(ref.worklogs, json={"timeSpent": "1m"})
                if response.status_code != 201:
                    errors.append(response.text)
                else:
                    with lock:
                        ids.append(response.json()["id"])

    threads = [threading.Thread(target=writer) for _ in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert tracking(admin, ref)["timeSpentSeconds"] == 30 * 60
    assert tracking(admin, ref)["remainingEstimateSeconds"] == 5 * 8 * 3600 - 30 * 60

    def editor(chunk: list[str]) -> None:
        with httpx.Client(base_url=base_url, auth=ADMIN, timeout=60) as client:
            for worklog_id in chunk:
                response = client.put(f"{ref.worklogs}/{worklog_id}", json={"timeSpent": "3m"})
                if response.status_code != 200:
                    errors.append(response.text)

    threads = [threading.Thread(target=editor, args=(ids[i::3],)) for i in range(3)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert tracking(admin, ref)["timeSpentSeconds"] == 90 * 60
    assert tracking(admin, ref)["remainingEstimateSeconds"] == 5 * 8 * 3600 - 90 * 60

    def remover(chunk: list[str]) -> None:
        with httpx.Client(base_url=base_url, auth=ADMIN, timeout=60) as client:
            for worklog_id in chunk:
                response = client.delete(f"{ref.worklogs}/{worklog_id}")
                if response.status_code != 204:
                    errors.append(response.text)

    threads = [threading.Thread(target=remover, args=(ids[i::3],)) for i in range(3)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert tracking(admin, ref) == {"originalEstimate": "1w", "remainingEstimate": "1w",
                                    "originalEstimateSeconds": 144000, "remainingEstimateSeconds": 144000}


def test_other_user_through_client(base_url: str, make_user: Callable[..., object],  # type: ignore[no-untyped-def]
                                   jira, issue: IssueRef) -> None:
    mine = jira.add_worklog(issue.key, timeSpent="1h")
    user = make_user()
    client = JIRA(server=base_url, basic_auth=(user.name, user.password), max_retries=0)  # type: ignore[attr-defined]
    try:
        theirs = client.worklog(issue.key, mine.id)
        try:
            theirs.delete()
            raise AssertionError("deleting another's worklog must be refused")
        except Exception as exc:  # noqa: BLE001
            assert getattr(exc, "status_code", None) == 403
    finally:
        client.close()
    assert len(jira.worklogs(issue.key)) == 1


def test_atlassian_client_worklogs(base_url: str, issue: IssueRef) -> None:
    from atlassian import Jira

    client = Jira(url=base_url, username=ADMIN[0], password=ADMIN[1], cloud=False)
    since = time.time() - 1
    added = client.issue_worklog(issue.key, "2024-03-04T10:00:00.000+0000", 5400, comment="via atlassian")
    assert added["timeSpent"] == "1h 30m" and added["comment"] == "via atlassian"
    listed = client.issue_get_worklog(issue.key)
    assert listed["total"] == 1 and listed["worklogs"][0]["id"] == added["id"]
    updated = client.get_updated_worklogs(since)
    assert int(added["id"]) in [v["worklogId"] for v in updated["values"]]
    assert [w["id"] for w in client.get_worklogs([int(added["id"])])] == [added["id"]]
    assert client.get_deleted_worklogs(since)["isLastPage"] is True

"""Time tracking configuration: provider, disabling (worklogs refused), options (admin only)."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import httpx
import pytest

from tests.platform.worklogs.conftest import API, IssueRef

PROVIDER = {"key": "JIRA", "name": "JIRA provided time tracking", "url": "/secure/admin/TimeTrackingAdmin.jspa"}
DEFAULTS = {"workingHoursPerDay": 8.0, "workingDaysPerWeek": 5.0, "timeFormat": "pretty", "defaultUnit": "minute"}


@pytest.fixture
def restore(admin: httpx.Client) -> Iterator[None]:
    yield
    assert admin.put(f"{API}/configuration/timetracking", json={"key": "JIRA"}).status_code == 204
    assert admin.put(f"{API}/configuration/timetracking/options", json=DEFAULTS).status_code == 200


def test_provider_and_disabling(admin: httpx.Client, make_user: Callable[..., object], issue: IssueRef,
                                restore: None) -> None:
    assert admin.get(f"{API}/configuration/timetracking").json() == PROVIDER
    assert admin.get(f"{API}/configuration/timetracking/list").json() == [PROVIDER]
    worklog = admin.post(issue.worklogs, json={"timeSpent": "1h"}).json()
    user = make_user().client  # type: ignore[attr-defined]
    assert user.delete(f"{API}/configuration/timetracking").status_code == 403
    assert user.put(f"{API}/configuration/timetracking", json={"key": "JIRA"}).status_code == 403
    assert admin.delete(f"{API}/configuration/timetracking").status_code == 204
    assert admin.get(f"{API}/configuration/timetracking").status_code == 204
    refused = admin.post(issue.worklogs, json={"timeSpent": "1h"})
    assert refused.status_code == 400
    assert refused.json() == {"errorMessages": ["Time tracking is disabled. You can not log work."], "errors": {}}
    assert admin.put(f"{issue.worklogs}/{worklog['id']}", json={"timeSpent": "2h"}).status_code == 400
    assert admin.delete(f"{issue.worklogs}/{worklog['id']}").status_code == 400
    assert admin.get(issue.worklogs).json()["total"] == 1
    assert admin.put(f"{API}/configuration/timetracking", json={"key": "OTHER"}).status_code == 404
    assert admin.put(f"{API}/configuration/timetracking", json={}).status_code == 400
    assert admin.put(f"{API}/configuration/timetracking", json={"key": "JIRA"}).status_code == 204
    assert admin.get(f"{API}/configuration/timetracking").json() == PROVIDER
    assert admin.post(issue.worklogs, json={"timeSpent": "1h"}).status_code == 201


def test_options(admin: httpx.Client, make_user: Callable[..., object], issue: IssueRef, restore: None) -> None:
    assert admin.get(f"{API}/configuration/timetracking/options").json() == DEFAULTS
    wanted = {"workingHoursPerDay": 6, "workingDaysPerWeek": 4.5, "timeFormat": "hours", "defaultUnit": "hour"}
    user = make_user().client  # type: ignore[attr-defined]
    assert user.put(f"{API}/configuration/timetracking/options", json=wanted).status_code == 403
    assert user.get(f"{API}/configuration/timetracking/options").json() == DEFAULTS
    bad = admin.put(f"{API}/configuration/timetracking/options",
                    json={**wanted, "workingHoursPerDay": 25, "defaultUnit": "year"})
    assert bad.status_code == 400
    assert bad.json()["errors"] == {"workingHoursPerDay": "The value must be a number greater than 0 and at most 24.",
                                    "defaultUnit": "The value must be one of: minute, hour, day, week."}
    assert admin.get(f"{API}/configuration/timetracking/options").json() == DEFAULTS
    changed = admin.put(f"{API}/configuration/timetracking/options", json=wanted)
    assert changed.status_code == 200
    assert changed.json() == {"workingHoursPerDay": 6.0, "workingDaysPerWeek": 4.5, "timeFormat": "hours",
                              "defaultUnit": "hour"}
    worklog = admin.post(issue.worklogs, json={"timeSpent": "1d"}).json()
    assert worklog["timeSpentSeconds"] == 6 * 3600
    assert admin.get(f"{API}/application-properties", params={"key": "jira.timetracking.hours.per.day"}
                     ).json()["value"] == "6"

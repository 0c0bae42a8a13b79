"""Work logged while transitioning (update.worklog), as the `jira` client's transition_issue(worklog=) does."""

from __future__ import annotations

import httpx

from tests.platform.worklogs.conftest import API, IssueRef, tracking


def test_transition_with_worklog(jira, admin: httpx.Client, issue: IssueRef) -> None:  # type: ignore[no-untyped-def]
    jira.transition_issue(issue.key, "Resolve Issue", fields={"resolution": {"name": "Done"}}, worklog="2h",
                          comment="Fixed it")
    body = admin.get(f"{API}/issue/{issue.key}", params={"fields": "status,resolution,worklog,timetracking"}).json()
    fields = body["fields"]
    assert fields["status"]["name"] == "Resolved" and fields["resolution"]["name"] == "Done"
    assert [w["timeSpent"] for w in fields["worklog"]["worklogs"]] == ["2h"]
    assert tracking(admin, issue)["timeSpentSeconds"] == 7200


def test_worklog_not_on_the_edit_screen_is_refused(admin: httpx.Client, issue: IssueRef) -> None:
    response = admin.put(f"{API}/issue/{issue.key}", json={"update": {"worklog": [{"add": {"timeSpent": "1h"}}]}})
    assert response.status_code == 400
    assert response.json()["errors"] == {
        "worklog": "Field 'worklog' cannot be set. It is not on the appropriate screen, or unknown."}
    assert admin.get(issue.worklogs).json()["total"] == 0


def test_bad_worklog_in_a_transition_changes_nothing(admin: httpx.Client, issue: IssueRef) -> None:
    response = admin.post(f"{API}/issue/{issue.key}/transitions", json={
        "transition": {"id": "5"}, "fields": {"resolution": {"name": "Done"}},
        "update": {"worklog": [{"add": {"timeSpent": "soon"}}]}})
    assert response.status_code == 400
    assert admin.get(f"{API}/issue/{issue.key}").json()["fields"]["status"]["name"] == "Open"
    assert admin.get(issue.worklogs).json()["total"] == 0

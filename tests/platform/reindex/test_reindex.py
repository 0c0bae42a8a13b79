"""The reindex endpoints: the full-text index, deliberately corrupted, is rebuilt whole (a background job
the tests follow by polling) or per issue (synchronously, as in Jira)."""

from __future__ import annotations

import re
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass

import httpx
import pytest
from sqlalchemy import text

from tests.harness import RunningServer
from tests.jobs.wait import eventually, wait_for_task

API = "/rest/api/2"
TIME = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}[+-]\d{4}$")
NOT_ADMIN = {"errorMessages": ["You are not authorized to perform this operation. Please log in."], "errors": {}}


@dataclass
class Indexed:
    key: str
    issue_key: str
    issue_id: int
    word: str


@pytest.fixture
def indexed(admin: httpx.Client, unique_key: Callable[[], str]) -> Iterator[Indexed]:
    key = unique_key()
    made = admin.post(f"{API}/project", json={"key": key, "name": f"Reindex {key}", "lead": "admin",
                                              "projectTypeKey": "software"})
    assert made.status_code == 201, made.text
    word = "zq" + uuid.uuid4().hex[:8].replace("0", "x").replace("1", "y")
    created = admin.post(f"{API}/issue", json={"fields": {"project": {"key": key}, "issuetype": {"name": "Task"},
                                                          "summary": f"Rebuild {word} please"}})
    assert created.status_code == 201, created.text
    yield Indexed(key, created.json()["key"], int(created.json()["id"]), word)
    admin.delete(f"{API}/project/{key}")


def found(admin: httpx.Client, case: Indexed) -> list[str]:
    response = admin.get(f"{API}/search", params={"jql": f'project = {case.key} AND text ~ "{case.word}"',
                                                  "fields": "summary"})
    assert response.status_code == 200, response.text
    return [issue["key"] for issue in response.json()["issues"]]


def corrupt(server: RunningServer, issue_id: int) -> None:
    """Drops the issue's row from the full-text index behind the application's back."""
    with server.app.state.write_sessions() as db:
        column = "rowid" if db.get_bind().dialect.name == "sqlite" else "issue_id"
        db.execute(text(f"DELETE FROM issue_text WHERE {column} = :id"), {"id": issue_id})
        db.commit()


def assert_progress(body: dict[str, object], kind: str) -> int:
    assert set(body) == {"progressUrl", "currentProgress", "type", "submittedTime", "startTime",
                         "finishTime", "success"}
    assert body["currentProgress"] == 100 and body["success"] is True and body["type"] == kind
    for name in ("submittedTime", "startTime", "finishTime"):
        assert TIME.match(str(body[name])), body
    match = re.fullmatch(r"/secure/admin/jira/IndexProgress\.jspa\?taskId=(\d+)", str(body["progressUrl"]))
    assert match, body
    return int(match.group(1))


def started(response: httpx.Response, kind: str) -> int:
    """The 202 answer of POST /reindex: the job is only enqueued (it becomes visible at commit)."""
    assert response.status_code == 202, response.text
    body = response.json()
    assert set(body) == {"progressUrl", "currentProgress", "type", "submittedTime", "success"}
    assert body["currentProgress"] == 0 and body["success"] is False and body["type"] == kind
    match = re.fullmatch(r"/secure/admin/jira/IndexProgress\.jspa\?taskId=(\d+)", str(body["progressUrl"]))
    assert match, body
    return int(match.group(1))


def finished(admin: httpx.Client, task_id: int) -> dict[str, object]:
    """Polls until the reindex has finished; returns its progress (complete and successful)."""
    assert wait_for_task(admin, task_id)["status"] == "COMPLETE"
    progress = admin.get(f"{API}/reindex/progress", params={"taskId": task_id})
    assert progress.status_code == 200, progress.text
    body: dict[str, object] = progress.json()
    return body


def test_no_reindex_yet_is_404(admin: httpx.Client, server: RunningServer) -> None:
    with server.app.state.write_sessions() as db:  # forget the full reindexes other tests ran on this server
        db.execute(text("DELETE FROM job WHERE kind = 'reindex'"))
        db.commit()
    for path in ("reindex", "reindex/progress"):
        response = admin.get(f"{API}/{path}")
        assert response.status_code == 404, response.text
        assert response.json() == {"errorMessages": ["No reindex task has been run."], "errors": {}}


def test_full_reindex_repairs_the_index(admin: httpx.Client, server: RunningServer, indexed: Indexed) -> None:
    assert found(admin, indexed) == [indexed.issue_key]
    corrupt(server, indexed.issue_id)
    assert found(admin, indexed) == []

    response = admin.post(f"{API}/reindex", params={"type": "foreground", "indexComments": "true"})
    task_id = started(response, "FOREGROUND")
    done = finished(admin, task_id)
    assert assert_progress(done, "FOREGROUND") == task_id
    assert done["submittedTime"] == response.json()["submittedTime"]
    assert found(admin, indexed) == [indexed.issue_key]

    for path in ("reindex", "reindex/progress"):
        latest = admin.get(f"{API}/{path}")
        assert latest.status_code == 200 and latest.json() == done
        by_id = admin.get(f"{API}/{path}", params={"taskId": task_id})
        assert by_id.status_code == 200 and by_id.json() == done
    task = admin.get(f"{API}/task/{task_id}").json()
    assert task["status"] == "COMPLETE" and task["result"]["type"] == "FOREGROUND"
    assert task["description"] == "Reindex of all issues (FOREGROUND)" and task["progress"] == 100
    assert task["result"]["indexComments"] is True and task["result"]["indexWorklogs"] is False


def test_reindex_type_defaults_and_aliases(admin: httpx.Client) -> None:
    made = [(started(admin.post(f"{API}/reindex"), "BACKGROUND_PREFERRED"), "BACKGROUND_PREFERRED")]
    for given, kind in (("Background", "BACKGROUND"), ("BACKGROUND_PREFFERED", "BACKGROUND_PREFFERED")):
        made.append((started(admin.post(f"{API}/reindex", params={"type": given}), kind), kind))
    for task_id, kind in made:
        assert_progress(finished(admin, task_id), kind)


def test_issue_reindex_repairs_one_issue(admin: httpx.Client, server: RunningServer, indexed: Indexed) -> None:
    corrupt(server, indexed.issue_id)
    assert found(admin, indexed) == []
    response = admin.post(f"{API}/reindex/issue", params={"issueId": str(indexed.issue_id),
                                                          "indexChangeHistory": "true"})
    assert response.status_code == 200, response.text
    task_id = assert_progress(response.json(), "FOREGROUND")
    assert found(admin, indexed) == [indexed.issue_key]
    assert admin.get(f"{API}/reindex/progress", params={"taskId": task_id}).json() == response.json()

    corrupt(server, indexed.issue_id)
    by_key = admin.post(f"{API}/reindex/issue", params=[("issueId", indexed.issue_key.lower()),
                                                        ("issueId", str(indexed.issue_id))])
    assert by_key.status_code == 200, by_key.text
    assert found(admin, indexed) == [indexed.issue_key]


def test_issue_reindex_bad_input(admin: httpx.Client, server: RunningServer, indexed: Indexed) -> None:
    corrupt(server, indexed.issue_id)
    missing = admin.post(f"{API}/reindex/issue")
    assert missing.status_code == 400
    assert missing.json() == {"errorMessages": [], "errors": {"issueId": "At least one issue id or key is required."}}
    unknown = admin.post(f"{API}/reindex/issue", params=[("issueId", str(indexed.issue_id)),
                                                         ("issueId", "NOPE-1"), ("issueId", "99999999999")])
    assert unknown.status_code == 404
    assert unknown.json() == {"errorMessages": ["Issue Does Not Exist: NOPE-1", "Issue Does Not Exist: 99999999999"],
                              "errors": {}}
    flag = admin.post(f"{API}/reindex/issue", params={"issueId": str(indexed.issue_id), "indexWorklogs": "maybe"})
    assert flag.status_code == 400 and set(flag.json()["errors"]) == {"indexWorklogs"}
    assert found(admin, indexed) == []  # nothing was reindexed by the failed calls


def test_reindex_bad_input(admin: httpx.Client) -> None:
    before = admin.get(f"{API}/reindex").json()
    bad_type = admin.post(f"{API}/reindex", params={"type": "SIDEWAYS"})
    assert bad_type.status_code == 400
    assert bad_type.json() == {"errorMessages": [], "errors": {"type": (
        "Invalid reindex type 'SIDEWAYS'. Valid types are: FOREGROUND, BACKGROUND, BACKGROUND_PREFERRED, "
        "BACKGROUND_PREFFERED.")}}
    bad_flag = admin.post(f"{API}/reindex", params={"indexComments": "perhaps"})
    assert bad_flag.status_code == 400 and set(bad_flag.json()["errors"]) == {"indexComments"}
    assert admin.get(f"{API}/reindex").json() == before  # no reindex was recorded
    bad_id = admin.get(f"{API}/reindex", params={"taskId": "abc"})
    assert bad_id.status_code == 400
    assert bad_id.json() == {"errorMessages": [], "errors": {"taskId": "The task id 'abc' is not a number."}}
    for task_id in ("99999999", "99999999999999"):
        unknown = admin.get(f"{API}/reindex/progress", params={"taskId": task_id})
        assert unknown.status_code == 404
        assert unknown.json() == {"errorMessages": [f"There is no reindex task with id '{task_id}'."], "errors": {}}


def test_other_tasks_are_not_reindexes(admin: httpx.Client, server: RunningServer) -> None:
    from ticketry.platform.tasks import service as tasks

    with server.app.state.write_sessions() as db:
        other = tasks.record(db, None, "remove-option", "Not a reindex", lambda: None).id
        db.commit()
    assert admin.get(f"{API}/task/{other}").json()["status"] == "COMPLETE"
    assert admin.get(f"{API}/reindex", params={"taskId": other}).status_code == 404
    assert admin.get(f"{API}/reindex/request/{other}").status_code == 404
    assert admin.get(f"{API}/reindex/request/bulk", params={"requestId": other}).json() == []


def test_reindex_requests(admin: httpx.Client) -> None:
    made = admin.post(f"{API}/reindex", params={"type": "BACKGROUND"})
    task_id = started(made, "BACKGROUND")
    early = admin.get(f"{API}/reindex/request/{task_id}")
    assert early.status_code == 200 and early.json()["status"] in ("PENDING", "RUNNING", "COMPLETE")
    done = finished(admin, task_id)
    one = admin.get(f"{API}/reindex/request/{task_id}")
    assert one.status_code == 200, one.text
    body = one.json()
    assert set(body) == {"id", "status", "type", "requestTime", "startTime", "completionTime"}
    assert (body["id"], body["status"], body["type"]) == (task_id, "COMPLETE", "IMMEDIATE")
    assert body["requestTime"] == made.json()["submittedTime"]
    assert body["completionTime"] == done["finishTime"]

    processed = admin.post(f"{API}/reindex/request")
    assert processed.status_code == 200 and task_id not in processed.json()

    bulk = admin.get(f"{API}/reindex/request/bulk",
                     params=[("requestId", str(task_id)), ("requestId", "99999999"), ("requestId", "x")])
    assert bulk.status_code == 200 and bulk.json() == [body]
    assert admin.get(f"{API}/reindex/request/bulk").json() == []
    for missing in ("99999999", "abc"):
        response = admin.get(f"{API}/reindex/request/{missing}")
        assert response.status_code == 404
        assert response.json() == {"errorMessages": [f"No reindex request with id '{missing}' exists."], "errors": {}}


@pytest.mark.parametrize(("method", "path"), [
    ("POST", "reindex"), ("GET", "reindex"), ("GET", "reindex/progress"), ("POST", "reindex/issue?issueId=1"),
    ("POST", "reindex/request"), ("GET", "reindex/request/1"), ("GET", "reindex/request/bulk?requestId=1"),
])
def test_refusals(anon: httpx.Client, make_user: Callable[..., object], method: str, path: str) -> None:
    user = make_user("reindexer")
    denied = user.client.request(method, f"{API}/{path}")  # type: ignore[attr-defined]
    assert denied.status_code == 403 and denied.json() == NOT_ADMIN
    assert anon.request(method, f"{API}/{path}").status_code == 401


def test_refused_reindex_changes_nothing(admin: httpx.Client, server: RunningServer, indexed: Indexed,
                                         make_user: Callable[..., object]) -> None:
    corrupt(server, indexed.issue_id)
    user = make_user("reindexer")
    assert user.client.post(f"{API}/reindex").status_code == 403  # type: ignore[attr-defined]
    assert user.client.post(f"{API}/reindex/issue",  # type: ignore[attr-defined]
                            params={"issueId": indexed.issue_key}).status_code == 403
    assert found(admin, indexed) == []
    assert admin.post(f"{API}/reindex/issue", params={"issueId": indexed.issue_key}).status_code == 200


def test_atlassian_client(base_url: str, server: RunningServer, admin: httpx.Client, indexed: Indexed) -> None:
    from atlassian import Jira

    client = Jira(url=base_url, username="admin", password="admin", cloud=False)
    corrupt(server, indexed.issue_id)
    begun = client.reindex(comments=False, change_history=True, worklogs=False, indexing_type="FOREGROUND")
    task_id = int(str(begun["progressUrl"]).rsplit("=", 1)[1])
    done = eventually(lambda: (status := client.reindex_status())["success"] and status, what="the reindex")
    assert assert_progress(done, "FOREGROUND") == task_id
    assert found(admin, indexed) == [indexed.issue_key]

    corrupt(server, indexed.issue_id)
    assert_progress(client.reindex_issue([indexed.issue_id, indexed.issue_id]), "FOREGROUND")
    assert found(admin, indexed) == [indexed.issue_key]

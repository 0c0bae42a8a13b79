"""GET /task/{id} and POST /task/{id}/cancel over HTTP, for tasks run by test-owned workers."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

import httpx

from tests.harness import RunningServer
from tests.jobs.lab import Lab
from tests.jobs.wait import eventually, wait_for_task
from ticketry.jobs.worker import JobRun
from ticketry.platform.users.service import find_user

API = "/rest/api/2"


def _submit(lab: Lab, server: RunningServer, kind: str, owner: str = "admin", **options: Any) -> int:
    with server.app.state.read_sessions() as db:
        user = find_user(db, owner)
        assert user is not None
    return lab.enqueue(kind, {"owner": owner}, description=f"Test task {kind}", submitted_by=user.id, **options)


def _until_cancelled(run: JobRun) -> str:
    for step in range(3000):
        run.checkpoint(min(step, 90), "Working")  # raises Cancelled once a cancellation is requested
        time.sleep(0.02)
    return "never cancelled"


def test_a_complete_task(admin: httpx.Client, lab: Lab, server: RunningServer) -> None:
    kind = lab.kind(lambda run: {"answer": 42})
    lab.pool(1)
    task_id = _submit(lab, server, kind)
    task = wait_for_task(admin, task_id)
    admin_key = admin.get(f"{API}/myself").json()
    assert set(task) == {"self", "id", "description", "status", "result", "submittedBy", "progress",
                         "elapsedRuntime", "submitted", "started", "finished", "lastUpdate"}, admin_key
    assert task["self"].endswith(f"{API}/task/{task_id}") and task["id"] == str(task_id)
    assert (task["status"], task["progress"], task["result"]) == ("COMPLETE", 100, {"answer": 42})
    assert task["description"] == f"Test task {kind}" and isinstance(task["submittedBy"], int)
    assert task["submitted"] <= task["started"] <= task["finished"] == task["lastUpdate"]
    assert task["elapsedRuntime"] == task["finished"] - task["started"]
    refused = admin.post(f"{API}/task/{task_id}/cancel")
    assert refused.status_code == 400
    assert refused.json() == {"errorMessages": [f"The task with id '{task_id}' can not be cancelled: it is COMPLETE."],
                              "errors": {}}


def test_cancel_an_enqueued_task(admin: httpx.Client, lab: Lab, server: RunningServer) -> None:
    ran: list[int] = []
    kind = lab.kind(lambda run: ran.append(run.id))
    lab.pool(1)
    task_id = _submit(lab, server, kind, delay_seconds=3600)  # not due for an hour
    queued = admin.get(f"{API}/task/{task_id}").json()
    assert (queued["status"], queued["progress"], queued["elapsedRuntime"]) == ("ENQUEUED", 0, 0)
    assert "started" not in queued and "finished" not in queued and "result" not in queued
    cancelled = admin.post(f"{API}/task/{task_id}/cancel")
    assert cancelled.status_code == 202 and cancelled.content == b""
    task = admin.get(f"{API}/task/{task_id}").json()
    assert task["status"] == "CANCELLED" and "result" not in task
    lab.nudge(task_id)  # due now, yet no worker takes a cancelled job
    assert lab.job(task_id).state == "cancelled" and ran == []
    again = admin.post(f"{API}/task/{task_id}/cancel")
    assert again.status_code == 400
    assert again.json()["errorMessages"] == [f"The task with id '{task_id}' can not be cancelled: it is CANCELLED."]


def test_cancel_a_running_task(admin: httpx.Client, lab: Lab, server: RunningServer) -> None:
    kind = lab.kind(_until_cancelled)
    lab.pool(1)
    task_id = _submit(lab, server, kind)
    running = wait_for_task(admin, task_id, statuses={"RUNNING"})
    eventually(lambda: admin.get(f"{API}/task/{task_id}").json()["progress"] > 0, what="progress")
    assert "started" in running and "finished" not in running
    assert admin.post(f"{API}/task/{task_id}/cancel").status_code == 202
    seen = admin.get(f"{API}/task/{task_id}").json()["status"]
    assert seen in ("CANCEL_REQUESTED", "CANCELLED")
    if seen == "CANCEL_REQUESTED":
        assert admin.post(f"{API}/task/{task_id}/cancel").status_code == 400
    task = wait_for_task(admin, task_id)
    assert task["status"] == "CANCELLED" and "result" not in task and "finished" in task


def test_who_may_see_and_cancel(admin: httpx.Client, anon: httpx.Client, lab: Lab, server: RunningServer,
                                make_user: Callable[..., Any]) -> None:
    kind = lab.kind(lambda run: None)
    owner, other = make_user("owner"), make_user("other")
    theirs = _submit(lab, server, kind, owner=owner.name, delay_seconds=3600)
    assert owner.client.get(f"{API}/task/{theirs}").json()["status"] == "ENQUEUED"
    for client, status in ((other.client, 403), (anon, 401)):
        assert client.get(f"{API}/task/{theirs}").status_code == status
        assert client.post(f"{API}/task/{theirs}/cancel").status_code == status
    assert other.client.get(f"{API}/task/{theirs}").json() == {
        "errorMessages": ["You are not allowed to see this task."], "errors": {}}
    assert admin.get(f"{API}/task/{theirs}").status_code == 200  # administrators see every task
    assert owner.client.post(f"{API}/task/{theirs}/cancel").status_code == 202
    internal = lab.enqueue(kind, delay_seconds=3600)  # a job without a description is not a task
    for missing in (str(internal), "99999999", "abc", "99999999999999"):
        response = admin.get(f"{API}/task/{missing}")
        assert response.status_code == 404
        assert response.json() == {"errorMessages": [
            f"The task with id '{missing}' does not exist, or its trace has been already removed."], "errors": {}}
        assert admin.post(f"{API}/task/{missing}/cancel").status_code == 404

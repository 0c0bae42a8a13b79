"""Waiting for background work without fixed sleeps: poll until done, with a generous timeout."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any, TypeVar

import httpx

T = TypeVar("T")
FINISHED = {"COMPLETE", "FAILED", "CANCELLED", "DEAD"}
TIMEOUT = 60.0


def eventually(check: Callable[[], T | None], timeout: float = TIMEOUT, what: str = "condition") -> T:
    """Polls `check` until it returns something truthy; fails the test after `timeout` seconds."""
    deadline = time.monotonic() + timeout
    while True:
        value = check()
        if value:
            return value
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out after {timeout}s waiting for {what}")
        time.sleep(0.05)


def wait_for_task(client: httpx.Client, task: str | int, timeout: float = TIMEOUT,
                  statuses: set[str] = FINISHED) -> dict[str, Any]:
    """GET /task/{id} (or the task's URL) until its status is one of `statuses`; returns the task."""
    url = task if isinstance(task, str) and "/" in task else f"/rest/api/2/task/{task}"

    def poll() -> dict[str, Any] | None:
        response = client.get(url)
        assert response.status_code == 200, response.text
        body: dict[str, Any] = response.json()
        return body if body["status"] in statuses else None

    return eventually(poll, timeout, f"task {task} to reach {sorted(statuses)}")

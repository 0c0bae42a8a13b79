"""ORDER BY key and priority give Jira's order whichever SQL form the compiler picks (docs/query-plans.md).

Key: project key, then number (ABC-2 before ABC-10), across projects, within one project, after a project
key change. Priority: highest first going down, no priority last, from the configured sequences whether or
not priority ids rise with them.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from dataclasses import dataclass

import httpx
import pytest
from sqlalchemy import text

from tests.harness import RunningServer

API = "/rest/api/2"


@dataclass
class World:
    middle: str  # project key "M..."
    later: str  # project key "N...", renamed by a test to sort first
    issues: dict[str, str]  # issue key -> priority name ("" for none)


def _create(admin: httpx.Client, project: str, priority: str) -> str:
    response = admin.post(f"{API}/issue", json={"fields": {
        "project": {"key": project}, "issuetype": {"name": "Task"}, "summary": f"order {priority}",
        "priority": {"name": priority}}})
    assert response.status_code == 201, response.text
    return str(response.json()["key"])


def _execute(server: RunningServer, sql: str, **params: object) -> None:
    """Configuration the API cannot make; the generation bump makes every cache reread it."""
    with server.app.state.write_engine.begin() as conn:
        conn.execute(text(sql), params)
        conn.execute(text("UPDATE config_generation SET value = value + 1"))


@pytest.fixture(scope="module")
def world(admin: httpx.Client, server: RunningServer) -> Iterator[World]:
    stem = uuid.uuid4().hex[:7].upper().replace("0", "Z").replace("1", "Y")
    keys = {"M": "M" + stem, "N": "N" + stem}
    for key in keys.values():
        created = admin.post(f"{API}/project", json={"key": key, "name": f"Order {key}", "lead": "admin",
                                                     "projectTypeKey": "software"})
        assert created.status_code == 201, created.text
    priorities = ["Low", "High", "Medium", "Highest", "Lowest", "High"]
    issues = {}
    # Eleven issues in M: M-2 sorts before M-10 by number, not by text.
    for n in range(11):
        issues[_create(admin, keys["M"], priorities[n % len(priorities)])] = priorities[n % len(priorities)]
    for priority in ("Lowest", "Highest", "Medium"):
        issues[_create(admin, keys["N"], priority)] = priority
    no_priority = f"{keys['M']}-7"
    _execute(server, "UPDATE issue SET priority_id = NULL WHERE key = :key", key=no_priority)
    issues[no_priority] = ""
    yield World(keys["M"], keys["N"], issues)
    for key in keys.values():
        admin.delete(f"{API}/project/{key}")


def _keys(admin: httpx.Client, jql: str, start_at: int = 0, max_results: int = 100) -> list[str]:
    response = admin.post(f"{API}/search", json={"jql": jql, "startAt": start_at, "maxResults": max_results,
                                                 "fields": ["priority"]})
    assert response.status_code == 200, response.text
    return [issue["key"] for issue in response.json()["issues"]]


def _by_key(key: str) -> tuple[str, int]:
    project, number = key.rsplit("-", 1)
    return project, int(number)


def _both(world: World) -> str:
    return f"project in ({world.middle}, {world.later})"


def test_order_by_key_across_projects(admin: httpx.Client, world: World) -> None:
    expected = sorted(world.issues, key=_by_key)
    assert _keys(admin, f"{_both(world)} ORDER BY key ASC") == expected
    assert _keys(admin, f"{_both(world)} ORDER BY key DESC") == expected[::-1]
    assert _keys(admin, f"{_both(world)} ORDER BY key ASC", start_at=3, max_results=5) == expected[3:8]


def test_order_by_key_within_one_project(admin: httpx.Client, world: World) -> None:
    expected = sorted((k for k in world.issues if k.startswith(world.middle + "-")), key=_by_key)
    assert _keys(admin, f"project = {world.middle} ORDER BY key") == expected
    assert _keys(admin, f"project = {world.middle} AND issuetype = Task ORDER BY issuekey DESC") == expected[::-1]
    assert _keys(admin, f"project in ({world.middle}, {world.middle}) ORDER BY key DESC, priority ASC") \
        == expected[::-1]


def test_order_by_priority_then_key(admin: httpx.Client, world: World) -> None:
    rank = {"Highest": 1, "High": 2, "Medium": 3, "Low": 4, "Lowest": 5, "": 6}
    expected = sorted(world.issues, key=lambda k: (rank[world.issues[k]], _by_key(k)))
    assert _keys(admin, f"{_both(world)} ORDER BY priority DESC, key ASC") == expected
    assert _keys(admin, f"{_both(world)} ORDER BY priority ASC, key") == \
        sorted(world.issues, key=lambda k: (-rank[world.issues[k]], _by_key(k)))
    within = [k for k in expected if k.startswith(world.middle + "-")]
    assert _keys(admin, f"project = {world.middle} ORDER BY priority DESC, key ASC") == within


def test_order_by_priority_when_ids_do_not_follow_the_sequence(admin: httpx.Client, server: RunningServer,
                                                               world: World) -> None:
    """A priority added above Highest has a larger id and a smaller sequence: the order follows the sequence."""
    blocker = world.later + "-2"
    with server.app.state.read_engine.connect() as conn:
        top = conn.execute(text("SELECT max(id) + 100 FROM priority")).scalar_one()
        before = conn.execute(text("SELECT priority_id FROM issue WHERE key = :key"), {"key": blocker}).scalar_one()
    _execute(server, "INSERT INTO priority (id, name, description, icon_path, status_color, sequence) "
                     "VALUES (:id, :name, '', '', '#000000', 0)", id=top, name=f"Blocker {top}")
    try:
        _execute(server, "UPDATE issue SET priority_id = :id WHERE key = :key", id=top, key=blocker)
        rank = {"Highest": 1, "High": 2, "Medium": 3, "Low": 4, "Lowest": 5, "": 6}
        ranked = {k: (0 if k == blocker else rank[p]) for k, p in world.issues.items()}
        expected = sorted(world.issues, key=lambda k: (ranked[k], _by_key(k)))
        assert _keys(admin, f"{_both(world)} ORDER BY priority DESC, key ASC") == expected
        assert _keys(admin, f"{_both(world)} ORDER BY priority ASC, key DESC") == expected[::-1]
    finally:
        _execute(server, "UPDATE issue SET priority_id = :id WHERE key = :key", id=before, key=blocker)
        _execute(server, "DELETE FROM priority WHERE id = :id", id=top)


def test_order_by_key_follows_a_project_key_change(admin: httpx.Client, world: World) -> None:
    """Issue keys take the project's new key, and the order with them: N... renamed L... sorts first."""
    renamed = "L" + world.later[1:]
    response = admin.put(f"{API}/project/{world.later}", json={"key": renamed})
    assert response.status_code == 201, response.text  # Jira answers a project update with 201
    world.issues = {(renamed + key[len(world.later):] if key.startswith(world.later + "-") else key): p
                    for key, p in world.issues.items()}
    world.later = renamed
    expected = sorted(world.issues, key=_by_key)
    assert expected[0].startswith(renamed + "-")
    assert _keys(admin, f"{_both(world)} ORDER BY key ASC") == expected

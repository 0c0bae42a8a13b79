"""Bulk and query measures: creates/s, issue/bulk issues/s, full reindex time, ~20 fixed JQL queries alone."""

from __future__ import annotations

import asyncio
import random
import re
import time
from dataclasses import dataclass
from typing import Any

import httpx

from benchmarks.dataset import SEED, TIERS, Dataset
from benchmarks.load import Target, percentile

BULK_SIZE = 50


def _fields(project: str, rng: random.Random, n: int) -> dict[str, Any]:
    return {"project": {"key": project}, "issuetype": {"name": "Task"},
            "summary": f"Bulk measure issue {n} {rng.randint(1, 10**6)}",
            "description": "Created by the benchmark to measure write throughput. " * 4}


async def creates_per_second(target: Target, *, users: int = 8, seconds: float = 10) -> dict[str, float]:
    """POST /issue from `users` concurrent clients for `seconds`."""
    done = failed = 0
    stop_at = time.perf_counter() + seconds

    async def worker(number: int) -> None:
        nonlocal done, failed
        rng = random.Random(number)
        user = target.users[number % len(target.users)]
        async with httpx.AsyncClient(base_url=target.base_url, auth=(user, target.password), timeout=60) as client:
            while time.perf_counter() < stop_at:
                response = await client.post("/rest/api/2/issue",
                                             json={"fields": _fields(rng.choice(target.projects), rng, done)})
                if response.status_code == 201:
                    done += 1
                else:
                    failed += 1

    started = time.perf_counter()
    await asyncio.gather(*(worker(i) for i in range(users)))
    elapsed = time.perf_counter() - started
    return {"users": users, "created": done, "failed": failed, "per_second": round(done / elapsed, 1)}


async def bulk_per_second(target: Target, *, users: int = 4, seconds: float = 10) -> dict[str, float]:
    """POST /issue/bulk with batches of 50 from `users` concurrent clients."""
    done = failed = 0
    stop_at = time.perf_counter() + seconds

    async def worker(number: int) -> None:
        nonlocal done, failed
        rng = random.Random(100 + number)
        user = target.users[number % len(target.users)]
        async with httpx.AsyncClient(base_url=target.base_url, auth=(user, target.password), timeout=120) as client:
            while time.perf_counter() < stop_at:
                project = rng.choice(target.projects)
                body = {"issueUpdates": [{"fields": _fields(project, rng, i)} for i in range(BULK_SIZE)]}
                response = await client.post("/rest/api/2/issue/bulk", json=body)
                if response.status_code == 201:
                    done += len(response.json().get("issues", []))
                else:
                    failed += 1

    started = time.perf_counter()
    await asyncio.gather(*(worker(i) for i in range(users)))
    elapsed = time.perf_counter() - started
    return {"users": users, "batch": BULK_SIZE, "created": done, "failed_batches": failed,
            "per_second": round(done / elapsed, 1)}


async def reindex_seconds(base_url: str, admin: tuple[str, str], *, limit: float = 3600) -> dict[str, Any]:
    """POST /reindex, then its progress until it has a finish time (it may run in a job worker)."""
    async with httpx.AsyncClient(base_url=base_url, auth=admin, timeout=limit) as client:
        started = time.perf_counter()
        response = await client.post("/rest/api/2/reindex", params={"type": "FOREGROUND"})
        if response.status_code >= 400:
            return {"status": response.status_code, "error": response.text[:300]}
        body = response.json()
        task_id = str(body.get("progressUrl", "")).rpartition("taskId=")[2] or None
        while "finishTime" not in body and time.perf_counter() - started < limit:
            await asyncio.sleep(0.1)
            body = (await client.get("/rest/api/2/reindex/progress", params={"taskId": task_id})).json()
        return {"status": response.status_code, "seconds": round(time.perf_counter() - started, 2),
                "success": body.get("success"), "progress": body.get("currentProgress")}


@dataclass(frozen=True)
class Query:
    kind: str  # structured | text-selective | text-prefix | order
    jql: str


def fixed_queries(tier: str, target: Target, seed: int = SEED) -> list[Query]:
    """~20 queries over the dataset's own names, so each finds something."""
    data = Dataset(TIERS[tier], seed)
    project = target.projects[0]
    projects = data.projects()
    first = next(p for p in projects if p["key"] == project) if any(p["key"] == project for p in projects) \
        else projects[0]
    user = data.users()[1]["name"]
    rare = _rare_word_of_a_summary(data)
    component = first["components"][0]["name"]
    version = first["versions"][0]["name"]
    select_field = next((i for i, f in enumerate(data.custom_fields()) if f["type"] == "select"), None)
    queries = [
        Query("structured", f"project = {project} ORDER BY key ASC"),
        Query("structured", f'project = {project} AND status = "In Progress" ORDER BY key ASC'),
        Query("structured", f"assignee = {user} ORDER BY key ASC"),
        Query("structured", f"reporter = {user} AND resolution = Unresolved ORDER BY key ASC"),
        Query("structured", "priority in (Highest, High) AND resolution = Unresolved ORDER BY priority DESC, key ASC"),
        Query("structured", "labels = cache ORDER BY key ASC"),
        Query("structured", f'project = {project} AND component = "{component}" ORDER BY key ASC'),
        Query("structured", f'project = {project} AND fixVersion = "{version}" ORDER BY key ASC'),
        Query("structured", 'created >= "2026-06-01" ORDER BY created DESC'),
        Query("structured", "issuetype = Bug AND statusCategory != Done ORDER BY created ASC"),
        Query("structured", f"issuekey in ({project}-1, {project}-2, {project}-3)"),
        Query("structured", 'status WAS "In Progress" ORDER BY key ASC'),
        Query("text-selective", f'summary ~ "{rare}" ORDER BY key ASC'),
        Query("text-selective", f'text ~ "{rare}" ORDER BY key ASC'),
        Query("text-selective", 'description ~ "checkout" ORDER BY key ASC'),
        Query("text-selective", 'comment ~ "firewall" ORDER BY key ASC'),
        Query("text-prefix", 'text ~ "ser*" ORDER BY key ASC'),
        Query("text-prefix", 'text ~ "the*" ORDER BY key ASC'),
        Query("order", "ORDER BY updated DESC"),
        Query("order", "resolution = Unresolved ORDER BY priority DESC, created ASC"),
    ]
    if select_field is not None:
        field = data.custom_fields()[select_field]
        queries.insert(12, Query("structured", f'"{field["name"]}" = "{field["options"][0]}" ORDER BY key ASC'))
    return queries


def _rare_word_of_a_summary(data: Dataset) -> str:
    """A made-up word that some summary has (so `summary ~` finds a few issues at every tier)."""
    rare = set(data.rare)
    for issue in data.issues():
        for word in re.findall(r"\w+", issue["summary"]):
            if word in rare:
                return word
    return data.rare[0]


async def query_timings(target: Target, queries: list[Query], *, repeats: int = 10) -> list[dict[str, Any]]:
    """Each query alone, up to `repeats` times (at least 3, within about 3 s), 50 results with the exact
    total, as one user."""
    out = []
    async with httpx.AsyncClient(base_url=target.base_url, auth=(target.users[0], target.password),
                                 timeout=120) as client:
        for query in queries:
            times: list[float] = []
            total = None
            error = None
            budget = time.perf_counter() + 3.0  # a slow query is measured fewer times, not for minutes
            for _ in range(repeats):
                if len(times) >= 3 and time.perf_counter() > budget:
                    break
                started = time.perf_counter()
                response = await client.post("/rest/api/2/search", json={"jql": query.jql, "maxResults": 50})
                times.append(time.perf_counter() - started)
                if response.status_code != 200:
                    error = f"{response.status_code}: {response.text[:200]}"
                    break
                total = response.json().get("total")
            out.append({"kind": query.kind, "jql": query.jql, "total": total, "error": error, "runs": len(times),
                        "p50": round(percentile(times, 50), 4), "p95": round(percentile(times, 95), 4)})
    return out

"""The benchmark dataset is deterministic, and imported data is served as data made through the API.

The XS tier is generated, imported offline into a fresh database (SQLite, or PostgreSQL with
TICKETRY_TEST_DB=postgres) and served by a real server of its own. No timings are asserted here.
"""

from __future__ import annotations

import re
import sqlite3
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from sqlalchemy import create_engine, text

from benchmarks import importer
from benchmarks.dataset import TIERS, Dataset
from benchmarks.importer import BENCH_PASSWORD, read_records, run_import
from tests.harness import RunningServer, database_url
from ticketry.settings import Settings

XS = TIERS["XS"]


def _issues() -> list[dict[str, Any]]:
    return list(Dataset(XS).issues())


def test_xs_generates_the_same_records_every_time() -> None:
    first, second = Dataset(XS), Dataset(XS)
    assert first.digest() == second.digest()
    assert Dataset(XS, seed=7).digest() != first.digest()
    issues = _issues()
    assert len(issues) == XS.issues
    assert len(first.users()) == XS.users and len(first.projects()) == XS.projects
    # Numbers run 1..N per project in creation order, as keys allocated by the API do.
    for project in range(XS.projects):
        mine = [i for i in issues if i["project"] == project]
        assert [i["number"] for i in mine] == list(range(1, len(mine) + 1))
        assert [i["created"] for i in mine] == sorted(i["created"] for i in mine)


def test_written_dataset_reads_back_the_same(tmp_path: Path) -> None:
    from benchmarks.dataset import write

    write(Dataset(XS), tmp_path)
    kinds = [kind for kind, _ in read_records(tmp_path)]
    assert kinds[:6] == ["groups", "users", "statuses", "workflows", "projects", "custom_fields"]
    assert kinds.count("issue") == XS.issues


@pytest.fixture(scope="module", params=["stream", "list"])
def imported(request: pytest.FixtureRequest) -> Iterator[RunningServer]:
    """A stream of records (from a file, or generated) or a list (the benchmark's, generated first): on
    PostgreSQL the writers get the records of each batch, or only its place in the list they share."""
    records = Dataset(XS).records()
    with tempfile.TemporaryDirectory(prefix="ticketry-bench-test-") as tmp, database_url(Path(tmp)) as url:
        # Batches smaller than the tier, the last one partial: many batches for each writer (or for
        # SQLite's row producer).
        saved, importer.BATCH = importer.BATCH, 64
        try:
            result = run_import(url, records if request.param == "stream" else list(records))
        finally:
            importer.BATCH = saved
        assert result.issues == XS.issues
        issues = _issues()
        assert result.rows["comment"] == sum(len(i["comments"]) for i in issues)
        assert result.rows["attachment"] == sum(len(i["attachments"]) for i in issues)
        assert result.rows["change_group"] == sum(len(i["transitions"]) for i in issues)
        settings = Settings(data_dir=Path(tmp), database_url=url, admin_user="admin", admin_password="admin")
        server = RunningServer(settings).start()
        try:
            yield server
        finally:
            server.stop()


def _client(server: RunningServer, user: str) -> httpx.Client:
    return httpx.Client(base_url=server.url, auth=(user, BENCH_PASSWORD), timeout=30)


def test_imported_issue_reads_like_one_made_through_the_api(imported: RunningServer) -> None:
    data = Dataset(XS)
    users, projects = data.users(), data.projects()
    issue = next(i for i in _issues() if i["state"] == "done" and i["comments"] and i["labels"])
    key = f"{projects[issue['project']]['key']}-{issue['number']}"
    with _client(imported, users[0]["name"]) as client:
        response = client.get(f"/rest/api/2/issue/{key}", params={"expand": "changelog"})
        assert response.status_code == 200, response.text
        fields = response.json()["fields"]
        assert response.json()["key"] == key
        assert fields["summary"] == issue["summary"]
        assert fields["description"] == issue["description"]
        assert fields["issuetype"]["name"] == issue["type"]
        assert fields["status"]["statusCategory"]["key"] == "done"
        assert fields["resolution"]["name"] == issue["resolution"]
        assert fields["reporter"]["name"] == users[issue["reporter"]]["name"]
        assert fields["creator"]["name"] == users[issue["reporter"]]["name"]
        assert fields["labels"] == issue["labels"]
        assert fields["comment"]["total"] == len(issue["comments"])
        assert [c["body"] for c in fields["comment"]["comments"]] == [c[1] for c in issue["comments"]]
        assert fields["watches"]["watchCount"] >= 1
        assert len(fields["attachment"]) == len(issue["attachments"])
        project = projects[issue["project"]]
        assert sorted(c["name"] for c in fields["components"]) == sorted(
            project["components"][i]["name"] for i in issue["components"])
        histories = response.json()["changelog"]["histories"]
        status_items = [item for h in histories for item in h["items"] if item["field"] == "status"]
        assert len(status_items) == len(issue["transitions"])
        assert status_items[-1]["toString"] == fields["status"]["name"]


def test_imported_issues_are_found_by_jql_and_text(imported: RunningServer) -> None:
    data = Dataset(XS)
    project = data.projects()[0]
    issues = _issues()
    mine = [i for i in issues if i["project"] == 0]
    with _client(imported, data.users()[1]["name"]) as client:
        found = client.post("/rest/api/2/search", json={"jql": f"project = {project['key']} ORDER BY key ASC",
                                                        "maxResults": 5, "fields": ["summary"]})
        assert found.status_code == 200, found.text
        assert found.json()["total"] == len(mine)
        assert found.json()["issues"][0]["key"] == f"{project['key']}-1"
        # A rare word of one summary: the full-text index was rebuilt after the import.
        rare = set(data.rare)
        target = next(i for i in issues if any(w in rare for w in re.findall(r"\w+", i["summary"])))
        word = next(w for w in re.findall(r"\w+", target["summary"]) if w in rare)
        key = f"{data.projects()[target['project']]['key']}-{target['number']}"
        hits = client.post("/rest/api/2/search", json={"jql": f'summary ~ "{word}"', "maxResults": 100,
                                                       "fields": ["summary"]})
        assert hits.status_code == 200, hits.text
        assert key in [i["key"] for i in hits.json()["issues"]]
        prefix = client.post("/rest/api/2/search", json={"jql": f'text ~ "{word[:3]}*"', "maxResults": 1000,
                                                         "fields": ["summary"]})
        assert key in [i["key"] for i in prefix.json()["issues"]]


def test_projects_of_the_tiers_own_workflows_use_them(imported: RunningServer) -> None:
    data = Dataset(XS)
    index, project = next((i, p) for i, p in enumerate(data.projects()) if p["workflow"] is not None)
    workflow = data.workflows()[project["workflow"]]
    issue = next(i for i in _issues() if i["project"] == index and i["state"] == "doing")
    with _client(imported, data.users()[0]["name"]) as client:
        statuses = client.get(f"/rest/api/2/project/{project['key']}/statuses")
        assert statuses.status_code == 200, statuses.text
        assert {s["name"] for t in statuses.json() for s in t["statuses"]} == set(workflow["statuses"])
        body = client.get(f"/rest/api/2/issue/{project['key']}-{issue['number']}").json()
        assert body["fields"]["status"]["name"] in workflow["statuses"][1:-1]
        transitions = client.get(f"/rest/api/2/issue/{project['key']}-{issue['number']}/transitions")
        assert transitions.status_code == 200, transitions.text
        assert {t["to"]["name"] for t in transitions.json()["transitions"]} <= set(workflow["statuses"])


def test_new_issues_continue_after_the_imported_ones(imported: RunningServer) -> None:
    data = Dataset(XS)
    project = data.projects()[1]
    count = sum(1 for i in _issues() if i["project"] == 1)
    with _client(imported, data.users()[2]["name"]) as client:
        created = client.post("/rest/api/2/issue", json={"fields": {
            "project": {"key": project["key"]}, "issuetype": {"name": "Task"}, "summary": "After the import"}})
        assert created.status_code == 201, created.text
        assert created.json()["key"] == f"{project['key']}-{count + 1}"
        comment = client.post(f"/rest/api/2/issue/{project['key']}-1/comment", json={"body": "imported?"})
        assert comment.status_code == 201, comment.text


def test_an_import_that_fails_leaves_no_issues() -> None:
    """Two issues of a project with one number: the unique key stops a batch; what the other batches
    (other writers, on PostgreSQL) wrote is not committed either."""
    records = list(Dataset(XS).records())
    issues = [record for kind, record in records if kind == "issue"]
    # In the last batch: the other batches are written by then.
    later = next(i for i in range(len(issues) - 1, 0, -1) if issues[i]["project"] == issues[i - 1]["project"])
    issues[later]["number"] = issues[later - 1]["number"]
    with tempfile.TemporaryDirectory(prefix="ticketry-bench-test-") as tmp, database_url(Path(tmp)) as url:
        saved, importer.BATCH = importer.BATCH, 32
        try:
            with pytest.raises((SystemExit, sqlite3.IntegrityError)):
                run_import(url, records)
        finally:
            importer.BATCH = saved
        engine = create_engine(url)
        try:
            with engine.connect() as conn:
                assert conn.execute(text("SELECT count(*) FROM issue")).scalar() == 0
                assert conn.execute(text("SELECT count(*) FROM comment")).scalar() == 0
                assert conn.execute(text("SELECT count(*) FROM project")).scalar() == XS.projects
        finally:
            engine.dispose()

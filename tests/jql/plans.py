"""What the plan tests share: a project with a few issues, and the count and page statements of a search."""

from __future__ import annotations

import threading
import uuid
from collections.abc import Iterator
from typing import Any

import httpx
from sqlalchemy import event

from tests.harness import RunningServer

API = "/rest/api/2"


def search_statements(server: RunningServer, admin: httpx.Client, jql: str) -> dict[str, tuple[str, Any]]:
    """The count and page statements (with their parameters) of one search."""
    seen: list[tuple[str, Any]] = []
    lock = threading.Lock()

    def record(conn: Any, cursor: Any, statement: str, parameters: Any, *args: Any) -> None:
        with lock:
            seen.append((statement, parameters))

    engine = server.app.state.read_engine
    event.listen(engine, "before_cursor_execute", record)
    try:
        response = admin.post(f"{API}/search", json={"jql": jql, "maxResults": 5})
    finally:
        event.remove(engine, "before_cursor_execute", record)
    assert response.status_code == 200, response.text
    found = {}
    for statement, parameters in seen:
        text = " ".join(statement.split())
        if text.startswith("SELECT count(") and "FROM issue" in text or text.startswith("SELECT count(DISTINCT"):
            found["count"] = (statement, parameters)
        elif text.startswith(("SELECT issue.id", "SELECT matches.id")) and " LIMIT " in text:
            found["page"] = (statement, parameters)
    return found


def plan_project(admin: httpx.Client) -> Iterator[str]:
    """A new project with three High issues, labelled plans0..plans2; deleted after."""
    key = "Q" + uuid.uuid4().hex[:7].upper().replace("0", "Z")
    created = admin.post(f"{API}/project", json={"key": key, "name": f"Plans {key}", "lead": "admin",
                                                 "projectTypeKey": "software"})
    assert created.status_code == 201, created.text
    for n in range(3):
        response = admin.post(f"{API}/issue", json={"fields": {
            "project": {"key": key}, "issuetype": {"name": "Task"}, "summary": f"plan subject {n}",
            "labels": [f"plans{n}"], "priority": {"name": "High"}}})
        assert response.status_code == 201, response.text
    yield key
    admin.delete(f"{API}/project/{key}")




PREFIX = "com.atlassian.jira.plugin.system.customfieldtypes:"
TYPED = {  # kind: (searcher, a value, queries of it, the partial index they must take)
    "select": ("multiselectsearcher", {"value": "Red"}, ("{cf} = Red", "{cf} is not EMPTY"),
               "ix_custom_field_value_field_option"),
    "float": ("exactnumber", 3.5, ("{cf} > 2", "{cf} in (3.5, 4)"), "ix_custom_field_value_field_number"),
    "datepicker": ("daterange", "2030-05-01", ("{cf} >= 2030-01-01", "{cf} is not EMPTY"),
                   "ix_custom_field_value_field_date"),
    "userpicker": ("userpickergroupsearcher", {"name": "admin"}, ("{cf} = admin", "{cf} is not EMPTY"),
                   "ix_custom_field_value_field_user"),
    "textfield": ("textsearcher", "plain words", ("{cf} is not EMPTY",), "ix_custom_field_value_field_string"),
}


def typed_value_queries(admin: httpx.Client, key: str) -> list[tuple[str, str]]:
    """A custom field of each typed column with a value on a new issue of project `key`; per field a
    query of its value and the index the query must take."""
    values, queries = {}, []
    for kind, (searcher, value, asked, index) in TYPED.items():
        made = admin.post(f"{API}/field", json={"name": f"Plan {kind} {uuid.uuid4().hex[:6]}", "type": PREFIX + kind,
                                                "searcherKey": PREFIX + searcher})
        assert made.status_code == 201, made.text
        field_id = made.json()["id"]
        assert admin.post(f"{API}/screens/addToDefault/{field_id}").status_code in (200, 201, 204)
        if kind == "select":
            assert admin.post(f"{API}/field/{field_id}/option", json={"value": "Red"}).status_code == 200
        values[field_id] = value
        cf = f"cf[{made.json()['schema']['customId']}]"
        queries.extend((f"project = {key} AND " + query.format(cf=cf), index) for query in asked)
    response = admin.post(f"{API}/issue", json={"fields": {
        "project": {"key": key}, "issuetype": {"name": "Task"}, "summary": "typed values", **values}})
    assert response.status_code == 201, response.text
    return queries

"""Reading the audit log in tests: records are found by a unique name through the `filter` parameter,
so tests never depend on what other tests (sharing the server) recorded."""

from __future__ import annotations

from typing import Any

import httpx

RECORDS = "/rest/api/2/auditing/record"


def records(admin: httpx.Client, text: str, **params: Any) -> list[dict[str, Any]]:
    response = admin.get(RECORDS, params={"filter": text, **params})
    assert response.status_code == 200, response.text
    found: list[dict[str, Any]] = response.json()["records"]
    return found


def summaries(admin: httpx.Client, text: str) -> list[str]:
    """Summaries of the records matching `text`, oldest first."""
    return [r["summary"] for r in reversed(records(admin, text))]


def the_record(admin: httpx.Client, summary: str, name: str) -> dict[str, Any]:
    """The one record with this summary whose object is named `name`."""
    found = [r for r in records(admin, name)
             if r["summary"] == summary and r.get("objectItem", {}).get("name") == name]
    assert len(found) == 1, (summary, name, records(admin, name))
    return found[0]


def values(entry: dict[str, Any]) -> dict[str, tuple[str | None, str | None]]:
    """changedValues as {fieldName: (changedFrom, changedTo)}."""
    return {v["fieldName"]: (v.get("changedFrom"), v.get("changedTo")) for v in entry["changedValues"]}

"""GET /project/{key}/version: the paged listing with ordering, query and status filters."""

from __future__ import annotations

from typing import Any

import httpx

from tests.harness import RunningServer
from tests.querycount import counted_queries


def make(admin: httpx.Client, project_key: str, name: str, **body: Any) -> dict[str, Any]:
    response = admin.post("/rest/api/2/version", json={"name": name, "project": project_key, **body})
    assert response.status_code == 201, response.text
    return response.json()


def test_page_shape_and_links(admin, base_url, project) -> None:
    made = [make(admin, project.key, n) for n in ("v3", "v1", "v2")]
    url = f"/rest/api/2/project/{project.key}/version"
    first = admin.get(url, params={"maxResults": 2}).json()
    assert first == {
        "self": f"{base_url}{url}?startAt=0&maxResults=2",
        "nextPage": f"{base_url}{url}?startAt=2&maxResults=2",
        "maxResults": 2, "startAt": 0, "total": 3, "isLast": False, "values": made[:2],
    }
    last = admin.get(url, params={"startAt": 2, "maxResults": 2}).json()
    assert last["values"] == made[2:] and last["isLast"] is True and "nextPage" not in last


def test_order_by_query_and_status(admin, project) -> None:
    make(admin, project.key, "Beta", description="second", releaseDate="2020-02-01", released=True)
    make(admin, project.key, "alpha", description="first", releaseDate="2020-03-01", startDate="2020-01-01")
    make(admin, project.key, "gamma", description="old one", archived=True)
    url = f"/rest/api/2/project/{project.key}/version"

    def listed(**params: str) -> list[str]:
        response = admin.get(url, params=params)
        assert response.status_code == 200, response.text
        return [v["name"] for v in response.json()["values"]]

    assert listed() == ["Beta", "alpha", "gamma"]
    assert listed(orderBy="sequence") == ["Beta", "alpha", "gamma"]
    assert listed(orderBy="-sequence") == ["gamma", "alpha", "Beta"]
    assert listed(orderBy="name") == ["alpha", "Beta", "gamma"]
    assert listed(orderBy="-name") == ["gamma", "Beta", "alpha"]
    assert listed(orderBy="releaseDate") == ["Beta", "alpha", "gamma"]
    assert listed(orderBy="-releaseDate") == ["alpha", "Beta", "gamma"]
    assert listed(orderBy="startDate") == ["alpha", "Beta", "gamma"]
    assert listed(orderBy="description") == ["alpha", "gamma", "Beta"]
    assert listed(query="ALP") == ["alpha"]
    assert listed(query="one") == ["gamma"]
    assert listed(status="released") == ["Beta"]
    assert listed(status="unreleased") == ["alpha"]
    assert listed(status="archived") == ["gamma"]
    assert listed(status="released,archived") == ["Beta", "gamma"]


def test_expand_in_pages(admin, project) -> None:
    version = make(admin, project.key, "x")
    body = admin.get(f"/rest/api/2/project/{project.key}/version", params={"expand": "remotelinks"}).json()
    assert body["values"] == [{**version, "remotelinks": []}]


def test_bad_parameters(admin, project) -> None:
    url = f"/rest/api/2/project/{project.key}/version"
    for params, field in (({"orderBy": "colour"}, "orderBy"), ({"status": "done"}, "status"),
                          ({"startAt": -5}, "startAt"), ({"maxResults": -1}, "maxResults")):
        response = admin.get(url, params=params)
        assert response.status_code == 400 and set(response.json()["errors"]) == {field}
    assert admin.get("/rest/api/2/project/NOPE404/version").status_code == 404


def test_listings_run_a_constant_number_of_queries(admin, server: RunningServer, project) -> None:
    def count(path: str) -> int:
        # The least of three: work of earlier tests finishing in the background can only add statements.
        return min(_count_once(path) for _ in range(3))

    def _count_once(path: str) -> int:
        with counted_queries(server) as statements:
            assert admin.get(path, params={"expand": "operations,remotelinks"}).status_code == 200
        return len(statements)

    paths = [f"/rest/api/2/project/{project.key}/versions", f"/rest/api/2/project/{project.key}/version"]
    make(admin, project.key, "first")
    before = [count(p) for p in paths]
    assert min(before) > 0
    for n in range(6):
        version = make(admin, project.key, f"more-{n}")
        admin.post(f"/rest/api/2/version/{version['id']}/remotelink", json={"n": n})
    assert [count(p) for p in paths] == before

"""GET /project/{key}/component: the paged listing with issue counts, ordering and a text query."""

from __future__ import annotations

import httpx

from tests.harness import RunningServer
from tests.platform.components.support import insert_issue
from tests.querycount import counted_queries


def make(admin: httpx.Client, project_key: str, name: str, description: str = "") -> str:
    body = {"name": name, "project": project_key, "description": description}
    response = admin.post("/rest/api/2/component", json=body)
    assert response.status_code == 201, response.text
    return str(response.json()["id"])


def test_page_shape_links_and_issue_counts(admin, base_url, server: RunningServer, project) -> None:
    ids = {n: make(admin, project.key, n, f"about {n}") for n in ("cherry", "apple", "banana")}
    insert_issue(server, project, components=(int(ids["banana"]),))
    insert_issue(server, project, components=(int(ids["banana"]), int(ids["apple"])))
    url = f"/rest/api/2/project/{project.key}/component"
    first = admin.get(url, params={"maxResults": 2}).json()
    expected_first = admin.get(f"/rest/api/2/component/{ids['apple']}").json()
    assert first == {
        "self": f"{base_url}{url}?startAt=0&maxResults=2",
        "nextPage": f"{base_url}{url}?startAt=2&maxResults=2",
        "maxResults": 2,
        "startAt": 0,
        "total": 3,
        "isLast": False,
        "values": [{**expected_first, "issueCount": 1}, first["values"][1]],
    }
    assert (first["values"][1]["name"], first["values"][1]["issueCount"]) == ("banana", 2)
    second = admin.get(url, params={"startAt": 2, "maxResults": 2}).json()
    assert "nextPage" not in second and second["isLast"] is True
    assert [(v["name"], v["issueCount"]) for v in second["values"]] == [("cherry", 0)]


def test_order_by_and_query(admin, project) -> None:
    make(admin, project.key, "b-comp", "zzz")
    make(admin, project.key, "a-comp", "yyy")
    make(admin, project.key, "c_other", "Needle in here")
    url = f"/rest/api/2/project/{project.key}/component"

    def listed(**params: str) -> list[str]:
        response = admin.get(url, params=params)
        assert response.status_code == 200, response.text
        return [v["name"] for v in response.json()["values"]]

    assert listed() == ["a-comp", "b-comp", "c_other"]
    assert listed(orderBy="-name") == ["c_other", "b-comp", "a-comp"]
    assert listed(orderBy="description") == ["c_other", "a-comp", "b-comp"]
    assert listed(orderBy="+description") == ["c_other", "a-comp", "b-comp"]
    assert listed(query="COMP") == ["a-comp", "b-comp"]
    assert listed(query="needle") == ["c_other"]
    assert listed(query="_") == ["c_other"]
    assert admin.get(url, params={"query": "comp"}).json()["total"] == 2


def test_bad_paging_parameters(admin, project) -> None:
    url = f"/rest/api/2/project/{project.key}/component"
    bad_order = admin.get(url, params={"orderBy": "colour"})
    assert bad_order.status_code == 400 and set(bad_order.json()["errors"]) == {"orderBy"}
    negative = admin.get(url, params={"startAt": -1})
    assert negative.status_code == 400
    assert negative.json() == {"errorMessages": [], "errors": {"startAt": "The value of startAt must not be negative."}}
    assert admin.get(url, params={"maxResults": "many"}).status_code == 400
    assert admin.get(url, params={"maxResults": 500}).json()["maxResults"] == 50
    assert admin.get("/rest/api/2/project/NOPE404/component").status_code == 404


def test_listings_run_a_constant_number_of_queries(admin, server: RunningServer, project, make_user) -> None:
    def count(path: str) -> int:
        # The least of three: work of earlier tests finishing in the background can only add statements.
        return min(_count_once(path) for _ in range(3))

    def _count_once(path: str) -> int:
        with counted_queries(server) as statements:
            assert admin.get(path).status_code == 200
        return len(statements)

    paths = [f"/rest/api/2/project/{project.key}/components", f"/rest/api/2/project/{project.key}/component"]
    make(admin, project.key, "first")
    before = [count(p) for p in paths]
    assert min(before) > 0
    for n in range(6):
        lead = make_user("ql")
        admin.post("/rest/api/2/component", json={"name": f"more-{n}", "project": project.key, "leadUserName": lead.name})
    assert [count(p) for p in paths] == before

"""Odd input never becomes a 500: ids beyond any database integer, NUL characters, huge offsets."""

from __future__ import annotations

import httpx
import pytest

NUL = "\u0000"


def assert_error(response: httpx.Response, status: int) -> dict:
    assert response.status_code == status, response.text
    body = response.json()
    assert set(body) == {"errorMessages", "errors"}
    return body


@pytest.mark.parametrize("path", [
    "/rest/api/2/component/4294967296", "/rest/api/2/component/99999999999999999999999",
    "/rest/api/2/version/4294967296", "/rest/api/2/version/99999999999999999999999/relatedIssueCounts",
    "/rest/api/2/project/4294967296/versions", "/rest/api/2/project/99999999999999999999999/components",
    "/rest/api/2/version/4294967296/remotelink",
])
def test_ids_beyond_integers_are_404(admin, path) -> None:
    assert_error(admin.get(path), 404)


def test_project_ids_beyond_integers_are_404(admin) -> None:
    for project_id in (2**40, 10**30):
        body = assert_error(admin.post("/rest/api/2/component", json={"name": "x", "projectId": project_id}), 404)
        assert body["errorMessages"] == [f"No project could be found with key '{project_id}'."]
        assert_error(admin.post("/rest/api/2/version", json={"name": "x", "projectId": project_id}), 404)


def test_huge_offsets(admin, project) -> None:
    for kind in ("component", "version"):
        url = f"/rest/api/2/project/{project.key}/{kind}"
        body = assert_error(admin.get(url, params={"startAt": 10**20}), 400)
        assert set(body["errors"]) == {"startAt"}
        page = admin.get(url, params={"startAt": 2**40})
        assert page.status_code == 200 and page.json()["values"] == [] and page.json()["startAt"] == 2**40


def test_nul_characters_are_refused(admin, project) -> None:
    message = "The request contains a NUL character, which cannot be stored."
    for path in ("/rest/api/2/component", "/rest/api/2/version"):
        body = assert_error(admin.post(path, json={"name": f"a{NUL}b", "project": project.key}), 400)
        assert body["errorMessages"] == [message]
    version = admin.post("/rest/api/2/version", json={"name": "ok", "project": project.key}).json()
    links = f"/rest/api/2/version/{version['id']}/remotelink"
    assert assert_error(admin.post(links, json={"k": f"v{NUL}"}), 400)["errorMessages"] == [message]
    assert assert_error(admin.post(f"{links}/%00", json={"k": 1}), 400)["errorMessages"] == [message]
    assert_error(admin.get(f"{links}/%00"), 404)
    assert admin.get("/rest/api/2/version/remotelink", params={"globalId": NUL}).json() == {"links": []}
    listed = admin.get(f"/rest/api/2/project/{project.key}/component", params={"query": NUL})
    assert listed.status_code == 200
    assert [v["name"] for v in admin.get(f"/rest/api/2/project/{project.key}/versions").json()] == ["ok"]


def test_global_id_length_is_limited(admin, project) -> None:
    version = admin.post("/rest/api/2/version", json={"name": "gl", "project": project.key}).json()
    body = assert_error(admin.post(f"/rest/api/2/version/{version['id']}/remotelink", json={"globalId": "g" * 256}), 400)
    assert body["errors"] == {"globalId": "The global id must not exceed 255 characters."}

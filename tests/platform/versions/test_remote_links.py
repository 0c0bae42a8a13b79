"""Remote version links: any JSON document under a global id, per version."""

from __future__ import annotations

from typing import Any

import httpx


def make(admin: httpx.Client, project_key: str, name: str) -> dict[str, Any]:
    response = admin.post("/rest/api/2/version", json={"name": name, "project": project_key})
    assert response.status_code == 201, response.text
    return response.json()


def test_create_read_update_delete(admin, base_url, project, unique) -> None:
    version = make(admin, project.key, "1.0")
    base = f"/rest/api/2/version/{version['id']}/remotelink"
    global_id = unique("gid")
    document = {"globalId": global_id, "myCustomLinkProperty": True, "colors": ["red", "green", "blue"]}
    created = admin.post(base, json=document)
    assert created.status_code == 201 and created.content == b""
    link_self = f"{base_url}{base}/{global_id}"
    assert created.headers["Location"] == link_self
    expected = {"self": link_self, "name": "1.0", "link": document}
    assert admin.get(f"{base}/{global_id}").json() == expected
    assert admin.get(base).json() == {"links": [expected]}
    changed = {**document, "colors": ["cyan"]}
    assert admin.post(f"{base}/{global_id}", json=changed).status_code == 201
    assert admin.get(base).json() == {"links": [{**expected, "link": changed}]}
    expanded = admin.get(f"/rest/api/2/version/{version['id']}", params={"expand": "remotelinks"}).json()
    assert expanded["remotelinks"] == [{**expected, "link": changed}]
    deleted = admin.delete(f"{base}/{global_id}")
    assert deleted.status_code == 204
    assert admin.get(f"{base}/{global_id}").status_code == 404
    assert admin.delete(f"{base}/{global_id}").status_code == 404
    assert admin.get(base).json() == {"links": []}


def test_global_id_is_generated_and_path_id_wins(admin, project, unique) -> None:
    version = make(admin, project.key, "gen")
    base = f"/rest/api/2/version/{version['id']}/remotelink"
    created = admin.post(base, json={"anything": [1, 2, 3]})
    assert created.status_code == 201
    generated = created.headers["Location"].rsplit("/", 1)[-1]
    assert len(generated) >= 16
    assert admin.get(f"{base}/{generated}").json()["link"] == {"anything": [1, 2, 3]}
    path_id = unique("path")
    assert admin.post(f"{base}/{path_id}", json={"globalId": "other", "x": 1}).status_code == 201
    assert admin.get(f"{base}/{path_id}").json()["link"] == {"globalId": "other", "x": 1}
    assert len(admin.get(base).json()["links"]) == 2


def test_links_by_global_id_across_versions(admin, base_url, project, unique) -> None:
    first, second = make(admin, project.key, "Version 1"), make(admin, project.key, "Version 2")
    global_id = unique("shared")
    for version in (first, second):
        response = admin.post(f"/rest/api/2/version/{version['id']}/remotelink", json={"globalId": global_id})
        assert response.status_code == 201
    body = admin.get("/rest/api/2/version/remotelink", params={"globalId": global_id}).json()
    assert body == {"links": [
        {"self": f"{base_url}/rest/api/2/version/{v['id']}/remotelink/{global_id}", "name": v["name"],
         "link": {"globalId": global_id}}
        for v in (first, second)
    ]}
    assert admin.get("/rest/api/2/version/remotelink", params={"globalId": unique("none")}).json() == {"links": []}


def test_delete_all_links_of_a_version(admin, project, unique) -> None:
    version = make(admin, project.key, "all")
    base = f"/rest/api/2/version/{version['id']}/remotelink"
    for _ in range(2):
        assert admin.post(base, json={"globalId": unique("g")}).status_code == 201
    assert admin.delete(base).status_code == 204
    assert admin.get(base).json() == {"links": []}
    assert admin.delete(base).status_code == 404


def test_bad_payloads_and_unknown_versions(admin, project) -> None:
    version = make(admin, project.key, "bad")
    base = f"/rest/api/2/version/{version['id']}/remotelink"
    empty = admin.post(base, content=b"", headers={"Content-Type": "application/json"})
    assert empty.status_code == 400
    malformed = admin.post(base, content=b"{oops", headers={"Content-Type": "application/json"})
    assert malformed.status_code == 400 and malformed.json()["errorMessages"]
    too_big = admin.post(base, json={"globalId": "big", "blob": "x" * 40000})
    assert too_big.status_code == 400
    bad_id = admin.post(base, json={"globalId": 12})
    assert bad_id.status_code == 400 and set(bad_id.json()["errors"]) == {"globalId"}
    assert admin.get(base).json() == {"links": []}
    assert admin.get("/rest/api/2/version/999999/remotelink").status_code == 404
    assert admin.post("/rest/api/2/version/999999/remotelink", json={"a": 1}).status_code == 404


def test_deleting_the_version_deletes_its_links(admin, project, unique) -> None:
    version = make(admin, project.key, "del")
    global_id = unique("g")
    admin.post(f"/rest/api/2/version/{version['id']}/remotelink", json={"globalId": global_id})
    assert admin.delete(f"/rest/api/2/version/{version['id']}").status_code == 204
    assert admin.get("/rest/api/2/version/remotelink", params={"globalId": global_id}).json() == {"links": []}


def test_permissions(admin, anon, project, make_user, unique) -> None:
    version = make(admin, project.key, "perm")
    base = f"/rest/api/2/version/{version['id']}/remotelink"
    global_id = unique("g")
    admin.post(base, json={"globalId": global_id})
    assert anon.get(base).status_code == 401
    # Listing by global id shows only the links of versions the caller may see: none of this project's.
    anonymous = anon.get("/rest/api/2/version/remotelink", params={"globalId": global_id})
    assert anonymous.status_code == 200 and anonymous.json() == {"links": []}
    user = make_user("rl")
    assert len(user.client.get(base).json()["links"]) == 1
    for response in (user.client.post(base, json={"globalId": "u"}), user.client.delete(base),
                     user.client.delete(f"{base}/{global_id}"), user.client.post(f"{base}/{global_id}", json={"a": 1})):
        assert response.status_code == 403
    assert admin.get(f"{base}/{global_id}").json()["link"] == {"globalId": global_id}

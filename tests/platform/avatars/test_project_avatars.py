"""Project avatars: system and custom lists, upload with cropping checks, selection, deletion, images."""

from __future__ import annotations

import io
import uuid
from collections.abc import Iterator
from typing import Any

import httpx
import pytest
from PIL import Image

from ticketry.platform.avatars.images import solid_png

API = "/rest/api/2"
NO_CHECK = {"X-Atlassian-Token": "no-check"}


@pytest.fixture
def project(admin: httpx.Client) -> Iterator[dict[str, Any]]:
    key = "AV" + uuid.uuid4().hex[:6].upper().replace("0", "Q")
    created = admin.post(f"{API}/project", json={"key": key, "name": f"Avatars {key}", "lead": "admin",
                                                 "projectTypeKey": "software"})
    assert created.status_code == 201, created.text
    yield admin.get(f"{API}/project/{key}").json()
    admin.delete(f"{API}/project/{key}")


def image_size(data: bytes) -> tuple[int, int]:
    return Image.open(io.BytesIO(data)).size


def colours(data: bytes) -> set[tuple[int, ...]]:
    return {colour for _count, colour in Image.open(io.BytesIO(data)).convert("RGB").getcolors(1 << 16) or []}


def _upload(admin: httpx.Client, key: str, data: bytes, **params: Any) -> httpx.Response:
    files = {"file": ("logo.png", data, "image/png")}
    return admin.post(f"{API}/project/{key}/avatar2", files=files, params=params, headers=NO_CHECK)


def test_system_avatars_are_listed_and_served(admin: httpx.Client, base_url: str, project: dict[str, Any]) -> None:
    avatars = admin.get(f"{API}/project/{project['key']}/avatars")
    assert avatars.status_code == 200
    body = avatars.json()
    assert [a["id"] for a in body["system"]] == [str(i) for i in range(10011, 10021)]
    assert body["custom"] == []
    first = body["system"][0]
    assert first == {"id": "10011", "isSystemAvatar": True, "isSelected": True, "isDeletable": False,
                     "urls": {"16x16": f"{base_url}/secure/projectavatar?size=xsmall&avatarId=10011",
                              "24x24": f"{base_url}/secure/projectavatar?size=small&avatarId=10011",
                              "32x32": f"{base_url}/secure/projectavatar?size=medium&avatarId=10011",
                              "48x48": f"{base_url}/secure/projectavatar?avatarId=10011"},
                     "selected": True}
    image = admin.get(project["avatarUrls"]["48x48"])
    assert image.status_code == 200 and image.headers["content-type"] == "image/png"
    assert image_size(image.content) == (48, 48)
    assert image_size(admin.get(first["urls"]["16x16"]).content) == (16, 16)


def test_upload_select_and_delete_a_custom_avatar(admin: httpx.Client, project: dict[str, Any]) -> None:
    key = project["key"]
    data = solid_png(64, (1, 2, 3))
    uploaded = _upload(admin, key, data, x=8, y=8, size=32)
    assert uploaded.status_code == 201, uploaded.text
    avatar = uploaded.json()
    assert avatar["owner"] == project["id"]
    assert (avatar["isSystemAvatar"], avatar["isSelected"], avatar["isDeletable"]) == (False, False, True)
    stored = admin.get(avatar["urls"]["48x48"]).content
    assert image_size(stored) == (32, 32) and colours(stored) == {(1, 2, 3)}
    assert [a["id"] for a in admin.get(f"{API}/project/{key}/avatars").json()["custom"]] == [avatar["id"]]

    selected = admin.put(f"{API}/project/{key}/avatar", json={"id": avatar["id"]})
    assert selected.status_code == 204
    current = admin.get(f"{API}/project/{key}").json()
    assert current["avatarUrls"]["48x48"].endswith(f"avatarId={avatar['id']}")
    assert admin.get(f"/secure/projectavatar?pid={project['id']}").content == stored

    deleted = admin.delete(f"{API}/project/{key}/avatar/{avatar['id']}")
    assert deleted.status_code == 204
    assert admin.get(f"{API}/project/{key}/avatars").json()["custom"] == []
    assert admin.get(f"{API}/project/{key}").json()["avatarUrls"]["48x48"].endswith("avatarId=10011")
    assert admin.delete(f"{API}/project/{key}/avatar/{avatar['id']}").status_code == 404


def test_upload_is_cropped_to_the_requested_square(admin: httpx.Client, project: dict[str, Any]) -> None:
    halves = Image.new("RGB", (100, 50), (255, 0, 0))
    halves.paste((0, 0, 255), (50, 0, 100, 50))
    out = io.BytesIO()
    halves.save(out, format="JPEG", quality=100)
    uploaded = _upload(admin, project["key"], out.getvalue(), x=55, y=5, size=40)
    assert uploaded.status_code == 201, uploaded.text
    urls = uploaded.json()["urls"]
    large = admin.get(urls["48x48"]).content
    assert image_size(large) == (40, 40)
    assert all(b > 200 and r < 60 for r, _g, b in colours(large))
    assert image_size(admin.get(urls["16x16"]).content) == (16, 16)


def test_raw_image_body_is_accepted(admin: httpx.Client, project: dict[str, Any]) -> None:
    response = admin.post(f"{API}/project/{project['key']}/avatar2", content=solid_png(20, (9, 9, 9)),
                          headers={**NO_CHECK, "Content-Type": "image/png"})
    assert response.status_code == 201 and response.json()["isSystemAvatar"] is False


def test_bad_uploads_are_refused_and_store_nothing(admin: httpx.Client, project: dict[str, Any]) -> None:
    key = project["key"]
    not_image = _upload(admin, key, b"plain text, not an image")
    assert not_image.status_code == 400
    assert not_image.json()["errorMessages"] == ["The uploaded file is not a PNG, GIF or JPEG image."]
    outside = _upload(admin, key, solid_png(16, (0, 0, 0)), x=10, y=0, size=10)
    assert outside.status_code == 400 and "cropping" in outside.json()["errorMessages"][0]
    negative = _upload(admin, key, solid_png(16, (0, 0, 0)), x=-1)
    assert negative.status_code == 400
    without_token = admin.post(f"{API}/project/{key}/avatar2",
                               files={"file": ("a.png", solid_png(8, (0, 0, 0)), "image/png")})
    assert without_token.status_code == 403
    assert admin.get(f"{API}/project/{key}/avatars").json()["custom"] == []


def test_selection_and_deletion_rules(admin: httpx.Client, project: dict[str, Any], make_user: Any) -> None:
    key = project["key"]
    assert admin.put(f"{API}/project/{key}/avatar", json={"id": "10015"}).status_code == 204
    assert admin.get(f"{API}/project/{key}").json()["avatarUrls"]["16x16"].endswith("avatarId=10015")
    assert admin.put(f"{API}/project/{key}/avatar", json={"id": "999999"}).status_code == 404
    assert admin.delete(f"{API}/project/{key}/avatar/10012").status_code == 403
    assert admin.delete(f"{API}/project/{key}/avatar/999999").status_code == 404
    user = make_user("avatars")
    assert user.client.get(f"{API}/project/{key}/avatars").status_code == 200
    assert user.client.put(f"{API}/project/{key}/avatar", json={"id": "10011"}).status_code == 403
    refused = user.client.post(f"{API}/project/{key}/avatar2", content=solid_png(8, (0, 0, 0)),
                               headers={**NO_CHECK, "Content-Type": "image/png"})
    assert refused.status_code == 403
    assert admin.get(f"{API}/project/{key}").json()["avatarUrls"]["16x16"].endswith("avatarId=10015")


def test_avatars_of_other_projects_cannot_be_used(admin: httpx.Client, project: dict[str, Any],
                                                  unique_key: Any) -> None:
    other_key = unique_key()
    admin.post(f"{API}/project", json={"key": other_key, "name": f"Other {other_key}", "lead": "admin"})
    foreign = _upload(admin, other_key, solid_png(8, (5, 5, 5))).json()
    assert admin.put(f"{API}/project/{project['key']}/avatar", json={"id": foreign["id"]}).status_code == 404
    update = admin.put(f"{API}/project/{project['key']}", json={"avatarId": int(foreign["id"])})
    assert update.status_code == 400 and set(update.json()["errors"]) == {"avatarId"}
    own = admin.put(f"{API}/project/{other_key}", json={"avatarId": int(foreign["id"])})
    assert own.status_code == 201
    assert admin.delete(f"{API}/project/{other_key}").status_code == 204
    assert admin.get(foreign["urls"]["48x48"]).content == admin.get("/secure/projectavatar?avatarId=10011").content


def test_unknown_project_and_anonymous(admin: httpx.Client, anon: httpx.Client) -> None:
    assert admin.get(f"{API}/project/NOPE66/avatars").status_code == 404
    assert _upload(admin, "NOPE66", solid_png(8, (0, 0, 0))).status_code == 404
    assert anon.get(f"{API}/project/NOPE66/avatars").status_code == 401
    served = anon.get("/secure/projectavatar?size=small&avatarId=10012")
    assert served.status_code == 200 and served.headers["content-type"] == "image/png"


def test_issue_type_and_user_avatar_urls_resolve(admin: httpx.Client, anon: httpx.Client) -> None:
    me = admin.get(f"{API}/myself").json()
    for label, url in me["avatarUrls"].items():
        image = anon.get(url)
        assert image.status_code == 200 and image.headers["content-type"] == "image/png"
        side = int(label.split("x")[0])
        assert image_size(image.content) == (side, side)
    viewed = anon.get("/secure/viewavatar", params={"size": "xsmall", "avatarId": 10303, "avatarType": "issuetype"})
    assert viewed.status_code == 200 and image_size(viewed.content) == (16, 16)
    other = anon.get("/secure/viewavatar", params={"avatarId": 10318, "avatarType": "issuetype"})
    assert other.content != viewed.content

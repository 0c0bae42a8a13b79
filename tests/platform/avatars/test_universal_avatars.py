"""System avatar lists and /universal_avatar for projects and issue types."""

from __future__ import annotations

import io
from typing import Any

import httpx
from PIL import Image

from ticketry.platform.avatars.images import solid_png

API = "/rest/api/2"
NO_CHECK = {"X-Atlassian-Token": "no-check", "Content-Type": "image/png"}


def test_system_avatars_per_type(admin: httpx.Client, anon: httpx.Client, base_url: str) -> None:
    project = admin.get(f"{API}/avatar/project/system").json()
    assert list(project) == ["system"] and [a["id"] for a in project["system"]][0] == "10011"
    issue_types = admin.get(f"{API}/avatar/issuetype/system").json()["system"]
    assert "10303" in [a["id"] for a in issue_types]
    bug = next(a for a in issue_types if a["id"] == "10303")
    assert bug["urls"]["16x16"] == f"{base_url}/secure/viewavatar?avatarType=issuetype&size=xsmall&avatarId=10303"
    assert bug["isSystemAvatar"] is True and bug["isDeletable"] is False
    users = admin.get(f"{API}/avatar/user/system").json()["system"]
    assert users and all(a["urls"]["48x48"].startswith(f"{base_url}/secure/useravatar?") for a in users)
    assert admin.get(f"{API}/avatar/robot/system").status_code == 404
    assert anon.get(f"{API}/avatar/project/system").status_code == 401
    assert admin.get(bug["urls"]["48x48"]).headers["content-type"] == "image/png"


def test_universal_avatars_of_a_project(admin: httpx.Client, unique_key: Any) -> None:
    key = unique_key()
    created = admin.post(f"{API}/project", json={"key": key, "name": f"Universal {key}", "lead": "admin"}).json()
    base = f"{API}/universal_avatar/type/project/owner/{created['id']}"
    listed = admin.get(base).json()
    assert listed == admin.get(f"{API}/project/{key}/avatars").json()
    uploaded = admin.post(base, content=solid_png(10, (1, 1, 1)), headers=NO_CHECK)
    assert uploaded.status_code == 201 and uploaded.json()["owner"] == str(created["id"])
    assert [a["id"] for a in admin.get(base).json()["custom"]] == [uploaded.json()["id"]]
    assert admin.delete(f"{base}/avatar/{uploaded.json()['id']}").status_code == 204
    assert admin.get(base).json()["custom"] == []
    assert admin.delete(f"{base}/avatar/10011").status_code == 403
    assert admin.delete(f"{API}/project/{key}").status_code == 204
    assert admin.get(base).status_code == 404


def test_universal_avatars_of_an_issue_type(admin: httpx.Client, make_user: Any) -> None:
    base = f"{API}/universal_avatar/type/issuetype/owner/1"
    listed = admin.get(base).json()
    assert [a["id"] for a in listed["system"] if a["selected"]] == ["10303"]
    uploaded = admin.post(base, content=solid_png(12, (2, 2, 2)), headers=NO_CHECK, params={"size": 12})
    assert uploaded.status_code == 201
    avatar = uploaded.json()
    assert avatar["urls"]["48x48"].endswith(f"/secure/viewavatar?avatarType=issuetype&avatarId={avatar['id']}")
    stored = Image.open(io.BytesIO(admin.get(avatar["urls"]["48x48"]).content))
    assert stored.size == (12, 12) and stored.convert("RGB").getcolors() == [(144, (2, 2, 2))]
    user = make_user("uavatar")
    assert user.client.get(base).status_code == 200
    assert user.client.delete(f"{base}/avatar/{avatar['id']}").status_code == 403
    assert admin.delete(f"{API}/universal_avatar/type/issuetype/owner/3/avatar/{avatar['id']}").status_code == 404
    assert admin.delete(f"{base}/avatar/{avatar['id']}").status_code == 204
    assert admin.get(f"{API}/universal_avatar/type/issuetype/owner/999999").status_code == 404
    assert admin.get(f"{API}/universal_avatar/type/robot/owner/1").status_code == 404
    bad = admin.post(base, content=b"GIF89a", headers=NO_CHECK)
    assert bad.status_code == 400
    assert admin.get(base).json()["custom"] == []

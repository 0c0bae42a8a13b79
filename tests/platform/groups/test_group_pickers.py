"""/rest/api/2/groups/picker and /groupuserpicker."""

from __future__ import annotations

import httpx


def test_groups_picker_matches_substrings_sorted_with_highlight(admin: httpx.Client, unique) -> None:  # type: ignore[no-untyped-def]
    token = unique("pick")
    names = [f"b-{token}-x", f"A-{token}", f"c-{token}"]
    for name in names:
        assert admin.post("/rest/api/2/group", json={"name": name}).status_code == 201
    response = admin.get("/rest/api/2/groups/picker", params={"query": token.upper()})
    assert response.status_code == 200
    body = response.json()
    assert body == {
        "header": "Showing 3 of 3 matching groups",
        "total": 3,
        "groups": [
            {"name": f"A-{token}", "html": f"A-<b>{token}</b>", "labels": []},
            {"name": f"b-{token}-x", "html": f"b-<b>{token}</b>-x", "labels": []},
            {"name": f"c-{token}", "html": f"c-<b>{token}</b>", "labels": []},
        ],
    }


def test_groups_picker_limit_exclude_and_user_name(admin: httpx.Client, unique, make_user) -> None:  # type: ignore[no-untyped-def]
    token = unique("lim")
    for suffix in ("1", "2", "3"):
        admin.post("/rest/api/2/group", json={"name": f"{token}-{suffix}"})
    limited = admin.get("/rest/api/2/groups/picker", params={"query": token, "maxResults": 2}).json()
    assert limited["header"] == "Showing 2 of 3 matching groups"
    assert limited["total"] == 3 and len(limited["groups"]) == 2
    excluded = admin.get("/rest/api/2/groups/picker",
                         params=[("query", token), ("exclude", f"{token}-1"), ("exclude", f"{token}-3")]).json()
    assert [g["name"] for g in excluded["groups"]] == [f"{token}-2"]
    user = make_user("picked")
    admin.post("/rest/api/2/group/user", params={"groupname": f"{token}-2"}, json={"name": user.name})
    mine = admin.get("/rest/api/2/groups/picker", params={"query": token, "userName": user.name}).json()
    assert [g["name"] for g in mine["groups"]] == [f"{token}-2"]


def test_groups_picker_escapes_html_and_like_wildcards(admin: httpx.Client, unique) -> None:  # type: ignore[no-untyped-def]
    token = unique("esc")
    admin.post("/rest/api/2/group", json={"name": f"{token}_<b>"})
    admin.post("/rest/api/2/group", json={"name": f"{token}x<b>"})
    body = admin.get("/rest/api/2/groups/picker", params={"query": f"{token}_"}).json()
    assert body["groups"] == [{"name": f"{token}_<b>", "html": f"<b>{token}_</b>&lt;b&gt;", "labels": []}]


def test_groups_picker_without_query_lists_all_and_needs_login(admin: httpx.Client, anon: httpx.Client) -> None:
    body = admin.get("/rest/api/2/groups/picker").json()
    names = [g["name"] for g in body["groups"]]
    assert "jira-administrators" in names or body["total"] > len(names)
    assert anon.get("/rest/api/2/groups/picker").status_code == 401
    assert admin.get("/rest/api/2/groups/picker", params={"maxResults": "many"}).status_code == 400


def test_group_user_picker_returns_both(admin: httpx.Client, unique, make_user, base_url: str) -> None:  # type: ignore[no-untyped-def]
    token = unique("both")
    admin.post("/rest/api/2/group", json={"name": f"{token}-team"})
    user = make_user(token)
    response = admin.get("/rest/api/2/groupuserpicker", params={"query": token})
    assert response.status_code == 200
    body = response.json()
    assert body["groups"] == {"header": "Showing 1 of 1 matching groups", "total": 1,
                              "groups": [{"name": f"{token}-team", "html": f"<b>{token}</b>-team", "labels": []}]}
    assert body["users"]["total"] == 1
    assert body["users"]["header"] == "Showing 1 of 1 matching users"
    picked = body["users"]["users"][0]
    assert list(picked) == ["name", "key", "html", "displayName", "avatarUrl"]
    assert (picked["name"], picked["key"]) == (user.name, user.key)
    assert picked["avatarUrl"] == f"{base_url}/secure/useravatar?size=small&ownerId={user.name}"


def test_group_user_picker_needs_login(anon: httpx.Client) -> None:
    assert anon.get("/rest/api/2/groupuserpicker", params={"query": "a"}).status_code == 401

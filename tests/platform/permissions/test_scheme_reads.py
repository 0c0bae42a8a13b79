"""Reads of the default permission and issue security schemes (what jira.create_project looks up)."""

from __future__ import annotations

import httpx


def test_default_permission_scheme_is_listed_with_id_0(admin: httpx.Client, base_url: str) -> None:
    response = admin.get("/rest/api/2/permissionscheme")
    assert response.status_code == 200
    schemes = {s["name"]: s for s in response.json()["permissionSchemes"]}
    default = schemes["Default Permission Scheme"]
    assert default["id"] == 0
    assert default["self"] == f"{base_url}/rest/api/2/permissionscheme/0"
    assert admin.get("/rest/api/2/permissionscheme/0").json()["name"] == "Default Permission Scheme"


def test_unknown_permission_scheme_is_404(admin: httpx.Client) -> None:
    response = admin.get("/rest/api/2/permissionscheme/987654")
    assert response.status_code == 404
    assert response.json()["errorMessages"] == ["The permission scheme with id 987654 does not exist."]


def test_issue_security_schemes_list_and_get(admin: httpx.Client, base_url: str) -> None:
    listed = admin.get("/rest/api/2/issuesecurityschemes").json()["issueSecuritySchemes"]
    default = next(s for s in listed if s["name"] == "Default Issue Security Scheme")
    assert default["id"] == 10000 and "levels" not in default
    one = admin.get(f"/rest/api/2/issuesecurityschemes/{default['id']}").json()
    assert one["self"] == f"{base_url}/rest/api/2/issuesecurityschemes/10000"
    assert one["levels"] == []
    assert admin.get("/rest/api/2/issuesecurityschemes/424242").status_code == 404
    assert admin.get("/rest/api/2/securitylevel/424242").status_code == 404


def test_scheme_reads_need_an_administrator(anon: httpx.Client, make_user) -> None:  # type: ignore[no-untyped-def]
    assert anon.get("/rest/api/2/permissionscheme").status_code == 401
    user = make_user("noadmin")
    assert user.client.get("/rest/api/2/permissionscheme").status_code == 403
    assert user.client.get("/rest/api/2/issuesecurityschemes").status_code == 403


def test_jira_client_reads_schemes(jira) -> None:  # type: ignore[no-untyped-def]
    assert "Default Permission Scheme" in [s["name"] for s in jira.permissionschemes()]
    assert "Default Issue Security Scheme" in [s["name"] for s in jira.issuesecurityschemes()]

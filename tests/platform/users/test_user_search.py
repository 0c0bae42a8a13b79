"""Finding users: /user/search, /user/picker, assignable, browse and permission searches, bulk, query."""

from __future__ import annotations

import httpx
import pytest


@pytest.fixture
def trio(make_user, unique, admin):  # type: ignore[no-untyped-def]
    """Three users sharing a fresh prefix; the third is inactive."""
    prefix = unique("srch")
    made = [make_user(prefix) for _ in range(3)]
    admin.put("/rest/api/2/user", params={"username": made[2].name}, json={"active": False})
    return prefix, made


def names(response: httpx.Response) -> list[str]:
    assert response.status_code == 200, response.text
    return [u["name"] for u in response.json()]


def test_user_search_by_prefix_of_name_email_or_display_name(admin: httpx.Client, trio) -> None:  # type: ignore[no-untyped-def]
    prefix, made = trio
    expected = sorted(u.name for u in made[:2])
    assert sorted(names(admin.get("/rest/api/2/user/search", params={"username": prefix.upper()}))) == expected
    first = made[0]
    assert names(admin.get("/rest/api/2/user/search", params={"username": f"{first.name}@example"})) == [first.name]
    admin.put("/rest/api/2/user", params={"username": first.name}, json={"displayName": f"Zed Q{prefix}"})
    assert names(admin.get("/rest/api/2/user/search", params={"username": f"q{prefix}"})) == [first.name]
    assert names(admin.get("/rest/api/2/user/search", params={"username": f"x{prefix}"})) == []


def test_user_search_shape(admin: httpx.Client, trio) -> None:  # type: ignore[no-untyped-def]
    prefix, made = trio
    body = admin.get("/rest/api/2/user/search", params={"username": made[0].name}).json()
    assert len(body) == 1
    assert list(body[0]) == ["self", "key", "accountId", "name", "emailAddress", "avatarUrls", "displayName",
                             "active", "deleted", "timeZone", "locale", "groups", "applicationRoles", "expand"]
    assert body[0]["groups"] == {"size": 2, "items": []}
    assert body[0]["applicationRoles"] == {"size": 2, "items": []}


def test_user_search_active_and_inactive_filters(admin: httpx.Client, trio) -> None:  # type: ignore[no-untyped-def]
    prefix, made = trio
    both = admin.get("/rest/api/2/user/search", params={"username": prefix, "includeInactive": "true"})
    assert sorted(names(both)) == sorted(u.name for u in made)
    only_inactive = admin.get("/rest/api/2/user/search",
                              params={"username": prefix, "includeActive": "false", "includeInactive": "true"})
    assert names(only_inactive) == [made[2].name]
    neither = admin.get("/rest/api/2/user/search", params={"username": prefix, "includeActive": "false"})
    assert names(neither) == []


def test_user_search_paging(admin: httpx.Client, trio) -> None:  # type: ignore[no-untyped-def]
    prefix, _ = trio
    everyone = names(admin.get("/rest/api/2/user/search", params={"username": prefix, "includeInactive": "true"}))
    page = admin.get("/rest/api/2/user/search",
                     params={"username": prefix, "includeInactive": "true", "startAt": 1, "maxResults": 1})
    assert names(page) == everyone[1:2]


def test_user_search_bad_input(admin: httpx.Client, anon: httpx.Client) -> None:
    missing = admin.get("/rest/api/2/user/search")
    assert missing.status_code == 400
    assert missing.json() == {"errorMessages": [],
                              "errors": {"username": "The username query parameter was not provided"}}
    assert admin.get("/rest/api/2/user/search", params={"username": "a", "startAt": -1}).status_code == 400
    assert admin.get("/rest/api/2/user/search", params={"username": "a", "maxResults": "x"}).status_code == 400
    assert admin.get("/rest/api/2/user/search", params={"username": "a", "includeActive": "maybe"}).status_code == 400
    assert anon.get("/rest/api/2/user/search", params={"username": "a"}).status_code == 401


def test_user_search_wildcards_are_literal(admin: httpx.Client, trio) -> None:  # type: ignore[no-untyped-def]
    assert names(admin.get("/rest/api/2/user/search", params={"username": "%"})) == []
    assert names(admin.get("/rest/api/2/user/search", params={"username": "_"})) == []


def test_user_picker(admin: httpx.Client, trio, base_url: str) -> None:  # type: ignore[no-untyped-def]
    prefix, made = trio
    response = admin.get("/rest/api/2/user/picker", params={"query": prefix, "maxResults": 1})
    assert response.status_code == 200
    body = response.json()
    assert list(body) == ["users", "total", "header"]
    assert body["total"] == 2 and body["header"] == "Showing 1 of 2 matching users"
    user = body["users"][0]
    assert list(user) == ["name", "key", "html", "displayName", "avatarUrl"]
    assert user["html"] == (f"<strong>{prefix.title()}</strong>{user['displayName'][len(prefix):]} - "
                            f"<strong>{prefix}</strong>{user['name'][len(prefix):]}@example.com "
                            f"(<strong>{prefix}</strong>{user['name'][len(prefix):]})")
    excluded = admin.get("/rest/api/2/user/picker", params={"query": prefix, "exclude": made[0].name}).json()
    assert [u["name"] for u in excluded["users"]] == [made[1].name]
    empty = admin.get("/rest/api/2/user/picker").json()
    assert empty == {"users": [], "total": 0, "header": "Showing 0 of 0 matching users"}


def test_user_picker_needs_login(anon: httpx.Client) -> None:
    assert anon.get("/rest/api/2/user/picker", params={"query": "a"}).status_code == 401


def test_assignable_search_uses_application_access(admin: httpx.Client, trio, project_factory, make_user,  # type: ignore[no-untyped-def]
                                                   issue_factory) -> None:
    prefix, made = trio
    project = project_factory()
    no_access = make_user(prefix, applicationKeys=[])
    found = names(admin.get("/rest/api/2/user/assignable/search", params={"project": project.key,
                                                                         "username": prefix}))
    assert sorted(found) == sorted(u.name for u in made[:2])
    assert no_access.name not in found
    issue = issue_factory(project)
    by_issue = admin.get("/rest/api/2/user/assignable/search", params={"issueKey": issue, "username": prefix})
    assert sorted(names(by_issue)) == sorted(u.name for u in made[:2])
    body = admin.get("/rest/api/2/user/assignable/search", params={"project": project.key,
                                                                  "username": made[0].name}).json()
    assert body[0]["expand"] == "groups,applicationRoles"


def test_assignable_search_errors(admin: httpx.Client) -> None:
    no_scope = admin.get("/rest/api/2/user/assignable/search", params={"username": "a"})
    assert no_scope.status_code == 400
    assert no_scope.json()["errorMessages"] == [
        "Either the 'issueKey' or the 'project' query parameter must be provided."]
    unknown = admin.get("/rest/api/2/user/assignable/search", params={"project": "NOPEZZ"})
    assert unknown.status_code == 404
    assert unknown.json()["errorMessages"] == ["No project could be found with key 'NOPEZZ'."]
    unknown_issue = admin.get("/rest/api/2/user/assignable/search", params={"issueKey": "NOPEZZ-1"})
    assert unknown_issue.status_code == 404


def test_multi_project_assignable_search(admin: httpx.Client, trio, project_factory) -> None:  # type: ignore[no-untyped-def]
    prefix, made = trio
    one, two = project_factory(), project_factory()
    response = admin.get("/rest/api/2/user/assignable/multiProjectSearch",
                         params={"projectKeys": f"{one.key},{two.key}", "username": prefix})
    assert sorted(names(response)) == sorted(u.name for u in made[:2])
    assert set(response.json()[0]) == {"self", "key", "accountId", "name", "emailAddress", "avatarUrls",
                                       "displayName", "active", "timeZone"}
    assert admin.get("/rest/api/2/user/assignable/multiProjectSearch",
                     params={"projectKeys": f"{one.key},NOPEZZ"}).status_code == 404
    assert admin.get("/rest/api/2/user/assignable/multiProjectSearch").status_code == 400


def test_viewissue_search(admin: httpx.Client, trio, project_factory, issue_factory) -> None:  # type: ignore[no-untyped-def]
    prefix, made = trio
    project = project_factory()
    issue = issue_factory(project)
    by_issue = admin.get("/rest/api/2/user/viewissue/search", params={"issueKey": issue, "username": prefix})
    assert sorted(names(by_issue)) == sorted(u.name for u in made[:2])
    by_project = admin.get("/rest/api/2/user/viewissue/search", params={"projectKey": project.key,
                                                                        "username": prefix})
    assert sorted(names(by_project)) == sorted(u.name for u in made[:2])
    blank = admin.get("/rest/api/2/user/viewissue/search", params={"projectKey": project.key})
    assert names(blank) == []
    missing_issue = admin.get("/rest/api/2/user/viewissue/search",
                              params={"issueKey": f"{project.key}-999", "username": prefix})
    assert missing_issue.status_code == 404
    assert missing_issue.json()["errorMessages"] == ["Issue Does Not Exist"]
    assert admin.get("/rest/api/2/user/viewissue/search", params={"username": prefix}).status_code == 400


def test_permission_search(admin: httpx.Client, trio, project_factory, make_user) -> None:  # type: ignore[no-untyped-def]
    prefix, made = trio
    project = project_factory()
    response = admin.get("/rest/api/2/user/permission/search",
                         params={"permissions": "BROWSE_PROJECTS,ASSIGNABLE_USER", "projectKey": project.key,
                                 "username": prefix})
    assert sorted(names(response)) == sorted(u.name for u in made[:2])
    missing = admin.get("/rest/api/2/user/permission/search", params={"projectKey": project.key})
    assert missing.status_code == 400
    assert missing.json()["errors"] == {"permissions": "At least one permission must be specified."}
    invalid = admin.get("/rest/api/2/user/permission/search",
                        params={"permissions": "BROWSE,NOT_A_PERMISSION", "projectKey": project.key})
    assert invalid.status_code == 400
    assert invalid.json()["errorMessages"] == ["Could not find permission with key: NOT_A_PERMISSION"]
    assert admin.get("/rest/api/2/user/permission/search", params={"permissions": "BROWSE"}).status_code == 400
    refused = made[0].client.get("/rest/api/2/user/permission/search",
                                 params={"permissions": "BROWSE", "projectKey": project.key})
    assert refused.status_code == 403


def test_bulk(admin: httpx.Client, trio) -> None:  # type: ignore[no-untyped-def]
    prefix, made = trio
    response = admin.get("/rest/api/2/user/bulk",
                         params=[("username", made[0].name), ("username", made[2].name), ("username", "ghost-zz")])
    assert response.status_code == 200
    body = response.json()
    assert list(body) == ["maxResults", "startAt", "total", "isLast", "values"]
    assert (body["maxResults"], body["startAt"], body["total"], body["isLast"]) == (10, 0, 2, True)
    assert sorted(u["name"] for u in body["values"]) == sorted([made[0].name, made[2].name])
    by_key = admin.get("/rest/api/2/user/bulk", params={"key": made[1].key, "maxResults": 5}).json()
    assert [u["name"] for u in by_key["values"]] == [made[1].name]
    paged = admin.get("/rest/api/2/user/bulk", params=[("key", u.key) for u in made] + [("maxResults", "1")]).json()
    assert (paged["total"], paged["isLast"], len(paged["values"])) == (3, False, 1)


def test_bulk_errors(admin: httpx.Client, anon: httpx.Client) -> None:
    assert admin.get("/rest/api/2/user/bulk").status_code == 400
    both = admin.get("/rest/api/2/user/bulk", params={"username": "admin", "key": "JIRAUSER10000"})
    assert both.status_code == 400
    assert anon.get("/rest/api/2/user/bulk", params={"username": "admin"}).status_code == 401


def test_search_query_by_property_and_issue_role(admin: httpx.Client, trio, project_factory,  # type: ignore[no-untyped-def]
                                                 issue_factory, unique) -> None:
    prefix, made = trio
    key = unique("prop").replace("-", "")
    admin.put(f"/rest/api/2/user/properties/{key}", params={"username": made[0].name},
              json={"team": {"name": "red"}, "level": 3})
    admin.put(f"/rest/api/2/user/properties/{key}", params={"username": made[1].name}, json={"team": {"name": "blue"}})
    red = admin.get("/rest/api/2/user/search/query", params={"query": f'[{key}].entity.property.team.name is "red"'})
    assert red.status_code == 200, red.text
    assert [u["name"] for u in red.json()["values"]] == [made[0].name]
    assert red.json()["total"] == 1
    either = admin.get("/rest/api/2/user/search/query", params={
        "query": f'[{key}].entity.property.team.name is red or [{key}].entity.property.team.name is blue'}).json()
    assert sorted(u["name"] for u in either["values"]) == sorted(u.name for u in made[:2])
    project = project_factory()
    issue = issue_factory(project, assignee=made[1].name)
    assignees = admin.get("/rest/api/2/user/search/query", params={"query": f"is assignee of {project.key}"}).json()
    assert [u["name"] for u in assignees["values"]] == [made[1].name]
    by_issue = admin.get("/rest/api/2/user/search/query", params={"query": f"is assignee of ({issue})"}).json()
    assert [u["name"] for u in by_issue["values"]] == [made[1].name]
    reporters = admin.get("/rest/api/2/user/search/query", params={"query": f"is reporter of ({issue})"}).json()
    assert [u["name"] for u in reporters["values"]] == ["admin"]


def test_search_query_bad_input(admin: httpx.Client) -> None:
    assert admin.get("/rest/api/2/user/search/query").status_code == 400
    invalid = admin.get("/rest/api/2/user/search/query", params={"query": "is boss of everything"})
    assert invalid.status_code == 400
    assert invalid.json()["errorMessages"] == ["Invalid user query: 'is boss of everything'."]
    unknown = admin.get("/rest/api/2/user/search/query", params={"query": "is assignee of NOPEZZ"})
    assert unknown.status_code == 400


def test_user_search_by_property(admin: httpx.Client, trio, unique) -> None:  # type: ignore[no-untyped-def]
    prefix, made = trio
    key = unique("sp").replace("-", "")
    admin.put(f"/rest/api/2/user/properties/{key}", params={"username": made[1].name}, json={"lang": {"code": "fi"}})
    found = admin.get("/rest/api/2/user/search", params={"property": f"{key}.lang.code=fi"})
    assert names(found) == [made[1].name]
    narrowed = admin.get("/rest/api/2/user/search", params={"property": f"{key}.lang.code=fi", "username": "zz"})
    assert names(narrowed) == []
    bad = admin.get("/rest/api/2/user/search", params={"property": "no-equals-sign"})
    assert bad.status_code == 400
    assert bad.json()["errors"] == {"property": "The property parameter must look like propertyKey.path=value."}

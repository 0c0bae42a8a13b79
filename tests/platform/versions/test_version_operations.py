"""Versions: issue counts, ordering (move), merge and removeAndSwap."""

from __future__ import annotations

from typing import Any

import httpx

from tests.harness import RunningServer
from tests.platform.components.support import ProjectRef, insert_issue, version_links


def create(admin: httpx.Client, project: ProjectRef, name: str, **body: Any) -> dict[str, Any]:
    response = admin.post("/rest/api/2/version", json={"name": name, "project": project.key, **body})
    assert response.status_code == 201, response.text
    return response.json()


def order(admin: httpx.Client, project: ProjectRef) -> list[str]:
    return [v["name"] for v in admin.get(f"/rest/api/2/project/{project.key}/versions").json()]


def test_related_and_unresolved_counts(admin, server: RunningServer, project) -> None:
    version = create(admin, project, "1.0")
    vid = int(version["id"])
    related = f"/rest/api/2/version/{vid}/relatedIssueCounts"
    unresolved = f"/rest/api/2/version/{vid}/unresolvedIssueCount"
    assert admin.get(related).json() == {"self": version["self"], "issuesFixedCount": 0, "issuesAffectedCount": 0,
                                         "issueCountWithCustomFieldsShowingVersion": 0, "customFieldUsage": []}
    assert admin.get(unresolved).json() == {"self": version["self"], "issuesUnresolvedCount": 0, "issuesCount": 0}
    insert_issue(server, project, fix=(vid,))
    insert_issue(server, project, fix=(vid,), resolved=True)
    insert_issue(server, project, affects=(vid,))
    insert_issue(server, project, fix=(vid,), affects=(vid,))
    assert admin.get(related).json() == {"self": version["self"], "issuesFixedCount": 3, "issuesAffectedCount": 2,
                                         "issueCountWithCustomFieldsShowingVersion": 0, "customFieldUsage": []}
    assert admin.get(unresolved).json() == {"self": version["self"], "issuesUnresolvedCount": 2, "issuesCount": 3}


def test_new_versions_go_last_and_move_by_position(admin, project) -> None:
    ids = {n: create(admin, project, n)["id"] for n in ("a", "b", "c", "d")}
    assert order(admin, project) == ["a", "b", "c", "d"]

    def move(name: str, **body: str) -> dict[str, Any]:
        response = admin.post(f"/rest/api/2/version/{ids[name]}/move", json=body)
        assert response.status_code == 200, response.text
        return response.json()

    moved = move("c", position="First")
    assert moved["name"] == "c" and moved["id"] == ids["c"]
    assert order(admin, project) == ["c", "a", "b", "d"]
    move("c", position="Last")
    assert order(admin, project) == ["a", "b", "d", "c"]
    move("d", position="Earlier")
    assert order(admin, project) == ["a", "d", "b", "c"]
    move("a", position="Later")
    assert order(admin, project) == ["d", "a", "b", "c"]
    move("d", position="Earlier")
    assert order(admin, project) == ["d", "a", "b", "c"]
    move("d", after=f"{admin.base_url}/rest/api/2/version/{ids['b']}")
    assert order(admin, project) == ["a", "b", "d", "c"]
    assert create(admin, project, "e")["name"] == "e"
    assert order(admin, project) == ["a", "b", "d", "c", "e"]


def test_move_refuses_bad_requests(admin, make_project) -> None:
    project, other = make_project(), make_project()
    first, second = create(admin, project, "one"), create(admin, project, "two")
    foreign = create(admin, other, "foreign")
    url = f"/rest/api/2/version/{first['id']}/move"
    cases = [
        ({}, 400, {"position"}),
        ({"position": "Sideways"}, 400, {"position"}),
        ({"after": foreign["self"]}, 400, {"after"}),
        ({"after": first["self"]}, 400, {"after"}),
    ]
    for body, status, fields in cases:
        response = admin.post(url, json=body)
        assert response.status_code == status and set(response.json()["errors"]) == fields
    missing = admin.post(url, json={"after": f"{admin.base_url}/rest/api/2/version/999999"})
    assert missing.status_code == 404
    assert admin.post("/rest/api/2/version/999999/move", json={"position": "First"}).status_code == 404
    assert order(admin, project) == ["one", "two"]
    assert second["name"] == "two"


def test_jira_client_move_version(jira, project) -> None:
    first = jira.create_version("m1", project.key)
    second = jira.create_version("m2", project.key)
    moved = jira.move_version(second.id, position="First")
    assert moved.id == second.id
    assert [v.name for v in jira.project_versions(project.key)] == ["m2", "m1"]
    jira.move_version(second.id, after=first.self)
    assert [v.name for v in jira.project_versions(project.key)] == ["m1", "m2"]


def test_merge_moves_all_links_and_deletes(admin, server: RunningServer, project) -> None:
    source, target = create(admin, project, "src"), create(admin, project, "dst")
    sid, tid = int(source["id"]), int(target["id"])
    issue = insert_issue(server, project, fix=(sid,), affects=(sid,))
    overlap = insert_issue(server, project, fix=(sid, tid))
    response = admin.put(f"/rest/api/2/version/{sid}/mergeto/{tid}")
    assert response.status_code == 204 and response.content == b""
    assert admin.get(f"/rest/api/2/version/{sid}").status_code == 404
    assert version_links(server, issue) == {(tid, "fix"), (tid, "affects")}
    assert version_links(server, overlap) == {(tid, "fix")}
    assert order(admin, project) == ["dst"]


def test_merge_refuses_bad_targets(admin, server: RunningServer, make_project) -> None:
    project, other = make_project(), make_project()
    source = int(create(admin, project, "src")["id"])
    foreign = int(create(admin, other, "foreign")["id"])
    issue = insert_issue(server, project, fix=(source,))
    assert admin.put(f"/rest/api/2/version/{source}/mergeto/999999").status_code == 404
    assert admin.put(f"/rest/api/2/version/999999/mergeto/{source}").status_code == 404
    for target in (foreign, source):
        response = admin.put(f"/rest/api/2/version/{source}/mergeto/{target}")
        assert response.status_code == 400 and set(response.json()["errors"]) == {"moveIssuesTo"}
    assert order(admin, project) == ["src"]
    assert version_links(server, issue) == {(source, "fix")}


def test_remove_and_swap(admin, server: RunningServer, project) -> None:
    old, fix_to, aff_to = (create(admin, project, n) for n in ("old", "fixto", "affto"))
    oid, fid, aid = int(old["id"]), int(fix_to["id"]), int(aff_to["id"])
    issue = insert_issue(server, project, fix=(oid,), affects=(oid,))
    response = admin.post(f"/rest/api/2/version/{oid}/removeAndSwap",
                          json={"moveFixIssuesTo": fid, "moveAffectedIssuesTo": str(aid),
                                "customFieldReplacementList": []})
    assert response.status_code == 204
    assert version_links(server, issue) == {(fid, "fix"), (aid, "affects")}
    assert order(admin, project) == ["fixto", "affto"]


def test_remove_and_swap_without_targets_just_removes(admin, server: RunningServer, project) -> None:
    old = int(create(admin, project, "old")["id"])
    issue = insert_issue(server, project, fix=(old,), affects=(old,))
    assert admin.post(f"/rest/api/2/version/{old}/removeAndSwap", json={}).status_code == 204
    assert version_links(server, issue) == set()


def test_remove_and_swap_validation_changes_nothing(admin, server: RunningServer, project) -> None:
    old = int(create(admin, project, "old")["id"])
    issue = insert_issue(server, project, fix=(old,))
    bad = admin.post(f"/rest/api/2/version/{old}/removeAndSwap", json={"moveFixIssuesTo": 999999})
    assert bad.status_code == 400
    assert bad.json() == {"errorMessages": [], "errors": {"moveFixIssuesTo": "The version with id 999999 does not exist."}}
    wrong_type = admin.post(f"/rest/api/2/version/{old}/removeAndSwap", json={"moveFixIssuesTo": [1]})
    assert wrong_type.status_code == 400
    assert admin.post("/rest/api/2/version/999999/removeAndSwap", json={}).status_code == 404
    assert order(admin, project) == ["old"]
    assert version_links(server, issue) == {(old, "fix")}


def test_release_moves_unfixed_issues(admin, server: RunningServer, project) -> None:
    current, following = create(admin, project, "cur"), create(admin, project, "next")
    cid, nid = int(current["id"]), int(following["id"])
    open_issue = insert_issue(server, project, fix=(cid,))
    done_issue = insert_issue(server, project, fix=(cid,), resolved=True)
    response = admin.put(f"/rest/api/2/version/{cid}", json={"released": True, "moveUnfixedIssuesTo": following["self"]})
    assert response.status_code == 200 and response.json()["released"] is True
    assert version_links(server, open_issue) == {(nid, "fix")}
    assert version_links(server, done_issue) == {(cid, "fix")}

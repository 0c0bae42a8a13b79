"""The permission matrix of an issue's sub-resources (comments, worklogs, attachments, issue links, remote links,
watchers, votes) and of shared filters and dashboards: a user granted the permission succeeds, one without gets
Jira's answer, and nothing changes."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import httpx

from tests.platform.permissions import matrix_issues
from tests.platform.permissions.matrix_issues import API, Granted
from tests.platform.permissions.matrix_subresources import (
    USERS_ROLE,
    add_role_actor,
    attachment_names,
    comment,
    comment_bodies,
    link_body,
    linked_keys,
    refusal,
    remote_link_titles,
    upload,
    watcher_names,
    without_application_access,
    worklog,
    worklog_spent,
)

granted = matrix_issues.granted  # the fixture, shared through the module rather than a conftest
Make = Callable[..., Granted]
OWN = "/rest/ticketry/1"  # creating dashboards is Ticketry's own API (Jira has none)
GLOBAL_ID = "system=matrix"
REMOTE: dict[str, Any] = {"globalId": GLOBAL_ID, "object": {"url": "https://example.com/m", "title": "Matrix"}}


# -- browsing: every sub-resource of an issue the caller may not see does not exist for them


def test_sub_resources_of_a_hidden_issue_are_404(granted: Make, anon: httpx.Client) -> None:
    setup = granted("BROWSE_PROJECTS", browse=False)
    key = setup.issue()
    comment_id = comment(setup.admin, key)["id"]
    worklog_id = worklog(setup.admin, key)["id"]
    for path in ("comment", f"comment/{comment_id}", "worklog", f"worklog/{worklog_id}", "remotelink",
                 "watchers", "votes"):
        assert setup.holder.client.get(f"{API}/issue/{key}/{path}").status_code == 200, path
        hidden = setup.lacking.client.get(f"{API}/issue/{key}/{path}")
        assert hidden.status_code == 404, path
        assert hidden.json() == refusal("Issue Does Not Exist"), path
        assert anon.get(f"{API}/issue/{key}/{path}").status_code == 401, path
    assert setup.holder.client.get(f"{API}/comment/{comment_id}/properties").status_code == 200
    assert setup.lacking.client.get(f"{API}/comment/{comment_id}/properties").status_code == 404
    # Writes are refused the same way, and change nothing.
    assert setup.lacking.client.post(f"{API}/issue/{key}/comment", json={"body": "sneaky"}).status_code == 404
    assert setup.lacking.client.post(f"{API}/issue/{key}/watchers").status_code == 404
    assert setup.lacking.client.post(f"{API}/issue/{key}/votes").status_code == 404
    assert upload(setup.lacking.client, key).status_code == 404
    assert comment_bodies(setup.admin, key) == ["A comment"]
    assert watcher_names(setup.admin, key) == ["admin"]
    assert attachment_names(setup.admin, key) == []


def test_attachments_of_a_hidden_issue_are_refused(granted: Make, anon: httpx.Client) -> None:
    setup = granted("BROWSE_PROJECTS", browse=False)
    key = setup.issue()
    created = upload(setup.admin, key)
    assert created.status_code == 200, created.text
    attachment = created.json()[0]
    url = f"{API}/attachment/{attachment['id']}"
    assert setup.holder.client.get(url).status_code == 200
    assert setup.holder.client.get(attachment["content"]).content == b"some notes"
    refused = setup.lacking.client.get(url)
    assert refused.status_code == 403
    assert refused.json() == refusal(f"You do not have permission to view attachment with id: {attachment['id']}")
    assert setup.lacking.client.get(attachment["content"]).status_code == 403
    assert setup.lacking.client.get(f"{url}/expand/raw").status_code == 403
    assert anon.get(url).status_code == 401
    assert setup.lacking.client.delete(url).status_code == 403
    assert attachment_names(setup.admin, key) == ["notes.txt"]


# -- comments


def test_add_comments(granted: Make, anon: httpx.Client) -> None:
    setup = granted("ADD_COMMENTS")
    key = setup.issue()
    refused = setup.lacking.client.post(f"{API}/issue/{key}/comment", json={"body": "no"})
    assert refused.status_code == 403
    assert refused.json() == refusal("You do not have the permission to comment on this issue.")
    assert anon.post(f"{API}/issue/{key}/comment", json={"body": "no"}).status_code == 401
    assert comment_bodies(setup.admin, key) == []
    comment(setup.holder.client, key, "yes")
    assert comment_bodies(setup.admin, key) == ["yes"]


def test_edit_and_delete_own_comments(granted: Make) -> None:
    both = ("ADD_COMMENTS",)
    setup = granted("ADD_COMMENTS", "EDIT_OWN_COMMENTS", "DELETE_OWN_COMMENTS", lacking_also=both)
    key = setup.issue()
    mine = comment(setup.holder.client, key, "holder's")["id"]
    theirs = comment(setup.lacking.client, key, "lacking's")["id"]
    refused = setup.lacking.client.put(f"{API}/issue/{key}/comment/{theirs}", json={"body": "changed"})
    assert refused.status_code == 403
    assert refused.json() == refusal("You do not have the permission to edit this comment.")
    assert setup.lacking.client.put(f"{API}/comment/{theirs}/properties/p", json=1).status_code == 403
    deleted = setup.lacking.client.delete(f"{API}/issue/{key}/comment/{theirs}")
    assert deleted.status_code == 403
    assert deleted.json() == refusal("You do not have the permission to delete this comment.")
    # Own only: the holder may not touch someone else's comment.
    assert setup.holder.client.put(f"{API}/issue/{key}/comment/{theirs}", json={"body": "x"}).status_code == 403
    assert setup.holder.client.delete(f"{API}/issue/{key}/comment/{theirs}").status_code == 403
    assert comment_bodies(setup.admin, key) == ["holder's", "lacking's"]
    assert setup.admin.get(f"{API}/comment/{theirs}/properties").json()["keys"] == []
    assert setup.holder.client.put(f"{API}/issue/{key}/comment/{mine}", json={"body": "edited"}).status_code == 200
    assert setup.holder.client.put(f"{API}/comment/{mine}/properties/p", json=1).status_code == 201
    assert comment_bodies(setup.admin, key) == ["edited", "lacking's"]
    assert setup.holder.client.delete(f"{API}/issue/{key}/comment/{mine}").status_code == 204
    assert comment_bodies(setup.admin, key) == ["lacking's"]


def test_edit_and_delete_all_comments(granted: Make) -> None:
    setup = granted("EDIT_ALL_COMMENTS", "DELETE_ALL_COMMENTS")
    key = setup.issue()
    first = comment(setup.admin, key, "first")["id"]
    assert setup.lacking.client.put(f"{API}/issue/{key}/comment/{first}", json={"body": "x"}).status_code == 403
    assert setup.lacking.client.delete(f"{API}/issue/{key}/comment/{first}").status_code == 403
    assert comment_bodies(setup.admin, key) == ["first"]
    assert setup.holder.client.put(f"{API}/issue/{key}/comment/{first}", json={"body": "edited"}).status_code == 200
    assert comment_bodies(setup.admin, key) == ["edited"]
    assert setup.holder.client.delete(f"{API}/issue/{key}/comment/{first}").status_code == 204
    assert comment_bodies(setup.admin, key) == []


def test_role_restricted_comments_follow_project_role_actors(granted: Make) -> None:
    setup = granted("ADD_COMMENTS", lacking_also=("ADD_COMMENTS",))
    key = setup.issue()
    add_role_actor(setup.admin, setup.key, USERS_ROLE, setup.holder)
    secret = comment(setup.holder.client, key, "role only", visibility={"type": "role", "value": "Users"})
    url = f"{API}/issue/{key}/comment/{secret['id']}"
    assert setup.holder.client.get(url).status_code == 200
    assert setup.lacking.client.get(url).status_code == 404
    assert setup.lacking.client.get(f"{API}/issue/{key}/comment").json()["total"] == 0
    assert setup.lacking.client.get(f"{API}/issue/{key}", params={"fields": "comment"}).json()[
        "fields"]["comment"]["comments"] == []
    refused = setup.lacking.client.post(f"{API}/issue/{key}/comment", json={
        "body": "me too", "visibility": {"type": "role", "value": "Users"}})
    assert refused.status_code == 400
    add_role_actor(setup.admin, setup.key, USERS_ROLE, setup.lacking)
    assert setup.lacking.client.get(url).status_code == 200


# -- worklogs


def test_work_on_issues(granted: Make, anon: httpx.Client) -> None:
    setup = granted("WORK_ON_ISSUES")
    key = setup.issue()
    refused = setup.lacking.client.post(f"{API}/issue/{key}/worklog", json={"timeSpent": "1h"})
    assert refused.status_code == 403
    assert refused.json() == refusal("You do not have the permission to associate a worklog to this issue.")
    assert anon.post(f"{API}/issue/{key}/worklog", json={"timeSpent": "1h"}).status_code == 401
    assert worklog_spent(setup.admin, key) == []
    worklog(setup.holder.client, key, "2h")
    assert worklog_spent(setup.admin, key) == [7200]


def test_edit_and_delete_own_worklogs(granted: Make) -> None:
    setup = granted("WORK_ON_ISSUES", "EDIT_OWN_WORKLOGS", "DELETE_OWN_WORKLOGS", lacking_also=("WORK_ON_ISSUES",))
    key = setup.issue()
    mine = worklog(setup.holder.client, key, "1h")["id"]
    theirs = worklog(setup.lacking.client, key, "2h")["id"]
    refused = setup.lacking.client.put(f"{API}/issue/{key}/worklog/{theirs}", json={"timeSpent": "3h"})
    assert refused.status_code == 403
    assert refused.json() == refusal("You do not have the permission to edit this worklog.")
    assert setup.lacking.client.delete(f"{API}/issue/{key}/worklog/{theirs}").status_code == 403
    assert setup.lacking.client.put(f"{API}/issue/{key}/worklog/{theirs}/properties/p", json=1).status_code == 403
    assert setup.holder.client.put(f"{API}/issue/{key}/worklog/{theirs}", json={"timeSpent": "3h"}).status_code == 403
    assert worklog_spent(setup.admin, key) == [3600, 7200]
    assert setup.holder.client.put(f"{API}/issue/{key}/worklog/{mine}", json={"timeSpent": "3h"}).status_code == 200
    assert setup.holder.client.delete(f"{API}/issue/{key}/worklog/{mine}").status_code == 204
    assert worklog_spent(setup.admin, key) == [7200]


def test_edit_and_delete_all_worklogs(granted: Make) -> None:
    setup = granted("EDIT_ALL_WORKLOGS", "DELETE_ALL_WORKLOGS")
    key = setup.issue()
    logged = worklog(setup.admin, key, "1h")["id"]
    assert setup.lacking.client.put(f"{API}/issue/{key}/worklog/{logged}", json={"timeSpent": "2h"}).status_code \
        == 403
    assert setup.lacking.client.delete(f"{API}/issue/{key}/worklog/{logged}").status_code == 403
    assert worklog_spent(setup.admin, key) == [3600]
    assert setup.holder.client.put(f"{API}/issue/{key}/worklog/{logged}", json={"timeSpent": "2h"}).status_code \
        == 200
    assert worklog_spent(setup.admin, key) == [7200]
    assert setup.holder.client.delete(f"{API}/issue/{key}/worklog/{logged}").status_code == 204
    assert worklog_spent(setup.admin, key) == []


def test_worklogs_across_issues_only_list_browsable_issues(granted: Make) -> None:
    setup = granted("BROWSE_PROJECTS", browse=False)
    logged = int(worklog(setup.admin, setup.issue(), "1h")["id"])
    for user, seen in ((setup.holder, [logged]), (setup.lacking, [])):
        listed = user.client.post(f"{API}/worklog/list", json={"ids": [logged]})
        assert listed.status_code == 200
        assert [int(w["id"]) for w in listed.json()] == seen
        updated = user.client.get(f"{API}/worklog/updated", params={"since": 0}).json()["values"]
        assert (logged in [w["worklogId"] for w in updated]) == bool(seen)


# -- attachments


def test_create_attachments(granted: Make) -> None:
    setup = granted("CREATE_ATTACHMENTS")
    key = setup.issue()
    refused = upload(setup.lacking.client, key)
    assert refused.status_code == 403
    assert refused.json() == refusal("You do not have permission to create attachments for this issue.")
    assert attachment_names(setup.admin, key) == []
    assert upload(setup.holder.client, key).status_code == 200
    assert attachment_names(setup.admin, key) == ["notes.txt"]


def test_delete_own_and_all_attachments(granted: Make) -> None:
    setup = granted("CREATE_ATTACHMENTS", "DELETE_OWN_ATTACHMENTS", lacking_also=("CREATE_ATTACHMENTS",))
    key = setup.issue()
    theirs = upload(setup.lacking.client, key, "theirs.txt").json()[0]["id"]
    mine = upload(setup.holder.client, key, "mine.txt").json()[0]["id"]
    refused = setup.lacking.client.delete(f"{API}/attachment/{theirs}")
    assert refused.status_code == 403
    assert refused.json() == refusal(f"You do not have permission to delete attachment with id: {theirs}")
    assert setup.holder.client.delete(f"{API}/attachment/{theirs}").status_code == 403
    assert sorted(attachment_names(setup.admin, key)) == ["mine.txt", "theirs.txt"]
    assert setup.holder.client.delete(f"{API}/attachment/{mine}").status_code == 204
    assert attachment_names(setup.admin, key) == ["theirs.txt"]
    every = granted("DELETE_ALL_ATTACHMENTS")
    other_key = every.issue()
    by_admin = upload(every.admin, other_key).json()[0]["id"]
    assert every.lacking.client.delete(f"{API}/attachment/{by_admin}").status_code == 403
    assert attachment_names(every.admin, other_key) == ["notes.txt"]
    assert every.holder.client.delete(f"{API}/attachment/{by_admin}").status_code == 204
    assert attachment_names(every.admin, other_key) == []


# -- issue links


def test_link_issues(granted: Make, anon: httpx.Client) -> None:
    setup = granted("LINK_ISSUES")
    source, destination = setup.issue("Source"), setup.issue("Destination")
    refused = setup.lacking.client.post(f"{API}/issueLink", json=link_body(source, destination))
    assert refused.status_code == 401
    assert refused.json() == refusal(f"No Link Issue Permission for issue '{source}'.")
    assert anon.post(f"{API}/issueLink", json=link_body(source, destination)).status_code == 401
    assert linked_keys(setup.admin, source) == []
    created = setup.holder.client.post(f"{API}/issueLink", json=link_body(source, destination))
    assert created.status_code == 201
    link_url = created.headers["location"]
    assert linked_keys(setup.admin, source) == [destination]
    assert setup.lacking.client.get(link_url).status_code == 200  # reading needs browsing both issues only
    assert setup.lacking.client.delete(link_url).status_code == 401
    assert linked_keys(setup.admin, source) == [destination]
    assert setup.holder.client.delete(link_url).status_code == 204
    assert linked_keys(setup.admin, source) == []


def test_links_to_hidden_issues_are_not_shown(granted: Make) -> None:
    seen = granted("LINK_ISSUES")
    hidden = granted("BROWSE_PROJECTS", browse=False)  # its lacking user may not see its issues
    source, other = seen.issue("Seen"), hidden.issue("Hidden")
    created = seen.admin.post(f"{API}/issueLink", json=link_body(source, other))
    assert created.status_code == 201, created.text
    link_url = created.headers["location"]
    assert linked_keys(seen.admin, source) == [other]
    assert linked_keys(seen.holder.client, source) == []  # seen's users are not in the hidden project
    assert seen.holder.client.get(link_url).status_code == 404
    # Linking to an issue the caller may not see: it does not exist for them.
    refused = seen.holder.client.post(f"{API}/issueLink", json=link_body(seen.issue("Another"), other))
    assert refused.status_code == 404
    assert linked_keys(seen.admin, source) == [other]


# -- remote links


def test_remote_links_need_link_issues(granted: Make) -> None:
    setup = granted("LINK_ISSUES")
    key = setup.issue()
    url = f"{API}/issue/{key}/remotelink"
    refused = setup.lacking.client.post(url, json=REMOTE)
    assert refused.status_code == 403
    assert refused.json() == refusal("You do not have permission to link issues.")
    assert remote_link_titles(setup.admin, key) == []
    created = setup.holder.client.post(url, json=REMOTE)
    assert created.status_code == 201, created.text
    link_id = created.json()["id"]
    assert setup.lacking.client.get(url).status_code == 200  # reading needs browsing only
    changed = {**REMOTE, "object": {**REMOTE["object"], "title": "Changed"}}
    assert setup.lacking.client.put(f"{url}/{link_id}", json=changed).status_code == 403
    assert setup.lacking.client.delete(f"{url}/{link_id}").status_code == 403
    assert setup.lacking.client.delete(url, params={"globalId": GLOBAL_ID}).status_code == 403
    assert remote_link_titles(setup.admin, key) == ["Matrix"]
    assert setup.holder.client.put(f"{url}/{link_id}", json=changed).status_code == 204
    assert setup.holder.client.delete(f"{url}/{link_id}").status_code == 204
    assert remote_link_titles(setup.admin, key) == []


# -- watchers and votes


def test_view_voters_and_watchers(granted: Make) -> None:
    setup = granted("VIEW_VOTERS_AND_WATCHERS")
    key = setup.issue()
    for path, listed in (("watchers", "watchers"), ("votes", "voters")):
        shown = setup.holder.client.get(f"{API}/issue/{key}/{path}").json()
        hidden = setup.lacking.client.get(f"{API}/issue/{key}/{path}").json()
        assert hidden[listed] == [], path
        assert {k: v for k, v in hidden.items() if k != listed} == {k: v for k, v in shown.items() if k != listed}
    assert [w["name"] for w in setup.holder.client.get(f"{API}/issue/{key}/watchers").json()["watchers"]] == [
        "admin"]


def test_manage_watchers(granted: Make, make_user: Callable[..., Any]) -> None:
    setup = granted("MANAGE_WATCHERS")
    key = setup.issue()
    url = f"{API}/issue/{key}/watchers"
    # Anyone who sees the issue may watch it and stop watching.
    assert setup.lacking.client.post(url).status_code == 204
    assert watcher_names(setup.admin, key) == sorted(["admin", setup.lacking.name])
    refused = setup.lacking.client.post(url, json=setup.holder.name)
    assert refused.status_code == 401
    assert refused.json() == refusal(
        f"User '{setup.lacking.name}' is not allowed to manage the watcher list of issue '{key}'.")
    assert setup.lacking.client.delete(url, params={"username": "admin"}).status_code == 401
    assert watcher_names(setup.admin, key) == sorted(["admin", setup.lacking.name])
    assert setup.holder.client.delete(url, params={"username": setup.lacking.name}).status_code == 204
    assert setup.holder.client.post(url, json=setup.lacking.name).status_code == 204
    assert watcher_names(setup.admin, key) == sorted(["admin", setup.lacking.name])
    # Someone who may not see the issue cannot be made a watcher.
    stranger = make_user("stranger")
    assert setup.holder.client.post(url, json=stranger.name).status_code == 400
    assert watcher_names(setup.admin, key) == sorted(["admin", setup.lacking.name])


def test_votes_need_browsing_only(granted: Make) -> None:
    setup = granted("BROWSE_PROJECTS", browse=False)
    key = setup.issue()
    assert setup.lacking.client.post(f"{API}/issue/{key}/votes").status_code == 404
    assert setup.admin.get(f"{API}/issue/{key}/votes").json()["votes"] == 0
    assert setup.holder.client.post(f"{API}/issue/{key}/votes").status_code == 204
    assert setup.admin.get(f"{API}/issue/{key}/votes").json()["votes"] == 1


# -- shared filters and dashboards


def test_sharing_needs_create_shared_objects(admin: httpx.Client, make_user: Callable[..., Any],
                                             unique: Callable[[str], str]) -> None:
    sharer, loner = make_user("sharer"), make_user("loner")
    without_application_access(admin, loner)
    shared = {"name": unique("Shared"), "jql": "order by created", "sharePermissions": [{"type": "global"}]}
    refused = loner.client.post(f"{API}/filter", json=shared)
    assert refused.status_code == 400
    assert refused.json()["errors"] == {"sharePermissions": "You do not have permission to share. All shares are "
                                                            "invalid."}
    assert loner.client.get(f"{API}/filter/my").json() == []
    private = loner.client.post(f"{API}/filter", json={"name": unique("Private"), "jql": "order by created"})
    assert private.status_code == 200, private.text
    assert private.json()["sharePermissions"] == []
    assert sharer.client.post(f"{API}/filter", json=shared).status_code == 200
    board = {"name": unique("Board"), "sharePermissions": [{"type": "global"}]}
    assert loner.client.post(f"{OWN}/dashboard", json=board).status_code == 400
    assert loner.client.get(f"{API}/dashboard", params={"filter": "my"}).json()["total"] == 0
    assert sharer.client.post(f"{OWN}/dashboard", json=board).status_code == 201


def test_project_shares_reach_who_may_browse_the_project(granted: Make, unique: Callable[[str], str]) -> None:
    setup = granted("BROWSE_PROJECTS", browse=False)
    share = [{"type": "project", "projectId": setup.id}]
    created = setup.admin.post(f"{API}/filter", json={"name": unique("For the project"), "jql": "order by created",
                                                      "sharePermissions": share})
    assert created.status_code == 200, created.text
    url = f"{API}/filter/{created.json()['id']}"
    assert setup.holder.client.get(url).status_code == 200
    assert setup.lacking.client.get(url).status_code == 404
    # Sharing with a project the sharer may not browse: it does not exist for them.
    refused = setup.lacking.client.post(f"{API}/filter", json={"name": unique("Mine"), "jql": "order by created",
                                                               "sharePermissions": share})
    assert refused.status_code == 400
    assert refused.json()["errors"] == {"projectId": "Selected project does not exist."}
    board = setup.admin.post(f"{OWN}/dashboard", json={"name": unique("Board"), "sharePermissions": share})
    assert board.status_code == 201, board.text
    board_url = f"{API}/dashboard/{board.json()['id']}"
    assert setup.holder.client.get(board_url).status_code == 200
    assert setup.lacking.client.get(board_url).status_code == 404


def test_role_shares_follow_project_role_actors(granted: Make, unique: Callable[[str], str]) -> None:
    setup = granted()
    add_role_actor(setup.admin, setup.key, USERS_ROLE, setup.holder)
    share = [{"type": "projectRole", "projectId": setup.id, "projectRoleId": str(USERS_ROLE)}]
    created = setup.admin.post(f"{API}/filter", json={"name": unique("For the role"), "jql": "order by created",
                                                      "sharePermissions": share})
    assert created.status_code == 200, created.text
    url = f"{API}/filter/{created.json()['id']}"
    assert setup.holder.client.get(url).status_code == 200
    assert setup.lacking.client.get(url).status_code == 404
    add_role_actor(setup.admin, setup.key, USERS_ROLE, setup.lacking)
    assert setup.lacking.client.get(url).status_code == 200

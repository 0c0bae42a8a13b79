"""GET/POST/DELETE /issue/{key}/votes and the issue's "votes" field."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import httpx

from tests.platform.watchers.conftest import API, IssueRef


def votes_field(client: httpx.Client, issue: IssueRef) -> dict[str, Any]:
    response = client.get(f"{API}/issue/{issue.key}", params={"fields": "votes,summary"})
    assert response.status_code == 200, response.text
    return response.json()["fields"]["votes"]


def test_no_votes(admin: httpx.Client, issue: IssueRef, base_url: str) -> None:
    response = admin.get(issue.votes)
    assert response.status_code == 200
    assert response.json() == {"self": f"{base_url}{issue.votes}", "votes": 0, "hasVoted": False, "voters": []}
    assert votes_field(admin, issue) == {"self": f"{base_url}{issue.votes}", "votes": 0, "hasVoted": False}


def test_vote_and_unvote(admin: httpx.Client, issue: IssueRef, make_user) -> None:
    bob, carol = make_user("bob"), make_user("carol")
    assert bob.client.post(issue.votes).status_code == 204
    assert bob.client.post(issue.votes).status_code == 204  # voting twice is one vote
    assert carol.client.post(issue.votes).status_code == 204
    listed = admin.get(issue.votes).json()
    assert (listed["votes"], listed["hasVoted"]) == (2, False)
    assert sorted(v["name"] for v in listed["voters"]) == sorted([bob.name, carol.name])
    own = bob.client.get(issue.votes).json()  # the default scheme lets every user see the voters
    assert (own["votes"], own["hasVoted"], sorted(v["name"] for v in own["voters"])) == \
        (2, True, sorted([bob.name, carol.name]))
    assert votes_field(bob.client, issue)["hasVoted"] is True
    assert votes_field(admin, issue)["votes"] == 2
    assert bob.client.delete(issue.votes).status_code == 204
    assert admin.get(issue.votes).json()["votes"] == 1
    again = bob.client.delete(issue.votes)
    assert again.status_code == 404
    assert again.json() == {"errorMessages": ["You have not voted for this issue."], "errors": {}}


def test_reporter_cannot_vote(admin: httpx.Client, issue: IssueRef) -> None:
    for method in ("POST", "DELETE"):
        refused = admin.request(method, issue.votes)
        assert refused.status_code == 404
        assert refused.json() == {"errorMessages": ["You cannot vote for an issue you have reported."], "errors": {}}
    assert admin.get(issue.votes).json()["votes"] == 0


def test_no_votes_on_resolved_issue(admin: httpx.Client, issue: IssueRef, make_user) -> None:
    bob = make_user("bob")
    assert bob.client.post(issue.votes).status_code == 204
    done = admin.post(f"{API}/issue/{issue.key}/transitions",
                      json={"transition": {"id": "5"}, "fields": {"resolution": {"name": "Done"}}})
    assert done.status_code == 204, done.text
    for method in ("POST", "DELETE"):
        refused = bob.client.request(method, issue.votes)
        assert refused.status_code == 404
        assert refused.json()["errorMessages"] == ["You cannot vote or change your vote on resolved issues."]
    assert admin.get(issue.votes).json()["votes"] == 1


def test_voting_disabled(admin: httpx.Client, issue: IssueRef, make_user, switched_off) -> None:
    bob = make_user("bob")
    with switched_off("jira.option.voting"):
        for method in ("GET", "POST", "DELETE"):
            response = bob.client.request(method, issue.votes)
            assert response.status_code == 404, method
            assert response.json() == {"errorMessages": ["Voting is disabled on this JIRA instance."], "errors": {}}
    assert admin.get(issue.votes).json()["votes"] == 0


def test_unknown_issue_and_anonymous(admin: httpx.Client, anon: httpx.Client, issue: IssueRef) -> None:
    for method in ("GET", "POST", "DELETE"):
        response = admin.request(method, f"{API}/issue/NOPE-999999/votes")
        assert response.status_code == 404
        assert response.json() == {"errorMessages": ["Issue Does Not Exist"], "errors": {}}
        assert anon.request(method, issue.votes).status_code == 401


def test_jira_client(jira, make_issue: Callable[..., IssueRef], make_user) -> None:  # type: ignore[no-untyped-def]
    bob = make_user("bob")
    issue = make_issue(reporter=bob.name)
    jira.add_vote(issue.key)
    votes = jira.votes(issue.key)
    assert votes.votes == 1 and votes.hasVoted is True
    assert [v.name for v in votes.voters] == ["admin"]
    assert jira.issue(issue.key).fields.votes.votes == 1
    jira.remove_vote(issue.key)
    assert jira.votes(issue.key).votes == 0

"""Comments of an issue over HTTP: exact shapes, add, get, edit, delete, validation, who may change them."""

from __future__ import annotations

from typing import Any

import httpx

from tests.platform.comments.conftest import API, IssueRef

TIMESTAMP = r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}[+-]\d{4}$"


def _user(base_url: str, name: str) -> dict[str, Any]:
    return {"self": f"{base_url}{API}/user?username={name}", "name": name}


def _total(client: httpx.Client, issue: IssueRef) -> int:
    response = client.get(issue.comments)
    assert response.status_code == 200
    return int(response.json()["total"])


def test_add_get_edit_delete(admin: httpx.Client, base_url: str, issue: IssueRef) -> None:
    created = admin.post(issue.comments, json={"body": "First *comment*"})
    assert created.status_code == 201
    body = created.json()
    comment_id = body["id"]
    assert list(body) == ["self", "id", "author", "body", "updateAuthor", "created", "updated"]
    assert body["self"] == f"{base_url}{API}/issue/{issue.id}/comment/{comment_id}"
    assert body["body"] == "First *comment*"
    for who in ("author", "updateAuthor"):
        assert {k: body[who][k] for k in ("self", "name")} == _user(base_url, "admin")
        assert body[who]["active"] is True and "avatarUrls" in body[who]
    assert body["created"] == body["updated"]
    assert __import__("re").match(TIMESTAMP, body["created"])

    fetched = admin.get(body["self"])
    assert fetched.status_code == 200 and fetched.json() == body
    assert admin.get(f"{API}/issue/{issue.id}/comment/{comment_id}").json() == body

    listed = admin.get(issue.comments).json()
    assert listed == {"startAt": 0, "maxResults": 1, "total": 1, "comments": [body]}

    edited = admin.put(body["self"], json={"body": "Edited"})
    assert edited.status_code == 200
    assert edited.json()["body"] == "Edited" and edited.json()["created"] == body["created"]
    assert edited.json()["id"] == comment_id and "visibility" not in edited.json()

    deleted = admin.delete(body["self"])
    assert deleted.status_code == 204 and deleted.content == b""
    missing = admin.get(body["self"])
    assert missing.status_code == 404
    assert missing.json() == {"errorMessages": [f"Can not find a comment for the id: {comment_id}."], "errors": {}}
    assert admin.delete(body["self"]).status_code == 404
    assert _total(admin, issue) == 0


def test_rendered_body(admin: httpx.Client, base_url: str, issue: IssueRef) -> None:
    source = "Hi [~admin], see *this* <script>alert(1)</script>"
    created = admin.post(issue.comments, params={"expand": "renderedBody"}, json={"body": source}).json()
    assert list(created)[:5] == ["self", "id", "author", "body", "renderedBody"]
    rendered = created["renderedBody"]
    assert rendered.startswith('<p>Hi <a href="' + base_url + '/secure/ViewProfile.jspa?name=admin" '
                               'class="user-hover" rel="admin">')
    assert "<b>this</b>" in rendered and "&lt;script&gt;" in rendered and "<script>" not in rendered
    plain = admin.get(created["self"]).json()
    assert "renderedBody" not in plain
    assert admin.get(created["self"], params={"expand": "renderedBody"}).json()["renderedBody"] == rendered
    listed = admin.get(issue.comments, params={"expand": "renderedBody"}).json()["comments"]
    assert listed[0]["renderedBody"] == rendered


def test_body_validation_writes_nothing(admin: httpx.Client, issue: IssueRef) -> None:
    empty = {"errorMessages": [], "errors": {"comment": "Comment body can not be empty!"}}
    for bad in ({}, {"body": ""}, {"body": "   \n"}, {"body": None}, {"body": 5}):
        response = admin.post(issue.comments, json=bad)
        assert response.status_code == 400, bad
        assert response.json() == empty
    too_long = admin.post(issue.comments, json={"body": "x" * 32768})
    assert too_long.status_code == 400
    assert too_long.json()["errors"] == {
        "comment": "The entered text is too long. It exceeds the allowed limit of 32,767 characters."}
    nul = admin.post(issue.comments, json={"body": "a\x00b"})
    assert nul.status_code == 400
    assert nul.json()["errors"] == {"comment": "The comment body must not contain NUL characters."}
    assert admin.post(issue.comments, content=b"{not json", headers={"Content-Type": "application/json"}
                      ).status_code == 400
    assert _total(admin, issue) == 0
    created = admin.post(issue.comments, json={"body": "keep"}).json()
    for bad in ({"body": ""}, {}, {"body": "x", "visibility": {"type": "planet", "value": "x"}}):
        assert admin.put(created["self"], json=bad).status_code == 400
    assert admin.get(created["self"]).json() == created


def test_unknown_issue_and_comment(admin: httpx.Client, issue: IssueRef, make_issue: Any) -> None:
    missing = admin.get(f"{API}/issue/NOPE-1/comment")
    assert missing.status_code == 404
    assert missing.json() == {"errorMessages": ["Issue Does Not Exist"], "errors": {}}
    assert admin.post(f"{API}/issue/NOPE-1/comment", json={"body": "x"}).status_code == 404
    assert admin.get(f"{issue.comments}/99999999").status_code == 404
    assert admin.get(f"{issue.comments}/abc").status_code == 404
    assert admin.get(f"{issue.comments}/99999999999999999999").status_code == 404
    other = make_issue()
    created = admin.post(other.comments, json={"body": "elsewhere"}).json()
    assert admin.get(f"{issue.comments}/{created['id']}").status_code == 404
    assert admin.put(f"{issue.comments}/{created['id']}", json={"body": "x"}).status_code == 404
    assert admin.delete(f"{issue.comments}/{created['id']}").status_code == 404
    assert admin.get(created["self"]).json()["body"] == "elsewhere"


def test_only_author_or_admin_change_a_comment(admin: httpx.Client, anon: httpx.Client, make_user: Any,
                                               base_url: str, issue: IssueRef) -> None:
    author, other = make_user(), make_user()
    created = author.client.post(issue.comments, json={"body": "mine"})
    assert created.status_code == 201
    comment = created.json()
    assert comment["author"]["name"] == author.name
    refused = other.client.put(comment["self"], json={"body": "theirs"})
    assert refused.status_code == 403
    assert refused.json() == {"errorMessages": ["You do not have the permission to edit this comment."],
                              "errors": {}}
    gone = other.client.delete(comment["self"])
    assert gone.status_code == 403
    assert gone.json()["errorMessages"] == ["You do not have the permission to delete this comment."]
    assert anon.get(issue.comments).status_code == 401
    assert anon.post(issue.comments, json={"body": "anon"}).status_code == 401
    assert admin.get(comment["self"]).json() == comment
    by_author = author.client.put(comment["self"], json={"body": "mine, edited"})
    assert by_author.status_code == 200
    by_admin = admin.put(comment["self"], json={"body": "moderated"}).json()
    assert by_admin["author"]["name"] == author.name
    assert by_admin["updateAuthor"]["name"] == "admin" and by_admin["body"] == "moderated"
    assert author.client.delete(comment["self"]).status_code == 204


def test_paging_and_ordering(admin: httpx.Client, issue: IssueRef) -> None:
    ids = [admin.post(issue.comments, json={"body": f"c{n}"}).json()["id"] for n in range(5)]
    first = admin.get(issue.comments, params={"startAt": 1, "maxResults": 2}).json()
    assert (first["startAt"], first["maxResults"], first["total"]) == (1, 2, 5)
    assert [c["id"] for c in first["comments"]] == ids[1:3]
    newest = admin.get(issue.comments, params={"orderBy": "-created", "maxResults": 3}).json()
    assert [c["id"] for c in newest["comments"]] == ids[::-1][:3]
    oldest = admin.get(issue.comments, params={"orderBy": "created"}).json()
    assert [c["id"] for c in oldest["comments"]] == ids
    assert [c["id"] for c in admin.get(issue.comments, params={"orderBy": "+created"}).json()["comments"]] == ids
    beyond = admin.get(issue.comments, params={"startAt": 10}).json()
    assert beyond == {"startAt": 10, "maxResults": 0, "total": 5, "comments": []}
    none = admin.get(issue.comments, params={"maxResults": 0}).json()
    assert none["comments"] == [] and none["total"] == 5
    bad_order = admin.get(issue.comments, params={"orderBy": "author"})
    assert bad_order.status_code == 400
    assert bad_order.json()["errors"] == {
        "orderBy": "Comments can only be ordered by created or -created, not 'author'."}
    assert admin.get(issue.comments, params={"startAt": -1}).status_code == 400
    assert admin.get(issue.comments, params={"maxResults": "x"}).status_code == 400


def test_issue_updated_moves_with_comments(admin: httpx.Client, issue: IssueRef) -> None:
    before = admin.get(f"{API}/issue/{issue.key}", params={"fields": "updated"}).json()["fields"]["updated"]
    comment = admin.post(issue.comments, json={"body": "bump"}).json()
    after = admin.get(f"{API}/issue/{issue.key}", params={"fields": "updated"}).json()["fields"]["updated"]
    assert after == comment["created"] and after >= before

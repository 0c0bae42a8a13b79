"""Uploads over HTTP: several files at once, exact shapes, the size limit while streaming, XSRF,
attachments disabled, bad input; failed uploads store nothing."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import httpx

from tests import conftest
from tests.platform.attachments.conftest import API, XSRF, IssueRef, app_property, eventually, stored_files, upload

CREATED = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}[+-]\d{4}")


def _attachments_of(admin: httpx.Client, issue: IssueRef) -> list[dict]:  # type: ignore[type-arg]
    response = admin.get(f"{API}/issue/{issue.key}", params={"fields": "attachment"})
    assert response.status_code == 200
    return response.json()["fields"]["attachment"]  # type: ignore[no-any-return]


def test_several_files_in_one_request(admin: httpx.Client, base_url: str, issue: IssueRef) -> None:
    response = upload(admin, issue, ("a.txt", b"alpha", "text/plain"), ("b.png", b"not really", "image/png"),
                      ("c", b"x" * 10, "application/x-custom"), ("d", b"d", "application/" + "x" * 300))
    assert response.status_code == 200, response.text
    first, second, third, fourth = response.json()
    assert fourth["mimeType"] == "application/octet-stream"
    assert first["filename"] == "a.txt" and first["size"] == 5 and first["mimeType"] == "text/plain"
    assert CREATED.fullmatch(first["created"])
    assert first["self"] == f"{base_url}{API}/attachment/{first['id']}"
    assert first["content"] == f"{base_url}/secure/attachment/{first['id']}/a.txt"
    assert "thumbnail" not in first
    assert first["author"]["name"] == "admin"
    assert second["thumbnail"] == f"{base_url}/secure/thumbnail/{second['id']}/_thumb_{second['id']}.png"
    assert third["mimeType"] == "application/x-custom"
    assert set(first) == {"self", "id", "filename", "author", "created", "size", "mimeType", "content"}
    assert [a["id"] for a in _attachments_of(admin, issue)] == [first["id"], second["id"], third["id"], fourth["id"]]
    assert admin.get(f"{API}/attachment/{first['id']}").json() == first


def test_upload_past_the_limit_is_refused_and_nothing_stored(admin: httpx.Client, issue: IssueRef,
                                                             storage_dir: Path) -> None:
    before = stored_files(storage_dir)
    with app_property(admin, "jira.attachment.size", "1000"):
        assert admin.get(f"{API}/attachment/meta").json() == {"enabled": True, "uploadLimit": 1000}
        response = upload(admin, issue, ("small.txt", b"ok", "text/plain"), ("big.bin", b"z" * 5000, "a/b"))
        assert response.status_code == 413
        assert response.json() == {"errorMessages": [
            "The file 'big.bin' is too big: the maximum attachment size is 1000 bytes."], "errors": {}}
        exact = upload(admin, issue, ("exact.bin", b"e" * 1000, "application/octet-stream"))
        assert exact.status_code == 200
    assert [a["filename"] for a in _attachments_of(admin, issue)] == ["exact.bin"]
    assert eventually(lambda: len(stored_files(storage_dir) - before) == 1)


def test_missing_xsrf_header_is_refused(admin: httpx.Client, issue: IssueRef) -> None:
    response = admin.post(issue.attachments, files=[("file", ("a.txt", b"a", "text/plain"))])
    assert response.status_code == 403
    assert response.json() == {"errorMessages": ["XSRF check failed"], "errors": {}}
    wrong = admin.post(issue.attachments, headers={"X-Atlassian-Token": "check"},
                       files=[("file", ("a.txt", b"a", "text/plain"))])
    assert wrong.status_code == 403
    assert _attachments_of(admin, issue) == []


def test_refusals(admin: httpx.Client, anon: httpx.Client, issue: IssueRef) -> None:
    anonymous = upload(anon, issue, ("a.txt", b"a", "text/plain"))
    assert anonymous.status_code == 401
    missing = admin.post(f"{API}/issue/NOPE-999/attachments", headers=XSRF,
                         files=[("file", ("a.txt", b"a", "text/plain"))])
    assert missing.status_code == 404
    assert missing.json() == {"errorMessages": ["Issue Does Not Exist"], "errors": {}}
    wrong_field = admin.post(issue.attachments, headers=XSRF, files=[("upload", ("a.txt", b"a", "text/plain"))])
    assert wrong_field.status_code == 400
    assert wrong_field.json()["errorMessages"] == [
        "No attachments were sent: the files must be in parts named 'file'."]
    not_multipart = admin.post(issue.attachments, headers=XSRF, content=b"raw")
    assert not_multipart.status_code == 400
    assert _attachments_of(admin, issue) == []


def test_malformed_multipart_is_a_bad_request(admin: httpx.Client, issue: IssueRef) -> None:
    headers = {**XSRF, "Content-Type": "multipart/form-data; boundary=xyz"}
    response = admin.post(issue.attachments, headers=headers, content=b"--xyz\r\ngarbage without headers end")
    assert response.status_code == 400
    assert _attachments_of(admin, issue) == []


def test_attachments_disabled(admin: httpx.Client, issue: IssueRef) -> None:
    added = upload(admin, issue, ("a.txt", b"a", "text/plain")).json()[0]
    with app_property(admin, "jira.option.allowattachments", "false"):
        assert admin.get(f"{API}/attachment/meta").json()["enabled"] is False
        refused = upload(admin, issue, ("b.txt", b"b", "text/plain"))
        assert refused.status_code == 403
        assert refused.json() == {"errorMessages": ["Attachments are disabled."], "errors": {}}
        assert admin.get(f"{API}/attachment/{added['id']}").status_code == 404
        assert admin.delete(f"{API}/attachment/{added['id']}").status_code == 404
    assert [a["filename"] for a in _attachments_of(admin, issue)] == ["a.txt"]


def test_delete_rules(admin: httpx.Client, anon: httpx.Client, issue: IssueRef,
                      make_user: Callable[..., conftest.TestUser], storage_dir: Path) -> None:
    author, other = make_user("author"), make_user("other")
    mine = upload(author.client, issue, ("mine.txt", b"m", "text/plain")).json()[0]
    assert mine["author"]["name"] == author.name
    assert anon.delete(f"{API}/attachment/{mine['id']}").status_code == 401
    refused = other.client.delete(f"{API}/attachment/{mine['id']}")
    assert refused.status_code == 403
    assert admin.get(f"{API}/attachment/{mine['id']}").status_code == 200
    before = stored_files(storage_dir)
    assert author.client.delete(f"{API}/attachment/{mine['id']}").status_code == 204
    assert eventually(lambda: len(before - stored_files(storage_dir)) == 1)
    second = upload(author.client, issue, ("again.txt", b"a", "text/plain")).json()[0]
    assert admin.delete(f"{API}/attachment/{second['id']}").status_code == 204
    gone = admin.delete(f"{API}/attachment/{second['id']}")
    assert gone.status_code == 404
    assert gone.json() == {"errorMessages": [f"Could not find attachment with id: {second['id']}"], "errors": {}}
    assert admin.get(f"{API}/attachment/abc").status_code == 404
    assert admin.get(f"{API}/attachment/99999999999").status_code == 404


def test_files_go_with_their_issue(admin: httpx.Client, make_issue: Callable[[], IssueRef],
                                   storage_dir: Path) -> None:
    doomed, kept = make_issue(), make_issue()
    before = stored_files(storage_dir)
    ids = [a["id"] for a in upload(admin, doomed, ("a.txt", b"a", "text/plain"), ("b.txt", b"b", "text/plain"))
           .json()]
    assert len(stored_files(storage_dir) - before) == 2
    assert admin.delete(f"{API}/issue/{doomed.key}").status_code == 204
    for attachment_id in ids:
        assert admin.get(f"{API}/attachment/{attachment_id}").status_code == 404
    upload(admin, kept, ("c.txt", b"c", "text/plain"))  # the next attachment write purges the files
    assert eventually(lambda: len(stored_files(storage_dir) - before) == 1)


def test_large_upload_stops_at_the_limit(admin: httpx.Client, issue: IssueRef, storage_dir: Path) -> None:
    before = stored_files(storage_dir)
    with app_property(admin, "jira.attachment.size", str(1024 * 1024)):
        response = upload(admin, issue, ("huge.bin", b"h" * (24 * 1024 * 1024), "application/octet-stream"))
    assert response.status_code == 413
    assert _attachments_of(admin, issue) == []
    assert stored_files(storage_dir) == before

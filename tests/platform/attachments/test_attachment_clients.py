"""The `jira` package: add_attachment (path and file object), attachment(id), get(), delete()."""

from __future__ import annotations

import io
import os
from pathlib import Path

import httpx

from tests.platform.attachments.conftest import API, IssueRef, app_property


def test_jira_client_round_trip(jira, admin: httpx.Client, issue: IssueRef, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "notes.txt"
    path.write_bytes(b"hello attachments\n")
    from_path = jira.add_attachment(issue.key, str(path))
    from_object = jira.add_attachment(issue.key, io.BytesIO(b"\x00\x01binary"), filename="data.bin")
    assert from_path.filename == "notes.txt" and from_path.size == 18
    assert from_path.mimeType == "text/plain"
    assert from_object.filename == "data.bin" and from_object.mimeType == "application/octet-stream"
    assert from_path.author.name == "admin"

    fetched = jira.attachment(from_path.id)
    assert fetched.get() == b"hello attachments\n"
    assert jira.attachment(from_object.id).get() == b"\x00\x01binary"
    on_issue = jira.issue(issue.key, fields="attachment").fields.attachment
    assert [a.filename for a in on_issue] == ["notes.txt", "data.bin"]

    fetched.delete()
    assert admin.get(f"{API}/attachment/{from_path.id}").status_code == 404
    assert [a.filename for a in jira.issue(issue.key).fields.attachment] == ["data.bin"]


def test_twenty_megabytes_byte_identical(jira, admin: httpx.Client, issue: IssueRef,  # type: ignore[no-untyped-def]
                                         tmp_path: Path) -> None:
    data = os.urandom(20 * 1024 * 1024)
    path = tmp_path / "big.bin"
    path.write_bytes(data)
    with app_property(admin, "jira.attachment.size", str(30 * 1024 * 1024)):
        added = jira.add_attachment(issue.key, str(path))
    assert added.size == len(data)
    assert jira.attachment(added.id).get() == data


def test_jira_client_unicode_file_name(jira, issue: IssueRef) -> None:  # type: ignore[no-untyped-def]
    added = jira.add_attachment(issue.key, io.BytesIO(b"\xe2\x82\xac"), filename="résumé €.txt")
    assert added.filename == "résumé €.txt"
    assert added.content.endswith(f"/secure/attachment/{added.id}/r%C3%A9sum%C3%A9%20%E2%82%AC.txt")
    assert jira.attachment(added.id).get() == b"\xe2\x82\xac"

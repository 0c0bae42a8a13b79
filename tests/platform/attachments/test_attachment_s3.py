"""The S3-compatible storage backend, against moto's in-process S3 server on 127.0.0.1."""

from __future__ import annotations

import io
import os
import socket
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from tests.platform.attachments.conftest import API, IssueRef, eventually, stored_files, upload

BUCKET = "ticketry-test-attachments"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture
def s3(monkeypatch: pytest.MonkeyPatch) -> Iterator[Any]:
    boto3 = pytest.importorskip("boto3")
    moto_server = pytest.importorskip("moto.server")
    port = _free_port()
    server = moto_server.ThreadedMotoServer(ip_address="127.0.0.1", port=port, verbose=False)
    server.start()
    endpoint = f"http://127.0.0.1:{port}"
    settings = {"TICKETRY_ATTACHMENT_STORAGE": "s3", "TICKETRY_S3_ENDPOINT_URL": endpoint,
                "TICKETRY_S3_BUCKET": BUCKET, "TICKETRY_S3_PREFIX": "att/", "TICKETRY_S3_REGION": "us-east-1",
                "TICKETRY_S3_ACCESS_KEY_ID": "testing", "TICKETRY_S3_SECRET_ACCESS_KEY": "testing"}
    for name, value in settings.items():
        monkeypatch.setenv(name, value)
    client = boto3.client("s3", endpoint_url=endpoint, region_name="us-east-1", aws_access_key_id="testing",
                          aws_secret_access_key="testing")
    client.create_bucket(Bucket=BUCKET)
    try:
        yield client
    finally:
        for name in settings:
            os.environ.pop(name, None)
        server.stop()


def _objects(client: Any) -> list[str]:
    return [item["Key"] for item in client.list_objects_v2(Bucket=BUCKET).get("Contents", [])]


def test_attachments_in_s3(s3: Any, jira, admin: httpx.Client, issue: IssueRef,  # type: ignore[no-untyped-def]
                           storage_dir: Path) -> None:
    local_before = stored_files(storage_dir)
    data = os.urandom(3 * 1024 * 1024 + 17)
    added = jira.add_attachment(issue.key, io.BytesIO(data), filename="blob.bin")
    archive = io.BytesIO()
    with zipfile.ZipFile(archive, "w") as bundle:
        bundle.writestr("a.txt", b"abc")
    zipped = upload(admin, issue, ("z.zip", archive.getvalue(), "application/zip")).json()[0]
    assert len(_objects(s3)) == 2 and all(key.startswith("att/") for key in _objects(s3))
    assert stored_files(storage_dir) == local_before
    assert jira.attachment(added.id).get() == data
    raw = admin.get(f"{API}/attachment/{zipped['id']}/expand/raw").json()
    assert raw == {"entries": [{"entryIndex": 0, "name": "a.txt", "size": 3, "mediaType": "text/plain"}],
                   "totalEntryCount": 1}
    jira.attachment(added.id).delete()
    assert eventually(lambda: len(_objects(s3)) == 1)

"""Downloads (type, Content-Disposition), thumbnails, zip expansion, meta, and project deletion."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable
from pathlib import Path

import httpx
from PIL import Image

from tests.platform.attachments.conftest import API, XSRF, IssueRef, eventually, stored_files, upload


def _png(width: int, height: int) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (width, height), (200, 30, 30)).save(out, "PNG")
    return out.getvalue()


def _zip() -> bytes:
    """The same bytes on every call: entries carry a fixed date (writestr would stamp the current second)."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for name, data in (("readme.txt", b"r" * 10), ("docs/", b""), ("images/pic.png", b"p" * 2048),
                           ("long/path/thanks/to/lots/of/subdirectories/inside/making/it/quite/hard/to/reach/the/"
                            "leaf.txt", b"")):
            archive.writestr(zipfile.ZipInfo(name, date_time=(2026, 1, 2, 3, 4, 5)), data)
    return out.getvalue()


def test_download_type_and_disposition(admin: httpx.Client, anon: httpx.Client, issue: IssueRef) -> None:
    name = 'naïve \\"report\\";\tX-Evil: 1.html'
    boundary = "b0undary"
    body = (f'--{boundary}\r\nContent-Disposition: form-data; name="file"; filename="{name}"\r\n'
            f'Content-Type: text/html\r\n\r\n<script>alert(1)</script>\r\n--{boundary}--\r\n').encode()
    headers = {**XSRF, "Content-Type": f"multipart/form-data; boundary={boundary}"}
    response = admin.post(issue.attachments, headers=headers, content=body.replace(b"\t", b" "))
    assert response.status_code == 200, response.text
    added = response.json()[0]
    assert added["filename"] == 'naïve "report"; X-Evil: 1.html'
    response = admin.get(added["content"])
    assert response.status_code == 200
    assert response.content == b"<script>alert(1)</script>"
    assert response.headers["content-type"].startswith("text/html")
    assert response.headers["content-disposition"] == (
        "attachment; filename=\"na_ve _report__ X-Evil: 1.html\"; "
        "filename*=UTF-8''na%C3%AFve%20%22report%22%3B%20X-Evil%3A%201.html")
    assert "x-evil" not in response.headers
    injected = (b"--x\r\nContent-Disposition: form-data; name=\"file\"; filename*=UTF-8''a%0D%0AX-Evil%3A%201.txt"
                b"\r\n\r\ndata\r\n--x--\r\n")
    refused = admin.post(issue.attachments, content=injected,
                         headers={**XSRF, "Content-Type": "multipart/form-data; boundary=x"})
    assert refused.status_code == 400
    assert refused.json()["errors"] == {"file": "The file name 'a\r\nX-Evil: 1.txt' is not valid."}
    assert response.headers["x-content-type-options"] == "nosniff"
    assert anon.get(added["content"]).status_code == 401


def test_image_thumbnail(admin: httpx.Client, issue: IssueRef) -> None:
    added = upload(admin, issue, ("photo.png", _png(800, 400), "image/png")).json()[0]
    assert added["mimeType"] == "image/png"
    download = admin.get(added["content"])
    assert download.headers["content-disposition"].startswith("inline; ")
    thumb = admin.get(added["thumbnail"])
    assert thumb.status_code == 200 and thumb.headers["content-type"] == "image/png"
    assert Image.open(io.BytesIO(thumb.content)).size == (200, 100)
    broken = upload(admin, issue, ("broken.png", b"not a png", "image/png")).json()[0]
    assert admin.get(broken["thumbnail"]).status_code == 404
    text = upload(admin, issue, ("t.txt", b"t", "text/plain")).json()[0]
    assert admin.get(f"/secure/thumbnail/{text['id']}/_thumb_{text['id']}.png").status_code == 404


def test_zip_expansion(jira, admin: httpx.Client, issue: IssueRef) -> None:  # type: ignore[no-untyped-def]
    added = jira.add_attachment(issue.key, io.BytesIO(_zip()), filename="bundle.zip")
    human = admin.get(f"{API}/attachment/{added.id}/expand/human")
    assert human.status_code == 200
    leaf = "long/path/thanks/to/lots/of/subdirectories/inside/making/it/quite/hard/to/reach/the/leaf.txt"
    assert human.json() == {
        "id": int(added.id), "name": "bundle.zip", "totalEntryCount": 3, "mediaType": "application/zip",
        "entries": [
            {"path": "readme.txt", "index": 0, "size": "0.0 kB", "mediaType": "text/plain", "label": "readme.txt"},
            {"path": "images/pic.png", "index": 1, "size": "2 kB", "mediaType": "image/png",
             "label": "images/pic.png"},
            {"path": leaf, "index": 2, "size": "0.0 kB", "mediaType": "text/plain",
             "label": "long/path/thanks/to/.../reach/the/leaf.txt"},
        ]}
    raw = admin.get(f"{API}/attachment/{added.id}/expand/raw")
    assert raw.json() == {"totalEntryCount": 3, "entries": [
        {"entryIndex": 0, "name": "readme.txt", "size": 10, "mediaType": "text/plain"},
        {"entryIndex": 1, "name": "images/pic.png", "size": 2048, "mediaType": "image/png"},
        {"entryIndex": 2, "name": leaf, "size": 0, "mediaType": "text/plain"},
    ]}
    assert jira.attachment(added.id).get() == _zip()


def test_zip_refusals(admin: httpx.Client, issue: IssueRef) -> None:
    corrupt = upload(admin, issue, ("bad.zip", b"PK not really", "application/zip")).json()[0]
    assert admin.get(f"{API}/attachment/{corrupt['id']}/expand/raw").json() == {"entries": [], "totalEntryCount": 0}
    text = upload(admin, issue, ("plain.txt", b"x", "text/plain")).json()[0]
    refused = admin.get(f"{API}/attachment/{text['id']}/expand/human")
    assert refused.status_code == 409
    assert refused.json() == {"errorMessages": ["The archive format is not supported."], "errors": {}}
    assert admin.get(f"{API}/attachment/77777777/expand/raw").status_code == 404


def test_meta(admin: httpx.Client, anon: httpx.Client) -> None:
    assert admin.get(f"{API}/attachment/meta").json() == {"enabled": True, "uploadLimit": 10485760}
    assert anon.get(f"{API}/attachment/meta").status_code == 200


def test_files_go_with_their_project(admin: httpx.Client, make_issue: Callable[[], IssueRef],
                                     storage_dir: Path) -> None:
    doomed, kept = make_issue(), make_issue()
    before = stored_files(storage_dir)
    upload(admin, doomed, ("a.txt", b"a", "text/plain"))
    project_key = doomed.key.split("-")[0]
    assert admin.delete(f"{API}/project/{project_key}").status_code == 204
    upload(admin, kept, ("c.txt", b"c", "text/plain"))
    assert eventually(lambda: len(stored_files(storage_dir) - before) == 1)

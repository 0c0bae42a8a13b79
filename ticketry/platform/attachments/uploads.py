"""Reading a multipart upload as it streams in: the "file" parts go to temporary files, and the
size limit is enforced part by part while the bytes arrive, never after reading everything."""

from __future__ import annotations

import re
import tempfile
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from typing import IO, Any
from urllib.parse import unquote

from python_multipart.multipart import MultipartParser, parse_options_header

from ticketry.core.errors import BadRequest, JiraError, PayloadTooLarge

FIELD_NAME = "file"
SPOOL_BYTES = 1024 * 1024
EXTENDED_FILENAME = re.compile(rb"filename\*\s*=\s*([A-Za-z0-9_-]+)'[^']*'([A-Za-z0-9%!#$&+.^_`|~-]*)", re.IGNORECASE)


@dataclass
class UploadedFile:
    filename: str
    content_type: str
    size: int = 0
    file: IO[bytes] = field(default_factory=lambda: tempfile.SpooledTemporaryFile(SPOOL_BYTES))  # noqa: SIM115


def too_large(filename: str, limit: int) -> PayloadTooLarge:
    return PayloadTooLarge(f"The file '{filename}' is too big: the maximum attachment size is {limit} bytes.")


def _filename(header: bytes, params: dict[bytes, bytes]) -> str | None:
    """RFC 5987 filename*=charset'lang'pct-encoded wins over the plain filename."""
    extended = EXTENDED_FILENAME.search(header)
    if extended is not None:
        charset = extended.group(1).decode("ascii")
        try:
            return unquote(extended.group(2).decode("ascii"), encoding=charset, errors="replace")
        except LookupError:
            return unquote(extended.group(2).decode("ascii"), errors="replace")
    plain = params.get(b"filename")
    return None if plain is None else plain.decode("utf-8", errors="replace")


class _Collector:
    """The parser callbacks: headers of each part, then its data into a temporary file."""

    def __init__(self, limit: int) -> None:
        self.limit = limit
        self.files: list[UploadedFile] = []
        self.headers: dict[str, bytes] = {}
        self.header_name = b""
        self.header_value = b""
        self.current: UploadedFile | None = None

    def callbacks(self) -> Any:
        return {
            "on_part_begin": self.part_begin, "on_header_field": self.header_field,
            "on_header_value": self.header_val, "on_header_end": self.header_end,
            "on_headers_finished": self.headers_finished, "on_part_data": self.part_data,
        }

    def part_begin(self) -> None:
        self.headers, self.current = {}, None

    def header_field(self, data: bytes, start: int, end: int) -> None:
        self.header_name += data[start:end]

    def header_val(self, data: bytes, start: int, end: int) -> None:
        self.header_value += data[start:end]

    def header_end(self) -> None:
        self.headers[self.header_name.decode("latin-1").lower()] = self.header_value
        self.header_name, self.header_value = b"", b""

    def headers_finished(self) -> None:
        header = self.headers.get("content-disposition", b"")
        disposition, params = parse_options_header(header)
        name = params.get(b"name", b"").decode("utf-8", "replace")
        filename = _filename(header, params)
        if disposition != b"form-data" or name != FIELD_NAME or filename is None:
            return
        content_type = parse_options_header(self.headers.get("content-type", b""))[0].decode("latin-1")
        self.current = UploadedFile(filename, content_type)
        self.files.append(self.current)

    def part_data(self, data: bytes, start: int, end: int) -> None:
        upload = self.current
        if upload is None:
            return
        upload.size += end - start
        if upload.size > self.limit:
            raise too_large(upload.filename, self.limit)
        upload.file.write(data[start:end])


def boundary_of(content_type: str) -> bytes:
    kind, params = parse_options_header(content_type)
    boundary = params.get(b"boundary")
    if kind != b"multipart/form-data" or not boundary:
        raise BadRequest("The request must be multipart/form-data with the files in parts named 'file'.")
    return boundary


async def receive_files(content_type: str, stream: AsyncIterator[bytes], limit: int) -> list[UploadedFile]:
    """The uploaded files, each rewound; 413 as soon as one passes the limit."""
    collector = _Collector(limit)
    parser = MultipartParser(boundary_of(content_type), collector.callbacks())
    try:
        async for chunk in stream:
            parser.write(chunk)
        parser.finalize()
    except JiraError:
        discard(collector.files)
        raise
    except Exception as exc:  # the multipart parser's errors: a malformed body
        discard(collector.files)
        raise BadRequest("The multipart request is malformed.") from exc
    for upload in collector.files:
        upload.file.seek(0)
    return collector.files


def discard(files: list[UploadedFile]) -> None:
    for upload in files:
        upload.file.close()

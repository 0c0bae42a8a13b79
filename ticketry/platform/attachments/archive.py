"""The entries of zip archives (expand/human and expand/raw), read with the stdlib zipfile."""

from __future__ import annotations

import mimetypes
import shutil
import tempfile
import zipfile
from dataclasses import dataclass
from typing import IO, Any

from ticketry.core.errors import Conflict
from ticketry.platform.attachments.models import Attachment

ZIP_TYPES = frozenset({"application/zip", "application/x-zip-compressed", "application/java-archive",
                       "application/x-zip"})
ZIP_SUFFIXES = (".zip", ".jar", ".war", ".ear")
KB, MB = 1024, 1024 * 1024
LABEL_MAX = 40


@dataclass(frozen=True)
class Entry:
    index: int
    name: str
    size: int

    @property
    def media_type(self) -> str:
        return mimetypes.guess_type(self.name)[0] or "application/octet-stream"


def check_archive(attachment: Attachment) -> None:
    if attachment.mime_type not in ZIP_TYPES and not attachment.filename.lower().endswith(ZIP_SUFFIXES):
        raise Conflict("The archive format is not supported.")


def read_entries(stream: IO[bytes], limit: int) -> tuple[list[Entry], int]:
    """The first `limit` file entries and the total count; none when the zip is corrupt."""
    with tempfile.TemporaryFile() as local:
        shutil.copyfileobj(stream, local, 1024 * 1024)
        stream.close()
        try:
            with zipfile.ZipFile(local) as archive:
                files = [info for info in archive.infolist() if not info.is_dir()]
        except (zipfile.BadZipFile, OSError, ValueError):
            return [], 0
    entries = [Entry(index, info.filename, info.file_size) for index, info in enumerate(files[:limit])]
    return entries, len(files)


def human_size(size: int) -> str:
    if size >= MB:
        return f"{size / MB:.2f} MB"
    if size >= KB:
        return f"{round(size / KB)} kB"
    return f"{size / KB:.1f} kB"


def label(path: str) -> str:
    parts = path.split("/")
    if len(path) <= LABEL_MAX or len(parts) <= 7:
        return path
    return "/".join([*parts[:4], "...", *parts[-3:]])


def human_json(attachment: Attachment, entries: list[Entry], total: int) -> dict[str, Any]:
    return {
        "id": attachment.id,
        "name": attachment.filename,
        "entries": [{"path": e.name, "index": e.index, "size": human_size(e.size), "mediaType": e.media_type,
                     "label": label(e.name)} for e in entries],
        "totalEntryCount": total,
        "mediaType": attachment.mime_type,
    }


def raw_json(entries: list[Entry], total: int) -> dict[str, Any]:
    return {
        "entries": [{"entryIndex": e.index, "name": e.name, "size": e.size, "mediaType": e.media_type}
                    for e in entries],
        "totalEntryCount": total,
    }

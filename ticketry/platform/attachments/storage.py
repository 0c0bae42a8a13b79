"""Where attachment bytes live: a directory under the data dir, or an S3-compatible bucket.

Both answer put(stream) -> key, open(key) -> stream, delete(key). The choice comes from the
environment (TICKETRY_ATTACHMENT_STORAGE=file|s3 and TICKETRY_S3_*).
"""

from __future__ import annotations

import os
import shutil
import uuid
from collections.abc import Iterator
from functools import lru_cache
from pathlib import Path
from typing import IO, Any, Protocol

from pydantic_settings import BaseSettings, SettingsConfigDict

CHUNK = 1024 * 1024


class StorageSettings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="TICKETRY_", extra="ignore")

    attachment_storage: str = "file"
    s3_bucket: str = "ticketry-attachments"
    s3_prefix: str = "attachments/"
    s3_endpoint_url: str | None = None
    s3_region: str = "us-east-1"
    s3_access_key_id: str | None = None
    s3_secret_access_key: str | None = None


class Storage(Protocol):
    def put(self, stream: IO[bytes]) -> str: ...

    def open(self, key: str) -> IO[bytes]: ...

    def delete(self, key: str) -> None: ...


def new_key() -> str:
    return uuid.uuid4().hex


def chunks(stream: IO[bytes], size: int = CHUNK) -> Iterator[bytes]:
    try:
        while block := stream.read(size):
            yield block
    finally:
        stream.close()


class FileStorage:
    def __init__(self, root: Path) -> None:
        self.root = root

    def _path(self, key: str) -> Path:
        if not key.isalnum():
            raise ValueError("bad storage key")
        return self.root / key[:2] / key

    def put(self, stream: IO[bytes]) -> str:
        key = new_key()
        path = self._path(key)
        path.parent.mkdir(parents=True, exist_ok=True)
        partial = path.with_suffix(".part")
        try:
            with partial.open("wb") as out:
                shutil.copyfileobj(stream, out, CHUNK)
            os.replace(partial, path)
        except BaseException:
            partial.unlink(missing_ok=True)
            raise
        return key

    def open(self, key: str) -> IO[bytes]:
        return self._path(key).open("rb")

    def delete(self, key: str) -> None:
        self._path(key).unlink(missing_ok=True)


class S3Storage:
    def __init__(self, config: StorageSettings) -> None:
        import boto3  # optional dependency, only for this backend

        self.bucket = config.s3_bucket
        self.prefix = config.s3_prefix
        self.client: Any = boto3.client(
            "s3", endpoint_url=config.s3_endpoint_url, region_name=config.s3_region,
            aws_access_key_id=config.s3_access_key_id, aws_secret_access_key=config.s3_secret_access_key)

    def put(self, stream: IO[bytes]) -> str:
        key = new_key()
        self.client.upload_fileobj(stream, self.bucket, self.prefix + key)
        return key

    def open(self, key: str) -> IO[bytes]:
        body: IO[bytes] = self.client.get_object(Bucket=self.bucket, Key=self.prefix + key)["Body"]
        return body

    def delete(self, key: str) -> None:
        self.client.delete_object(Bucket=self.bucket, Key=self.prefix + key)


@lru_cache(maxsize=8)
def _storage(data_dir: str, config_json: str) -> Storage:
    config = StorageSettings.model_validate_json(config_json)
    if config.attachment_storage.lower() == "s3":
        return S3Storage(config)
    return FileStorage(Path(data_dir) / "attachments")


def storage_for(data_dir: Path) -> Storage:
    """The configured storage (read from the environment once per configuration)."""
    return _storage(str(data_dir), StorageSettings().model_dump_json())

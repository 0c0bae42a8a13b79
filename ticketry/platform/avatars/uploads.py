"""Reading an uploaded avatar image and its cropping parameters, shared by every avatar upload endpoint."""

from __future__ import annotations

from fastapi import Request
from starlette.datastructures import UploadFile

from ticketry.core.errors import BadRequest


class Upload:
    def __init__(self, data: bytes, file_name: str) -> None:
        self.data = data
        self.file_name = file_name


async def read_upload(request: Request) -> Upload:
    """The image: the first file of a multipart body, or the raw body (as Jira's avatar2 takes it)."""
    if request.headers.get("content-type", "").lower().startswith("multipart/form-data"):
        form = await request.form()
        for value in form.values():
            if isinstance(value, UploadFile):
                data = await value.read()
                return Upload(data, value.filename or "")
        raise BadRequest("The request contains no image.")
    return Upload(await request.body(), "")


def crop(x: int | None, y: int | None, size: int | None) -> tuple[int, int, int | None]:
    return (_crop_value(x, "x") or 0, _crop_value(y, "y") or 0, _crop_value(size, "size"))


def _crop_value(value: int | None, name: str) -> int | None:
    if value is not None and value < 0:
        raise BadRequest(f"The cropping parameter '{name}' must not be negative.")
    return value

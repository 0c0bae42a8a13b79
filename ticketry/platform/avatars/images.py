"""Avatar images with Pillow: checking uploads, cropping them square, and serving each size."""

from __future__ import annotations

import io

from PIL import Image, UnidentifiedImageError

from ticketry.core.errors import BadRequest

FORMATS = {"PNG": "image/png", "GIF": "image/gif", "JPEG": "image/jpeg"}
# Jira's avatar size names and their pixels.
SIZES = {"xsmall": 16, "small": 24, "medium": 32, "large": 48, "xlarge": 64, "xxlarge": 96}
MAX_PIXELS = 4096 * 4096


def solid_png(size: int, rgb: tuple[int, int, int]) -> bytes:
    return _png(Image.new("RGB", (size, size), rgb))


def open_upload(data: bytes) -> Image.Image:
    """The uploaded image, refusing anything but a PNG, GIF or JPEG of sane dimensions."""
    try:
        image = Image.open(io.BytesIO(data))
        kind = image.format
        width, height = image.size
    except (UnidentifiedImageError, OSError, Image.DecompressionBombError):
        raise BadRequest("The uploaded file is not a PNG, GIF or JPEG image.") from None
    if kind not in FORMATS:
        raise BadRequest("The uploaded file is not a PNG, GIF or JPEG image.")
    if width * height > MAX_PIXELS:
        raise BadRequest(f"The image is too large: at most {MAX_PIXELS} pixels.")
    return image


def cropped_png(image: Image.Image, x: int, y: int, side: int | None) -> bytes:
    """The square at (x, y) with the given side (default: as large as fits), as PNG."""
    width, height = image.size
    side = side if side is not None else min(width - x, height - y)
    if x < 0 or y < 0 or side <= 0 or x + side > width or y + side > height:
        raise BadRequest(f"The cropping coordinates are invalid: a {side}x{side} square at ({x}, {y}) does "
                         f"not fit in the {width}x{height} image.")
    try:
        return _png(image.convert("RGBA").crop((x, y, x + side, y + side)))
    except OSError:
        raise BadRequest("The uploaded image could not be read.") from None


def sized(data: bytes, size: str | None) -> bytes:
    """The stored image scaled to a named size; unknown or absent sizes get the stored image."""
    pixels = SIZES.get(size or "")
    if pixels is None:
        return data
    image = Image.open(io.BytesIO(data))
    if image.size == (pixels, pixels):
        return data
    return _png(image.convert("RGBA").resize((pixels, pixels), Image.Resampling.LANCZOS))


def _png(image: Image.Image) -> bytes:
    out = io.BytesIO()
    image.save(out, format="PNG", optimize=True)
    return out.getvalue()

"""PNG thumbnails of image attachments, made with Pillow (at most 200x200, aspect kept)."""

from __future__ import annotations

import io
import warnings
from typing import IO

from PIL import Image

from ticketry.core.errors import NotFound

SIZE = (200, 200)
MAX_PIXELS = 50_000_000


def thumbnail_png(stream: IO[bytes]) -> bytes:
    try:
        with stream, warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            image: Image.Image = Image.open(io.BytesIO(stream.read()))
            if image.width * image.height > MAX_PIXELS:
                raise NotFound("The image is too large for a thumbnail.")
            image.thumbnail(SIZE)
            if image.mode not in ("RGB", "RGBA", "L", "LA"):
                image = image.convert("RGBA")
            out = io.BytesIO()
            image.save(out, "PNG")
    except (OSError, ValueError, Image.DecompressionBombError, Image.DecompressionBombWarning) as exc:
        raise NotFound("No thumbnail can be made of this attachment.") from exc
    return out.getvalue()

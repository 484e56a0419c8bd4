"""A company logo: checked and re-encoded like a talent's photo, but kept as the company drew it.

The upload is decoded with the same rules as photos (JPEG, PNG or WebP; size and pixel limits;
no SVG, which could carry scripts) and written anew, so no metadata or hidden data survives.

Logos are stored as PNG, always: they are mostly flat graphics with text and sharp edges,
where JPEG leaves visible artefacts, and PNG keeps a transparent background so the logo sits
on any page colour. Bounded to a 400 px box with the aspect ratio kept (a wide wordmark stays
wide), a PNG stays small, and one format means one content type to serve.
"""

import io
from dataclasses import dataclass

from django.core.files.uploadedfile import UploadedFile
from PIL import Image

from profiles.documents import image_decode

LOGO_MAX_BYTES = 2 * 1024 * 1024
LOGO_SIZE = 400
LOGO_CONTENT_TYPE = "image/png"


@dataclass(frozen=True)
class Logo:
    image: bytes

    extension = "png"
    content_type = LOGO_CONTENT_TYPE


def logo_process(upload: UploadedFile) -> Logo:
    """Decode, check and re-encode a logo as PNG within a 400 px box, keeping transparency."""
    image = image_decode(upload, max_bytes=LOGO_MAX_BYTES)
    has_alpha = image.mode in ("RGBA", "LA", "PA") or (
        image.mode == "P" and "transparency" in image.info
    )
    image = image.convert("RGBA" if has_alpha else "RGB")
    image.thumbnail((LOGO_SIZE, LOGO_SIZE), Image.Resampling.LANCZOS)
    out = io.BytesIO()
    image.save(out, "PNG", optimize=True)
    return Logo(image=out.getvalue())

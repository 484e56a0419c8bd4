"""Checks and re-encoding for the files talents upload: a photo and a CV.

Nothing the talent sent is stored as it came: a photo is decoded and written anew (which drops
EXIF, GPS and anything hidden after the image data), and a CV must parse as a PDF.
"""

import io
import warnings
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from PIL import Image, ImageOps, UnidentifiedImageError
from pypdf import PdfReader

PHOTO_MAX_BYTES = 5 * 1024 * 1024
# Larger than any camera photo; a "decompression bomb" claims far more.
PHOTO_MAX_PIXELS = 50_000_000
PHOTO_FORMATS = {"JPEG", "PNG", "WEBP"}
PHOTO_SIZE = 800
THUMBNAIL_SIZE = 160
CV_MAX_BYTES = 5 * 1024 * 1024


@dataclass(frozen=True)
class Photo:
    image: bytes
    thumbnail: bytes


def _check_size(upload: UploadedFile, limit: int) -> None:
    if upload.size > limit:
        raise ValidationError(
            _("The file is %(size)s; the limit is %(limit)s.")
            % {"size": filesizeformat(upload.size), "limit": filesizeformat(limit)},
            code="too_large",
        )


def _jpeg(image: Image.Image) -> bytes:
    out = io.BytesIO()
    image.save(out, "JPEG", quality=85, optimize=True)
    return out.getvalue()


def image_decode(upload: UploadedFile, *, max_bytes: int = PHOTO_MAX_BYTES) -> Image.Image:
    """Decode an uploaded JPEG, PNG or WebP image, refusing anything else and pixel bombs.

    The image comes back loaded and upright (EXIF orientation applied), ready to re-encode;
    nothing of the original file (metadata, trailing data) survives re-encoding.
    """
    _check_size(upload, max_bytes)
    invalid = ValidationError(_("Choose a JPEG, PNG or WebP image."), code="invalid_image")
    too_large = ValidationError(
        _("The image has too many pixels; the limit is %(limit)s megapixels.")
        % {"limit": PHOTO_MAX_PIXELS // 1_000_000},
        code="too_many_pixels",
    )
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            image = Image.open(upload)
            # Opening reads only the header: refuse huge dimensions before decoding anything.
            if image.width * image.height > PHOTO_MAX_PIXELS:
                raise too_large
            if image.format not in PHOTO_FORMATS:
                raise invalid
            image.load()
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise too_large from None
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError):
        # Not an image, or truncated or corrupt image data.
        raise invalid from None
    return ImageOps.exif_transpose(image)


def photo_process(upload: UploadedFile) -> Photo:
    """Decode, check and re-encode a photo as JPEG, with a square thumbnail."""
    image = image_decode(upload)
    if image.mode in ("RGBA", "LA", "P"):
        image = image.convert("RGBA")
        background = Image.new("RGB", image.size, "white")
        background.paste(image, mask=image.getchannel("A"))
        image = background
    else:
        image = image.convert("RGB")
    image.thumbnail((PHOTO_SIZE, PHOTO_SIZE))
    thumbnail = ImageOps.fit(image, (THUMBNAIL_SIZE, THUMBNAIL_SIZE))
    return Photo(image=_jpeg(image), thumbnail=_jpeg(thumbnail))


def cv_check(upload: UploadedFile) -> None:
    """Accept only a readable PDF, whatever the file is called."""
    _check_size(upload, CV_MAX_BYTES)
    not_pdf = ValidationError(_("Choose a PDF file."), code="not_pdf")
    upload.seek(0)
    if upload.read(5) != b"%PDF-":
        raise not_pdf
    upload.seek(0)
    try:
        reader = PdfReader(upload)
        if reader.is_encrypted:
            raise ValidationError(
                _("The PDF is password-protected; upload one without a password."),
                code="encrypted",
            )
        if not reader.pages:
            raise not_pdf
    except ValidationError:
        raise
    except Exception:
        raise not_pdf from None
    finally:
        upload.seek(0)

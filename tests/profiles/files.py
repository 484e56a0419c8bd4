"""Files for upload tests, made in memory."""

import io

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image
from pypdf import PdfWriter


def image_upload(name="photo.jpg", *, size=(1200, 900), fmt="JPEG", exif=None, mode="RGB"):
    out = io.BytesIO()
    image = Image.new(mode, size, "teal" if mode == "RGB" else 1)
    image.save(out, fmt, **({"exif": exif} if exif is not None else {}))
    return SimpleUploadedFile(name, out.getvalue(), content_type=f"image/{fmt.lower()}")


def camera_exif() -> Image.Exif:
    """EXIF as a phone writes it: maker, GPS position and a rotated orientation."""
    exif = Image.Exif()
    exif[0x010F] = "PhoneMaker"
    exif[0x0112] = 6  # rotate 90° to display
    exif.get_ifd(0x8825)[2] = (62.0, 36.0, 0.0)  # GPS latitude: Joensuu
    return exif


def bomb_upload() -> SimpleUploadedFile:
    """A small PNG that decodes to 400 million pixels (a decompression bomb)."""
    return image_upload("bomb.png", size=(20_000, 20_000), fmt="PNG", mode="1")


def pdf_upload(name="cv.pdf") -> SimpleUploadedFile:
    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    out = io.BytesIO()
    writer.write(out)
    return SimpleUploadedFile(name, out.getvalue(), content_type="application/pdf")

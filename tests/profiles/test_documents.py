import io

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from profiles.documents import PHOTO_SIZE, THUMBNAIL_SIZE, cv_check, photo_process

from .files import bomb_upload, camera_exif, image_upload, pdf_upload


def test_a_photo_is_re_encoded_resized_and_stripped_of_exif_and_gps():
    photo = photo_process(image_upload(size=(1200, 900), exif=camera_exif()))

    image = Image.open(io.BytesIO(photo.image))
    assert image.format == "JPEG"
    assert not image.getexif()
    assert b"PhoneMaker" not in photo.image
    # The orientation tag was applied before it was dropped: portrait, at most 800 px.
    assert image.size == (600, PHOTO_SIZE)
    assert Image.open(io.BytesIO(photo.thumbnail)).size == (THUMBNAIL_SIZE, THUMBNAIL_SIZE)


@pytest.mark.parametrize(("fmt", "mode"), [("PNG", "RGBA"), ("WEBP", "RGB"), ("PNG", "P")])
def test_png_and_webp_photos_are_accepted(fmt, mode):
    upload = image_upload(f"photo.{fmt.lower()}", size=(300, 200), fmt=fmt, mode=mode)
    assert Image.open(io.BytesIO(photo_process(upload).image)).format == "JPEG"


def test_a_decompression_bomb_is_refused_before_it_is_decoded():
    with pytest.raises(ValidationError) as error:
        photo_process(bomb_upload())
    assert error.value.code == "too_many_pixels"


@pytest.mark.parametrize(
    "upload",
    [
        SimpleUploadedFile("photo.jpg", b"this is not an image"),
        image_upload("photo.gif", fmt="GIF", mode="P"),
        SimpleUploadedFile("photo.jpg", image_upload().read()[:300]),  # truncated
    ],
    ids=["text", "gif", "truncated"],
)
def test_anything_but_a_whole_jpeg_png_or_webp_is_refused(upload):
    with pytest.raises(ValidationError) as error:
        photo_process(upload)
    assert error.value.code == "invalid_image"


def test_a_photo_over_the_size_limit_is_refused(settings):
    big = SimpleUploadedFile("photo.jpg", b"\xff" * (5 * 1024 * 1024 + 1))
    with pytest.raises(ValidationError) as error:
        photo_process(big)
    assert error.value.code == "too_large"


def test_a_pdf_cv_is_accepted():
    cv_check(pdf_upload())


@pytest.mark.parametrize(
    "upload",
    [
        SimpleUploadedFile("cv.pdf", b"Dear employer, I am a text file called cv.pdf"),
        SimpleUploadedFile("cv.pdf", b"%PDF-1.7\n garbage that no PDF reader can parse"),
        image_upload("cv.pdf"),
    ],
    ids=["text renamed .pdf", "fake PDF header", "image renamed .pdf"],
)
def test_a_cv_that_is_not_a_pdf_is_refused_whatever_its_name(upload):
    with pytest.raises(ValidationError) as error:
        cv_check(upload)
    assert error.value.code == "not_pdf"

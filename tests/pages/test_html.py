"""Every content page is valid HTML, as the Nu HTML checker (vnu) sees it."""

import pytest
from django.conf import settings
from django.urls import reverse

from pages.models import Page
from tests.factories.pages import GuideFactory
from tests.html import assert_valid_html

from .conftest import staff_with
from .test_views import URLS


def pages(client):
    for language in ("en", "fi"):
        client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
        for url in URLS:
            yield f"{url} ({language})", client.get(url)
    yield "feedback errors", client.post(reverse("pages:accessibility"), {"email": "x"})
    fallback = GuideFactory(title_fi="", summary_fi="", body_fi="")
    yield "Finnish falling back to English", client.get(fallback.get_absolute_url())
    client.force_login(staff_with("view_page", "change_page"))
    Page.objects.filter(slug="privacy").update(is_published=False)
    GuideFactory(is_published=False)
    yield "staff preview", client.get(reverse("pages:privacy"))
    yield "toolkit with a draft", client.get(reverse("pages:toolkit"))


@pytest.mark.django_db
def test_content_pages_are_valid_html(client, tmp_path):
    assert_valid_html(pages(client), tmp_path)

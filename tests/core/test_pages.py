import re

import pytest
from django.core.cache import cache
from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.views.defaults import server_error

from enterprises.models import Enterprise
from matching.models import Opening
from tests.factories import OpeningFactory

pytestmark = pytest.mark.django_db

PUBLIC_PAGES = ["core:home", "pages:about", "pages:privacy", "pages:accessibility"]


@pytest.mark.parametrize("name", [*PUBLIC_PAGES, "account_login", "account_signup"])
def test_public_pages_have_one_h1_a_language_and_a_skip_link(client, name):
    response = client.get(reverse(name))

    assert response.status_code == 200
    content = response.content.decode()
    assert len(re.findall(r"<h1[ >]", content)) == 1
    assert '<html lang="en">' in content
    assert 'href="#main"' in content
    assert 'id="main"' in content
    assert reverse("pages:privacy") in content
    assert reverse("pages:accessibility") in content


def test_about_page_tells_the_programmes_outcomes(client):
    content = client.get(reverse("pages:about")).content.decode()

    for figure in ("30", "20", "10"):
        assert f"<strong>{figure}</strong>" in content


def test_home_lists_only_published_openings_of_verified_enterprises(client):
    OpeningFactory(title="Open job")
    OpeningFactory(title="Draft job", status=Opening.Status.DRAFT, published_at=None)
    OpeningFactory(title="Unverified job", enterprise__status=Enterprise.Status.PENDING)

    content = client.get(reverse("core:home")).content.decode()

    assert "Open job" in content
    assert "Draft job" not in content
    assert "Unverified job" not in content


def test_home_query_count_does_not_grow_with_openings(client):
    def queries_for_home():
        cache.clear()  # the headline figures are cached: count the queries that fill it
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(reverse("core:home")).status_code == 200
        return len(ctx.captured_queries)

    OpeningFactory()
    one = queries_for_home()
    OpeningFactory.create_batch(10)
    many = queries_for_home()

    assert many == one


def test_unknown_page_gets_the_friendly_404(client):
    response = client.get("/no-such-page/")

    assert response.status_code == 404
    content = response.content.decode()
    assert "Page not found" in content
    assert reverse("core:home") in content


def test_500_page_renders_without_the_request_context():
    response = server_error(RequestFactory().get("/"))

    assert response.status_code == 500
    assert "Something went wrong" in response.content.decode()


def test_changes_need_post(client, talent):
    client.force_login(talent)

    assert client.get(reverse("set_language"), {"language": "fi"}).status_code == 405

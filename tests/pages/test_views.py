"""The content pages: in both languages, from the database, safe, and hidden until published."""

import re

import pytest
from django.conf import settings
from django.core.management import call_command
from django.urls import reverse

from pages.models import KnownPage, Page
from tests.factories import MembershipFactory, TalentUserFactory
from tests.factories.pages import GuideFactory

from .conftest import staff_with

pytestmark = pytest.mark.django_db

SITE_PAGES = ["about", "for_talents", "for_companies", "privacy", "accessibility", "toolkit"]
GUIDES = ["right-to-work", "pay-subsidy", "onboarding", "working-language", "cultural-awareness"]
URLS = [
    *(reverse(f"pages:{name}") for name in SITE_PAGES),
    *(reverse("pages:guide", args=[slug]) for slug in GUIDES),
]


def finnish(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "fi"
    return client


def h1(content):
    [heading] = re.findall(r"<h1[^>]*>.*?</h1>", content, flags=re.DOTALL)
    return heading


def main(content):
    return content.split("<main")[1].split("</main>")[0]


def page_at(url):
    return Page.objects.get(slug=url.strip("/").split("/")[-1])


@pytest.mark.parametrize("url", URLS)
def test_every_page_is_seeded_and_shown_in_english(client, url):
    page = page_at(url)

    response = client.get(url)

    assert response.status_code == 200
    content = response.content.decode()
    assert '<html lang="en">' in content
    assert h1(content) == f"<h1>{page.title_en}</h1>"
    assert f'<meta name="description" content="{page.summary_en}">' in content
    assert page.get_absolute_url() == url


@pytest.mark.parametrize("url", URLS)
def test_every_page_is_shown_in_finnish(client, url):
    page = page_at(url)
    assert page.title_fi  # the seed carries both languages
    assert page.body_fi

    content = finnish(client).get(url).content.decode()

    assert '<html lang="fi">' in content
    assert h1(content) == f"<h1>{page.title_fi}</h1>"
    assert 'lang="en"' not in main(content)


def test_finnish_left_empty_falls_back_to_english_marked_as_english(client):
    guide = GuideFactory(title_fi="", summary_fi="", body_fi="", body_en="Plain **English**.")
    url = guide.get_absolute_url()

    content = finnish(client).get(url).content.decode()

    assert h1(content) == f'<h1 lang="en">{guide.title_en}</h1>'
    assert '<div class="page-body" lang="en">' in content
    assert "<p>Plain <strong>English</strong>.</p>" in content
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    english = client.get(url).content.decode()
    assert h1(english) == f"<h1>{guide.title_en}</h1>"
    assert 'class="page-body">' in english


def test_a_body_cannot_carry_markup_or_script(client):
    guide = GuideFactory(
        body_en=(
            "# Top\n\n### Deeper\n\n<script>alert('x')</script>\n\n"
            '[click](javascript:alert(1)) [safe](/openings/) <b onclick="x()">bold</b>'
        )
    )

    content = client.get(guide.get_absolute_url()).content.decode()

    assert "<script>alert" not in content
    assert "<p>&lt;script&gt;alert('x')&lt;/script&gt;</p>" in content
    assert "[click](javascript:alert(1))" in content  # left as text, not made a link
    assert 'href="javascript' not in content
    assert '<a href="/openings/">safe</a>' in content
    assert "<b onclick" not in content
    # The title is the only h1: the body's top heading becomes h2, the next level keeps its gap.
    assert "<h2>Top</h2>" in content
    assert "<h4>Deeper</h4>" in content


def test_an_edited_body_is_shown_at_once(client):
    guide = GuideFactory(body_en="Old text.")
    assert "Old text." in client.get(guide.get_absolute_url()).content.decode()

    guide.body_en = "New text."
    guide.save()

    content = client.get(guide.get_absolute_url()).content.decode()
    assert "New text." in content
    assert "Old text." not in content


@pytest.mark.parametrize(
    ("role", "status"),
    [
        ("anonymous", 404),
        ("talent", 404),
        ("member", 404),
        ("staff without permission", 404),
        ("staff who may view pages", 200),
    ],
)
def test_unpublished_pages_are_previewed_by_staff_only(client, role, status):
    users = {
        "anonymous": lambda: None,
        "talent": TalentUserFactory,
        "member": lambda: MembershipFactory().user,
        "staff without permission": staff_with,
        "staff who may view pages": lambda: staff_with("view_page"),
    }
    user = users[role]()
    if user:
        client.force_login(user)
    guide = GuideFactory(is_published=False)
    Page.objects.filter(slug="privacy").update(is_published=False)

    for url in (guide.get_absolute_url(), reverse("pages:privacy")):
        response = client.get(url)
        assert response.status_code == status, url
        if status == 200:
            assert "this page is not published" in response.content.decode()


def test_unknown_guides_and_site_pages_under_the_guide_address_are_404(client):
    assert client.get(reverse("pages:guide", args=["no-such-guide"])).status_code == 404
    assert client.get(reverse("pages:guide", args=["privacy"])).status_code == 404


def test_a_deleted_site_page_is_404_not_an_error(client):
    Page.objects.filter(slug="about").delete()

    assert client.get(reverse("pages:about")).status_code == 404


def test_pages_are_read_only_addresses(client):
    assert client.post(reverse("pages:about")).status_code == 405
    assert client.post(reverse("pages:guide", args=["onboarding"])).status_code == 405


def test_the_toolkit_lists_published_guides_in_order_and_links_the_self_assessment(client):
    Page.objects.filter(slug="onboarding").update(position=0)
    GuideFactory(title_en="Draft guide", is_published=False)

    content = client.get(reverse("pages:toolkit")).content.decode()

    cards = re.findall(r'<h3 class="card-title"><a href="([^"]+)"', content)
    order = ["onboarding", "right-to-work", "pay-subsidy", "working-language", "cultural-awareness"]
    assert cards == [reverse("pages:guide", args=[slug]) for slug in order]
    assert "Draft guide" not in content
    assert f'href="{reverse("toolkit:assessment")}"' in content


def test_the_toolkit_shows_staff_the_unpublished_guides_marked(client):
    client.force_login(staff_with("view_page"))
    GuideFactory(title_en="Draft guide", is_published=False)

    content = client.get(reverse("pages:toolkit")).content.decode()

    assert "Draft guide" in content
    assert "Not published" in content


def test_the_toolkit_falls_back_per_card(client):
    GuideFactory(title_fi="", summary_fi="", title_en="Only in English", position=0)

    content = finnish(client).get(reverse("pages:toolkit")).content.decode()

    assert 'lang="en">Only in English</a>' in content


@pytest.mark.parametrize("extra", [0, 20])
def test_toolkit_query_count_does_not_grow_with_guides(client, django_assert_num_queries, extra):
    GuideFactory.create_batch(extra)
    client.get(reverse("pages:toolkit"))  # warm the rendered-body cache

    with django_assert_num_queries(2):  # the toolkit page and its guides
        assert client.get(reverse("pages:toolkit")).status_code == 200


def test_editors_get_an_edit_link_and_visitors_do_not(client, editor):
    about = Page.objects.get(slug="about")
    edit = reverse("admin:pages_page_change", args=[about.pk])
    assert edit not in client.get(reverse("pages:about")).content.decode()

    client.force_login(editor)

    assert edit in client.get(reverse("pages:about")).content.decode()


def test_the_header_marks_the_about_page_current(client):
    content = client.get(reverse("pages:about")).content.decode()

    assert f'<a href="{reverse("pages:about")}" aria-current="page">' in content


@pytest.mark.django_db(transaction=True)
def test_site_pages_come_back_after_a_flush(client):
    # A transactional test (or `manage.py flush`) empties the tables; the site pages are
    # seeded again after it, so their addresses keep working.
    Page.objects.filter(kind=Page.Kind.PAGE).delete()
    call_command("flush", interactive=False, verbosity=0)

    assert set(Page.objects.values_list("slug", flat=True)) == set(KnownPage.values)
    assert client.get(reverse("pages:about")).status_code == 200

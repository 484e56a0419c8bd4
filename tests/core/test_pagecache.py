"""Anonymous visitors' public pages from the cache (core.pagecache): stored once an address is
asked again, then served without a query, yet with the visitor's own CSRF token and CSP
nonce; never for signed-in people or with a message waiting; cleared at once by a change a
visitor would see."""

import re

import pytest
from django.conf import settings
from django.contrib.messages import constants
from django.contrib.messages.storage.base import Message
from django.contrib.messages.storage.cookie import CookieStorage
from django.core.cache import cache
from django.db import connection
from django.middleware.csrf import _unmask_cipher_token
from django.template import engines
from django.template.response import TemplateResponse
from django.test import Client, RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import include, path, reverse
from django.utils import translation

from core.pagecache import PUBLIC, public_page
from enterprises.services import enterprise_update
from matching.models import Opening
from matching.services.openings import opening_approve, opening_close
from tests.factories import MembershipFactory, OpeningFactory, StaffUserFactory

HOME = reverse("core:home")
LIST = reverse("openings:list")
TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')

_NONCE_PAGE = engines["django"].from_string(
    '<form method="post">{% csrf_token %}</form><script nonce="{{ request.csp_nonce }}">1</script>'
)


_rendered = []


@public_page
def _nonce_view(request):
    _rendered.append(request)
    return TemplateResponse(request, _NONCE_PAGE, {})


# The site's URLs and one page that uses the CSP nonce (none of the cached pages does yet).
urlpatterns = [path("nonce/", _nonce_view), path("", include("talenthub.urls"))]


@pytest.fixture(autouse=True)
def _page_cache(settings):
    settings.PUBLIC_PAGE_CACHE_SECONDS = 60


def _queries(client, url, **extra):
    with CaptureQueriesContext(connection) as context:
        response = client.get(url, **extra)
    return response, len(context)


def _detail(opening):
    return reverse("openings:detail", args=[opening.pk])


def _stored(client, url):
    """Ask twice: the second answer is stored (an address asked once leaves only a marker)."""
    client.get(url)
    return client.get(url)


@pytest.mark.parametrize("url", [HOME, LIST, f"{LIST}?q=python&kind=job&page=1", "detail"])
def test_an_address_asked_again_is_served_without_a_query(
    db, client, django_assert_num_queries, url
):
    opening = OpeningFactory()
    url = _detail(opening) if url == "detail" else url
    for _ in range(2):  # asked once, then stored
        first, queries = _queries(Client(), url)
        assert first.status_code == 200
        assert queries > 0
        assert "private" in first["Cache-Control"]

    with django_assert_num_queries(0):
        cached = client.get(url)

    assert cached.status_code == 200
    assert TOKEN.sub("", cached.text) == TOKEN.sub("", first.text)
    assert cached["Content-Type"] == "text/html; charset=utf-8"
    assert cached["Content-Language"] == "en"
    assert {"Cookie", "Accept-Language"} <= {v.strip() for v in cached["Vary"].split(",")}
    # The page holds the visitor's CSRF token: no shared proxy may keep it.
    assert "private" in cached["Cache-Control"]


def test_addresses_asked_once_leave_no_page_in_the_cache(db, client):
    OpeningFactory()
    for word in ["a", "b", "c"]:
        assert client.get(LIST, {"q": word}).status_code == 200
        with translation.override("en"):
            key = PUBLIC.key(RequestFactory().get(LIST, {"q": word}))
        assert cache.get(key) is None
        assert cache.get(f"{key}:asked")


def test_each_visitor_gets_a_csrf_token_of_their_own_that_works(db):
    pages = []
    for _ in range(3):  # the third from the cache
        client = Client(enforce_csrf_checks=True)
        response = client.get(HOME)
        (token,) = TOKEN.findall(response.text)
        cookie = response.cookies[settings.CSRF_COOKIE_NAME].value
        assert _unmask_cipher_token(token) == cookie
        pages.append((client, token))
    assert len({token for _client, token in pages}) == 3

    # The language switcher of the page from the cache posts.
    client, token = pages[2]
    response = client.post(
        reverse("set_language"), {"language": "fi", "next": HOME, "csrfmiddlewaretoken": token}
    )
    assert response.status_code == 302


@pytest.mark.urls(__name__)
def test_each_response_has_its_own_csp_nonce_in_header_and_body(db):
    _rendered.clear()
    nonces = []
    for _ in range(3):
        response = Client().get("/nonce/")
        (nonce,) = re.findall(r'<script nonce="([^"]+)">', response.text)
        assert f"'nonce-{nonce}'" in response["Content-Security-Policy"]
        nonces.append(nonce)
    assert len(set(nonces)) == 3
    assert len(_rendered) == 2  # the third came from the cache


def test_signed_in_people_neither_get_nor_fill_the_cache(db, client, talent):
    opening = OpeningFactory()
    client.force_login(talent)
    assert "Log out" in client.get(_detail(opening)).text
    # Signed in first: nothing stored for the anonymous visitor after.
    response, queries = _queries(Client(), _detail(opening))
    assert queries > 0
    assert "Log in to apply" in response.text
    _stored(Client(), _detail(opening))

    # Stored for visitors now, and still not what the talent gets.
    response, queries = _queries(client, _detail(opening))
    assert queries > 0
    assert "Apply now" in response.text
    assert "Log in to apply" not in response.text


def test_a_waiting_message_is_shown_not_the_cached_page(db, client):
    _stored(Client(), HOME)
    storage = CookieStorage(RequestFactory().get(HOME))
    client.cookies["messages"] = storage._encode([Message(constants.INFO, "Welcome back")])

    response, queries = _queries(client, HOME)

    assert "Welcome back" in response.text
    assert queries > 0
    response, queries = _queries(client, HOME)
    assert "Welcome back" not in response.text
    assert queries == 0


def test_finnish_and_english_are_cached_apart(db, client):
    for _ in range(3):
        assert '<html lang="fi">' in client.get(HOME, headers={"accept-language": "fi"}).text
        assert '<html lang="en">' in client.get(HOME, headers={"accept-language": "en"}).text


def test_closing_an_opening_takes_it_off_the_cached_pages_at_once(
    db, client, django_capture_on_commit_callbacks
):
    opening = OpeningFactory(title="Gardener")
    member = MembershipFactory(enterprise=opening.enterprise).user
    assert "Gardener" in _stored(client, LIST).text
    assert _stored(client, _detail(opening)).status_code == 200

    with django_capture_on_commit_callbacks(execute=True):
        opening_close(opening_id=opening.pk, actor=member, reason=Opening.CloseReason.FILLED)

    assert "Gardener" not in client.get(LIST).text
    assert client.get(_detail(opening)).status_code == 404


def test_publishing_an_opening_shows_it_on_the_cached_pages_at_once(
    db, client, django_capture_on_commit_callbacks
):
    opening = OpeningFactory(title="Baker", status=Opening.Status.SUBMITTED, published_at=None)
    assert "Baker" not in _stored(client, LIST).text
    assert "Baker" not in _stored(client, HOME).text

    with django_capture_on_commit_callbacks(execute=True):
        opening_approve(opening_id=opening.pk, actor=StaffUserFactory())

    assert "Baker" in client.get(LIST).text
    assert "Baker" in client.get(HOME).text


def test_a_company_renamed_is_renamed_on_its_cached_openings(
    db, client, django_capture_on_commit_callbacks
):
    opening = OpeningFactory()
    member = MembershipFactory(enterprise=opening.enterprise).user
    _stored(client, _detail(opening))

    with django_capture_on_commit_callbacks(execute=True):
        enterprise_update(enterprise=opening.enterprise, changes={"name": "Uusi Oy"}, actor=member)

    assert "Uusi Oy" in client.get(_detail(opening)).text


def test_a_page_not_found_is_not_cached(db, client):
    opening = OpeningFactory(status=Opening.Status.DRAFT)
    for _ in range(2):
        assert client.get(_detail(opening)).status_code == 404
    # Published without a service (nothing clears the cache): only a stored 404 would stay.
    Opening.objects.filter(pk=opening.pk).update(status=Opening.Status.PUBLISHED)
    assert client.get(_detail(opening)).status_code == 200


def test_off_when_the_setting_is_zero(db, client, settings):
    settings.PUBLIC_PAGE_CACHE_SECONDS = 0
    client.get(LIST)
    _response, queries = _queries(client, LIST)
    assert queries > 0


def test_text_on_the_page_cannot_catch_a_visitors_token(db):
    # An opening that guesses at the placeholders the cache puts in for the token and nonce.
    guesses = "__placeholder-__ __csrf-token-placeholder__ __csp-nonce-placeholder__"
    opening = OpeningFactory(description=f"We offer {guesses} and coffee.")
    for _ in range(3):
        response = Client().get(_detail(opening))
        assert guesses in response.text
        (token,) = TOKEN.findall(response.text)
        assert token not in response.text.replace(f'value="{token}"', "")


def test_a_cache_that_is_down_renders_the_page_instead(db, client, monkeypatch):
    def down(*args, **kwargs):
        raise ConnectionError("cache down")

    monkeypatch.setattr("core.pagecache.cache.get_many", down)
    _response, queries = _queries(client, LIST)
    assert _response.status_code == 200
    assert queries > 0
    assert "private" in _response["Cache-Control"]


def test_an_opening_changed_or_deleted_in_the_admin_leaves_the_cached_pages(
    db, client, django_capture_on_commit_callbacks
):
    from django.contrib import admin
    from django.forms import modelform_factory

    opening = OpeningFactory(title="Forklift driver")
    staff = RequestFactory().post("/")
    staff.user = StaffUserFactory()
    opening_admin = admin.site._registry[Opening]
    assert "Forklift driver" in _stored(client, LIST).text

    form = modelform_factory(Opening, fields=["title"])(
        {"title": "Crane operator"}, instance=opening
    )
    assert form.is_valid()
    with django_capture_on_commit_callbacks(execute=True):
        opening_admin.save_model(staff, form.save(commit=False), form, change=True)
        opening_admin.save_related(staff, form, [], change=True)
    assert "Crane operator" in client.get(LIST).text

    with django_capture_on_commit_callbacks(execute=True):
        opening_admin.delete_model(staff, opening)
    assert "Crane operator" not in client.get(LIST).text


def test_a_deleted_contact_persons_name_leaves_the_cached_pages(
    db, client, django_capture_on_commit_callbacks
):
    from privacy.services import account_delete

    member = MembershipFactory(user__full_name="Kaisa Contact")
    opening = OpeningFactory(enterprise=member.enterprise, contact=member.user)
    assert "Kaisa Contact" in _stored(client, _detail(opening)).text
    with django_capture_on_commit_callbacks(execute=True):
        account_delete(user=member.user)
    assert "Kaisa Contact" not in client.get(_detail(opening)).text

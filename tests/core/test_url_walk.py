"""Every URL of the site, walked for each role: nothing crashes, an object that is not there
answers 404 (never someone else's page), and no POST gets past the CSRF check without its
token (only the one-click unsubscribe is exempt, by design: RFC 8058).

test_object_scoping.py walks the same URLs with real objects that belong to someone else."""

import re

import pytest
from django.conf import settings
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver

from tests.factories import MembershipFactory, StaffUserFactory, TalentUserFactory

pytestmark = pytest.mark.django_db

# Not ours to walk: the admin and allauth have their own tests; the others are files.
SKIPPED = (settings.ADMIN_URL, "accounts/", "i18n/", "sitemap.xml", "static/", "media/")
PLACEHOLDERS = {"int": "987654", "slug": "no-such-thing", "str": "no-such-thing"}
CSRF_EXEMPT = {"notifications:unsubscribe"}
ROLES = {
    "anonymous": lambda: None,
    "talent": TalentUserFactory,
    "member": lambda: MembershipFactory().user,
    "staff": StaffUserFactory,
}


def _walk(patterns, prefix="", namespace=""):
    for pattern in patterns:
        route = prefix + str(pattern.pattern)
        if isinstance(pattern, URLResolver):
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            yield from _walk(pattern.url_patterns, route, inner)
        elif isinstance(pattern, URLPattern) and not route.startswith(SKIPPED):
            yield f"{namespace}{pattern.name}", route


def _url(route: str) -> str:
    def fill(match):
        converter = (match.group(1) or "str").rstrip(":")
        return PLACEHOLDERS.get(converter, "x")

    return "/" + re.sub(r"<(\w+:)?\w+>", fill, route).lstrip("^").rstrip("$")


URLS = sorted(set(_walk(get_resolver().url_patterns)))


def test_the_walk_finds_the_site():
    names = {name for name, _route in URLS}
    assert {"core:home", "openings:detail", "reports:dashboard", "privacy:delete"} <= names
    assert len(URLS) > 60


@pytest.mark.parametrize("role", list(ROLES))
def test_every_url_answers_without_crashing_and_unknown_objects_are_404(client, role):
    user = ROLES[role]()
    if user is not None:
        client.force_login(user)
    unexpected = {}
    for name, route in URLS:
        url = _url(route)
        status = client.get(url).status_code
        has_object = "<" in route
        allowed = {200, 301, 302, 400, 403, 404, 405}
        if has_object:
            allowed -= {200}  # an object that is not there is nobody's page
        if status not in allowed:
            unexpected[name] = (url, status)
    assert unexpected == {}


def test_no_post_passes_without_the_csrf_token():
    client = Client(enforce_csrf_checks=True)
    client.force_login(TalentUserFactory())
    passed = {}
    for name, route in URLS:
        if name in CSRF_EXEMPT:
            continue
        status = client.post(_url(route), {}).status_code
        # 403: refused by the CSRF check; 405: the view takes no POST at all.
        if status not in {403, 405}:
            passed[name] = status
    assert passed == {}

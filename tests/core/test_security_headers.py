"""The headers every response carries: a strict Content-Security-Policy, the features the
site never uses switched off, and no framing, sniffing or leaking referrers."""

import json

import pytest
from csp.middleware import CSPMiddleware
from django.http import HttpResponse
from django.test import RequestFactory
from django.urls import reverse

from tests.factories import StaffUserFactory

from .test_settings import run_django

pytestmark = pytest.mark.django_db

REQUIRED = [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "frame-ancestors 'none'",
    "form-action 'self'",
]


def _directives(response) -> set[str]:
    return {part.strip() for part in response["Content-Security-Policy"].split(";")}


@pytest.mark.parametrize("url", [reverse("core:home"), reverse("account_login"), "/no-such/"])
def test_public_pages_carry_the_strict_policy(client, url):
    response = client.get(url)

    assert set(REQUIRED) <= _directives(response)
    assert "unsafe-inline" not in response["Content-Security-Policy"]
    assert "unsafe-eval" not in response["Content-Security-Policy"]
    assert "camera=()" in response["Permissions-Policy"]
    assert "geolocation=()" in response["Permissions-Policy"]
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"


def test_the_admin_carries_it_too(client):
    client.force_login(StaffUserFactory())

    response = client.get(reverse("admin:index"))

    assert set(REQUIRED) <= _directives(response)


def test_an_inline_script_runs_only_with_the_nonce_of_its_response():
    def view(request):
        return HttpResponse(f'<script nonce="{request.csp_nonce}">go()</script>')

    middleware = CSPMiddleware(view)
    first = middleware(RequestFactory().get("/"))
    second = middleware(RequestFactory().get("/"))

    nonces = []
    for response in (first, second):
        nonce = response.content.decode().split('nonce="')[1].split('"')[0]
        assert f"'nonce-{nonce}'" in response["Content-Security-Policy"]
        nonces.append(nonce)
    assert nonces[0] != nonces[1]


def test_production_cookies_are_host_only_secure_and_http_only(tmp_path):
    probe = (
        "import django, json; django.setup(); from django.conf import settings as s; "
        "print(json.dumps([s.SESSION_COOKIE_NAME, s.SESSION_COOKIE_SECURE, "
        "s.SESSION_COOKIE_HTTPONLY, s.CSRF_COOKIE_NAME, s.CSRF_COOKIE_SECURE, "
        "s.SECURE_HSTS_SECONDS, s.SECURE_HSTS_INCLUDE_SUBDOMAINS]))"
    )
    result = run_django(
        "-c",
        probe,
        DEBUG="false",
        SECRET_KEY="9f2c1d7e4b8a6f3c0e5d2a9b7c4f1e8d3a6b0c9f5e2d7a4b1c8e3f6a0d9b2c5e7",
        ALLOWED_HOSTS="talenthub.example",
        SITE_URL="https://talenthub.example",
        DATABASE_URL=f"sqlite:///{tmp_path / 'db.sqlite3'}",
    )

    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == [
        "__Host-sessionid",
        True,
        True,
        "__Host-csrftoken",
        True,
        60 * 60 * 24 * 365,
        True,
    ]

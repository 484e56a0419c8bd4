"""Sessions read from the cache and kept in the database (core.sessions), and the Redis
cache's kept client (core.cache)."""

import pytest
from django.conf import settings
from django.contrib.sessions.backends.cached_db import KEY_PREFIX
from django.contrib.sessions.models import Session
from django.core.cache import caches
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from core.cache import RedisCache

pytestmark = pytest.mark.django_db

# Nothing listens there: every call to this cache fails, as with Redis down.
NOWHERE = "redis://127.0.0.1:1/0"


@pytest.fixture(autouse=True)
def _cached_sessions(settings):
    settings.SESSION_ENGINE = "core.sessions"


def _copies():
    return caches[settings.SESSION_CACHE_ALIAS]


def _session_reads(client, path="/") -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path)
    assert response.status_code == 200
    assert response.wsgi_request.user.is_authenticated
    return sum('"django_session"' in query["sql"] for query in queries)


def test_a_signed_in_request_reads_its_session_from_the_cache(client, talent):
    client.force_login(talent)
    _copies().clear()
    assert _session_reads(client) == 1  # not cached yet: from the database, then kept
    assert _session_reads(client) == 0


def test_the_cached_copy_lives_no_longer_than_kept_seconds(client, talent, monkeypatch):
    monkeypatch.setattr("core.sessions.KEPT_SECONDS", 0)  # gone at once
    client.force_login(talent)
    assert _session_reads(client) == 1
    assert _session_reads(client) == 1


@pytest.mark.parametrize(("session_age", "longest"), [(None, 3600), (60, 60)])
def test_a_cached_copy_outlives_neither_an_hour_nor_its_session(
    client, talent, monkeypatch, session_age, longest
):
    kept = []
    cache = _copies()
    for method in ("add", "set"):
        original = getattr(cache, method)

        def spy(key, value, timeout=None, *args, original=original, **kwargs):
            if key.startswith(KEY_PREFIX):  # the default cache may hold other things too
                kept.append(timeout)
            return original(key, value, timeout, *args, **kwargs)

        monkeypatch.setattr(cache, method, spy)
    client.force_login(talent)
    if session_age:
        session = client.session
        session.set_expiry(session_age)
        session.save()
    cache.clear()
    kept.clear()
    client.get("/")  # filled from the database
    assert kept
    assert all(0 < timeout <= longest for timeout in kept)


def test_a_changed_password_ends_the_other_sessions_though_their_copy_is_cached(client, talent):
    client.force_login(talent)
    assert _session_reads(client) == 0  # the copy kept at sign-in
    talent.set_password("a-new-password-1")
    talent.save()
    assert not client.get("/").wsgi_request.user.is_authenticated


def test_signing_out_ends_the_session_in_the_database_and_the_cache(client, talent):
    client.force_login(talent)
    key = client.session.session_key
    client.get("/")
    assert _copies().get(KEY_PREFIX + key) is not None

    client.post(reverse("account_logout"))

    assert not Session.objects.filter(session_key=key).exists()
    assert _copies().get(KEY_PREFIX + key) is None
    client.cookies["sessionid"] = key  # the old cookie, kept by someone
    assert not client.get("/").wsgi_request.user.is_authenticated


def test_with_the_cache_down_people_sign_in_stay_signed_in_and_sign_out(
    client, talent, settings, caplog
):
    settings.CACHES = {
        **settings.CACHES,
        "down": {
            "BACKEND": "core.cache.RedisCache",
            "LOCATION": NOWHERE,
            "OPTIONS": {"socket_connect_timeout": 0.2},
        },
    }
    settings.SESSION_CACHE_ALIAS = "down"
    client.force_login(talent)  # a new key is looked up in the cache first
    key = client.session.session_key

    assert _session_reads(client) == 1
    client.post(reverse("account_logout"))

    assert not Session.objects.filter(session_key=key).exists()
    assert not client.get("/").wsgi_request.user.is_authenticated
    assert "Session cache unavailable (read)" in caplog.text
    assert "Session cache unavailable (delete)" in caplog.text


def test_the_redis_cache_keeps_one_client_per_connection_pool():
    # Django's own makes a client per call (core/cache.py says why that matters).
    client = RedisCache(NOWHERE, {})._cache
    assert client.get_client("a") is client.get_client("b")
    assert client.get_client("a", write=True) is client.get_client("a")

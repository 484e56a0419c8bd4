import pytest
from django.db import OperationalError, connection
from django.urls import reverse

from tests.conftest import skip_unless_available


def test_healthz_says_the_process_is_alive(client):
    response = client.get(reverse("healthz"))

    assert response.status_code == 200
    assert response.json() == {"status": "ok"}


@pytest.mark.django_db
def test_readyz_checks_database_and_cache(client, settings):
    response = client.get(reverse("readyz"))

    assert response.status_code == 200
    checks = response.json()["checks"]
    assert checks["database"] is True
    assert checks["cache"] is True
    assert ("broker" in checks) == bool(settings.CELERY_BROKER_URL)


@pytest.mark.django_db
def test_readyz_is_503_when_the_database_fails(client, monkeypatch):
    def unreachable():
        raise OperationalError("could not connect to server")

    monkeypatch.setattr(connection, "cursor", unreachable)

    response = client.get(reverse("readyz"))

    assert response.status_code == 503
    assert response.json()["checks"]["database"] is False


@pytest.mark.django_db(transaction=True)
def test_readyz_is_503_when_the_postgres_server_cannot_be_reached(client, monkeypatch):
    if connection.vendor != "postgresql":
        skip_unless_available("postgres", "needs PostgreSQL (DATABASE_URL)")
    connection.close()
    monkeypatch.setitem(connection.settings_dict, "PORT", "1")  # nothing listens there

    response = client.get(reverse("readyz"))

    connection.close()
    monkeypatch.undo()
    assert response.status_code == 503
    assert response.json()["checks"]["database"] is False


@pytest.mark.django_db
def test_readyz_is_503_when_the_cache_is_down(client, settings):
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:1/0",
        }
    }

    response = client.get(reverse("readyz"))

    assert response.status_code == 503
    checks = response.json()["checks"]
    assert checks["cache"] is False
    assert checks["database"] is True


@pytest.mark.django_db
def test_readyz_is_503_when_the_configured_broker_is_down(client, settings):
    settings.CELERY_BROKER_URL = "redis://127.0.0.1:1/0"

    response = client.get(reverse("readyz"))

    assert response.status_code == 503
    assert response.json()["checks"]["broker"] is False

import socket
import threading

import pytest
from django.db import OperationalError, connection

from tests.conftest import skip_unless_available


def test_healthz_says_the_process_is_alive(client):
    response = client.get("/healthz")

    assert response.status_code == 200
    assert response.json() == {"status": "ok"}


@pytest.mark.django_db
def test_readyz_checks_database_and_cache(client, settings):
    response = client.get("/readyz")

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

    response = client.get("/readyz")

    assert response.status_code == 503
    assert response.json()["checks"]["database"] is False


@pytest.mark.django_db(transaction=True)
def test_readyz_is_503_when_the_postgres_server_cannot_be_reached(client, monkeypatch):
    if connection.vendor != "postgresql":
        skip_unless_available("postgres", "needs PostgreSQL (DATABASE_URL)")
    connection.close()
    monkeypatch.setitem(connection.settings_dict, "PORT", "1")  # nothing listens there

    response = client.get("/readyz")

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

    response = client.get("/readyz")

    assert response.status_code == 503
    checks = response.json()["checks"]
    assert checks["cache"] is False
    assert checks["database"] is True


@pytest.mark.django_db
def test_readyz_is_503_when_the_configured_broker_is_down(client, settings):
    settings.CELERY_BROKER_URL = "redis://127.0.0.1:1/0"

    response = client.get("/readyz")

    assert response.status_code == 503
    assert response.json()["checks"]["broker"] is False


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/healthz", "/readyz"])
def test_probes_are_answered_whatever_the_host_and_scheme(client, settings, path):
    settings.ALLOWED_HOSTS = ["talenthub.example.fi"]
    settings.SECURE_SSL_REDIRECT = True

    assert client.get(path, headers={"host": "10.0.0.7:8000"}).status_code == 200
    # Everything else still refuses an unknown host.
    assert client.get("/about/", headers={"host": "10.0.0.7:8000"}).status_code == 400


def test_probes_only_read(client):
    assert client.post("/readyz").status_code == 405


@pytest.fixture
def silent_server():
    """A TCP server that accepts connections and never says a word."""
    server = socket.create_server(("127.0.0.1", 0))
    yield server.getsockname()[1]
    server.close()


@pytest.mark.django_db(transaction=True)
def test_readyz_gives_up_on_a_broker_that_never_answers(client, settings, silent_server):
    settings.CELERY_BROKER_URL = f"redis://127.0.0.1:{silent_server}/0"
    # Without the app-wide socket timeouts: the check must bound itself.
    settings.CELERY_BROKER_TRANSPORT_OPTIONS = {}
    responses = []
    probe = threading.Thread(target=lambda: responses.append(client.get("/readyz")))

    probe.start()
    probe.join(timeout=30)  # a bound far above the 2 s socket timeout, not a measurement

    assert not probe.is_alive(), "the readiness probe hung"
    assert responses[0].status_code == 503
    assert responses[0].json()["checks"]["broker"] is False

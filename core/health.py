"""Readiness checks: each dependency answered within a short timeout, or named as down."""

import logging
import uuid

from django.conf import settings
from django.core.cache import cache
from django.db import connection

logger = logging.getLogger(__name__)

BROKER_TIMEOUT_SECONDS = 2


def check_database() -> None:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()


def check_cache() -> None:
    key = f"readyz:{uuid.uuid4().hex}"
    cache.set(key, "1", timeout=5)
    if cache.get(key) != "1":
        raise RuntimeError("cache did not return what was written")
    cache.delete(key)


def check_broker() -> None:
    from talenthub.celery import app

    # ensure_connection's timeout bounds only its retry loop; the socket timeouts bound a
    # broker that accepts the connection and then never answers.
    options = {
        **settings.CELERY_BROKER_TRANSPORT_OPTIONS,
        "socket_connect_timeout": BROKER_TIMEOUT_SECONDS,
        "socket_timeout": BROKER_TIMEOUT_SECONDS,
    }
    with app.connection_for_write(
        url=settings.CELERY_BROKER_URL, transport_options=options
    ) as conn:
        conn.ensure_connection(max_retries=1, interval_start=0, timeout=BROKER_TIMEOUT_SECONDS)


def readiness() -> dict[str, bool]:
    checks = {"database": check_database, "cache": check_cache}
    if settings.CELERY_BROKER_URL:
        checks["broker"] = check_broker
    results = {}
    for name, check in checks.items():
        try:
            check()
        except Exception:
            logger.exception("Readiness check %s failed", name)
            results[name] = False
        else:
            results[name] = True
    return results

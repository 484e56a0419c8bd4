"""Settings for the test suite: the base settings, made fast and hermetic."""

import os
from urllib.parse import urlsplit, urlunsplit

os.environ.setdefault("DEBUG", "false")
os.environ.setdefault("SECRET_KEY", "test-only-secret-key")
os.environ.setdefault("ALLOWED_HOSTS", "testserver,localhost,127.0.0.1")
os.environ.setdefault("SECURE_SSL_REDIRECT", "false")
os.environ.setdefault("SITE_URL", "http://testserver")

from .base import *  # noqa: F403

# Hashing passwords properly is what makes a test suite slow.
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
STORAGES["staticfiles"] = {  # noqa: F405
    "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
}
MEDIA_ROOT = VAR_DIR / "test-media"  # noqa: F405
PRIVATE_MEDIA_ROOT = MEDIA_ROOT / "private"
# Static files come from the finders (app and static/ folders), not a collected root.
STATIC_ROOT = None
WHITENOISE_USE_FINDERS = True

# The suite runs tasks in-process even when a broker is configured; the integration test
# (tests/integration) switches a real worker on for itself.
CELERY_TASK_ALWAYS_EAGER = True
if REDIS_URL:  # noqa: F405
    # Tests clear the cache between them (rate limits count there): a database of its own
    # keeps that from wiping the broker's queue on the same Redis.
    for alias in CACHES.values():  # noqa: F405
        alias["LOCATION"] = urlunsplit(urlsplit(REDIS_URL)._replace(path="/15"))  # noqa: F405
# Tests see freshly rendered pages; tests/core/test_pagecache.py turns the page caches on.
PUBLIC_PAGE_CACHE_SECONDS = 0
PRIVATE_PAGE_CACHE_SECONDS = 0

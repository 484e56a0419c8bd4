"""The production settings (talenthub.settings.base), serving the site and the benchmark's
minimal page (bench.urls): gunicorn runs the pages benchmark with these."""

from talenthub.settings.base import *  # noqa: F403

ROOT_URLCONF = "bench.urls"
# Its own keys in the shared Redis: no cached figures from another database come back.
CACHES["default"]["KEY_PREFIX"] = "bench"  # noqa: F405

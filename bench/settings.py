"""The production settings (talenthub.settings.base), serving the site and the benchmark's
minimal page (bench.urls): gunicorn runs the pages benchmark with these."""

from talenthub.settings.base import *  # noqa: F403

ROOT_URLCONF = "bench.urls"

"""Settings for management commands on a developer's machine (manage.py's default).

The base settings with DEBUG on unless the environment sets it: `manage.py shell` works
on a fresh clone, while a production shell with DEBUG=false gets production behaviour.
The servers (wsgi, asgi, Celery) default to the base settings, where DEBUG is off.
"""

import os

os.environ.setdefault("DEBUG", "true")

from .base import *  # noqa: F403

# The demo's staff sign in with this code instead of an authenticator app. allauth refuses
# it when DEBUG is off, so it can never reach a real site.
MFA_TOTP_INSECURE_BYPASS_CODE = "000000" if DEBUG else None  # noqa: F405

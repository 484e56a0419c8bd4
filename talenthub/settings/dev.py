"""Settings for management commands on a developer's machine (manage.py's default).

The base settings with DEBUG on unless the environment sets it: `manage.py shell` works
on a fresh clone, while a production shell with DEBUG=false gets production behaviour.
The servers (wsgi, asgi, Celery) default to the base settings, where DEBUG is off.
"""

import os

os.environ.setdefault("DEBUG", "true")

from .base import *  # noqa: F403

"""The Celery app: configured from Django settings (CELERY_* names).

Without a broker the settings make every task run in-process (eagerly), so a laptop
needs no Redis; in production the same tasks go to Redis and the workers.
"""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "talenthub.settings.base")

app = Celery("talenthub")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()

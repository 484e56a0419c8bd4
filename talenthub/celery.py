"""The Celery app: configured from Django settings (CELERY_* names).

Without a broker the settings make every task run in-process (eagerly), so a laptop
needs no Redis; in production the same tasks go to Redis and the workers.
"""

import os

from celery import Celery
from django.conf import settings

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "talenthub.settings.base")

app = Celery("talenthub")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()


def route(name, args, kwargs, options, task=None, **extra):
    """The mail tasks' queue when the deployment gives them one (MAIL_TASK_QUEUE); every
    other task, and mail by default, goes to the default queue. Read at each call: tests
    and the benchmark point the default queue elsewhere while running."""
    if settings.MAIL_TASK_QUEUE and name.startswith("notifications."):
        return {"queue": settings.MAIL_TASK_QUEUE}
    return None

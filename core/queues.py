"""The staff's review queues, shown first on the admin's front page.

Each queue is a filtered changelist: the people it is for (a permission), what waits in it,
and the link that opens exactly those rows. One count query per queue the person may see.
"""

from dataclasses import dataclass
from typing import Any

from django.apps import apps
from django.urls import reverse
from django.utils.functional import Promise
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Queue:
    label: Promise
    model: str  # "app_label.Model"
    permission: str
    waiting: dict[str, Any]  # the filter, also the changelist's query string

    def url(self) -> str:
        app_label, model = self.model.lower().split(".")
        changelist = reverse(f"admin:{app_label}_{model}_changelist")
        return f"{changelist}?{urlencode(self.waiting)}"

    def count(self) -> int:
        return apps.get_model(self.model)._default_manager.filter(**self.waiting).count()


QUEUES = [
    Queue(
        _("Companies waiting for verification"),
        "enterprises.Enterprise",
        "enterprises.change_enterprise",
        {"status__exact": "pending"},
    ),
    Queue(
        _("Openings waiting for review"),
        "matching.Opening",
        "matching.change_opening",
        {"status__exact": "submitted"},
    ),
    Queue(
        _("Notifications that failed"),
        "notifications.Notification",
        "notifications.view_notification",
        {"status__exact": "failed"},
    ),
    Queue(
        _("Talents asking a support organisation to contact them"),
        "organisations.Referral",
        "organisations.change_referral",
        {"status__exact": "requested"},
    ),
    Queue(
        _("Accessibility feedback waiting for an answer"),
        "pages.AccessibilityFeedback",
        "pages.change_accessibilityfeedback",
        {"status__exact": "open"},
    ),
]


def queues_for(user) -> list[tuple[Queue, int]]:
    return [(queue, queue.count()) for queue in QUEUES if user.has_perm(queue.permission)]

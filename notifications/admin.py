"""The outbox for staff: what is waiting, what went, what failed and why, and a retry.

Rows are records of what the service did; staff read them and retry failures, nothing else.
"""

from datetime import timedelta

from django.contrib import admin, messages
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from audit.admin import PersonalDataAdmin
from core.admin import OverdueWarningAdmin

from . import services
from .kinds import KINDS
from .models import Frequency, Notification, Preferences

Status = Notification.Status

# A row pending longer than this although it is due by mail needs a look (workers, broker).
OVERDUE = timedelta(minutes=15)


def _overdue(queryset):
    # Due by mail for a while and not sent, or taken by a worker that never finished.
    since = timezone.now() - OVERDUE
    return queryset.filter(
        Q(status=Status.PENDING, frequency=Frequency.IMMEDIATELY, next_attempt_at__lt=since)
        | Q(status=Status.SENDING, claimed_at__lt=since)
    )


class OverdueFilter(admin.SimpleListFilter):
    title = _("delivery")
    parameter_name = "overdue"

    def lookups(self, request, model_admin):
        return [("yes", _("Pending for over %(minutes)s minutes") % {"minutes": _minutes()})]

    def queryset(self, request, queryset):
        return _overdue(queryset) if self.value() == "yes" else queryset


class KindFilter(admin.SimpleListFilter):
    # The kinds the code knows, not a DISTINCT over a table that grows by the million.
    title = _("kind")
    parameter_name = "kind"

    def lookups(self, request, model_admin):
        return [(kind, kind) for kind in sorted(KINDS)]

    def queryset(self, request, queryset):
        return queryset.filter(kind=self.value()) if self.value() else queryset


def _minutes() -> int:
    return int(OVERDUE.total_seconds() // 60)


@admin.register(Notification)
class NotificationAdmin(PersonalDataAdmin, OverdueWarningAdmin):
    subject_field = "recipient_id"
    list_display = [
        "created_at",
        "kind",
        "recipient",
        "email",
        "frequency",
        "status",
        "attempts",
        "next_attempt_at",
        "sent_at",
    ]
    list_filter = [OverdueFilter, "status", "category", "frequency", KindFilter, "created_at"]
    list_select_related = ["recipient"]
    search_fields = ["recipient__email", "email", "key", "last_error"]
    date_hierarchy = "created_at"
    actions = ["retry"]
    readonly_fields = [field.name for field in Notification._meta.fields]
    show_full_result_count = False

    def has_add_permission(self, request):
        return False

    def overdue(self, queryset):
        return _overdue(queryset)

    def overdue_message(self, count: int) -> str:
        return ngettext(
            "%(count)d notification has been waiting for over %(minutes)d minutes: "
            "check that the workers and the broker are running.",
            "%(count)d notifications have been waiting for over %(minutes)d minutes: "
            "check that the workers and the broker are running.",
            count,
        ) % {"count": count, "minutes": _minutes()}

    @admin.action(description=_("Retry the selected failed notifications"), permissions=["change"])
    def retry(self, request, queryset):
        count = services.notifications_retry(ids=queryset.values_list("pk", flat=True))
        self.message_user(
            request,
            ngettext(
                "%(count)d notification will be sent again.",
                "%(count)d notifications will be sent again.",
                count,
            )
            % {"count": count},
            messages.SUCCESS if count else messages.WARNING,
        )


@admin.register(Preferences)
class PreferencesAdmin(admin.ModelAdmin):
    list_display = ["user", "matches", "match_threshold", "applications", "messages", "updated_at"]
    list_filter = ["matches", "applications", "messages", "openings", "placements"]
    list_select_related = ["user"]
    search_fields = ["user__email"]
    raw_id_fields = ["user"]

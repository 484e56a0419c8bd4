from django.contrib import admin
from django.db.models import Case, IntegerField, Value, When
from django.utils.html import format_html_join
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from core.admin import apply_each, apply_with_reason

from . import services
from .models import (
    Application,
    ApplicationEvent,
    ApplicationMessage,
    Opening,
    OpeningEvent,
    OpeningLanguage,
    OpeningSkill,
)
from .quality import QualityWarning

# Moderation goes through the services (locks, events, mail); the admin never edits these.
LIFECYCLE_FIELDS = [
    "status",
    "quality_warnings_list",
    "rejection_reason",
    "close_reason",
    "submitted_at",
    "published_at",
    "closed_at",
    "reposted_from",
    "created_by",
]


class OpeningSkillInline(admin.TabularInline):
    model = OpeningSkill
    raw_id_fields = ["skill"]
    extra = 0


class OpeningLanguageInline(admin.TabularInline):
    model = OpeningLanguage
    extra = 0


class OpeningEventInline(admin.TabularInline):
    """Who moved the opening, when, and why: read-only, as a record must be."""

    model = OpeningEvent
    fields = ["created_at", "actor", "from_status", "to_status", "note"]
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(Opening)
class OpeningAdmin(admin.ModelAdmin):
    list_display = [
        "title",
        "enterprise",
        "enterprise_status",
        "kind",
        "status",
        "warning_count",
        "submitted_at",
    ]
    # An unverified company's openings cannot be approved: staff verify the company first.
    list_filter = ["status", "enterprise__status", "kind", "finnish_not_required", "work_mode"]
    search_fields = ["title", "enterprise__name", "enterprise__business_id"]
    list_select_related = ["enterprise"]
    raw_id_fields = ["enterprise", "occupation", "contact"]
    inlines = [OpeningSkillInline, OpeningLanguageInline, OpeningEventInline]
    actions = ["approve", "reject"]
    date_hierarchy = "created_at"

    def get_queryset(self, request):
        # The review queue first: what waits for staff is on top of the default list.
        return (
            super()
            .get_queryset(request)
            .annotate(
                queue=Case(
                    When(status=Opening.Status.SUBMITTED, then=Value(0)),
                    default=Value(1),
                    output_field=IntegerField(),
                )
            )
            .order_by("queue", "submitted_at", "-created_at")
        )

    def get_readonly_fields(self, request, obj=None):
        # An opening never moves to another company.
        return [*LIFECYCLE_FIELDS, "enterprise"] if obj else LIFECYCLE_FIELDS

    @admin.display(description=_("enterprise status"), ordering="enterprise__status")
    def enterprise_status(self, opening):
        return opening.enterprise.get_status_display()

    @admin.display(description=_("warnings"))
    def warning_count(self, opening):
        return len(opening.quality_warnings) or ""

    @admin.display(description=_("quality warnings"))
    def quality_warnings_list(self, opening):
        rows = [QualityWarning.from_dict(row) for row in opening.quality_warnings]
        return format_html_join(
            "", "<p>{} <q>{}</q></p>", ((w.message, w.excerpt) for w in rows)
        ) or _("None")

    @admin.action(
        description=_("Approve and publish the selected openings"), permissions=["change"]
    )
    def approve(self, request, queryset):
        apply_each(
            self,
            request,
            queryset,
            lambda opening: services.opening_approve(opening_id=opening.pk, actor=request.user),
            lambda n: ngettext("%d opening published.", "%d openings published.", n) % n,
        )

    @admin.action(description=_("Reject the selected openings…"), permissions=["change"])
    def reject(self, request, queryset):
        return apply_with_reason(
            self,
            request,
            queryset,
            action="reject",
            title=_("Reject openings"),
            explanation=_(
                "The reason is mailed to each enterprise: say what to change. Only openings "
                "waiting for review can be rejected; the others are left as they are."
            ),
            change=lambda opening, reason: services.opening_reject(
                opening_id=opening.pk, actor=request.user, reason=reason
            ),
            done=lambda n: ngettext("%d opening rejected.", "%d openings rejected.", n) % n,
        )


class _ReadOnlyInline(admin.TabularInline):
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


class ApplicationEventInline(_ReadOnlyInline):
    """Each step of the application, as recorded: staff read it, never edit it."""

    model = ApplicationEvent
    fields = ["created_at", "actor", "from_status", "to_status", "note"]
    readonly_fields = fields


class ApplicationMessageInline(_ReadOnlyInline):
    model = ApplicationMessage
    fields = ["created_at", "author", "body"]
    readonly_fields = fields


@admin.register(Application)
class ApplicationAdmin(admin.ModelAdmin):
    """Read-only: applications move through matching.services.applications (locks, events,
    mail), by the talent and the enterprise; staff look, to help either side."""

    list_display = ["opening", "enterprise", "profile", "status", "created_at", "updated_at"]
    list_filter = ["status"]
    search_fields = ["opening__title", "opening__enterprise__name", "profile__display_name"]
    list_select_related = ["opening__enterprise", "profile"]
    fields = ["opening", "profile", "status", "motivation", "cv_filename", "created_at"]
    readonly_fields = fields
    inlines = [ApplicationEventInline, ApplicationMessageInline]
    date_hierarchy = "created_at"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    @admin.display(description=_("enterprise"), ordering="opening__enterprise__name")
    def enterprise(self, application):
        return application.opening.enterprise

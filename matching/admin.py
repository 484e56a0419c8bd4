from django import forms
from django.contrib import admin
from django.db.models import Case, IntegerField, Value, When
from django.utils import timezone
from django.utils.html import format_html_join
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from audit.admin import PersonalDataAdmin
from core.admin import ClearsPublicPages, apply_each, apply_with_reason, link_to
from enterprises.models import Membership
from enterprises.validators import normalise_business_id

from . import services
from .models import (
    Application,
    ApplicationEvent,
    ApplicationMessage,
    CheckIn,
    Feedback,
    Opening,
    OpeningEvent,
    OpeningLanguage,
    OpeningSkill,
    Outcome,
    Placement,
    PlacementEvent,
    StartUp,
)
from .quality import QualityWarning
from .services import placements as placement_services

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
class OpeningAdmin(ClearsPublicPages, admin.ModelAdmin):
    list_display = [
        "title",
        "enterprise_link",
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
    enterprise_link = link_to("enterprise", _("enterprise"))
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
class ApplicationAdmin(PersonalDataAdmin):
    """Read-only: applications move through matching.services.applications (locks, events,
    mail), by the talent and the enterprise; staff look, to help either side."""

    list_display = [
        "opening",
        "enterprise",
        "profile_link",
        "status",
        "created_at",
        "updated_at",
    ]
    list_filter = ["status"]
    search_fields = ["opening__title", "opening__enterprise__name", "profile__display_name"]
    list_select_related = ["opening__enterprise", "profile"]
    fields = ["opening", "profile", "status", "motivation", "cv_filename", "created_at"]
    readonly_fields = fields
    inlines = [ApplicationEventInline, ApplicationMessageInline]
    date_hierarchy = "created_at"
    subject_field = "profile.user_id"
    profile_link = link_to("profile", _("talent"))

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    @admin.display(description=_("enterprise"), ordering="opening__enterprise__name")
    def enterprise(self, application):
        return application.opening.enterprise


# Placements: staff record arrangements made outside the portal, move placements on behalf of
# either side, and record outcomes and start-ups, all through matching.services.placements.


class PlacementEventInline(_ReadOnlyInline):
    model = PlacementEvent
    fields = ["created_at", "actor", "from_status", "to_status", "note"]
    readonly_fields = fields


class CheckInInline(_ReadOnlyInline):
    model = CheckIn
    fields = ["created_at", "side", "author", "text"]
    readonly_fields = fields


class FeedbackInline(_ReadOnlyInline):
    model = Feedback
    fields = ["created_at", "side", "author", "rating", "comment"]
    readonly_fields = fields


class OutcomeInline(_ReadOnlyInline):
    """Every outcome recorded, the current one first: its history."""

    model = Outcome
    fields = ["recorded_at", "is_current", "kind", "startup", "note", "recorded_by"]
    readonly_fields = fields


PLACEMENT_EDITABLE = ["start_date", "end_date", "supervisor", "goals"]
PLACEMENT_FIXED = ["enterprise", "profile", "title", "kind"]
PLACEMENT_RECORD = [
    "status",
    "application",
    "opening",
    "started_on",
    "ended_on",
    "interruption_reason",
    "created_by",
    "checkin_requested_at",
    "outcome_reminder_3_sent_at",
    "outcome_reminder_6_sent_at",
]


class PlacementAdminForm(forms.ModelForm):
    class Meta:
        model = Placement
        fields = [*PLACEMENT_FIXED, *PLACEMENT_EDITABLE]

    def clean(self):
        data = super().clean()
        enterprise = data.get("enterprise") or getattr(self.instance, "enterprise", None)
        supervisor = data.get("supervisor")
        if (
            enterprise
            and supervisor
            and not Membership.objects.filter(enterprise=enterprise, user=supervisor).exists()
        ):
            self.add_error(
                "supervisor", _("The supervisor must be a member of the company’s team.")
            )
        return data


@admin.register(Placement)
class PlacementAdmin(PersonalDataAdmin):
    subject_field = "profile.user_id"
    form = PlacementAdminForm
    list_display = [
        "title",
        "enterprise_link",
        "profile_link",
        "kind",
        "status",
        "start_date",
        "end_date",
    ]
    enterprise_link = link_to("enterprise", _("enterprise"))
    profile_link = link_to("profile", _("talent"))
    list_filter = ["status", "kind"]
    search_fields = [
        "title",
        "enterprise__name",
        "enterprise__business_id",
        "profile__display_name",
    ]
    list_select_related = ["enterprise", "profile"]
    raw_id_fields = ["enterprise", "profile", "supervisor"]
    fields = [*PLACEMENT_FIXED, *PLACEMENT_EDITABLE, *PLACEMENT_RECORD]
    inlines = [PlacementEventInline, CheckInInline, FeedbackInline, OutcomeInline]
    actions = ["mark_started", "mark_completed", "interrupt"]
    date_hierarchy = "start_date"

    def get_inlines(self, request, obj):
        # A new placement has no history yet.
        return self.inlines if obj else []

    def get_readonly_fields(self, request, obj=None):
        if obj is None:
            return PLACEMENT_RECORD
        if obj.status in placement_services.EDITABLE:
            return [*PLACEMENT_FIXED, *PLACEMENT_RECORD]
        return self.fields

    def save_model(self, request, obj, form, change):
        data = form.cleaned_data
        if change:
            if not form.changed_data:
                return
            placement_services.placement_update(
                placement_id=obj.pk,
                actor=request.user,
                **{field: data[field] for field in PLACEMENT_EDITABLE},
            )
            return
        placement = placement_services.placement_record(
            actor=request.user, **{f: data[f] for f in [*PLACEMENT_FIXED, *PLACEMENT_EDITABLE]}
        )
        obj.pk, obj._state.adding = placement.pk, False

    def _move(self, request, queryset, to, done, note=""):
        apply_each(
            self,
            request,
            queryset,
            lambda placement: placement_services.placement_move(
                placement_id=placement.pk, actor=request.user, to=to, note=note
            ),
            done,
        )

    @admin.action(description=_("Mark the selected placements as started"), permissions=["change"])
    def mark_started(self, request, queryset):
        self._move(
            request,
            queryset,
            Placement.Status.ONGOING,
            lambda n: ngettext("%d placement started.", "%d placements started.", n) % n,
        )

    @admin.action(
        description=_("Mark the selected placements as completed"), permissions=["change"]
    )
    def mark_completed(self, request, queryset):
        self._move(
            request,
            queryset,
            Placement.Status.COMPLETED,
            lambda n: ngettext("%d placement completed.", "%d placements completed.", n) % n,
        )

    @admin.action(description=_("Interrupt the selected placements…"), permissions=["change"])
    def interrupt(self, request, queryset):
        return apply_with_reason(
            self,
            request,
            queryset,
            action="interrupt",
            title=_("Interrupt placements"),
            explanation=_(
                "The reason is mailed to the talent and the company. Only agreed and ongoing "
                "placements can be interrupted; the others are left as they are."
            ),
            change=lambda placement, reason: placement_services.placement_move(
                placement_id=placement.pk,
                actor=request.user,
                to=Placement.Status.INTERRUPTED,
                note=reason,
            ),
            done=lambda n: (
                ngettext("%d placement interrupted.", "%d placements interrupted.", n) % n
            ),
        )


class OutcomeAdminForm(forms.ModelForm):
    class Meta:
        model = Outcome
        fields = ["placement", "kind", "startup", "note"]

    def clean(self):
        data = super().clean()
        if data.get("placement") and data.get("kind"):
            startup = data.get("startup")
            placement_services.outcome_check(
                placement=data["placement"],
                kind=data["kind"],
                startup_id=startup.pk if startup else None,
            )
        return data


@admin.register(Outcome)
class OutcomeAdmin(PersonalDataAdmin):
    subject_field = "placement.profile.user_id"
    """Outcomes are recorded, never edited: recording again makes a new current one."""

    form = OutcomeAdminForm
    list_display = [
        "placement_link",
        "kind",
        "startup_link",
        "is_current",
        "recorded_at",
        "recorded_by",
    ]
    placement_link = link_to("placement", _("placement"))
    startup_link = link_to("startup", _("start-up"))
    list_filter = ["kind", "is_current"]
    search_fields = ["placement__title", "placement__profile__display_name"]
    list_select_related = ["placement", "startup", "recorded_by"]
    raw_id_fields = ["placement", "startup"]

    def has_change_permission(self, request, obj=None):
        return obj is None and super().has_change_permission(request, obj)

    def save_model(self, request, obj, form, change):
        data = form.cleaned_data
        outcome = placement_services.outcome_record(
            placement_id=data["placement"].pk,
            actor=request.user,
            kind=data["kind"],
            startup_id=data["startup"].pk if data["startup"] else None,
            note=data["note"],
        )
        obj.pk, obj._state.adding = outcome.pk, False


class StartUpAdminForm(forms.ModelForm):
    class Meta:
        model = StartUp
        fields = [
            "founder",
            "name",
            "business_id",
            "founded_on",
            "industry",
            "support_organisation",
        ]

    def clean_business_id(self):
        return normalise_business_id(self.cleaned_data["business_id"])

    def clean_founded_on(self):
        value = self.cleaned_data["founded_on"]
        if value > timezone.localdate():
            raise forms.ValidationError(_("The founding date cannot be in the future."))
        return value


@admin.register(StartUp)
class StartUpAdmin(PersonalDataAdmin):
    subject_field = "founder.user_id"
    form = StartUpAdminForm
    list_display = ["name", "founder_link", "business_id", "founded_on", "industry"]
    founder_link = link_to("founder", _("founder"))
    list_filter = ["industry"]
    search_fields = ["name", "business_id", "founder__display_name", "support_organisation"]
    list_select_related = ["founder"]
    raw_id_fields = ["founder"]
    date_hierarchy = "founded_on"

    def save_model(self, request, obj, form, change):
        if change:
            super().save_model(request, obj, form, change)
            return
        startup = placement_services.startup_record(
            actor=request.user, **{field: form.cleaned_data[field] for field in form.Meta.fields}
        )
        obj.pk, obj._state.adding = startup.pk, False

"""Staff keep the directory up to date and work through the referral queue here."""

from django import forms
from django.contrib import admin
from django.db import models
from django.db.models import Case, IntegerField, Value, When
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from audit.admin import PersonalDataAdmin
from core.admin import apply_each, apply_with_form
from profiles import geography

from . import services
from .models import Organisation, OrganisationLanguage, OrganisationService, Referral

Status = Referral.Status


def _municipality_choices():
    return [("", "---------"), *geography.municipality_choices()]


class OrganisationServiceInline(admin.TabularInline):
    model = OrganisationService
    extra = 1


class OrganisationLanguageInline(admin.TabularInline):
    model = OrganisationLanguage
    extra = 1


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ["name", "place", "service_list", "is_active", "updated_at"]
    list_filter = [
        "is_active",
        ("services__service", admin.ChoicesFieldListFilter),
        ("languages__language", admin.ChoicesFieldListFilter),
    ]
    search_fields = ["name", "description_en", "description_fi", "email"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [OrganisationServiceInline, OrganisationLanguageInline]
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("services")

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if db_field.name == "municipality":
            # A list of names, stored as Statistics Finland's code.
            return forms.ChoiceField(
                label=db_field.verbose_name.capitalize(),
                choices=_municipality_choices,
                required=False,
            )
        return super().formfield_for_dbfield(db_field, request, **kwargs)

    @admin.display(description=_("municipality"), ordering="municipality")
    def place(self, obj):
        municipality = geography.municipality(obj.municipality) if obj.municipality else None
        return municipality.name_fi if municipality else obj.municipality

    @admin.display(description=_("services"))
    def service_list(self, obj):
        return ", ".join(row.get_service_display() for row in obj.services.all())


ADD_FIELDS = ["organisation", "profile", "enterprise", "service", "message"]
CHANGE_FIELDS = [
    "organisation",
    "profile",
    "enterprise",
    "source",
    "service",
    "message",
    "status",
    "result",
    "result_note",
    "handled_by",
    "created_at",
    "referred_at",
    "contacted_at",
    "closed_at",
]


class ReferralAddForm(forms.ModelForm):
    """Staff record a referral of a talent or an enterprise they passed on."""

    class Meta:
        model = Referral
        fields = ADD_FIELDS

    def clean(self):
        data = super().clean()
        # Neither or both subjects: the model's constraint says so, once.
        one_subject = (data.get("profile") is None) != (data.get("enterprise") is None)
        if data.get("organisation") and one_subject:
            services.referral_validate_new(
                organisation=data["organisation"],
                profile=data.get("profile"),
                enterprise=data.get("enterprise"),
            )
        return data


class CloseForm(forms.Form):
    result = forms.ChoiceField(
        label=_("Result"),
        choices=[(value, label) for value, label in Referral.Result.choices if value],
    )
    note = forms.CharField(
        label=_("Note on the result"),
        required=False,
        max_length=Referral._meta.get_field("result_note").max_length,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("For staff and the impact reports, e.g. the company’s name or the course."),
    )


class SubjectFilter(admin.SimpleListFilter):
    title = _("subject")
    parameter_name = "subject"

    def lookups(self, request, model_admin):
        return [("talent", _("Talents")), ("enterprise", _("Enterprises"))]

    def queryset(self, request, queryset):
        if self.value() == "talent":
            return queryset.filter(profile__isnull=False)
        if self.value() == "enterprise":
            return queryset.filter(enterprise__isnull=False)
        return queryset


@admin.register(Referral)
class ReferralAdmin(PersonalDataAdmin):
    subject_field = "profile.user_id"
    list_display = [
        "created_at",
        "subject",
        "organisation",
        "service",
        "source",
        "status",
        "result",
        "handled_by",
    ]
    list_filter = ["status", "source", SubjectFilter, "organisation", "service", "result"]
    list_select_related = ["profile", "enterprise", "organisation", "handled_by"]
    search_fields = [
        "profile__display_name",
        "profile__user__email",
        "enterprise__name",
        "organisation__name",
        "message",
    ]
    autocomplete_fields = ["profile", "enterprise", "organisation"]
    date_hierarchy = "created_at"
    actions = ["mark_referred", "mark_contacted", "close_selected"]
    # Requests waiting for staff first, then those waiting for the organisation; oldest first.
    ordering = [
        Case(
            When(status=Status.REQUESTED, then=Value(0)),
            When(status=Status.REFERRED, then=Value(1)),
            When(status=Status.CONTACTED, then=Value(2)),
            default=Value(3),
            output_field=IntegerField(),
        ).asc(),
        "created_at",
    ]

    @admin.display(description=_("talent or enterprise"))
    def subject(self, obj):
        return obj.subject

    def get_fields(self, request, obj=None):
        return ADD_FIELDS if obj is None else CHANGE_FIELDS

    def get_readonly_fields(self, request, obj=None):
        # The status moves through the actions (and the service), never through the form.
        return [] if obj is None else CHANGE_FIELDS

    def get_form(self, request, obj=None, **kwargs):
        if obj is None:
            kwargs["form"] = ReferralAddForm
        return super().get_form(request, obj, **kwargs)

    def save_model(self, request, obj, form, change):
        if change:
            return
        created = services.referral_record(
            actor=request.user,
            organisation=obj.organisation,
            profile=obj.profile,
            enterprise=obj.enterprise,
            service=obj.service,
            message=obj.message,
        )
        obj.pk = created.pk
        obj.refresh_from_db()

    def _move(self, request, queryset, to, done, **extra):
        apply_each(
            self,
            request,
            queryset,
            lambda referral: services.referral_move(
                referral_id=referral.pk, actor=request.user, to=to, **extra
            ),
            done,
        )

    @admin.action(description=_("Mark as passed on to the organisation"), permissions=["change"])
    def mark_referred(self, request, queryset):
        self._move(
            request,
            queryset,
            Status.REFERRED,
            lambda n: ngettext("%d referral passed on.", "%d referrals passed on.", n) % n,
        )

    @admin.action(description=_("Mark as contacted by the organisation"), permissions=["change"])
    def mark_contacted(self, request, queryset):
        self._move(
            request,
            queryset,
            Status.CONTACTED,
            lambda n: (
                ngettext("%d referral marked as contacted.", "%d referrals marked as contacted.", n)
                % n
            ),
        )

    @admin.action(description=_("Close selected referrals with a result…"), permissions=["change"])
    def close_selected(self, request, queryset):
        return apply_with_form(
            self,
            request,
            queryset,
            form_class=CloseForm,
            action="close_selected",
            title=_("Close referrals"),
            explanation=_(
                "Choose how these referrals ended. Referrals that are already closed are left "
                "as they are."
            ),
            change=lambda referral, data: services.referral_move(
                referral_id=referral.pk,
                actor=request.user,
                to=Status.CLOSED,
                result=data["result"],
                note=data["note"],
            ),
            done=lambda n: ngettext("%d referral closed.", "%d referrals closed.", n) % n,
        )

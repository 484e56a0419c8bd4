from django.contrib import admin
from django.db import models
from django.db.models import Case, IntegerField, Value, When
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from core.admin import ClearsPublicPages, apply_each, apply_with_reason
from profiles import geography

from . import services
from .models import Enterprise, Invitation, Membership


class MembershipInline(admin.TabularInline):
    """Read-only: team changes go through the services, which keep at least one owner."""

    model = Membership
    fields = ["user", "role", "created_at"]
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


class InvitationInline(admin.TabularInline):
    model = Invitation
    fields = ["email", "role", "invited_by", "created_at", "accepted_at"]
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Enterprise)
class EnterpriseAdmin(ClearsPublicPages, admin.ModelAdmin):
    list_display = ["name", "business_id", "status", "place", "created_at", "reviewed_by"]
    list_filter = ["status", "industry", "size"]
    list_select_related = ["reviewed_by"]
    search_fields = ["name", "business_id", "membership__user__email"]
    date_hierarchy = "created_at"
    # Decisions go through the actions (and their services), never through the form: the
    # status, the reviewer and the reason are read-only here. The logo lives in private
    # storage and has no public URL for the form to link to.
    exclude = ["logo"]
    readonly_fields = ["status", "rejection_reason", "reviewed_at", "reviewed_by", "created_at"]
    inlines = [MembershipInline, InvitationInline]
    actions = ["verify_selected", "reject_selected"]

    # Pending first, oldest first: the queue staff work through.
    ordering = [
        Case(
            When(status=Enterprise.Status.PENDING, then=Value(0)),
            default=Value(1),
            output_field=IntegerField(),
        ).asc(),
        "created_at",
    ]
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}

    @admin.display(description=_("municipality"), ordering="municipality")
    def place(self, obj):
        municipality = geography.municipality(obj.municipality) if obj.municipality else None
        return municipality.name_fi if municipality else obj.municipality

    @admin.action(description=_("Verify selected enterprises"), permissions=["change"])
    def verify_selected(self, request, queryset):
        apply_each(
            self,
            request,
            queryset,
            lambda enterprise: services.enterprise_verify(
                enterprise_id=enterprise.pk, actor=request.user
            ),
            lambda n: ngettext("%d enterprise verified.", "%d enterprises verified.", n) % n,
        )

    @admin.action(description=_("Reject selected enterprises…"), permissions=["change"])
    def reject_selected(self, request, queryset):
        return apply_with_reason(
            self,
            request,
            queryset,
            action="reject_selected",
            title=_("Reject enterprises"),
            explanation=_(
                "The members of these companies get the reason by mail. Only pending "
                "enterprises can be rejected; the others are left as they are."
            ),
            change=lambda enterprise, reason: services.enterprise_reject(
                enterprise_id=enterprise.pk, actor=request.user, reason=reason
            ),
            done=lambda n: ngettext("%d enterprise rejected.", "%d enterprises rejected.", n) % n,
        )

"""Readiness across companies, for staff: read-only records of what companies answered."""

from django.contrib import admin
from django.utils.html import format_html_join
from django.utils.translation import gettext_lazy as _

from .models import Assessment


@admin.register(Assessment)
class AssessmentAdmin(admin.ModelAdmin):
    list_display = ["created_at", "enterprise", "level", "score", "suggested_kind", "created_by"]
    list_filter = ["level", "suggested_kind", "created_at"]
    list_select_related = ["enterprise", "created_by"]
    search_fields = ["enterprise__name", "enterprise__business_id", "created_by__email"]
    date_hierarchy = "created_at"
    fields = [
        "enterprise",
        "created_by",
        "created_at",
        "level",
        "score",
        "suggested_kind",
        "answer_list",
    ]
    readonly_fields = fields

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    @admin.display(description=_("answers"))
    def answer_list(self, obj):
        return format_html_join("", "<p><strong>{}</strong><br>{}</p>", obj.answer_labels())

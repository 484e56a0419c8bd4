"""Staff edit the content pages and answer accessibility feedback here.

Feedback is a queue: open first, soonest due first, what is past its due date flagged and
counted above the list. Staff answer on the feedback's own page; saving an answer mails it
to the sender (through `feedback_answer`), after which the feedback is read-only.
"""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.db.models import F
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from core.admin import OverdueWarningAdmin
from privacy.services import notice_sync

from . import services
from .models import AccessibilityFeedback, KnownPage, Page

Status = AccessibilityFeedback.Status


@admin.register(Page)
class PageAdmin(admin.ModelAdmin):
    list_display = ["title_en", "title_fi", "slug", "kind", "is_published", "updated_at"]
    list_display_links = ["title_en"]
    list_filter = ["is_published", "kind"]
    search_fields = ["slug", "title_en", "title_fi", "body_en", "body_fi"]
    fieldsets = [
        (None, {"fields": ["slug", "kind", "position", "is_published"]}),
        (_("English"), {"fields": ["title_en", "summary_en", "body_en"]}),
        (_("Finnish"), {"fields": ["title_fi", "summary_fi", "body_fi"]}),
        (_("Changes"), {"fields": ["updated_at", "updated_by"]}),
    ]
    readonly_fields = ["updated_at", "updated_by"]

    def get_readonly_fields(self, request, obj=None):
        # A site page's address is linked to by name from code: it cannot move or change kind.
        if obj is not None and obj.kind == Page.Kind.PAGE:
            return [*self.readonly_fields, "slug", "kind"]
        return self.readonly_fields

    def has_delete_permission(self, request, obj=None):
        # Without its row a site page is a 404: unpublish a guide, never delete a site page.
        if obj is not None and obj.kind == Page.Kind.PAGE:
            return False
        return super().has_delete_permission(request, obj)

    def save_model(self, request, obj, form, change):
        obj.updated_by = request.user
        super().save_model(request, obj, form, change)
        if obj.slug == KnownPage.PRIVACY:
            # A changed privacy text is a new version: consents from now on name it.
            notice_sync()


def _overdue(queryset):
    return queryset.filter(status=Status.OPEN, due_on__lt=timezone.localdate())


class OverdueFilter(admin.SimpleListFilter):
    title = _("answer due")
    parameter_name = "overdue"

    def lookups(self, request, model_admin):
        return [("yes", _("Overdue"))]

    def queryset(self, request, queryset):
        return _overdue(queryset) if self.value() == "yes" else queryset


class FeedbackForm(forms.ModelForm):
    class Meta:
        model = AccessibilityFeedback
        fields = ["answer"]
        help_texts = {
            "answer": _("Saving an answer emails it to the sender. It cannot be changed after.")
        }

    def clean_answer(self):
        answer = self.cleaned_data["answer"].strip()
        if not answer:
            raise forms.ValidationError(_("Write the answer: saving mails it to the sender."))
        return answer


@admin.register(AccessibilityFeedback)
class AccessibilityFeedbackAdmin(OverdueWarningAdmin):
    form = FeedbackForm
    list_display = ["received_at", "email", "page_url", "status", "due", "answered_at"]
    list_filter = [OverdueFilter, "status", "received_at"]
    search_fields = ["email", "name", "page_url", "message", "answer"]
    # Open first (no answer time yet), soonest due first; then the latest answered.
    ordering = [F("answered_at").desc(nulls_first=True), "due_on", "pk"]
    date_hierarchy = "received_at"
    fields = [
        "received_at",
        "due_on",
        "status",
        "name",
        "email",
        "language",
        "page_url",
        "message",
        "answer",
        "answered_at",
        "answered_by",
    ]
    received = ["received_at", "due_on", "status", "name", "email", "language", "page_url"]
    readonly_fields = [*received, "message", "answered_at", "answered_by"]
    show_full_result_count = False

    def has_add_permission(self, request):
        return False  # feedback comes from the form on the accessibility statement

    def get_readonly_fields(self, request, obj=None):
        if obj is not None and obj.status == Status.ANSWERED:
            return [*self.readonly_fields, "answer"]
        return self.readonly_fields

    @admin.display(description=_("answer due"), ordering="due_on")
    def due(self, feedback):
        if feedback.status == Status.OPEN and feedback.due_on < timezone.localdate():
            return format_html("<strong>{} ({})</strong>", feedback.due_on, _("overdue"))
        return feedback.due_on

    def overdue(self, queryset):
        return _overdue(queryset)

    def overdue_message(self, count: int) -> str:
        return ngettext(
            "%(count)d accessibility feedback is past its 14-day answer date.",
            "%(count)d accessibility feedbacks are past their 14-day answer date.",
            count,
        ) % {"count": count}

    def save_model(self, request, obj, form, change):
        # Only the answer is editable: saving one is the service's answer, with its mail.
        try:
            services.feedback_answer(feedback_id=obj.pk, actor=request.user, answer=obj.answer)
        except ValidationError as error:  # answered meanwhile by someone else
            self.message_user(request, " ".join(error.messages), messages.ERROR)

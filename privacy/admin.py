from django.contrib import admin

from audit.admin import PersonalDataAdmin
from core.admin import ReadOnlyAdmin

from .models import Consent, NoticeVersion


@admin.register(NoticeVersion)
class NoticeVersionAdmin(ReadOnlyAdmin):
    """Published by saving the privacy page (Content pages): a version is never edited."""

    list_display = ["number", "published_at"]
    fields = ["number", "published_at", "body_en", "body_fi"]


@admin.register(Consent)
class ConsentAdmin(ReadOnlyAdmin, PersonalDataAdmin):
    """The proof of each decision, as the person made it: nobody edits or deletes one."""

    subject_field = "user_id"
    list_display = ["recorded_at", "user", "purpose", "granted", "source", "notice"]
    list_filter = ["purpose", "granted", "source", "notice"]
    list_select_related = ["user", "notice"]
    search_fields = ["user__email"]
    date_hierarchy = "recorded_at"
    fields = ["user", "purpose", "granted", "source", "notice", "recorded_at"]

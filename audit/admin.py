from django.contrib import admin

from core.admin import ReadOnlyAdmin

from .models import AccessLog
from .services import access_record


@admin.register(AccessLog)
class AccessLogAdmin(ReadOnlyAdmin):
    """Append-only: read, filter and search, never add, change or delete."""

    list_display = ["at", "actor", "action", "subject", "target"]
    list_filter = ["action", "at"]
    search_fields = ["actor__email", "subject__email", "target"]
    list_select_related = ["actor", "subject"]
    date_hierarchy = "at"


class PersonalDataAdmin(admin.ModelAdmin):
    """An admin whose records show a talent's personal data: each time staff open one (its
    change, history or delete page, a save included), it is written to the access log.
    `subject_field` leads from the object to that person's user id."""

    subject_field: str

    def get_object(self, request, object_id, from_field=None):
        obj = super().get_object(request, object_id, from_field)
        subject_id = self._subject_id(obj)
        if subject_id is not None:  # none, or e.g. a referral of a company, not of a talent
            access_record(
                request=request, subject_id=subject_id, action=AccessLog.Action.ADMIN, target=obj
            )
        return obj

    def _subject_id(self, obj) -> int | None:
        value = obj
        for part in self.subject_field.split("."):
            if value is None:
                return None
            value = getattr(value, part)
        return value

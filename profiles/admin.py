from django.contrib import admin, messages
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from audit.admin import PersonalDataAdmin
from audit.models import AccessLog
from audit.services import access_record
from privacy.exports import export_response

from .models import Education, Experience, ProfileLanguage, ProfileSkill, TalentProfile


class ProfileSkillInline(admin.TabularInline):
    model = ProfileSkill
    raw_id_fields = ["skill"]
    extra = 0


class ProfileLanguageInline(admin.TabularInline):
    model = ProfileLanguage
    extra = 0


class EducationInline(admin.TabularInline):
    model = Education
    extra = 0


class ExperienceInline(admin.StackedInline):
    model = Experience
    extra = 0


@admin.register(TalentProfile)
class TalentProfileAdmin(PersonalDataAdmin):
    subject_field = "user_id"
    list_display = ["display_name", "municipality", "visibility", "updated_at"]
    list_filter = ["visibility", "willing_to_relocate"]
    search_fields = ["display_name", "user__email", "headline"]
    list_select_related = ["user"]
    raw_id_fields = ["user"]
    filter_horizontal = ["occupations"]
    # Files are replaced through the talent's editor, which re-encodes and checks them; they
    # have no URL, so the admin links to the permission-checked views instead.
    exclude = ["photo", "photo_thumbnail", "cv"]
    # Visibility is the talent's consent to be shown: only they change it.
    readonly_fields = ["photo_link", "cv_link", "cv_filename", "visibility"]
    inlines = [ProfileSkillInline, ProfileLanguageInline, EducationInline, ExperienceInline]
    actions = ["export_data"]

    @admin.action(description=_("Download the talent’s data (logged)"), permissions=["view"])
    def export_data(self, request, queryset):
        """A talent's request for their data, answered by staff: one talent at a time, and
        written to the access log."""
        profiles = list(queryset[:2])
        if len(profiles) != 1:
            self.message_user(request, _("Select one talent."), messages.WARNING)
            return None
        [profile] = profiles
        access_record(
            request=request,
            subject_id=profile.user_id,
            action=AccessLog.Action.EXPORT,
            target=profile,
        )
        return export_response(profile.user)

    @admin.display(description=_("photo"))
    def photo_link(self, profile):
        return self._link(profile.photo, reverse("profiles:photo", args=[profile.pk, "full"]))

    @admin.display(description=_("CV"))
    def cv_link(self, profile):
        return self._link(profile.cv, reverse("profiles:cv", args=[profile.pk]))

    def _link(self, file, url):
        return format_html('<a href="{}">{}</a>', url, _("Open")) if file else "–"

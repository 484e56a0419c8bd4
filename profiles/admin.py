from django.contrib import admin

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
class TalentProfileAdmin(admin.ModelAdmin):
    list_display = ["display_name", "municipality", "visibility", "updated_at"]
    list_filter = ["visibility", "willing_to_relocate"]
    search_fields = ["display_name", "user__email", "headline"]
    list_select_related = ["user"]
    raw_id_fields = ["user"]
    filter_horizontal = ["occupations"]
    # Files are replaced through the talent's editor, which re-encodes and checks them.
    readonly_fields = ["photo", "photo_thumbnail", "cv", "cv_filename"]
    inlines = [ProfileSkillInline, ProfileLanguageInline, EducationInline, ExperienceInline]

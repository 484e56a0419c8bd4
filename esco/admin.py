from django.contrib import admin

from .models import IscoGroup, Occupation, Skill


class ReadOnlyTaxonomyAdmin(admin.ModelAdmin):
    """ESCO comes from `manage.py import_esco`; staff look it up, they don't edit it."""

    search_fields = ["label_en", "label_fi", "label_sv", "uri"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Skill)
class SkillAdmin(ReadOnlyTaxonomyAdmin):
    list_display = ["label_en", "label_fi", "concept_type", "skill_type"]
    list_filter = ["concept_type", "skill_type"]


@admin.register(Occupation)
class OccupationAdmin(ReadOnlyTaxonomyAdmin):
    list_display = ["label_en", "label_fi", "code", "isco_group"]
    list_select_related = ["isco_group"]


@admin.register(IscoGroup)
class IscoGroupAdmin(ReadOnlyTaxonomyAdmin):
    list_display = ["code", "label_en", "label_fi"]

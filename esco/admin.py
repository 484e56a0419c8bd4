from django.contrib import admin

from core.admin import ReadOnlyAdmin

from .models import IscoGroup, Occupation, Skill


class ReadOnlyTaxonomyAdmin(ReadOnlyAdmin):
    """ESCO comes from `manage.py import_esco`; staff look it up, they don't edit it."""

    search_fields = ["label_en", "label_fi", "label_sv", "uri"]


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

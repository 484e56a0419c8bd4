from django.contrib import admin

from .models import TalentProfile


@admin.register(TalentProfile)
class TalentProfileAdmin(admin.ModelAdmin):
    list_display = ["display_name", "municipality", "visibility", "updated_at"]
    list_filter = ["visibility"]
    search_fields = ["display_name", "user__email", "headline"]
    list_select_related = ["user"]
    raw_id_fields = ["user"]

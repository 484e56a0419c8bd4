from django.contrib import admin

from .models import Opening


@admin.register(Opening)
class OpeningAdmin(admin.ModelAdmin):
    list_display = ["title", "enterprise", "kind", "status", "published_at"]
    list_filter = ["status", "kind"]
    search_fields = ["title", "enterprise__name"]
    list_select_related = ["enterprise"]
    raw_id_fields = ["enterprise"]

from django.contrib import admin

from .models import Enterprise, Membership


class MembershipInline(admin.TabularInline):
    model = Membership
    raw_id_fields = ["user"]
    extra = 0


@admin.register(Enterprise)
class EnterpriseAdmin(admin.ModelAdmin):
    list_display = ["name", "business_id", "municipality", "status", "created_at"]
    list_filter = ["status", "municipality"]
    search_fields = ["name", "business_id"]
    inlines = [MembershipInline]

"""Read-only: the admin can look at the trail, never add, change or delete a row."""

from django.contrib import admin

from .models import AuditEvent


@admin.register(AuditEvent)
class AuditEventAdmin(admin.ModelAdmin):
    list_display = ("tijd", "soort", "actor", "betreft", "details")
    list_filter = ("soort",)
    list_select_related = ("actor", "betreft")
    date_hierarchy = "tijd"
    # raw ids: no dropdown of every account when looking at one event.
    raw_id_fields = ("actor", "betreft")
    readonly_fields = ("tijd", "soort", "actor", "betreft", "details")

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

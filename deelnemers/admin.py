from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.utils.translation import gettext_lazy as _

from .models import User


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    ordering = ["email"]
    list_display = ["email", "roepnaam", "is_coordinator", "is_active", "date_joined"]
    list_filter = ["is_coordinator", "is_active", "is_staff"]
    search_fields = ["email", "roepnaam"]
    fieldsets = [
        (None, {"fields": ["email", "password"]}),
        (_("Profile"), {"fields": ["roepnaam"]}),
        (_("Roles"), {"fields": ["is_coordinator", "is_active", "is_staff", "is_superuser"]}),
        (_("Dates"), {"fields": ["last_login", "date_joined"]}),
    ]
    add_fieldsets = [
        (None, {"classes": ["wide"], "fields": ["email", "roepnaam", "password1", "password2"]}),
    ]
    filter_horizontal = []

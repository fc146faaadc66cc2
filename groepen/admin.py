from django.contrib import admin

from .models import Aanbod, Bijeenkomst, Groep, Lidmaatschap, Locatie


class LidmaatschapInline(admin.TabularInline):
    model = Lidmaatschap
    extra = 0
    autocomplete_fields = ["user"]


class BijeenkomstInline(admin.TabularInline):
    model = Bijeenkomst
    extra = 0


@admin.register(Aanbod)
class AanbodAdmin(admin.ModelAdmin):
    list_display = ["titel", "soort"]
    list_filter = ["soort"]


@admin.register(Groep)
class GroepAdmin(admin.ModelAdmin):
    list_display = ["naam", "aanbod", "startdatum", "einddatum", "plek"]
    list_select_related = ["aanbod", "plek"]
    inlines = [LidmaatschapInline, BijeenkomstInline]


@admin.register(Locatie)
class LocatieAdmin(admin.ModelAdmin):
    list_display = ["naam", "plaats", "gearchiveerd"]
    list_filter = ["gearchiveerd"]

"""The one Academie row, with the defaults (and the name from ACADEMIE_NAAM when that was
set, so certificates keep the name they had)."""

from django.conf import settings
from django.db import migrations


def maak(apps, schema_editor):
    Academie = apps.get_model("deelnemers", "Academie")
    if not Academie.objects.exists():
        Academie.objects.create(naam=getattr(settings, "ACADEMIE_NAAM", "") or "Herstelacademie")


class Migration(migrations.Migration):
    dependencies = [("deelnemers", "0003_academie")]

    operations = [migrations.RunPython(maak, migrations.RunPython.noop)]

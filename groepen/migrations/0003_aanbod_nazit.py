"""Aanbod.nazit: whether participants are invited to a follow-up meeting afterwards.

Existing offers: on for courses, workshops and recovery groups (the nazit is part of
taking part), off for the walk-in, which nobody finishes.
"""

from django.db import migrations, models


def zet_nazit(apps, schema_editor):
    Aanbod = apps.get_model("groepen", "Aanbod")
    Aanbod.objects.filter(soort="inloop").update(nazit=False)


class Migration(migrations.Migration):
    dependencies = [
        ("groepen", "0002_intervisiegroep_sessielog_intervisiebijeenkomst_and_more"),
    ]

    operations = [
        migrations.AddField(
            model_name="aanbod",
            name="nazit",
            field=models.BooleanField(
                default=True,
                help_text="Participants are invited back for a nazit after the last meeting. For a recovery group without an end: after someone leaves it.",
                verbose_name="a follow-up meeting (nazit) afterwards",
            ),
        ),
        migrations.RunPython(zet_nazit, migrations.RunPython.noop),
    ]

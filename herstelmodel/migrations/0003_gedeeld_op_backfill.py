"""Every shared entry gets its sharing moment (`gedeeld_op`).

Facilitators now read only what was shared after they became facilitator of the group
(herstelmodel.models.facilitator_sinds), so a shared entry without `gedeeld_op` would be
invisible to every facilitator. Where it is missing, the backfill ASSUMES the entry was
shared when it was written (a reflection's `aangemaakt_op`; a story's shared version's
`aangemaakt_op`): the earliest moment it can have been shared. When that guess is wrong
it errs on the side of the author: a facilitator who joined between writing and sharing
does not see it, never the other way round. Private entries keep NULL.
"""

from django.db import migrations
from django.db.models import F, OuterRef, Subquery


def vul_gedeeld_op(apps, schema_editor):
    Reflectie = apps.get_model("herstelmodel", "Reflectie")
    Verhaal = apps.get_model("herstelmodel", "Verhaal")
    VerhaalVersie = apps.get_model("herstelmodel", "VerhaalVersie")
    Reflectie.objects.filter(gedeeld_op__isnull=True).exclude(zichtbaarheid="alleen_ik").update(
        gedeeld_op=F("aangemaakt_op")
    )
    Verhaal.objects.filter(
        gedeeld_op__isnull=True, gedeeld_met__isnull=False, gedeelde_versie__isnull=False
    ).update(
        gedeeld_op=Subquery(
            VerhaalVersie.objects.filter(pk=OuterRef("gedeelde_versie")).values("aangemaakt_op")
        )
    )


class Migration(migrations.Migration):
    dependencies = [
        ("herstelmodel", "0002_reflectie_aangemaakt_op_index"),
    ]

    operations = [
        migrations.RunPython(vul_gedeeld_op, migrations.RunPython.noop),
    ]

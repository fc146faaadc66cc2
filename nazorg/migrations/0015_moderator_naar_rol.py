"""Named community moderators become moderator roles (groepen.Vrijwilligersrol, issue 16).

Each Moderator row becomes a MODERATOR role whose group is the space's group (none for
the academy-wide space), starting on the local date of `sinds`, started by whoever named
them; then the Moderator table goes. Going back names, for every active moderator role,
a Moderator of the space of its group (when that space exists).
"""

from django.db import migrations
from django.utils import timezone


def moderators_naar_rollen(apps, schema_editor):
    Moderator = apps.get_model("nazorg", "Moderator")
    Vrijwilligersrol = apps.get_model("groepen", "Vrijwilligersrol")
    Vrijwilligersrol.objects.bulk_create(
        Vrijwilligersrol(
            user_id=m.user_id,
            soort="moderator",
            groep_id=m.ruimte.groep_id,
            begint_op=timezone.localdate(m.sinds),
            gestart_door_id=m.aangesteld_door_id,
        )
        for m in Moderator.objects.select_related("ruimte")
    )


def rollen_naar_moderators(apps, schema_editor):
    Moderator = apps.get_model("nazorg", "Moderator")
    Ruimte = apps.get_model("nazorg", "Ruimte")
    Vrijwilligersrol = apps.get_model("groepen", "Vrijwilligersrol")
    vandaag = timezone.localdate()
    ruimtes = {r.groep_id: r for r in Ruimte.objects.all()}
    rollen = Vrijwilligersrol.objects.filter(soort="moderator", begint_op__lte=vandaag).exclude(
        eindigt_op__lte=vandaag
    )
    for rol in rollen:
        ruimte = ruimtes.get(rol.groep_id)
        if ruimte is not None:
            Moderator.objects.get_or_create(
                user_id=rol.user_id,
                ruimte=ruimte,
                defaults={"aangesteld_door_id": rol.gestart_door_id},
            )


class Migration(migrations.Migration):
    dependencies = [
        ("groepen", "0009_vrijwilligersrol"),
        ("nazorg", "0014_gesprekmail"),
    ]

    operations = [
        migrations.RunPython(moderators_naar_rollen, rollen_naar_moderators),
        migrations.DeleteModel(name="Moderator"),
    ]

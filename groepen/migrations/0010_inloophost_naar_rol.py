"""Hosts of the walk-in become host roles (Vrijwilligersrol GASTHEER, issue 16).

Each Inloophost row becomes a role that starts on the local date of `sinds`, with no
end date and nobody recorded as starting it (the old rows did not keep that); then the
Inloophost table goes. Going back makes one Inloophost per person with an active host
role, so nothing is lost either way.
"""

from django.db import migrations
from django.utils import timezone


def hosts_naar_rollen(apps, schema_editor):
    Inloophost = apps.get_model("groepen", "Inloophost")
    Vrijwilligersrol = apps.get_model("groepen", "Vrijwilligersrol")
    Vrijwilligersrol.objects.bulk_create(
        Vrijwilligersrol(
            user_id=host.user_id,
            soort="gastheer",
            begint_op=timezone.localdate(host.sinds),
            gestart_door=None,
        )
        for host in Inloophost.objects.all()
    )


def rollen_naar_hosts(apps, schema_editor):
    Inloophost = apps.get_model("groepen", "Inloophost")
    Vrijwilligersrol = apps.get_model("groepen", "Vrijwilligersrol")
    vandaag = timezone.localdate()
    actief = Vrijwilligersrol.objects.filter(soort="gastheer", begint_op__lte=vandaag).exclude(
        eindigt_op__lte=vandaag
    )
    for user_id in actief.values_list("user_id", flat=True).distinct():
        Inloophost.objects.get_or_create(user_id=user_id)


class Migration(migrations.Migration):
    dependencies = [
        ("groepen", "0009_vrijwilligersrol"),
    ]

    operations = [
        migrations.RunPython(hosts_naar_rollen, rollen_naar_hosts),
        migrations.DeleteModel(name="Inloophost"),
    ]

"""Demo data for growing as a volunteer (called by `manage.py demo`): Noor has been a
buddy for newcomers for eight months, did the OCE course and goes to the intervisie of
the volunteers, so her path has something on it and the coordinator's list names her as
someone to ask about co-facilitating. Idempotent."""

import datetime

from django.utils import timezone

from doorgroei.models import Ontwikkeling
from groepen.models import Intervisiebijeenkomst, Intervisiegroep, IntervisieLid, Vrijwilligersrol
from groepen.rollen import start_rol


def maak_groei_demo(users):
    noor, inge = users["deelnemer2@demo.nl"], users["coordinator@demo.nl"]
    vandaag = timezone.localdate()
    if not Vrijwilligersrol.objects.filter(user=noor).exists():
        start_rol(
            noor,
            Vrijwilligersrol.Soort.BUDDY,
            begint_op=vandaag - datetime.timedelta(days=245),
            omschrijving="Loopt mee met nieuwe deelnemers in hun eerste weken.",
            door=inge,
        )
    Ontwikkeling.objects.get_or_create(
        user=noor,
        soort=Ontwikkeling.Soort.OCE,
        defaults={
            "titel": "OCE-cursus (ervaringsdeskundigheid), voorjaar",
            "datum": vandaag - datetime.timedelta(days=150),
            "einddatum": vandaag - datetime.timedelta(days=94),
            "notitie": "Afgerond met certificaat.",
            "vastgelegd_door": inge,
        },
    )
    groep, _ = Intervisiegroep.objects.get_or_create(
        naam="Intervisie vrijwilligers",
        defaults={"beschrijving": "Voor buddy's, gastvrouwen en gastheren: elke zes weken."},
    )
    IntervisieLid.objects.get_or_create(
        groep=groep,
        user=noor,
        defaults={"sinds": timezone.now() - datetime.timedelta(days=120)},
    )
    if not groep.bijeenkomsten.exists():
        middag = timezone.localtime().replace(hour=14, minute=0, second=0, microsecond=0)
        Intervisiebijeenkomst.objects.create(
            groep=groep,
            begint_om=middag - datetime.timedelta(weeks=5),
            locatie="Herstelacademie, keuken",
            methode=Intervisiebijeenkomst.Methode.OPLOSSINGSGERICHT,
            thema=Intervisiebijeenkomst.Thema.GRENZEN,
            aangemaakt_door=noor,
        )

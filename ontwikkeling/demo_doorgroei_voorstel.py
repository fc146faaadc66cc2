"""Demo data for activities participants bring (called by `manage.py demo`): Sam proposed
a walk on Sunday mornings, and Inge invited her to talk it over. Idempotent."""

import datetime

from django.utils import timezone

from doorgroei import voorstellen
from doorgroei.models import Activiteitvoorstel
from groepen.models import Aanbod

TITEL = "Samen wandelen op zondag"


def voorstel_in_gesprek(users) -> None:
    sam, inge = users["deelnemer@demo.nl"], users["coordinator@demo.nl"]
    if Activiteitvoorstel.objects.filter(indiener=sam, titel=TITEL).exists():
        return
    voorstel = voorstellen.dien_in(
        sam,
        titel=TITEL,
        beschrijving=(
            "Een uurtje wandelen in het park, in je eigen tempo. Onderweg praten mag, stil "
            "zijn ook. Na afloop koffie. Mij helpt bewegen als mijn hoofd vol zit, en samen "
            "is het makkelijker om te beginnen."
        ),
        voor_wie="Iedereen die graag buiten is. Je hoeft niet sportief te zijn.",
        hoe_vaak="Om de week op zondagochtend, een uur.",
        nodig="Een vaste plek om te verzamelen en iemand die de eerste keren met me meeloopt.",
        soort=Aanbod.Soort.CREATIEF,
        mail=False,  # the demo sends no mail while it loads
    )
    vier_dagen_terug = timezone.now() - datetime.timedelta(days=4)
    Activiteitvoorstel.objects.filter(pk=voorstel.pk).update(aangemaakt_op=vier_dagen_terug)
    voorstellen.in_gesprek(
        voorstel,
        voorstel.versie,
        inge,
        "Wat een mooi idee, Sam! Zullen we er vrijdag na de inloop even voor gaan zitten? "
        "Dan kijken we samen naar een plek en wie er met je meeloopt.",
    )

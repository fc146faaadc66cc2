"""Demo data for the aftercare loop and the open door (called by `manage.py demo`):
the places as locations with an address, the soonest nazit with a date, one-to-one
conversations with Ruben, Ruben as host of the walk-in (a role) and one request waiting
for him. Idempotent."""

import datetime

from django.utils import timezone

from groepen import locaties
from groepen.models import Aanbod, Locatie
from nazorg import planning as nazit_planning

DINSDAG = 1


def _dinsdag_van_de_week(datum: datetime.date) -> datetime.date:
    """As demo.op_weekdag: the Tuesday of the week `datum` is in."""
    return datum + datetime.timedelta(days=DINSDAG - datum.weekday())


def open_deur(ruben):
    """One-to-one conversations with Ruben next week, Ruben hosting the walk-in (a host
    role: he counts visitors and picks up first conversations), and one request from a
    stranger waiting for him."""
    from groepen import gesprek, kennismaking
    from groepen.models import Kennismaking

    aanbod, _ = Aanbod.objects.get_or_create(
        titel="Gesprek met een ervaringsdeskundige",
        defaults=dict(
            soort=Aanbod.Soort.GESPREK,
            beschrijving="Een uur praten met iemand die zelf weet hoe herstel voelt. Over "
            "waar je nu staat, of over wat de academie voor je kan betekenen.",
            voor_wie="Voor iedereen die eerst liever één op één praat.",
            duur_minuten=60,
        ),
    )
    if not aanbod.gespreksslots.exists():
        dag = _dinsdag_van_de_week(timezone.localdate() + datetime.timedelta(days=7))
        begintijden = [
            timezone.make_aware(datetime.datetime.combine(dag, datetime.time(uur)))
            for uur in (10, 11, 14)
        ]
        gesprek.maak_slots(
            ruben,
            aanbod,
            begintijden,
            datetime.timedelta(hours=1),
            "Herstelacademie, huiskamer",
        )
    kennismaking.maak_host(ruben)
    # Noor's buddy role (eight months, with a training) comes from demo_doorgroei_groei.py.
    Kennismaking.objects.get_or_create(
        voornaam="Kim",
        defaults={
            "telefoon": "06 12345678",
            "wens": "Ik wil eerst even horen hoe het hier gaat.",
            "aangemaakt_op": timezone.now() - datetime.timedelta(hours=3),
        },
    )


def nazit_met_datum():
    """The soonest nazit gets a date, place and note, as its facilitator would set it;
    the others wait on Ruben's home for one."""
    from nazorg.models import NazitMoment

    moment = (
        NazitMoment.objects.filter(
            begint_om__isnull=True,
            datum__gte=timezone.localdate() + datetime.timedelta(days=2),
        )
        .order_by("datum", "pk")
        .first()
    )
    if moment is not None:
        begint_om = timezone.make_aware(
            datetime.datetime.combine(moment.datum, datetime.time(19, 30))
        )
        nazit_planning.zet_bijeenkomst(
            moment,
            begint_om,
            "Herstelacademie, huiskamer",
            "Er is koffie en thee. Neem gerust iemand mee die je steunt.",
        )


def locaties_met_adres():
    """The places above are written as text, like data from before locations existed;
    they become locations, and the two rooms of the academy get an address, a route
    and what is accessible (a made-up address)."""
    locaties.koppel_teksten()
    for naam in ("Herstelacademie, leslokaal", "Herstelacademie, huiskamer"):
        Locatie.objects.filter(naam=naam, straat="").update(
            straat="Lindelaan 12",
            postcode="6511 AB",
            plaats="Nijmegen",
            route=(
                "Bus 5 of 6 tot halte Lindeplein, dan twee minuten lopen. "
                "Fietsen kun je in het rek naast de deur zetten. Parkeren kan aan de straat."
            ),
            drempelvrij=True,
            stilteruimte=naam.endswith("huiskamer"),
            invalidentoilet=True,
        )

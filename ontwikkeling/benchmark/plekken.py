"""The generated academy's places, as an academy has them: a main building with the
walk-in, a few others where groups meet, and one archived place that old groups still
point to. Addresses, routes and accessibility filled in, so the public location and offer
pages show what they show in real use."""

import datetime

from groepen.models import Locatie

from .bulk import op_dag

PLEKKEN = [
    # naam, straat, postcode, plaats, drempelvrij, stilteruimte, invalidentoilet
    ("Herstelacademie", "Lindelaan 12", "6511 AB", "Nijmegen", True, True, True),
    ("Buurthuis De Ster", "Sterrenplein 3", "6822 GH", "Arnhem", True, False, True),
    ("Bibliotheek Wijchen", "Kasteellaan 1", "6602 DA", "Wijchen", True, True, False),
    ("Wijkcentrum Oost", "Molenweg 88", "6541 CK", "Nijmegen", False, False, False),
]
ROUTE = (
    "Vanaf het station lopen: tien minuten. Bus 5 stopt voor de deur. "
    "Fietsen kunnen in de binnenplaats. Ingang aan de zijkant, bel bij de groene deur."
)
TOEGANKELIJK = "Een lift naar de eerste verdieping, een ringleiding in de grote zaal."
# The walk-in opens this many times in the coming weeks (twice a week), so the public
# home and the location page show this week's openings. Only the newest walk-in group
# does: the others are its earlier years (a large academy has one walk-in, not a dozen).
INLOOP_KOMEND = 8


def maak_plekken() -> tuple[list[Locatie], Locatie]:
    """The places in use (the main building first) and one archived place."""
    actief = [
        Locatie.objects.create(
            naam=naam,
            straat=straat,
            postcode=postcode,
            plaats=plaats,
            route=ROUTE,
            drempelvrij=drempelvrij,
            stilteruimte=stil,
            invalidentoilet=toilet,
            toegankelijkheid=TOEGANKELIJK if drempelvrij else "",
        )
        for naam, straat, postcode, plaats, drempelvrij, stil, toilet in PLEKKEN
    ]
    oud = Locatie.objects.create(
        naam="Het oude pand", straat="Kerkstraat 7", plaats="Nijmegen", gearchiveerd=True
    )
    return actief, oud


def inloop_data(vandaag: datetime.date, data: list[datetime.date]) -> list[datetime.date]:
    """The walk-in's last openings moved to the coming weeks, on Tuesdays and Thursdays;
    the count stays the same (the sizes are exact)."""
    komend = min(INLOOP_KOMEND, len(data) // 2)
    dagen = []
    dag = vandaag + datetime.timedelta(days=1)
    while len(dagen) < komend:
        if dag.weekday() in (1, 3):
            dagen.append(dag)
        dag += datetime.timedelta(days=1)
    return data[: len(data) - komend] + dagen


def inloop_begin(dag: datetime.date) -> datetime.datetime:
    """The walk-in is open in the morning: the day-part filter finds it there."""
    return op_dag(dag, uur=10)

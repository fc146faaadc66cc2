"""A small academy whose participation figures for Q1 2026 are worked out by hand.

The expected numbers are written next to the data in tests/impact/test_deelname.py.
Groups (all 2026 unless said otherwise):
  G1 course "Arnhem", 5 Jan - 23 Feb, 4 meetings + 1 cancelled; P1-P6, P16
  G2 recovery group "Nijmegen", since 1 Sep 2025, ongoing; P7-P12 (2 meetings in Q1)
  G3 walk-in "Nijmegen", ongoing; counts; one meeting on 16 Jan
  G4 course "Arnhem", 1 Oct - 15 Dec 2025; P1, P2, P13-P15
  G5 course "Arnhem", from 13 Apr; enrolled in Q1: P17-P21, waiting P22-P26, cancelled P27
  G6 workshop "Zutphen", 14 Mar; P28, P29
"""

import datetime
from types import SimpleNamespace

import pytest
from django.utils import timezone

from groepen.models import Aanbod, Aanwezigheid, Bijeenkomst, Groep, InloopTelling, Lidmaatschap
from nazorg.models import Bericht, Draad, Herinnering, HerkenIk, NazitMoment, Ruimte
from tests.factories import AanbodFactory, UserFactory

D = datetime.date
AANWEZIG = Aanwezigheid.Status.AANWEZIG
AFWEZIG = Aanwezigheid.Status.AFWEZIG
AFGEMELD = Aanwezigheid.Status.AFGEMELD


def moment(datum: datetime.date, uur: int = 14) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(datum, datetime.time(uur)))


def lid(groep, user, sinds, rol=Lidmaatschap.Rol.DEELNEMER, **extra):
    return Lidmaatschap.objects.create(
        groep=groep, user=user, rol=rol, sinds=moment(sinds), status_sinds=moment(sinds), **extra
    )


def bijeenkomst(groep, datum, geannuleerd=False):
    begin = moment(datum)
    return Bijeenkomst.objects.create(
        groep=groep,
        begint_om=begin,
        eindigt_om=begin + datetime.timedelta(hours=2),
        geannuleerd=geannuleerd,
    )


def register(b, user, status=AANWEZIG):
    return Aanwezigheid.objects.create(bijeenkomst=b, user=user, status=status)


def maak_academie():  # noqa: C901 - a known dataset, written out in full on purpose
    cursus = AanbodFactory(titel="WRAP", soort=Aanbod.Soort.CURSUS, voltooiing_percentage=75)
    herstelgroep = AanbodFactory(titel="Stemmen", soort=Aanbod.Soort.HERSTELGROEP)
    inloop = AanbodFactory(titel="Inloop", soort=Aanbod.Soort.INLOOP)
    workshop = AanbodFactory(titel="Schrijven", soort=Aanbod.Soort.WORKSHOP)

    def groep(naam, aanbod, locatie, start, einde):
        return Groep.objects.create(
            naam=naam, aanbod=aanbod, locatie=locatie, startdatum=start, einddatum=einde
        )

    g1 = groep("G1", cursus, "Arnhem", D(2026, 1, 5), D(2026, 2, 23))
    g2 = groep("G2", herstelgroep, "Nijmegen", D(2025, 9, 1), None)
    g3 = groep("G3", inloop, "Nijmegen", D(2025, 1, 1), None)
    g4 = groep("G4", cursus, "Arnhem", D(2025, 10, 1), D(2025, 12, 15))
    g5 = groep("G5", cursus, "Arnhem", D(2026, 4, 13), D(2026, 6, 1))
    g6 = groep("G6", workshop, "Zutphen", D(2026, 3, 14), D(2026, 3, 14))

    p = {n: UserFactory(roepnaam=f"P{n}") for n in range(1, 30)}
    fac = UserFactory(roepnaam="Fenna")

    for n in (1, 2, 3, 4, 5, 6, 16):
        lid(g1, p[n], D(2025, 12, 15))
    for n in range(7, 13):
        lid(g2, p[n], D(2025, 9, 1))
    for n in (1, 2, 13, 14, 15):
        lid(g4, p[n], D(2025, 9, 15))
    for n in range(17, 22):
        lid(g5, p[n], D(2026, 3, 1))
    for n in range(22, 27):
        lid(g5, p[n], D(2026, 3, 5), status=Lidmaatschap.Status.WACHTLIJST)
    lid(g5, p[27], D(2026, 2, 1), status=Lidmaatschap.Status.UITGESCHREVEN)
    for n in (28, 29):
        lid(g6, p[n], D(2026, 2, 1))

    # Facilitators. Fenna was never a participant; P7-P11 were (in G2): doorstroom.
    fa = Lidmaatschap.Rol.FACILITATOR
    lid(g1, fac, D(2026, 1, 2), rol=fa)
    lid(g2, fac, D(2025, 8, 1), rol=fa)
    lid(g5, p[7], D(2026, 3, 10), rol=fa)
    lid(g1, p[8], D(2026, 1, 2), rol=fa)
    lid(g3, p[9], D(2026, 2, 1), rol=fa, vrijwilliger=True)
    lid(g3, p[10], D(2026, 2, 15), rol=fa, vrijwilliger=True)
    lid(g4, p[11], D(2026, 3, 1), rol=fa, vrijwilliger=True)

    # G1: four meetings and a cancelled one (its row must not count).
    b1 = [
        bijeenkomst(g1, d) for d in (D(2026, 1, 5), D(2026, 1, 19), D(2026, 2, 2), D(2026, 2, 23))
    ]
    geannuleerd = bijeenkomst(g1, D(2026, 1, 26), geannuleerd=True)
    register(geannuleerd, p[1])
    patronen = {
        1: [AANWEZIG] * 4,
        2: [AANWEZIG, AANWEZIG, AFWEZIG, AANWEZIG],
        3: [AANWEZIG, AFGEMELD, AANWEZIG, AANWEZIG],
        4: [AANWEZIG, AFWEZIG, AFWEZIG, AANWEZIG],
        5: [AANWEZIG] * 4,
        6: [AANWEZIG] * 4,
        16: [AFWEZIG, AANWEZIG, AFWEZIG, AFWEZIG],
    }
    rijen = [
        Aanwezigheid(bijeenkomst=b, user=p[n], status=s)
        for n, statussen in patronen.items()
        for b, s in zip(b1, statussen, strict=True)
    ]
    # G2: two meetings in Q1, one in Q4 2025 (outside).
    g2a, g2b = bijeenkomst(g2, D(2026, 1, 10)), bijeenkomst(g2, D(2026, 2, 10))
    for n in range(7, 13):
        rijen.append(Aanwezigheid(bijeenkomst=g2a, user=p[n], status=AANWEZIG))
        rijen.append(
            Aanwezigheid(bijeenkomst=g2b, user=p[n], status=AANWEZIG if n <= 9 else AFWEZIG)
        )
    rijen.append(
        Aanwezigheid(bijeenkomst=bijeenkomst(g2, D(2025, 11, 10)), user=p[7], status=AANWEZIG)
    )
    # The walk-in's meeting is left out of attendance.
    rijen.append(
        Aanwezigheid(bijeenkomst=bijeenkomst(g3, D(2026, 1, 16)), user=p[7], status=AANWEZIG)
    )
    Aanwezigheid.objects.bulk_create(rijen)

    # Walk-in counts: week 2 = 12, week 3 = 3 (hidden), week 6 = 20; December is outside.
    for datum, dagdeel, aantal in [
        (D(2026, 1, 6), "ochtend", 7),
        (D(2026, 1, 6), "middag", 5),
        (D(2026, 1, 13), "ochtend", 3),
        (D(2026, 2, 3), "middag", 20),
        (D(2025, 12, 30), "ochtend", 9),
    ]:
        InloopTelling.objects.create(groep=g3, datum=datum, dagdeel=dagdeel, aantal=aantal)

    # After G1 ended (23 Feb): windows end 25 Mar (1 m), 25 May (3 m), 25 Aug (6 m).
    ruimte = Ruimte.objects.create(naam="Academie")
    nazit1 = NazitMoment.objects.create(groep=g1, dagen_na_einde=14, datum=D(2026, 3, 9))
    nazit2 = NazitMoment.objects.create(groep=g1, dagen_na_einde=107, datum=D(2026, 6, 10))
    for user, m, aanwezig in [(p[1], nazit1, True), (p[6], nazit1, False), (p[2], nazit2, True)]:
        Herinnering.objects.create(
            user=user, groep=g1, moment=m, verstuur_op=moment(m.datum), aanwezig=aanwezig
        )
    draad = Draad.objects.create(
        ruimte=ruimte, titel="Hoi", auteur=p[2], aangemaakt_op=moment(D(2026, 3, 20))
    )
    Bericht.objects.create(draad=draad, auteur=p[6], tekst="x", aangemaakt_op=moment(D(2026, 3, 1)))
    bericht = Bericht.objects.create(
        draad=draad, auteur=p[1], tekst="y", aangemaakt_op=moment(D(2026, 7, 1))
    )
    HerkenIk.objects.create(bericht=bericht, user=p[5], aangemaakt_op=moment(D(2026, 5, 1)))
    lid(g2, p[3], D(2026, 4, 20))
    register(bijeenkomst(g2, D(2026, 8, 1)), p[5])
    lid(g5, p[6], D(2026, 8, 20), status=Lidmaatschap.Status.WACHTLIJST)

    return SimpleNamespace(
        cursus=cursus,
        herstelgroep=herstelgroep,
        inloop=inloop,
        workshop=workshop,
        g1=g1,
        g2=g2,
        g3=g3,
        g4=g4,
        g5=g5,
        g6=g6,
        p=p,
        fac=fac,
    )


@pytest.fixture
def academie(db):
    return maak_academie()

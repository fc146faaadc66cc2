"""Completion and the black hole: who completed a course that ended in the period, and
who of them showed any sign of life 1, 3 and 6 months after the end. The exact
definitions are in the docstring of impact/deelname.py, which shows these figures."""

import datetime

from django.db.models import Case, Count, DateField, F, IntegerField, Q, Value, When
from django.db.models.functions import Cast, TruncDate

from groepen.aanwezigheid import is_voltooid
from groepen.models import Aanbod, Aanwezigheid, Bijeenkomst, Lidmaatschap
from nazorg.models import Bericht, Draad, Herinnering, HerkenIk

from .periode import Filters, Periode

# (from day, to day) after the end of a course: "1, 3 and 6 months".
HORIZONNEN = [
    (1, 0, 30),
    (3, 30, 91),
    (6, 91, 183),
]


def _na_einde(dagen: int):
    return Cast(F("einde") + datetime.timedelta(days=dagen), DateField())


# Where someone can show a sign of life after their course: (model, the person, when it
# happened, whether that is a date rather than a moment, which rows count). See "Black
# hole" in the module docstring.
BRONNEN = [
    (Herinnering, "user", "moment__datum", True, Q(aanwezig=True)),
    (
        Aanwezigheid,
        "user",
        "bijeenkomst__begint_om",
        False,
        Q(status=Aanwezigheid.Status.AANWEZIG, bijeenkomst__geannuleerd=False),
    ),
    (Draad, "auteur", "aangemaakt_op", False, Q()),
    (Bericht, "auteur", "aangemaakt_op", False, Q()),
    (HerkenIk, "user", "aangemaakt_op", False, Q()),
    (Lidmaatschap, "user", "sinds", False, Q()),
]


def _cursus_q(periode: Periode, filters: Filters, prefix: str = "") -> Q:
    """On a membership: a participation of a course whose group ended in the period."""
    return filters.groep_q(f"{prefix}groep__") & Q(
        **{
            f"{prefix}status": Lidmaatschap.Status.ACTIEF,
            f"{prefix}rol": Lidmaatschap.Rol.DEELNEMER,
            f"{prefix}groep__aanbod__soort": Aanbod.Soort.CURSUS,
            f"{prefix}groep__einddatum__gte": periode.begin,
            f"{prefix}groep__einddatum__lte": periode.einde,
        }
    )


def _voltooid(leden):
    """The completed participations among ``leden`` as (membership, person, end) rows,
    and all of them as (membership, person) pairs.

    Two small queries, bounded by the period's groups rather than the academy's history:
    the participations with their completion percentage; then per group its held
    meetings and per person and group their "present" rows (read through the index on
    the meeting).
    The decision is groepen.aanwezigheid.is_voltooid, as on the attendance register."""
    rijen = list(
        leden.values_list(
            "pk", "user", "groep", "groep__einddatum", "groep__aanbod__voltooiing_percentage"
        )
    )
    # Per group its held meetings (person None) and per person and group their
    # "present" rows, in one UNION.
    tellingen = {}
    if rijen:
        groepen = list({r[2] for r in rijen})
        bijeenkomsten = (
            Bijeenkomst.objects.filter(groep__in=groepen, geannuleerd=False)
            .values("groep")
            .annotate(wie=Value(None, output_field=IntegerField()), n=Count("pk"))
            .values_list("groep", "wie", "n")
            .order_by()
        )
        aanwezig = (
            Aanwezigheid.objects.filter(
                bijeenkomst__groep__in=groepen,
                bijeenkomst__geannuleerd=False,
                status=Aanwezigheid.Status.AANWEZIG,
            )
            .values("bijeenkomst__groep", "user")
            .annotate(n=Count("pk"))
            .values_list("bijeenkomst__groep", "user", "n")
            .order_by()
        )
        tellingen = {(g, u): n for g, u, n in bijeenkomsten.union(aanwezig, all=True)}
    voltooid = [
        (pk, user, einde)
        for pk, user, groep, einde, procent in rijen
        if is_voltooid(tellingen.get((groep, user), 0), tellingen.get((groep, None), 0), procent)
    ]
    return voltooid, [(pk, user) for pk, user, *_rest in rijen]


def _contact(periode: Periode, voltooid_pks):
    """Signs of life after the end of these completed course participations (their
    keys): the distinct (person, end of the group, window) with any, the
    window being the months of HORIZONNEN. One query, a UNION with a part per source;
    each part joins the source's rows to the completed memberships (their keys) of the
    same person, so only those people's rows are read (by the index on the person).
    Compared as dates, so it is the same on PostgreSQL and SQLite."""
    laatste = HORIZONNEN[-1][2]
    # Every window lies in here: a cheap, indexable first cut on the source's own column.
    ruim = Periode(
        periode.begin + datetime.timedelta(days=1),
        periode.einde + datetime.timedelta(days=laatste),
        "",
    )
    # The windows follow each other, so the first whose last day is not passed is the one.
    venster = Case(
        *[When(dag__lte=_na_einde(tot), then=maanden) for maanden, _van, tot in HORIZONNEN[:-1]],
        default=HORIZONNEN[-1][0],
    )
    delen = []
    for model, wie, veld, is_datum, welke in BRONNEN:
        if is_datum:
            dag = F(veld)
            binnen = {f"{veld}__gte": ruim.begin, f"{veld}__lte": ruim.einde}
        else:
            dag = TruncDate(veld)
            binnen = {f"{veld}__gte": ruim.begin_dt, f"{veld}__lt": ruim.einde_dt}
        lid = f"{wie}__lidmaatschappen"
        delen.append(
            # One filter() call, so the membership and its end date use the same join.
            model.objects.filter(welke, **binnen, **{f"{lid}__pk__in": voltooid_pks})
            .annotate(wie=F(wie), einde=F(f"{lid}__groep__einddatum"), dag=dag)
            .filter(dag__gt=F("einde"), dag__lte=_na_einde(laatste))
            .annotate(venster=venster)
            .values_list("wie", "einde", "venster")
            .distinct()
            .order_by()
        )
    return delen[0].union(*delen[1:], all=True)


def voltooiing(periode: Periode, filters: Filters, vandaag: datetime.date) -> dict:
    """Completion and the black hole in three queries, none of them correlated: the
    participations, their groups' meetings with the "present" rows, and the contact
    after the end (only when someone's first window has passed)."""
    voltooid, alle = _voltooid(Lidmaatschap.objects.filter(_cursus_q(periode, filters)))
    uit = {"deelnames": len(alle), "deelnemers": len({user for _pk, user in alle})}
    uit["voltooid"] = len(voltooid)
    uit["voltooiers"] = len({user for _pk, user, _einde in voltooid})
    # Contact is looked up for the completed participations whose first window has passed.
    eerste = vandaag - datetime.timedelta(days=HORIZONNEN[0][2])
    pks = [pk for pk, _user, einde in voltooid if einde < eerste]
    contact = set(_contact(periode, pks)) if pks else set()
    for maanden, _van, tot in HORIZONNEN:
        grens = vandaag - datetime.timedelta(days=tot)
        voorbij = [(user, einde) for _pk, user, einde in voltooid if einde < grens]
        uit[f"meetbaar{maanden}"] = len({user for user, _einde in voorbij})
        uit[f"contact{maanden}"] = len(
            {user for user, einde in voorbij if (user, einde, maanden) in contact}
        )
    return uit

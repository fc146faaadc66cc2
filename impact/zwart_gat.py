"""Completion and the black hole: who completed a course that ended in the period, and
who of them showed any sign of life 1, 3 and 6 months after the end. The exact
definitions are in the docstring of impact/deelname.py, which shows these figures."""

import datetime

from django.db.models import Case, Count, DateField, F, FilteredRelation, Q, When
from django.db.models.functions import Cast, TruncDate

from groepen.models import Aanbod, Aanwezigheid, Lidmaatschap
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
    """The completed participations among ``leden`` as (membership, person, end) rows.

    One pass: each membership is joined to its group's meetings and, per meeting, to the
    person's own "present" (at most one row per meeting), then counted per membership;
    no subquery per row."""
    bij = "groep__bijeenkomsten"
    gehouden = Q(groep__bijeenkomsten__geannuleerd=False)
    eigen = FilteredRelation(
        f"{bij}__aanwezigheden",
        condition=Q(
            **{
                f"{bij}__aanwezigheden__user": F("user"),
                f"{bij}__aanwezigheden__status": Aanwezigheid.Status.AANWEZIG,
            }
        ),
    )
    return (
        leden.annotate(eigen=eigen)
        .values("pk", "user", einde=F("groep__einddatum"))
        .annotate(
            procent=F("groep__aanbod__voltooiing_percentage"),
            bijeenkomsten=Count(bij, filter=gehouden),
            aanwezig100=100 * Count("eigen", filter=gehouden),
        )
        .filter(bijeenkomsten__gt=0, aanwezig100__gte=F("procent") * F("bijeenkomsten"))
        .values_list("pk", "user", "einde")
        .order_by()
    )


def _contact(periode: Periode, filters: Filters, voor: datetime.date):
    """Signs of life after the end of a course participation (_cursus_q) whose group
    ended before ``voor``: the distinct (person, end of the group, window) with any, the
    window being the months of HORIZONNEN. One query, a UNION with a part per source;
    each part joins the source's rows to the course memberships of the same person, so
    only those people are looked at. Compared as dates, so it is the same on PostgreSQL
    and SQLite."""
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
            # One filter() call, so the selection and the end date use the same join.
            model.objects.filter(
                welke,
                _cursus_q(periode, filters, f"{lid}__"),
                **binnen,
                **{f"{lid}__groep__einddatum__lt": voor},
            )
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
    participations, the completed ones, and the contact after the end."""
    leden = Lidmaatschap.objects.filter(_cursus_q(periode, filters))
    uit = leden.aggregate(deelnames=Count("pk"), deelnemers=Count("user", distinct=True))
    voltooid = list(_voltooid(leden))
    uit["voltooid"] = len(voltooid)
    uit["voltooiers"] = len({user for _pk, user, _einde in voltooid})
    # Contact is looked up for the participations whose first window has passed.
    eerste = vandaag - datetime.timedelta(days=HORIZONNEN[0][2])
    contact = set(_contact(periode, filters, eerste))
    for maanden, _van, tot in HORIZONNEN:
        grens = vandaag - datetime.timedelta(days=tot)
        voorbij = [(user, einde) for _pk, user, einde in voltooid if einde < grens]
        uit[f"meetbaar{maanden}"] = len({user for user, _einde in voorbij})
        uit[f"contact{maanden}"] = len(
            {user for user, einde in voorbij if (user, einde, maanden) in contact}
        )
    return uit

"""Closed months summarised once: the figures that add up per month, stored per month.

What is summarised, and why (measured on the benchmark's large academy, PostgreSQL; see
the report of branch `samenvatting`): the steps per month of the model mirror (one query
of distinct people per month and step, the dearest figure of that page: 21 ms for a
quarter, 150 ms for three years) and the attendance and enrolment counts of the
participation dashboard (8-22 ms and 2-4 ms). Per month these are exact:

- **steps**: per month and step the distinct people who wrote a reflection, and per month
  the distinct people on any step. The chart shows months, so a month's cell is the
  figure itself; nothing is added over months.
- **attendance**: the "present" rows and all rows of a month's meetings add up. Its
  distinct people only decide whether the share may be shown (5 or more): when one month
  alone has 5 people, the period has; when all months together have fewer than 5, so has
  the period; only in between is the period counted directly (one small query).
- **enrolments**: memberships by the month they began, by their status now.

Left out on purpose: every figure that counts distinct people over the whole period
(active, new, retained, completion and the black hole, herkenning triggers, signals). A
person in two months counts once in the quarter, so these do not add up; combining them
exactly would need to know who is who. The walk-in counts and the herkenning triggers
cost 1-6 ms: a summary would not pay. Those are computed directly, as before.

Months are calendar months in Europe/Amsterdam (TIME_ZONE), so a month's first moment
is local midnight, whatever the clock change that night. Only whole months that are over
(before the current month) are summarised; the current month, and the part of a custom
period that does not cover a whole month, are computed directly every time.

When is a stored month still right? It is used when all three hold:
1. its ``versie`` equals the month's Maandversie, which gets a new random value whenever
   a row of that month is saved with a change that matters, or deleted (signals in
   impact/samenvatting_signalen.py; the current month is skipped, no query there);
2. its ``alles`` equals the version of "everything", new when a group, offer or
   location changes what a filter or the walk-in rule selects;
3. the "changed since" check finds no attendance row (``bijgewerkt_op``), membership
   (``status_sinds``) or reflection (``gewijzigd_op``) of that month changed at or
   after its ``peil`` (one indexed query, migration 0003). This catches the bulk writes
   that send no signals: the attendance register (one upsert), the waiting list moving
   up, an erasure leaving its groups, reflections loaded in bulk.
``peil`` is the moment the computation began minus MARGE, so a write whose transaction
began before the computation and committed after it is still seen. Otherwise the month
is computed again, on the fly, and stored (one upsert). The version is read before the
figures, so a change committed in between leaves the stored row out of date, never wrong.

An erased person's reflections are deleted (a new version for each month they wrote in)
and their memberships cancelled (caught by the check); their months are recomputed, so
what remains is counts over the people who are still there.

The job (``werk_bij``, daily by beat and ``manage.py maandcijfers``) computes the missing
closed months without a filter and recomputes every out-of-date row, one month per
transaction, so a crash never leaves half a month. The rows it finds still right get a
new ``peil`` (the moment its check began, minus MARGE), so the visits' check only looks
back to the last job, however old the months are. Two jobs at once: a PostgreSQL
advisory lock lets one run and the other return at once; rows are unique per month and
filter, so a dashboard storing the same month at the same time cannot make a second one.
"""

from __future__ import annotations

import datetime
import functools
import operator
from collections import defaultdict
from contextlib import contextmanager

from django.db import IntegrityError, connection, transaction
from django.db.models import Count, Max, Min, OuterRef, Q, Subquery, Value
from django.db.models.functions import Coalesce, TruncMonth
from django.utils import timezone

from groepen.models import Aanbod, Aanwezigheid, Bijeenkomst, Lidmaatschap
from herstelmodel.models import Reflectie, Stap

from .models import Maandcijfers, Maandversie
from .periode import Filters, Periode

# See "peil" in the module docstring: longer than any transaction that writes these rows.
MARGE = datetime.timedelta(minutes=5)
ALLES = datetime.date(1, 1, 1)  # the Maandversie row for changes that touch every month
SLOT = 0x4D414E44  # the job's advisory lock ("MAND")


def _dt(datum: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(datum, datetime.time.min))


def volgende(maand: datetime.date) -> datetime.date:
    return (maand.replace(day=1) + datetime.timedelta(days=32)).replace(day=1)


def maand_van(waarde) -> datetime.date:
    """The first day of the local month of a date, or of an aware or naive datetime."""
    if isinstance(waarde, datetime.datetime):
        waarde = timezone.localtime(waarde).date() if timezone.is_aware(waarde) else waarde.date()
    return waarde.replace(day=1)


def gesloten_maanden(periode: Periode, vandaag: datetime.date) -> list[datetime.date]:
    """The whole months inside the period that are over (before the current month)."""
    uit = []
    maand = periode.begin if periode.begin.day == 1 else volgende(periode.begin)
    deze = vandaag.replace(day=1)
    while maand < deze and volgende(maand) - datetime.timedelta(days=1) <= periode.einde:
        uit.append(maand)
        maand = volgende(maand)
    return uit


def leeg() -> dict:
    return {
        "stappen": {str(stap.value): 0 for stap in Stap},
        "mensen": 0,
        "opkomst": {"aanwezig": 0, "totaal": 0, "mensen": 0},
        "inschrijvingen": {"totaal": 0, "actief": 0, "wachtlijst": 0, "uitgeschreven": 0},
    }


def _zonder_inloop(filters: Filters, prefix: str) -> Q:
    return filters.groep_q(prefix) & ~Q(**{f"{prefix}aanbod__soort": Aanbod.Soort.INLOOP})


def bereken(bereiken, filters: Filters, delen=("stappen", "opkomst", "inschrijvingen")) -> dict:
    """Per local month: the figures of the rows inside ``bereiken``, half-open ranges of
    aware datetimes. Four grouped queries at most, whatever the number of months."""
    uit = defaultdict(leeg)
    if not bereiken:
        return uit

    def binnen(veld):
        return functools.reduce(
            operator.or_, [Q(**{f"{veld}__gte": b, f"{veld}__lt": e}) for b, e in bereiken]
        )

    if "stappen" in delen:
        filter_q = filters.groep_q("groep__") if filters.actief else Q()
        basis = Reflectie.objects.filter(filter_q, binnen("aangemaakt_op")).annotate(
            m=TruncMonth("aangemaakt_op")
        )
        for rij in basis.values("m", "stap").annotate(n=Count("auteur", distinct=True)).order_by():
            uit[maand_van(rij["m"])]["stappen"][str(rij["stap"])] = rij["n"]
        for rij in basis.values("m").annotate(n=Count("auteur", distinct=True)).order_by():
            uit[maand_van(rij["m"])]["mensen"] = rij["n"]
    if "opkomst" in delen:
        rijen = (
            Aanwezigheid.objects.filter(
                _zonder_inloop(filters, "bijeenkomst__groep__"),
                binnen("bijeenkomst__begint_om"),
                bijeenkomst__geannuleerd=False,
            )
            .annotate(m=TruncMonth("bijeenkomst__begint_om"))
            .values("m")
            .annotate(
                aanwezig=Count("pk", filter=Q(status=Aanwezigheid.Status.AANWEZIG)),
                totaal=Count("pk"),
                mensen=Count("user", distinct=True),
            )
            .order_by()
        )
        for rij in rijen:
            uit[maand_van(rij.pop("m"))]["opkomst"] = rij
    if "inschrijvingen" in delen:
        status = Lidmaatschap.Status
        rijen = (
            Lidmaatschap.objects.filter(
                _zonder_inloop(filters, "groep__"),
                binnen("sinds"),
                rol=Lidmaatschap.Rol.DEELNEMER,
            )
            .annotate(m=TruncMonth("sinds"))
            .values("m")
            .annotate(
                totaal=Count("pk"),
                actief=Count("pk", filter=Q(status=status.ACTIEF)),
                wachtlijst=Count("pk", filter=Q(status=status.WACHTLIJST)),
                uitgeschreven=Count("pk", filter=Q(status=status.UITGESCHREVEN)),
            )
            .order_by()
        )
        for rij in rijen:
            uit[maand_van(rij.pop("m"))]["inschrijvingen"] = rij
    return uit


def _sleutel(filters: Filters) -> dict:
    return {"locatie": filters.locatie, "aanbod": filters.aanbod.pk if filters.aanbod else 0}


def _bereiken(maanden) -> list[tuple]:
    """Consecutive months joined into ranges, so a long run is one range in the query."""
    bereiken = []
    for maand in sorted(maanden):
        begin, einde = _dt(maand), _dt(volgende(maand))
        if bereiken and bereiken[-1][1] == begin:
            bereiken[-1] = (bereiken[-1][0], einde)
        else:
            bereiken.append((begin, einde))
    return bereiken


def _gewijzigd_sinds(peil: datetime.datetime) -> dict[datetime.date, datetime.datetime]:
    """Per month: the last change at or after ``peil`` that no signal reports (one query)."""

    def laatste_per_maand(rijen, gewijzigd, maand):
        return (
            rijen.filter(**{f"{gewijzigd}__gte": peil})
            .annotate(m=TruncMonth(maand))
            .values("m")
            .annotate(t=Max(gewijzigd))
            .order_by()
        )

    aanwezig = laatste_per_maand(Aanwezigheid.objects, "bijgewerkt_op", "bijeenkomst__begint_om")
    leden = laatste_per_maand(Lidmaatschap.objects, "status_sinds", "sinds")
    reflecties = laatste_per_maand(Reflectie.objects, "gewijzigd_op", "aangemaakt_op")
    uit = {}
    for rij in aanwezig.union(leden, reflecties, all=True):
        maand = maand_van(rij["m"])
        uit[maand] = max(uit.get(maand, rij["t"]), rij["t"])
    return uit


def _versies(maanden) -> dict:
    return dict(
        Maandversie.objects.filter(maand__in=[*maanden, ALLES]).values_list("maand", "versie")
    )


def _geldig(rijen: dict) -> set:
    """The months whose stored row is still right (see the module docstring)."""
    geldig = {
        m for m, rij in rijen.items() if (rij.versie, rij.alles) == (rij.nu_versie, rij.nu_alles)
    }
    if geldig:
        gewijzigd = _gewijzigd_sinds(min(rijen[m].peil for m in geldig))
        geldig = {m for m in geldig if m not in gewijzigd or gewijzigd[m] < rijen[m].peil}
    return geldig


def _bewaar(maanden, filters: Filters, versies: dict, per_maand: bool = False) -> dict:
    """Compute these months and store them; the figures by month."""
    peil = timezone.now() - MARGE
    cijfers = bereken(_bereiken(maanden), filters)
    sleutel = _sleutel(filters)
    rijen = [
        Maandcijfers(
            maand=m,
            cijfers=cijfers[m],
            peil=peil,
            versie=versies.get(m, ""),
            alles=versies.get(ALLES, ""),
            **sleutel,
        )
        for m in maanden
    ]
    velden = dict(
        update_conflicts=True,
        unique_fields=["maand", "locatie", "aanbod"],
        update_fields=["cijfers", "peil", "versie", "alles"],
    )
    if per_maand:
        for rij in rijen:  # the job: each month in a transaction of its own
            with transaction.atomic():
                Maandcijfers.objects.bulk_create([rij], **velden)
    elif rijen:
        Maandcijfers.objects.bulk_create(rijen, **velden)  # one statement: all or nothing
    return {m: cijfers[m] for m in maanden}


def _bevestig(pks, peil: datetime.datetime) -> None:
    """The job found these rows still right when its check began: move their ``peil``
    forward. Without this a month summarised once keeps the moment of its first
    computation, and every visit's "changed since" check looks back to the oldest of
    them, years of attendance and reflections once the academy is old; with it, at most
    the time since the last job (a day). Safe for the same reason ``peil`` is: a write
    stamped before ``peil`` was committed before the check began, so the check saw it."""
    Maandcijfers.objects.filter(pk__in=pks, peil__lt=peil).update(peil=peil)


def samengevat(maanden, filters: Filters, per_maand: bool = False) -> tuple[dict, int]:
    """The stored figures of these closed months; a missing or out-of-date month is
    computed and stored first. Returns (figures per month, months computed)."""
    if not maanden:
        return {}, 0
    # The rows with their month's current version, in one query.
    versie = Maandversie.objects.filter(maand=OuterRef("maand")).values("versie")[:1]
    alles = Maandversie.objects.filter(maand=ALLES).values("versie")[:1]
    rijen = {
        r.maand: r
        for r in Maandcijfers.objects.filter(maand__in=maanden, **_sleutel(filters)).annotate(
            nu_versie=Coalesce(Subquery(versie), Value("")),
            nu_alles=Coalesce(Subquery(alles), Value("")),
        )
    }
    begin = timezone.now()
    geldig = _geldig(rijen)
    if per_maand and geldig:
        _bevestig([rijen[m].pk for m in geldig], begin - MARGE)
    uit = {m: rijen[m].cijfers for m in geldig}
    opnieuw = [m for m in maanden if m not in geldig]
    if opnieuw:
        # The versions again, read before the figures: see the module docstring.
        uit.update(_bewaar(opnieuw, filters, _versies(opnieuw), per_maand))
    return uit, len(opnieuw)


def per_maand(periode: Periode, filters: Filters, delen, vandaag=None) -> dict:
    """The figures of every month that overlaps the period, for the rows inside it: the
    closed whole months from their summaries, the rest (the current month, the ends of a
    custom period) directly."""
    # Never later than the real today: a month still running is not stored.
    vandaag = min(vandaag or timezone.localdate(), timezone.localdate())
    blok = gesloten_maanden(periode, vandaag)
    uit, _n = samengevat(blok, filters)
    if blok:
        rest = [(periode.begin_dt, _dt(blok[0])), (_dt(volgende(blok[-1])), periode.einde_dt)]
    else:
        rest = [(periode.begin_dt, periode.einde_dt)]
    rest = [(b, e) for b, e in rest if b < e]
    for maand, cijfers in bereken(rest, filters, delen).items():
        uit[maand] = cijfers
    return uit


def opkomst_mensen_genoeg(periode: Periode, filters: Filters, maanden: dict) -> bool:
    """Are 5 or more different people behind the period's attendance? Decided from the
    months when it can be (see the module docstring), else counted directly."""
    from deelnemers.privacy import MIN_AGGREGATE

    per = [c["opkomst"]["mensen"] for c in maanden.values()]
    if any(n >= MIN_AGGREGATE for n in per):
        return True
    if sum(per) < MIN_AGGREGATE:
        return False
    mensen = Aanwezigheid.objects.filter(
        _zonder_inloop(filters, "bijeenkomst__groep__"),
        bijeenkomst__begint_om__gte=periode.begin_dt,
        bijeenkomst__begint_om__lt=periode.einde_dt,
        bijeenkomst__geannuleerd=False,
    ).aggregate(n=Count("user", distinct=True))["n"]
    return mensen >= MIN_AGGREGATE


# --- The job --------------------------------------------------------------------------


@contextmanager
def _slot():
    """One job at a time: a PostgreSQL advisory lock, not waited for. SQLite has one
    writer at a time anyway, and a second run would store the same figures."""
    if connection.vendor != "postgresql":
        yield True
        return
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_try_advisory_lock(%s)", [SLOT])
        gekregen = cursor.fetchone()[0]
    try:
        yield gekregen
    finally:
        if gekregen:
            with connection.cursor() as cursor:
                cursor.execute("SELECT pg_advisory_unlock(%s)", [SLOT])


def _eerste_maand() -> datetime.date | None:
    eerste = [
        Reflectie.objects.aggregate(t=Min("aangemaakt_op"))["t"],
        Bijeenkomst.objects.aggregate(t=Min("begint_om"))["t"],
        Lidmaatschap.objects.aggregate(t=Min("sinds"))["t"],
    ]
    eerste = [t for t in eerste if t is not None]
    return maand_van(min(eerste)) if eerste else None


def werk_bij(vandaag: datetime.date | None = None) -> int | None:
    """Compute the missing closed months (without a filter) and every out-of-date stored
    month (any filter). Returns how many months were computed, or None when another job
    is running. Safe to run at any time and more than once."""
    vandaag = vandaag or timezone.localdate()
    with _slot() as gekregen:
        if not gekregen:
            return None
        eerste = _eerste_maand()
        alle = []
        while eerste is not None and eerste < vandaag.replace(day=1):
            alle.append(eerste)
            eerste = volgende(eerste)
        sleutels = {("", 0)} | set(Maandcijfers.objects.values_list("locatie", "aanbod").distinct())
        aanbod = Aanbod.objects.in_bulk([a for _l, a in sleutels if a])
        berekend = 0
        for locatie, aanbod_pk in sorted(sleutels):
            if aanbod_pk and aanbod_pk not in aanbod:
                # The offer is gone: so is every figure for it.
                Maandcijfers.objects.filter(aanbod=aanbod_pk).delete()
                continue
            filters = Filters(locatie=locatie, aanbod=aanbod.get(aanbod_pk))
            maanden = alle
            if filters.actief:  # a filter's months are those someone looked at
                maanden = list(
                    Maandcijfers.objects.filter(
                        locatie=locatie, aanbod=aanbod_pk, maand__lt=vandaag.replace(day=1)
                    ).values_list("maand", flat=True)
                )
            try:
                _cijfers, n = samengevat(maanden, filters, per_maand=True)
            except IntegrityError:  # pragma: no cover - the unique row makes this an upsert
                continue
            berekend += n
        return berekend

"""Nazit planning: when a course ends, its follow-up moments and their reminders are planned.

Every aanbod of kind cursus has a plan: its NazitPlanMoment rows, or STANDAARD_PLAN
(14, 42 and 91 days after the last meeting) when it has none. `plan_nazit(groep)` turns
the plan into NazitMoment rows for a group that has ended, and one Herinnering per active
participant per moment. Everything is created with bulk_create(ignore_conflicts=True) on
the unique keys (groep + days; user + groep + moment), so running it again, daily or by
hand, never creates anything twice.
"""

import datetime
from dataclasses import dataclass

from django.db import transaction
from django.db.models import Exists, Max, OuterRef, Q
from django.utils import timezone

from groepen.models import Aanbod, Bijeenkomst, Groep, Lidmaatschap

from . import voorkeuren
from .models import STANDAARD_PLAN, Herinnering, NazitMoment, NazitPlanMoment

S = Herinnering.Status
VOORAF_DAGEN = 7  # a reminder goes out a week before the moment
VERSTUUR_UUR = 10  # at 10:00 local time


def plan_dagen(aanbod) -> list[int]:
    """The aanbod's plan as "days after the end", or the default plan."""
    dagen = list(
        NazitPlanMoment.objects.filter(aanbod=aanbod)
        .order_by("dagen_na_einde")
        .values_list("dagen_na_einde", flat=True)
    )
    return dagen or list(STANDAARD_PLAN)


def laatste_dag(groep) -> datetime.date | None:
    """The day the group ended: its last meeting that went ahead, else its end date."""
    laatste = (
        Bijeenkomst.objects.filter(groep=groep, geannuleerd=False)
        .order_by("-begint_om")
        .values_list("begint_om", flat=True)
        .first()
    )
    if laatste is not None:
        return timezone.localdate(laatste)
    return groep.einddatum


def is_afgelopen(groep, now=None) -> bool:
    now = now or timezone.now()
    if groep.einddatum and groep.einddatum < timezone.localdate(now):
        return True
    bijeenkomsten = Bijeenkomst.objects.filter(groep=groep, geannuleerd=False)
    return bijeenkomsten.exists() and not bijeenkomsten.filter(begint_om__gte=now).exists()


def verstuurmoment(datum: datetime.date, now) -> datetime.datetime | None:
    """A week before the moment at 10:00 local time; now if that has passed but the
    moment is still ahead; None when the moment itself has passed."""
    if datum < timezone.localdate(now):
        return None
    dag = datum - datetime.timedelta(days=VOORAF_DAGEN)
    op = timezone.make_aware(datetime.datetime.combine(dag, datetime.time(VERSTUUR_UUR)))
    return max(op, now)


@dataclass
class PlanResultaat:
    momenten: int = 0
    herinneringen: int = 0


def plan_nazit(groep, now=None) -> PlanResultaat:
    """Plan the nazit moments and reminders of one ended course group. Idempotent."""
    now = now or timezone.now()
    resultaat = PlanResultaat()
    if groep.aanbod.soort != Aanbod.Soort.CURSUS or not is_afgelopen(groep, now):
        return resultaat
    einde = laatste_dag(groep)
    if einde is None:
        return resultaat
    with transaction.atomic():
        bestaand = set(groep.nazit_momenten.values_list("dagen_na_einde", flat=True))
        nieuw = [
            NazitMoment(groep=groep, dagen_na_einde=n, datum=einde + datetime.timedelta(days=n))
            for n in plan_dagen(groep.aanbod)
            if n not in bestaand
        ]
        NazitMoment.objects.bulk_create(nieuw, ignore_conflicts=True)
        resultaat.momenten = len(nieuw)

        deelnemers = list(
            Lidmaatschap.objects.deelnemers()
            .filter(groep=groep, user__is_active=True)
            .values_list("user_id", flat=True)
        )
        gestopt = voorkeuren.gestopte_users(groep)
        al_gepland = set(
            Herinnering.objects.filter(groep=groep).values_list("user_id", "moment_id")
        )
        rijen = []
        for moment in groep.nazit_momenten.filter(afgelast_op__isnull=True):
            verstuur_op = verstuurmoment(moment.datum, now)
            if verstuur_op is None:
                continue
            for user_id in deelnemers:
                if (user_id, moment.pk) in al_gepland:
                    continue
                status = (
                    Herinnering.Status.AFGEMELD
                    if user_id in gestopt
                    else Herinnering.Status.GEPLAND
                )
                rijen.append(
                    Herinnering(
                        user_id=user_id,
                        groep=groep,
                        moment=moment,
                        status=status,
                        verstuur_op=verstuur_op,
                    )
                )
        Herinnering.objects.bulk_create(rijen, ignore_conflicts=True, batch_size=1000)
        resultaat.herinneringen = len(rijen)
    return resultaat


def afgelopen_cursusgroepen(now=None):
    """Course groups that have ended and whose follow-up could still lie ahead."""
    now = now or timezone.now()
    vandaag = timezone.localdate(now)
    horizon = vandaag - datetime.timedelta(days=max(STANDAARD_PLAN) + 730)
    horizon_tijd = now - datetime.timedelta(days=max(STANDAARD_PLAN) + 730)
    komend = Bijeenkomst.objects.filter(groep=OuterRef("pk"), geannuleerd=False, begint_om__gte=now)
    return (
        Groep.objects.filter(aanbod__soort=Aanbod.Soort.CURSUS)
        .annotate(
            laatste=Max("bijeenkomsten__begint_om", filter=Q(bijeenkomsten__geannuleerd=False)),
            heeft_komend=Exists(komend),
        )
        .filter(
            Q(einddatum__lt=vandaag, einddatum__gte=horizon)
            | Q(laatste__lt=now, laatste__gte=horizon_tijd, heeft_komend=False)
        )
        .select_related("aanbod")
    )


def plan_alle(now=None) -> PlanResultaat:
    """The daily job: plan every course group that has ended. Safe to run any time."""
    totaal = PlanResultaat()
    for groep in afgelopen_cursusgroepen(now):
        r = plan_nazit(groep, now)
        totaal.momenten += r.momenten
        totaal.herinneringen += r.herinneringen
    return totaal


def zet_plan(aanbod, dagen: list[int]) -> None:
    """Replace an aanbod's plan by these "days after the end" numbers."""
    with transaction.atomic():
        NazitPlanMoment.objects.filter(aanbod=aanbod).exclude(dagen_na_einde__in=dagen).delete()
        NazitPlanMoment.objects.bulk_create(
            [NazitPlanMoment(aanbod=aanbod, dagen_na_einde=n) for n in sorted(set(dagen))],
            ignore_conflicts=True,
        )


def mag_moment_plannen(user, groep) -> bool:
    """A real meeting is attached to a moment by the group's facilitators or a coordinator
    (the rule lives in nazorg/rules.py)."""
    return user.has_perm("nazorg.plan_moment", groep)


def momenten_voor(user):
    """The nazit moments a person may know about: those of their visible groups."""
    return NazitMoment.objects.filter(groep__in=Groep.objects.zichtbaar_voor(user))


def zonder_datum(groep_ids=None, limit: int | None = None) -> tuple[list, int]:
    """Nazit moments that still need a date (not called off, planned for today or later),
    soonest first, and how many there are in all. For a facilitator: their groups'
    (`groep_ids`, one query); for the coordinator: all, at most `limit` (two queries)."""
    qs = NazitMoment.objects.filter(
        begint_om__isnull=True, afgelast_op__isnull=True, datum__gte=timezone.localdate()
    )
    if groep_ids is not None:
        qs = qs.filter(groep_id__in=groep_ids)
    momenten = list(qs.select_related("groep").order_by("datum", "pk")[:limit])
    # Always the same number of queries, whatever the data: a count when bounded.
    totaal = len(momenten) if limit is None else qs.count()
    # Within two weeks the invitations are out or about to go: then it is urgent.
    binnenkort = timezone.localdate() + datetime.timedelta(days=VOORAF_DAGEN * 2)
    for m in momenten:
        m.dringend = m.datum <= binnenkort
    return momenten, totaal


def momenten_van_groep(groep) -> list:
    """A group's nazit moments, first to last, for its page. One query."""
    return list(NazitMoment.objects.filter(groep=groep).order_by("datum", "pk"))


def zet_bijeenkomst(moment, begint_om, locatie: str, notitie: str = "") -> int:
    """Attach a real meeting to a moment, or change it. Reminders not sent yet are
    rendered at send time, so they carry these details and their send time follows the
    new date; people already invited are told (nazorg/nazitberichten.py). A moment that
    was called off is on again. Returns how many people will be told."""
    from . import nazitberichten

    now = timezone.now()
    with transaction.atomic():
        moment = NazitMoment.objects.select_for_update().get(pk=moment.pk)
        if (moment.begint_om, moment.locatie, moment.notitie, moment.afgelast) == (
            begint_om,
            locatie,
            notitie,
            False,
        ):
            return 0  # nothing changed: nobody needs a message
        had_datum_op = moment.datum_gezet_op
        moment.begint_om = begint_om
        moment.locatie = locatie
        moment.notitie = notitie
        moment.datum = timezone.localdate(begint_om)
        moment.datum_gezet_op = had_datum_op or now
        moment.afgelast_op = None
        moment.versie += 1
        moment.save(
            update_fields=[
                "begint_om",
                "locatie",
                "notitie",
                "datum",
                "datum_gezet_op",
                "afgelast_op",
                "versie",
            ]
        )
        verstuur_op = verstuurmoment(moment.datum, now) or now
        Herinnering.objects.filter(
            moment=moment, status=Herinnering.Status.GEPLAND, verstuur_op__gt=now
        ).update(verstuur_op=verstuur_op)
        return nazitberichten.na_wijziging(moment, had_datum_op, now)


def plaatsen_van(groep) -> list[str]:
    """Where the group met (most used first), its offer's place and earlier nazits: the
    suggestions for a nazit's place. Two queries."""
    from django.db.models import Count

    rijen = (
        Bijeenkomst.objects.filter(groep=groep)
        .filter(~Q(locatie="") | Q(plek__isnull=False))
        .values("locatie", "plek__naam")
        .annotate(n=Count("pk"))
        .order_by("-n", "plek__naam", "locatie")[:5]
    )
    gebruikt = [r["plek__naam"] or r["locatie"] for r in rijen]
    eerder = NazitMoment.objects.filter(groep__aanbod_id=groep.aanbod_id).exclude(locatie="")
    aanbod = groep.aanbod
    return [
        *gebruikt,
        str(groep.plaats),
        str(aanbod.plek or aanbod.locatie),
        *eerder.order_by("-datum").values_list("locatie", flat=True)[:5],
    ]


def afgelasten(moment) -> int:
    """Call a nazit off: invitations not sent yet are not sent, and everyone invited who
    did not say no is told at once. Returns how many people will be told."""
    from . import nazitberichten

    now = timezone.now()
    with transaction.atomic():
        moment = NazitMoment.objects.select_for_update().get(pk=moment.pk)
        if moment.afgelast:
            return 0
        moment.afgelast_op = now
        moment.versie += 1
        moment.save(update_fields=["afgelast_op", "versie"])
        # Invitations not sent yet are dropped (nobody was invited yet); should the
        # nazit get a date again, the daily planning invites them afresh.
        Herinnering.objects.filter(moment=moment, status=Herinnering.Status.GEPLAND).delete()
        return nazitberichten.na_afgelasten(moment, now)


# --- Attendance at a nazit ------------------------------------------------------------------


def is_begonnen(moment, now=None) -> bool:
    """Attendance can be filled in once the moment's real meeting has started."""
    return moment.begint_om is not None and moment.begint_om <= (now or timezone.now())


def mag_aanwezigheid_invullen(user, groep) -> bool:
    """Only the group's own facilitators see names and tick who came; coordinators see
    counts only."""
    from groepen.rules import is_facilitator_of

    return bool(is_facilitator_of(user, groep))


def aanwezigheid_lijst(moment) -> list:
    """The moment's reminder recipients (its participants) with their answer, by name."""
    return list(
        Herinnering.objects.filter(moment=moment)
        .select_related("user")
        .only("pk", "antwoord", "aanwezig", "user__roepnaam")
        .order_by("user__roepnaam", "pk")
    )


def aangevinkt(herinneringen) -> set[int]:
    """Rows to show ticked: what was saved, or else those who answered "ja"."""
    return {
        h.pk
        for h in herinneringen
        if (h.aanwezig if h.aanwezig is not None else h.antwoord == Herinnering.Antwoord.JA)
    }


def zet_aanwezigheid(moment, aanwezig_pks) -> int:
    """Save who came in one UPDATE: ticked rows True, the moment's other rows False."""
    from django.db.models import Case, Value, When

    return Herinnering.objects.filter(moment=moment).update(
        aanwezig=Case(When(pk__in=list(aanwezig_pks), then=Value(True)), default=Value(False))
    )


def moment_cijfers(moment) -> dict:
    """Counts of people for one moment (answers and attendance), no names."""
    from django.db.models import Count

    from deelnemers.privacy import toonbaar

    A = Herinnering.Antwoord
    cijfers = Herinnering.objects.filter(moment=moment).aggregate(
        uitgenodigd=Count("user", distinct=True),
        ja=Count("pk", filter=Q(antwoord=A.JA)),
        misschien=Count("pk", filter=Q(antwoord=A.MISSCHIEN)),
        nee=Count("pk", filter=Q(antwoord=A.NEE)),
        gekomen=Count("user", distinct=True, filter=Q(aanwezig=True)),
        ingevuld=Count("pk", filter=Q(aanwezig__isnull=False)),
    )
    # With fewer people invited, even a 0 would say something about each of them.
    cijfers["te_weinig"] = not toonbaar(cijfers["uitgenodigd"])
    return cijfers


def voeg_aanwezigheid_toe(momenten) -> None:
    """Set `gekomen` (people who came) and `aanwezigheid_bekend` on each moment, in one
    query for all of them (the coordinator's overview)."""
    from django.db.models import Count

    pks = [m.pk for m in momenten]
    per_moment = {}
    if pks:
        per_moment = {
            r["moment_id"]: r
            for r in Herinnering.objects.filter(moment_id__in=pks)
            .values("moment_id")
            .annotate(
                gekomen=Count("user", distinct=True, filter=Q(aanwezig=True)),
                ingevuld=Count("pk", filter=Q(aanwezig__isnull=False)),
            )
            .order_by()
        }
    for m in momenten:
        r = per_moment.get(m.pk, {})
        m.gekomen = r.get("gekomen", 0)
        m.aanwezigheid_bekend = bool(r.get("ingevuld"))

"""Nazit planning: who is invited to a follow-up meeting (nazit), and when.

Every aanbod with its nazit on (Aanbod.nazit; never the walk-in) has a plan: its
NazitPlanMoment rows, or STANDAARD_PLAN (14, 42 and 91 days) when it has none. Who is
invited:

- a group that ends (a course, a workshop, a recovery group with an end date): everyone
  still in it on its last day, counted from that day. People who left a course or
  workshop early are not invited (they get a "we missen je" message elsewhere);
- an ongoing recovery group: whoever leaves it after taking part (present at one meeting
  at least), counted from the day they left. Their moments carry that day
  (NazitMoment.vertrek), so people who leave on the same day share them.

`plan_alle` (the daily job) and `plan_nazit(groep)` make NazitMoment rows and one
Herinnering per invited person per moment still ahead, in a fixed number of queries
however many groups and people. Everything is created with bulk_create(
ignore_conflicts=True) on the unique keys (groep + vertrek + days; user + groep +
moment), so running it again, daily or by hand, never creates anything twice.
"""

import datetime
from dataclasses import dataclass

from django.db import transaction
from django.db.models import Count, Exists, Max, OuterRef, Q
from django.utils import timezone

from groepen.models import Aanbod, Aanwezigheid, Bijeenkomst, Groep, Lidmaatschap

from .models import STANDAARD_PLAN, Herinnering, NazitMoment, NazitPlanMoment, NazorgVoorkeur

S = Herinnering.Status
VOORAF_DAGEN = 7  # a reminder goes out a week before the moment
VERSTUUR_UUR = 10  # at 10:00 local time
# How far back an end or a departure can lie and still have a moment ahead: the longest
# plan step a coordinator can choose (NazitPlanMoment allows up to 730 days).
HORIZON_DAGEN = 730
# Kinds of offer whose groups end with their last meeting. A recovery group ends only on
# its end date (it may have no meetings planned for a while and still be running).
EINDIGT_MET_LAATSTE_BIJEENKOMST = (
    Aanbod.Soort.CURSUS,
    Aanbod.Soort.WORKSHOP,
    Aanbod.Soort.CREATIEF,  # a series of painting or yoga meetings ends like a workshop
)
# Ongoing kinds: a participant who leaves is invited from the day they left.
DOORLOPEND = (Aanbod.Soort.HERSTELGROEP, Aanbod.Soort.LOTGENOTEN)
# Kinds nobody finishes: no nazit.
ZONDER_NAZIT = (Aanbod.Soort.INLOOP, Aanbod.Soort.GESPREK)


def plan_dagen(aanbod) -> list[int]:
    """The aanbod's plan as "days after the end", or the default plan."""
    dagen = list(
        NazitPlanMoment.objects.filter(aanbod=aanbod)
        .order_by("dagen_na_einde")
        .values_list("dagen_na_einde", flat=True)
    )
    return dagen or list(STANDAARD_PLAN)


def _plannen(aanbod_ids) -> dict[int, list[int]]:
    """plan_dagen for many offers in one query."""
    eigen: dict[int, list[int]] = {}
    rijen = (
        NazitPlanMoment.objects.filter(aanbod_id__in=aanbod_ids)
        .order_by("dagen_na_einde")
        .values_list("aanbod_id", "dagen_na_einde")
    )
    for aanbod_id, n in rijen:
        eigen.setdefault(aanbod_id, []).append(n)
    return {a: eigen.get(a) or list(STANDAARD_PLAN) for a in aanbod_ids}


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


def afgelopen_groepen(now=None, groepen=None):
    """Groups with the nazit on that have ended and whose moments could still lie ahead,
    each with `laatste` (its last meeting that went ahead, if any)."""
    now = now or timezone.now()
    vandaag = timezone.localdate(now)
    horizon = vandaag - datetime.timedelta(days=HORIZON_DAGEN)
    horizon_tijd = now - datetime.timedelta(days=HORIZON_DAGEN)
    komend = Bijeenkomst.objects.filter(groep=OuterRef("pk"), geannuleerd=False, begint_om__gte=now)
    qs = groepen if groepen is not None else Groep.objects.all()
    return (
        qs.filter(aanbod__nazit=True)
        .exclude(aanbod__soort__in=ZONDER_NAZIT)
        .annotate(
            laatste=Max("bijeenkomsten__begint_om", filter=Q(bijeenkomsten__geannuleerd=False)),
            heeft_komend=Exists(komend),
        )
        .filter(
            Q(einddatum__lt=vandaag, einddatum__gte=horizon)
            | Q(
                aanbod__soort__in=EINDIGT_MET_LAATSTE_BIJEENKOMST,
                laatste__lt=now,
                laatste__gte=horizon_tijd,
                heeft_komend=False,
            )
        )
        .select_related("aanbod")
    )


def vertrokken(now=None, groepen=None):
    """Participants who left an ongoing recovery group with the nazit on, after taking
    part (present at a meeting before they left), recently enough for a moment ahead."""
    now = now or timezone.now()
    meegedaan = Aanwezigheid.objects.filter(
        user=OuterRef("user"),
        bijeenkomst__groep=OuterRef("groep"),
        bijeenkomst__begint_om__lte=OuterRef("status_sinds"),
        status=Aanwezigheid.Status.AANWEZIG,
    )
    qs = Lidmaatschap.objects.filter(
        rol=Lidmaatschap.Rol.DEELNEMER,
        status=Lidmaatschap.Status.UITGESCHREVEN,
        status_sinds__gte=now - datetime.timedelta(days=HORIZON_DAGEN),
        status_sinds__lte=now,
        groep__aanbod__soort__in=DOORLOPEND,
        groep__aanbod__nazit=True,
        user__is_active=True,
    ).filter(Exists(meegedaan))
    if groepen is not None:
        qs = qs.filter(groep__in=groepen)
    return qs.values_list("groep_id", "groep__aanbod_id", "user_id", "status_sinds")


def plan_nazit(groep, now=None) -> PlanResultaat:
    """Plan the nazit of one group: its end, if it ended, and whoever left it. Idempotent."""
    return plan_alle(now, groepen=Groep.objects.filter(pk=groep.pk))


def plan_alle(now=None, groepen=None) -> PlanResultaat:
    """The daily job: plan every group that ended and everyone who left a recovery group.
    Safe to run any time; a fixed number of queries, whatever the number of groups."""
    now = now or timezone.now()
    # Who is invited from which day: (groep, vertrek) -> (aanbod, start day, {user: ...}).
    # vertrek is None for a group's end and the departure day for people who left.
    einden = {}
    for g in afgelopen_groepen(now, groepen):
        einde = timezone.localdate(g.laatste) if g.laatste is not None else g.einddatum
        einden[(g.pk, None)] = (g.aanbod_id, einde, set())
    vertrek = {}
    for groep_id, aanbod_id, user_id, sinds in vertrokken(now, groepen):
        dag = timezone.localdate(sinds)
        vertrek.setdefault((groep_id, dag), (aanbod_id, dag, set()))[2].add(user_id)
    if not einden and not vertrek:
        return PlanResultaat()
    eind_ids = {groep_id for groep_id, _ in einden}
    # In the group on its last day: taking part now, or cancelled only after that day.
    for groep_id, user_id, status, sinds in Lidmaatschap.objects.filter(
        groep_id__in=eind_ids,
        rol=Lidmaatschap.Rol.DEELNEMER,
        status__in=(Lidmaatschap.Status.ACTIEF, Lidmaatschap.Status.UITGESCHREVEN),
        user__is_active=True,
    ).values_list("groep_id", "user_id", "status", "status_sinds"):
        _, einde, mensen = einden[(groep_id, None)]
        if status == Lidmaatschap.Status.ACTIEF or timezone.localdate(sinds) > einde:
            mensen.add(user_id)
    uitnodigen = {**einden, **vertrek}
    groep_ids = {groep_id for groep_id, _ in uitnodigen}
    with transaction.atomic():
        resultaat = PlanResultaat()
        momenten = _maak_momenten(uitnodigen, groep_ids, now, resultaat)
        _maak_herinneringen(uitnodigen, groep_ids, momenten, now, resultaat)
    return resultaat


def _maak_momenten(uitnodigen, groep_ids, now, resultaat) -> dict:
    """The moments of every (groep, vertrek), made where missing: key -> [moments]."""
    plannen = _plannen({aanbod_id for aanbod_id, _, _ in uitnodigen.values()})
    vandaag = timezone.localdate(now)

    def bestaande():
        per_sleutel = {}
        for m in NazitMoment.objects.filter(groep_id__in=groep_ids):
            per_sleutel.setdefault((m.groep_id, m.vertrek), []).append(m)
        return per_sleutel

    per_sleutel = bestaande()
    nieuw = []
    for (groep_id, vertrek), (aanbod_id, begin, _) in uitnodigen.items():
        al = {m.dagen_na_einde for m in per_sleutel.get((groep_id, vertrek), [])}
        for n in plannen[aanbod_id]:
            datum = begin + datetime.timedelta(days=n)
            # A moment that already passed would invite nobody: not made (so a group or
            # departure planned late does not fill the facilitators' list with them).
            if n in al or datum < vandaag:
                continue
            nieuw.append(
                NazitMoment(groep_id=groep_id, vertrek=vertrek, dagen_na_einde=n, datum=datum)
            )
    if nieuw:
        NazitMoment.objects.bulk_create(nieuw, ignore_conflicts=True, batch_size=1000)
        resultaat.momenten = len(nieuw)
        per_sleutel = bestaande()
    return per_sleutel


def _maak_herinneringen(uitnodigen, groep_ids, momenten, now, resultaat) -> None:
    """One reminder per invited person per moment still ahead; stopped people get theirs
    as AFGEMELD, so the row exists (and they can start again) but nothing is sent."""
    gestopt = set(
        NazorgVoorkeur.objects.filter(
            Q(groep_id__in=groep_ids) | Q(groep__isnull=True), gestopt=True
        ).values_list("user_id", "groep_id")
    )
    moment_ids = [m.pk for rij in momenten.values() for m in rij]
    al_gepland = set(
        Herinnering.objects.filter(moment_id__in=moment_ids).values_list("user_id", "moment_id")
    )
    rijen = []
    for (groep_id, vertrek), (_, _, mensen) in uitnodigen.items():
        for moment in momenten.get((groep_id, vertrek), []):
            verstuur_op = verstuurmoment(moment.datum, now)
            # A nazit that was called off invites nobody (until it gets a date again).
            if verstuur_op is None or moment.afgelast:
                continue
            for user_id in mensen:
                if (user_id, moment.pk) in al_gepland:
                    continue
                stop = (user_id, groep_id) in gestopt or (user_id, None) in gestopt
                rijen.append(
                    Herinnering(
                        user_id=user_id,
                        groep_id=groep_id,
                        moment=moment,
                        status=S.AFGEMELD if stop else S.GEPLAND,
                        verstuur_op=verstuur_op,
                    )
                )
    Herinnering.objects.bulk_create(rijen, ignore_conflicts=True, batch_size=1000)
    resultaat.herinneringen = len(rijen)


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


def antwoorden() -> dict:
    """The answers and attendance of a moment's reminders as aggregates: the moment's
    page and the follow-up overview count them the same way."""
    A = Herinnering.Antwoord
    return {
        "ja": Count("pk", filter=Q(antwoord=A.JA)),
        "misschien": Count("pk", filter=Q(antwoord=A.MISSCHIEN)),
        "nee": Count("pk", filter=Q(antwoord=A.NEE)),
        "gekomen": Count("user", distinct=True, filter=Q(aanwezig=True)),
        "ingevuld": Count("pk", filter=Q(aanwezig__isnull=False)),
    }


def moment_cijfers(moment) -> dict:
    """Counts of people for one moment (answers and attendance), no names."""
    from deelnemers.privacy import toonbaar

    cijfers = Herinnering.objects.filter(moment=moment).aggregate(
        uitgenodigd=Count("user", distinct=True), **antwoorden()
    )
    # With fewer people invited, even a 0 would say something about each of them.
    cijfers["te_weinig"] = not toonbaar(cijfers["uitgenodigd"])
    return cijfers

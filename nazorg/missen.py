"""Those who stop along the way: "misschien even contact?".

WHAT COUNTS AS A SIGNAL
- Missed twice: a participant whose two most recent meetings of a group (past, not
  cancelled, both after their enrolment became active) are both registered AFWEZIG. An
  apology (AFGEMELD) is not missing; a meeting whose register is not filled in is not
  known, so it never makes a signal. One signal per absence SERIES: the series starts at
  the first AFWEZIG after the last time they came (AANWEZIG), and that first missed
  meeting is the signal's key. A third or fourth miss, or an apology in between, is the
  same series; only after they came again can a new one start.
- Left early: a participant whose enrolment went to UITGESCHREVEN in a course or workshop
  (a group with an end) that still had meetings ahead, after they had taken part (they
  are on the register of a meeting before they left). Keyed by the moment they left.
Only recent events count (VENSTER), so the job never digs up old history, and the walk-in
(no enrolment, no register) never makes a signal.

The group's facilitators see open signals on their home: a first name, the group, what
happened and since when; no judgement, no score. One of them marks it handled ("we
hebben contact gehad" / "laat maar") and it leaves the home of all of them. Coordinators
only see counts (cijfers), never names.

Finding signals is set-based: one query for each kind of signal, one insert with
bulk_create(ignore_conflicts=True) on the unique keys of Missen, so running it again (or
twice at once) never makes a second row. The message it sends: missen_bericht.py.
"""

import datetime

from django.db.models import Count, Exists, F, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone

from groepen.models import Aanbod, Aanwezigheid, Bijeenkomst, Groep, Lidmaatschap

from .models import Missen, MissenVoorkeur

# Events older than this are left alone (also on the first run after an upgrade).
VENSTER = datetime.timedelta(days=28)
# A person who just had a message from this group, or said "ik stop liever", gets no
# goodbye message when they then leave it: they heard from us already.
RECENT = 2 * VENSTER

A = Aanwezigheid.Status
S = Missen.Soort
B = Missen.Bericht


def _berichten_uit():
    return Exists(MissenVoorkeur.objects.filter(user=OuterRef("user"), berichten=False))


def afwezig_kandidaten(nu):
    """Active participants whose last two meetings are both AFWEZIG and who have no signal
    for this absence series yet, with `reeks_id` / `reeks_op` (the first missed meeting of
    the series) and `uit` (messages turned off). One query."""
    na_start = {
        "groep": OuterRef("groep"),
        "geannuleerd": False,
        "begint_om__lt": nu,
        "begint_om__gt": OuterRef("status_sinds"),
    }
    geweest = Bijeenkomst.objects.filter(**na_start).order_by("-begint_om", "-pk").values("pk")
    gekomen = (
        Aanwezigheid.objects.filter(
            user=OuterRef("user"),
            status=A.AANWEZIG,
            bijeenkomst__groep=OuterRef("groep"),
            bijeenkomst__geannuleerd=False,
            bijeenkomst__begint_om__lt=nu,
            bijeenkomst__begint_om__gt=OuterRef("status_sinds"),
        )
        .order_by("-bijeenkomst__begint_om")
        .values("bijeenkomst__begint_om")[:1]
    )
    reeks = Aanwezigheid.objects.filter(
        user=OuterRef("user"),
        status=A.AFWEZIG,
        bijeenkomst__groep=OuterRef("groep"),
        bijeenkomst__geannuleerd=False,
        bijeenkomst__begint_om__lt=nu,
        bijeenkomst__begint_om__gt=OuterRef("terug_op"),
    ).order_by("bijeenkomst__begint_om", "bijeenkomst__pk")

    def afwezig_bij(veld):
        return Exists(
            Aanwezigheid.objects.filter(
                bijeenkomst=OuterRef(veld), user=OuterRef("user"), status=A.AFWEZIG
            )
        )

    recente_groepen = Bijeenkomst.objects.filter(
        geannuleerd=False, begint_om__lt=nu, begint_om__gte=nu - VENSTER
    ).values("groep")
    al_gemeld = Missen.objects.filter(
        user=OuterRef("user"),
        groep=OuterRef("groep"),
        soort=S.AFWEZIG,
        sinds__gt=OuterRef("terug_op"),
    )
    return (
        Lidmaatschap.objects.deelnemers()
        .filter(user__is_active=True, groep__in=recente_groepen)
        .exclude(groep__aanbod__soort=Aanbod.Soort.INLOOP)
        .annotate(laatste=Subquery(geweest[:1]), voorlaatste=Subquery(geweest[1:2]))
        .filter(laatste__isnull=False, voorlaatste__isnull=False)
        .filter(afwezig_bij("laatste"), afwezig_bij("voorlaatste"))
        .annotate(terug_op=Coalesce(Subquery(gekomen), F("status_sinds")))
        .filter(~Exists(al_gemeld))
        .annotate(
            reeks_id=Subquery(reeks.values("bijeenkomst")[:1]),
            reeks_op=Subquery(reeks.values("bijeenkomst__begint_om")[:1]),
            uit=_berichten_uit(),
        )
        .values("user_id", "groep_id", "reeks_id", "reeks_op", "uit")
    )


def vertrek_kandidaten(nu):
    """Participants who recently left a course or workshop that still had meetings ahead,
    after taking part, and have no signal for that leave yet. One query."""
    nog_bijeenkomsten = Bijeenkomst.objects.filter(
        groep=OuterRef("groep"), geannuleerd=False, begint_om__gt=OuterRef("status_sinds")
    )
    meegedaan = Aanwezigheid.objects.filter(
        user=OuterRef("user"),
        bijeenkomst__groep=OuterRef("groep"),
        bijeenkomst__begint_om__lt=OuterRef("status_sinds"),
    )
    eerder = Missen.objects.filter(user=OuterRef("user"), groep=OuterRef("groep"))
    return (
        Lidmaatschap.objects.filter(
            rol=Lidmaatschap.Rol.DEELNEMER,
            status=Lidmaatschap.Status.UITGESCHREVEN,
            status_sinds__gte=nu - VENSTER,
            status_sinds__lte=nu,
            user__is_active=True,
            groep__einddatum__isnull=False,
            groep__aanbod__soort__in=(Aanbod.Soort.CURSUS, Aanbod.Soort.WORKSHOP),
        )
        .filter(Exists(nog_bijeenkomsten), Exists(meegedaan))
        # Said "ik stop liever" first: the facilitators know already, and they asked
        # for nothing more.
        .exclude(
            Exists(
                eerder.filter(
                    stop_liever_op__lte=OuterRef("status_sinds"), stop_liever_op__gte=nu - RECENT
                )
            )
        )
        .exclude(Exists(eerder.filter(soort=S.UITGESCHREVEN, sinds=OuterRef("status_sinds"))))
        .annotate(
            uit=_berichten_uit(),
            net_bericht=Exists(
                eerder.filter(
                    bericht__in=(B.GEPLAND, B.BEZIG, B.VERZONDEN), aangemaakt_op__gte=nu - RECENT
                )
            ),
        )
        .values("user_id", "groep_id", "status_sinds", "uit", "net_bericht")
    )


def vind_signalen(nu=None) -> int:
    """Make the signals of today. Idempotent: the unique keys of Missen and the
    "al gemeld" conditions above make a re-run add nothing. Three queries."""
    nu = nu or timezone.now()
    rijen = [
        Missen(
            user_id=k["user_id"],
            groep_id=k["groep_id"],
            soort=S.AFWEZIG,
            bijeenkomst_id=k["reeks_id"],
            sinds=k["reeks_op"],
            aangemaakt_op=nu,
            bericht=B.GEEN if k["uit"] else B.GEPLAND,
        )
        for k in afwezig_kandidaten(nu)
        if k["reeks_id"] is not None
    ]
    rijen += [
        Missen(
            user_id=k["user_id"],
            groep_id=k["groep_id"],
            soort=S.UITGESCHREVEN,
            sinds=k["status_sinds"],
            aangemaakt_op=nu,
            bericht=B.GEEN if k["uit"] or k["net_bericht"] else B.GEPLAND,
        )
        for k in vertrek_kandidaten(nu)
    ]
    Missen.objects.bulk_create(rijen, ignore_conflicts=True)
    return len(rijen)


# --- For the group's facilitators -----------------------------------------------------------


def voor_facilitator(user, nu=None, groep_ids=None) -> list[Missen]:
    """Open signals of the groups this person facilitates, newest first. A person who
    missed twice and has come again since needs no call: that signal is left out.
    `groep_ids`: those groups when the caller has them already (the facilitator home),
    a simpler query. One query, however many signals or groups."""
    nu = nu or timezone.now()
    if groep_ids is None:
        groep_ids = Groep.objects.met_rol(user, Lidmaatschap.Rol.FACILITATOR).values("pk")
    weer_gekomen = Aanwezigheid.objects.filter(
        user=OuterRef("user"),
        status=A.AANWEZIG,
        bijeenkomst__groep=OuterRef("groep"),
        bijeenkomst__begint_om__gt=OuterRef("sinds"),
        bijeenkomst__begint_om__lt=nu,
    )
    return list(
        Missen.objects.filter(
            groep__in=groep_ids,
            afgehandeld_op__isnull=True,
        )
        .exclude(Q(soort=S.AFWEZIG) & Exists(weer_gekomen))
        .select_related("user", "groep")
        .only(
            "pk",
            "soort",
            "sinds",
            "stop_liever_op",
            "uitgeschreven_via_link",
            "user__roepnaam",
            "groep__naam",
        )
        .order_by("-sinds", "-pk")
    )


def signaal_voor_facilitator(user, pk):
    """The signal, if it belongs to a group this person facilitates; else None."""
    return Missen.objects.filter(
        pk=pk, groep__in=Groep.objects.met_rol(user, Lidmaatschap.Rol.FACILITATOR).values("pk")
    ).first()


def handel_af(signaal: Missen, door, afhandeling: str) -> bool:
    """Mark handled for the whole group. False when it was handled already."""
    if afhandeling not in Missen.Afhandeling.values:
        raise ValueError(afhandeling)
    return bool(
        Missen.objects.filter(pk=signaal.pk, afgehandeld_op__isnull=True).update(
            afgehandeld_op=timezone.now(), afgehandeld_door=door, afhandeling=afhandeling
        )
    )


# --- The person's choice --------------------------------------------------------------------


def berichten_aan(user) -> bool:
    return not MissenVoorkeur.objects.filter(user=user, berichten=False).exists()


def zet_berichten(user, aan: bool) -> None:
    MissenVoorkeur.objects.update_or_create(user=user, defaults={"berichten": aan})


# --- For coordinators: counts only ----------------------------------------------------------


def cijfers(nu=None) -> dict:
    """This calendar month: how many people were missed (a signal), got a message, and
    said "ik stop liever". People, not rows; shown through MIN_AGGREGATE. One query."""
    nu = timezone.localtime(nu or timezone.now())
    begin = nu.replace(day=1, hour=0, minute=0, second=0, microsecond=0)
    # Only rows with something this month (on the three date indexes), not all history.
    deze_maand = (
        Q(aangemaakt_op__gte=begin) | Q(verzonden_op__gte=begin) | Q(stop_liever_op__gte=begin)
    )
    return Missen.objects.filter(deze_maand).aggregate(
        signalen=Count("user", distinct=True, filter=Q(aangemaakt_op__gte=begin)),
        berichten=Count("user", distinct=True, filter=Q(verzonden_op__gte=begin)),
        stop_liever=Count("user", distinct=True, filter=Q(stop_liever_op__gte=begin)),
    )

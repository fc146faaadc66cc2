"""Planning by coordinators: the offer, groups with their schedule, single meetings,
moving and cancelling a meeting, and a group's facilitators.

Times are entered as local dates and clock times (Europe/Amsterdam). A series is built
by combining each local date with the local start time, so a weekly 13:30 meeting stays
at 13:30 across the change to and from summer time.

Everything that changes a meeting people already count on (moving, cancelling) raises
the meeting's volgnummer (the iCalendar SEQUENCE) and emails the group after the change
is saved.
"""

import datetime
from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import Count, Min, ProtectedError, Q
from django.utils import formats, timezone, translation
from django.utils.translation import gettext_lazy as _

from . import inschrijving, mail, signals
from .models import Aanbod, Bijeenkomst, Groep, Lidmaatschap

MAX_BIJEENKOMSTEN = 60
MAX_WEKEN_TUSSEN = 8


class PlanningFout(Exception):
    """A reason, in plain words, why a plan cannot be saved; `veld` names the form field."""

    def __init__(self, bericht, veld: str | None = None):
        super().__init__(bericht)
        self.bericht = bericht
        self.veld = veld


class StartInVerleden(PlanningFout):
    """A new group would start in the past. Sometimes that is right (a group that already
    runs, entered afterwards), so the coordinator may confirm it instead of being refused."""


# --- Times -------------------------------------------------------------------------------


def lokaal(datum: datetime.date, tijd: datetime.time) -> datetime.datetime:
    """A local date and clock time as an aware datetime in the academy's time zone."""
    return timezone.make_aware(
        datetime.datetime.combine(datum, tijd), timezone.get_default_timezone()
    )


def tijden(datum, begintijd, eindtijd) -> tuple[datetime.datetime, datetime.datetime]:
    if eindtijd <= begintijd:
        raise PlanningFout(
            _("The end time is before the start time. Check both times."), "eindtijd"
        )
    return lokaal(datum, begintijd), lokaal(datum, eindtijd)


def controleer_toekomst(begin: datetime.datetime, datum_veld="datum", tijd_veld="begintijd"):
    now = timezone.now()
    if begin >= now:
        return
    if timezone.localtime(begin).date() < timezone.localdate(now):
        raise PlanningFout(
            _("This date has already passed. Choose today or a day after it."), datum_veld
        )
    raise PlanningFout(_("This time has already passed today. Choose a later time."), tijd_veld)


@dataclass(frozen=True)
class Schema:
    eerste_datum: datetime.date
    begintijd: datetime.time
    aantal: int
    elke_n_weken: int
    duur_minuten: int

    def reeks(self) -> list[tuple[datetime.datetime, datetime.datetime]]:
        """(start, end) of every meeting; local clock times are kept across DST."""
        duur = datetime.timedelta(minutes=self.duur_minuten)
        uitkomst = []
        for i in range(self.aantal):
            datum = self.eerste_datum + datetime.timedelta(weeks=i * self.elke_n_weken)
            begin = datetime.datetime.combine(datum, self.begintijd)
            eind = begin + duur
            uitkomst.append((lokaal(datum, begin.time()), lokaal(eind.date(), eind.time())))
        return uitkomst


def controleer_schema(aanbod: Aanbod, schema: Schema, verleden_ok: bool = False) -> None:
    """Raise PlanningFout for the first problem with a schedule; StartInVerleden when the
    first meeting has passed and the coordinator did not confirm that (`verleden_ok`)."""
    if aanbod.is_gesprek:
        # No groups for one-to-one conversations: otherwise they would count as groups in
        # every dashboard. Peer experts open times themselves (groepen/gesprek.py).
        raise PlanningFout(
            _(
                "A conversation with a peer expert has no groups or meetings. Peer experts "
                "open their own times on the page “Your conversations”."
            )
        )
    if schema.aantal < 1:
        raise PlanningFout(_("Plan at least one meeting."), "aantal")
    if schema.aantal > MAX_BIJEENKOMSTEN:
        raise PlanningFout(
            _("Plan at most %(max)s meetings at once. You can add more later.")
            % {"max": MAX_BIJEENKOMSTEN},
            "aantal",
        )
    if aanbod.soort == Aanbod.Soort.WORKSHOP and schema.aantal != 1:
        raise PlanningFout(_("A workshop has one meeting."), "aantal")
    if not 1 <= schema.elke_n_weken <= MAX_WEKEN_TUSSEN:
        raise PlanningFout(
            _("Choose a number from 1 to %(max)s.") % {"max": MAX_WEKEN_TUSSEN}, "elke_n_weken"
        )
    begin, eind = schema.reeks()[0]
    if timezone.localtime(eind).date() != timezone.localtime(begin).date():
        raise PlanningFout(
            _(
                "With this start time and length the meeting would end after midnight, "
                "so the end comes before the start. Choose an earlier time or a shorter length."
            ),
            "duur_minuten",
        )
    if verleden_ok or begin >= timezone.now():
        return
    if timezone.localtime(begin).date() < timezone.localdate():
        raise StartInVerleden(
            _(
                "This date has already passed. Is that right, for example because the group "
                "already started? Then tick the box below and save again."
            ),
            "eerste_datum",
        )
    raise StartInVerleden(
        _(
            "This time has already passed today. Is that right? Then tick the box below "
            "and save again."
        ),
        "begintijd",
    )


# Ongoing kinds have no end date: a recovery group, a peer support group (lotgenoten, which
# works like a recovery group) and the walk-in. A creative/body offer (creatief) is not
# ongoing: like a workshop or a course it is a series that ends.
DOORLOPEND = (Aanbod.Soort.HERSTELGROEP, Aanbod.Soort.LOTGENOTEN, Aanbod.Soort.INLOOP)


def _is_doorlopend(aanbod: Aanbod) -> bool:
    return aanbod.soort in DOORLOPEND


def plan_groep(
    aanbod: Aanbod,
    *,
    naam: str,
    capaciteit: int | None,
    schema: Schema,
    plek=None,
    locatie: str = "",
    verleden_ok: bool = False,
) -> Groep:
    """Create a group and all its meetings in one transaction."""
    controleer_schema(aanbod, schema, verleden_ok)
    reeks = schema.reeks()
    with transaction.atomic():
        groep = Groep.objects.create(
            aanbod=aanbod,
            naam=naam,
            plek=plek,
            locatie="" if plek else locatie,
            capaciteit=capaciteit,
            startdatum=timezone.localtime(reeks[0][0]).date(),
            einddatum=None if _is_doorlopend(aanbod) else timezone.localtime(reeks[-1][0]).date(),
        )
        Bijeenkomst.objects.bulk_create(
            Bijeenkomst(groep=groep, begint_om=begin, eindigt_om=eind) for begin, eind in reeks
        )
    return groep


def _houd_datums_bij(groep: Groep, datum: datetime.date) -> None:
    """A meeting outside the group's dates widens them (the status follows the dates)."""
    velden = []
    if datum < groep.startdatum:
        groep.startdatum = datum
        velden.append("startdatum")
    if groep.einddatum is not None and datum > groep.einddatum:
        groep.einddatum = datum
        velden.append("einddatum")
    if velden:
        groep.save(update_fields=velden)


# --- Single meetings -----------------------------------------------------------------------


def voeg_bijeenkomst_toe(
    groep_id: int, *, datum, begintijd, eindtijd, plek=None, locatie=""
) -> Bijeenkomst:
    begin, eind = tijden(datum, begintijd, eindtijd)
    controleer_toekomst(begin)
    with transaction.atomic():
        groep = Groep.objects.select_for_update().get(pk=groep_id)
        bijeenkomst = Bijeenkomst.objects.create(
            groep=groep, begint_om=begin, eindigt_om=eind, plek=plek, locatie=locatie
        )
        _houd_datums_bij(groep, datum)
    return bijeenkomst


def _ontvangers(groep_id: int) -> list[int]:
    """Everyone taking part and the facilitators; not the waiting list."""
    return list(
        Lidmaatschap.objects.actief()
        .filter(groep=groep_id)
        .order_by("pk")
        .values_list("user_id", flat=True)
    )


def wanneer(begin: datetime.datetime, eind: datetime.datetime) -> str:
    """E.g. "dinsdag 3 maart 2026, 13:30-16:00" (en dash), in the language of the mails."""
    begin, eind = timezone.localtime(begin), timezone.localtime(eind)
    with translation.override(settings.LANGUAGE_CODE):
        dag = formats.date_format(begin, "l j F Y")
    return f"{dag}, {begin:%H:%M}–{eind:%H:%M}"


def _nog_te_wijzigen(bijeenkomst: Bijeenkomst) -> None:
    if bijeenkomst.geannuleerd:
        raise PlanningFout(_("This meeting has been cancelled, so it cannot be changed."))
    if bijeenkomst.begint_om < timezone.now():
        raise PlanningFout(_("This meeting has already taken place, so it cannot be changed."))


def verplaats(bijeenkomst_id: int, *, datum, begintijd, eindtijd, plek=None, locatie="") -> bool:
    """Move a meeting to a new time and/or place; email the group.

    Returns False when nothing changed (no mail is sent then).
    """
    begin, eind = tijden(datum, begintijd, eindtijd)
    with transaction.atomic():
        bijeenkomst = (
            Bijeenkomst.objects.select_for_update(of=("self",))
            .select_related("groep__plek", "plek")
            .get(pk=bijeenkomst_id)
        )
        _nog_te_wijzigen(bijeenkomst)
        plek_id = plek.pk if plek else None
        if (begin, eind, plek_id, locatie) == (
            bijeenkomst.begint_om,
            bijeenkomst.eindigt_om,
            bijeenkomst.plek_id,
            bijeenkomst.locatie,
        ):
            return False
        controleer_toekomst(begin)
        oud = {
            "oud_wanneer": wanneer(bijeenkomst.begint_om, bijeenkomst.eindigt_om),
            # Text, not the Locatie: this travels to the mail task as JSON.
            "oude_plaats": str(bijeenkomst.plaats),
        }
        if bijeenkomst.oorspronkelijk_begint_om is None:
            bijeenkomst.oorspronkelijk_begint_om = bijeenkomst.begint_om
        bijeenkomst.begint_om, bijeenkomst.eindigt_om = begin, eind
        bijeenkomst.plek, bijeenkomst.locatie = plek, locatie
        bijeenkomst.volgnummer += 1
        velden = ["begint_om", "eindigt_om", "plek", "locatie"]
        velden += ["oorspronkelijk_begint_om", "volgnummer"]
        bijeenkomst.save(update_fields=[*velden, "gewijzigd_op"])
        _houd_datums_bij(bijeenkomst.groep, datum)
        ontvangers = _ontvangers(bijeenkomst.groep_id)
    mail.stuur_later("verplaatst", ontvangers, {"bijeenkomst_id": bijeenkomst_id, **oud})
    return True


def afgelasten(bijeenkomst_id: int) -> None:
    """Cancel a meeting; it stays visible (marked cancelled) and the group gets an email."""
    with transaction.atomic():
        bijeenkomst = Bijeenkomst.objects.select_for_update().get(pk=bijeenkomst_id)
        _nog_te_wijzigen(bijeenkomst)
        bijeenkomst.geannuleerd = True
        bijeenkomst.volgnummer += 1
        bijeenkomst.save(update_fields=["geannuleerd", "volgnummer", "gewijzigd_op"])
        ontvangers = _ontvangers(bijeenkomst.groep_id)
    mail.stuur_later("afgelast", ontvangers, {"bijeenkomst_id": bijeenkomst_id})


# --- Groups --------------------------------------------------------------------------------


def controleer_einddatum(startdatum: datetime.date, einddatum: datetime.date | None) -> None:
    if einddatum is not None and einddatum < startdatum:
        raise PlanningFout(
            _("The end date is before the start date (%(start)s). Choose a later date.")
            % {"start": formats.date_format(startdatum)},
            "einddatum",
        )


def pas_groep_aan(
    groep_id: int, *, naam, capaciteit, einddatum, plek=None, locatie=None
) -> list[Lidmaatschap]:
    """Save a group's details. More places move the waiting list up (they get an email);
    fewer places than people already taking part is refused. Returns who moved up.
    Choosing a location replaces an old free-text place; without one (and without a new
    `locatie` text) the old text is kept, so nothing is lost."""
    with transaction.atomic():
        groep = Groep.objects.select_for_update().get(pk=groep_id)
        controleer_einddatum(groep.startdatum, einddatum)
        if capaciteit is not None:
            bezet = Lidmaatschap.objects.deelnemers().filter(groep=groep).count()
            if capaciteit < bezet:
                raise PlanningFout(
                    _(
                        "More people already take part than this number of places. "
                        "Choose a higher number: nobody loses their place."
                    ),
                    "capaciteit",
                )
        meer_plaatsen = groep.capaciteit is not None and (
            capaciteit is None or capaciteit > groep.capaciteit
        )
        groep.naam, groep.plek = naam, plek
        if plek is not None:
            groep.locatie = ""
        elif locatie is not None:
            groep.locatie = locatie
        groep.capaciteit, groep.einddatum = capaciteit, einddatum
        groep.save(update_fields=["naam", "plek", "locatie", "capaciteit", "einddatum"])
    if meer_plaatsen:
        return inschrijving.vul_vrije_plaatsen(groep_id)
    return []


def voeg_facilitator_toe(groep_id: int, email: str, vrijwilliger: bool) -> Lidmaatschap:
    user = (
        get_user_model()
        .objects.filter(email__iexact=email.strip(), is_active=True)
        .order_by("pk")
        .first()
    )
    if user is None:
        raise PlanningFout(
            _(
                "We don't know anyone with this email address. Check it, or ask the person "
                "to create an account first."
            ),
            "email",
        )
    return maak_facilitator(groep_id, user, vrijwilliger)


def maak_facilitator(groep_id: int, user, vrijwilliger: bool, veld="email") -> Lidmaatschap:
    """Make `user` a facilitator of the group; `veld` is the form field for a refusal."""
    now = timezone.now()
    with transaction.atomic():
        Groep.objects.select_for_update().get(pk=groep_id)
        lid = Lidmaatschap.objects.filter(groep=groep_id, user=user).first()
        if lid is not None and lid.status != Lidmaatschap.Status.UITGESCHREVEN:
            if lid.rol == Lidmaatschap.Rol.FACILITATOR:
                raise PlanningFout(_("This person is already a facilitator of this group."), veld)
            raise PlanningFout(
                _(
                    "This person takes part in this group or is on its waiting list. "
                    "Someone cannot be a participant and a facilitator of the same group."
                ),
                veld,
            )
        if lid is None:
            lid = Lidmaatschap.objects.create(
                groep_id=groep_id,
                user=user,
                rol=Lidmaatschap.Rol.FACILITATOR,
                status=Lidmaatschap.Status.ACTIEF,
                vrijwilliger=vrijwilliger,
                sinds=now,
                status_sinds=now,
            )
        else:
            # Someone who left this group earlier: the same row, so their history stays
            # whole. The new start counts: they read only what is shared from now on.
            lid.rol, lid.status = Lidmaatschap.Rol.FACILITATOR, Lidmaatschap.Status.ACTIEF
            lid.vrijwilliger, lid.status_sinds = vrijwilliger, now
            lid.save(update_fields=["rol", "status", "vrijwilliger", "status_sinds"])
        # Inside the transaction: the participants' notices are stored with it, once.
        signals.facilitator_begonnen.send(sender=Lidmaatschap, lidmaatschap=lid)
        return lid


def verwijder_facilitator(lid: Lidmaatschap) -> None:
    """The row stays (status "uitgeschreven"), so what they recorded keeps its author."""
    lid.status = Lidmaatschap.Status.UITGESCHREVEN
    lid.status_sinds = timezone.now()
    lid.save(update_fields=["status", "status_sinds"])


# --- Offer ---------------------------------------------------------------------------------


def wissel_archief(aanbod_id: int) -> bool:
    """Archive, or bring back from the archive. Returns the new state."""
    with transaction.atomic():
        aanbod = Aanbod.objects.select_for_update().get(pk=aanbod_id)
        aanbod.gearchiveerd = not aanbod.gearchiveerd
        aanbod.save(update_fields=["gearchiveerd"])
    return aanbod.gearchiveerd


def verwijder_aanbod(aanbod_id: int) -> bool:
    """Delete an offer without groups. One with groups is archived instead, so no group,
    enrolment or attendance is lost. Returns True when it was deleted."""
    with transaction.atomic():
        aanbod = Aanbod.objects.select_for_update().get(pk=aanbod_id)
        if not aanbod.groepen.exists():
            try:
                with transaction.atomic():
                    aanbod.delete()
                return True
            except ProtectedError:  # a group was added at this very moment
                pass
        aanbod.gearchiveerd = True
        aanbod.save(update_fields=["gearchiveerd"])
    return False


# --- Read models for the pages (a fixed number of queries each) ----------------------------


def aanbod_overzicht() -> dict:
    vandaag = timezone.localdate()
    lijst = list(
        Aanbod.objects.annotate(
            aantal_groepen=Count("groepen"),
            volgende_start=Min("groepen__startdatum", filter=Q(groepen__startdatum__gte=vandaag)),
        ).order_by("titel", "pk")
    )
    return {
        "actief": [a for a in lijst if not a.gearchiveerd],
        "gearchiveerd": [a for a in lijst if a.gearchiveerd],
    }


def groepen_van_aanbod(aanbod: Aanbod) -> list[Groep]:
    return list(
        aanbod.groepen.annotate(
            aantal_deelnemers=Count(
                "lidmaatschappen",
                filter=Q(
                    lidmaatschappen__rol=Lidmaatschap.Rol.DEELNEMER,
                    lidmaatschappen__status=Lidmaatschap.Status.ACTIEF,
                ),
                distinct=True,
            ),
            aantal_bijeenkomsten=Count(
                "bijeenkomsten", filter=Q(bijeenkomsten__geannuleerd=False), distinct=True
            ),
        ).order_by("-startdatum", "naam")
    )


def groep_overzicht(groep: Groep) -> dict:
    tellingen = Lidmaatschap.objects.filter(groep=groep).aggregate(
        deelnemers=Count(
            "pk",
            filter=Q(rol=Lidmaatschap.Rol.DEELNEMER, status=Lidmaatschap.Status.ACTIEF),
        ),
        wachtlijst=Count("pk", filter=Q(status=Lidmaatschap.Status.WACHTLIJST)),
    )
    return {
        # The reverse manager hands each meeting this same `groep`: no query per meeting.
        "bijeenkomsten": list(groep.bijeenkomsten.select_related("plek").order_by("begint_om")),
        "facilitators": list(
            Lidmaatschap.objects.facilitators()
            .filter(groep=groep)
            .select_related("user")
            .order_by("user__roepnaam", "pk")
        ),
        "aantal_deelnemers": tellingen["deelnemers"],
        "aantal_wachtlijst": tellingen["wachtlijst"],
        "nu": timezone.now(),
    }

"""Activities participants bring: proposing, changing, withdrawing, and the coordinator's
decisions (talk about it, not now, approve: the proposal becomes an offer with a first
group and the proposer as its co-facilitator).

Every change is one conditional UPDATE on the row as the person saw it (pk and versie, and
the states the change may start from). When two coordinators decide at once, or the
proposer edits while a coordinator decides, the database lets exactly one of them
change the row; the other gets False and is told what happened instead.
"""

import logging
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import Case, Count, Exists, F, OuterRef, Q, Value, When
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from groepen import planning, rollen
from groepen.models import Lidmaatschap, Vrijwilligersrol
from nazorg.models import Melding

from .models import Activiteitvoorstel

logger = logging.getLogger(__name__)

Status = Activiteitvoorstel.Status
PER_PAGINA = 20
# The proposer's home lists this many of their proposals; the page has all of them.
OP_HOME = 3


class AlBeslist(Exception):
    """The proposal changed since the coordinator opened it (another decision, an edit)."""


# --- Who may propose -------------------------------------------------------------------


def mag_voorstellen(user) -> bool:
    """Took part in a group (now or before) or holds or held a volunteer role. One query."""
    if not user or not user.is_authenticated or not user.is_active:
        return False
    return get_user_model().objects.filter(pk=user.pk).filter(mag_voorstellen_vraag()).exists()


def mag_voorstellen_vraag(vandaag=None) -> Q:
    """mag_voorstellen as a condition on the person's own User row, so a query that asks
    more about them can ask this too (doorgroei/home.py)."""
    eigen = OuterRef("pk")
    deelgenomen = Lidmaatschap.objects.filter(
        user=eigen,
        rol=Lidmaatschap.Rol.DEELNEMER,
        status__in=(Lidmaatschap.Status.ACTIEF, Lidmaatschap.Status.UITGESCHREVEN),
    )
    vandaag = vandaag or timezone.localdate()
    rol = Vrijwilligersrol.objects.filter(user=eigen, begint_op__lte=vandaag)
    return Q(Exists(deelgenomen)) | Q(Exists(rol))


# --- The proposer ----------------------------------------------------------------------


VELDEN = ("titel", "beschrijving", "voor_wie", "hoe_vaak", "nodig", "soort", "mail")


def dien_in(user, **velden) -> Activiteitvoorstel:
    nu = timezone.now()
    return Activiteitvoorstel.objects.create(
        indiener=user, aangemaakt_op=nu, gewijzigd_op=nu, **_alleen_velden(velden)
    )


def wijzig(voorstel: Activiteitvoorstel, versie: int, **velden) -> bool:
    """The proposer changes their text, only while nobody picked it up and only from the
    version they saw."""
    return bool(
        Activiteitvoorstel.objects.filter(
            pk=voorstel.pk, versie=versie, status=Status.INGEDIEND
        ).update(**_alleen_velden(velden), gewijzigd_op=timezone.now(), versie=F("versie") + 1)
    )


def trek_in(voorstel: Activiteitvoorstel) -> bool:
    """The proposer withdraws a proposal that is still open (any version: withdrawing is
    always what they mean, whatever the coordinator just wrote)."""
    return bool(
        Activiteitvoorstel.objects.open()
        .filter(pk=voorstel.pk)
        .update(status=Status.INGETROKKEN, gewijzigd_op=timezone.now(), versie=F("versie") + 1)
    )


def _alleen_velden(velden: dict) -> dict:
    return {k: v for k, v in velden.items() if k in VELDEN}


def van(user):
    """A person's own proposals, newest first, with what they became (one query)."""
    return Activiteitvoorstel.objects.van(user).select_related("aanbod")


# --- The coordinator -------------------------------------------------------------------


def voor_coordinator(status: str = ""):
    """Open ones first (oldest first: who waits longest comes first), then the rest,
    newest first. `status` narrows it to one state."""
    rijen = Activiteitvoorstel.objects.select_related("indiener", "beslist_door", "aanbod")
    if status in Status.values:
        rijen = rijen.filter(status=status)
    is_open = Q(status__in=Activiteitvoorstel.OPEN)
    return rijen.annotate(
        dicht=Case(When(is_open, then=Value(0)), default=Value(1)),
        wacht_sinds=Case(When(is_open, then=F("aangemaakt_op"))),
    ).order_by("dicht", "wacht_sinds", F("gewijzigd_op").desc(), "-pk")


def aantallen_open() -> dict:
    """How many wait for a first look and how many are being talked about (one query)."""
    return Activiteitvoorstel.objects.aggregate(
        ingediend=Count("pk", filter=Q(status=Status.INGEDIEND)),
        in_gesprek=Count("pk", filter=Q(status=Status.IN_GESPREK)),
    )


def _beslis(voorstel, versie, coordinator, status, notitie) -> bool:
    return bool(
        Activiteitvoorstel.objects.filter(
            pk=voorstel.pk, versie=versie, status__in=Activiteitvoorstel.OPEN
        ).update(
            status=status,
            notitie=notitie,
            beslist_op=timezone.now(),
            beslist_door=coordinator,
            gewijzigd_op=timezone.now(),
            versie=F("versie") + 1,
        )
    )


@transaction.atomic
def in_gesprek(voorstel, versie: int, coordinator, notitie: str) -> bool:
    """Invite the proposer to talk it over; again while talking updates the note."""
    if not _beslis(voorstel, versie, coordinator, Status.IN_GESPREK, notitie):
        return False
    _meld(voorstel, _("The coordinator would like to talk about your activity proposal"))
    return True


@transaction.atomic
def niet_nu(voorstel, versie: int, coordinator, notitie: str) -> bool:
    if not _beslis(voorstel, versie, coordinator, Status.NIET_NU, notitie):
        return False
    _meld(voorstel, _("There is news about your activity proposal"))
    return True


@dataclass
class Goedkeuring:
    """What approving needs, already validated by the forms (doorgroei/voorstel_forms.py)."""

    aanbod_form: object  # groepen.beheer_forms.AanbodForm, valid
    groep_form: object  # groepen.beheer_forms.GroepNieuwForm, valid
    notitie: str


def keur_goed(voorstel, versie: int, coordinator, goedkeuring: Goedkeuring):
    """Approve: claim the proposal, create the offer and its first group, and make the
    proposer co-facilitator, all in one transaction. Raises AlBeslist when someone else
    decided first (nothing is created), and PlanningFout when the schedule turned out
    wrong at the last moment (nothing is created either)."""
    with transaction.atomic():
        if not _beslis(voorstel, versie, coordinator, Status.GOEDGEKEURD, goedkeuring.notitie):
            raise AlBeslist
        aanbod = goedkeuring.aanbod_form.save()
        g = goedkeuring.groep_form
        d = g.cleaned_data
        g.aanbod = aanbod
        groep = planning.plan_groep(
            aanbod,
            naam=d["naam"],
            plek=d["plek"],
            capaciteit=d["capaciteit"],
            schema=g.schema(),
            verleden_ok=g.verleden_ok,
        )
        Activiteitvoorstel.objects.filter(pk=voorstel.pk).update(aanbod=aanbod, groep=groep)
        rollen.start_rol(
            voorstel.indiener, Vrijwilligersrol.Soort.COFACILITATOR, groep=groep, door=coordinator
        )
        _meld(voorstel, _("Your activity proposal is approved"))
    return aanbod, groep


# --- Telling the proposer --------------------------------------------------------------


def _meld(voorstel, titel: str) -> None:
    """An in-app notice, exactly once (created in the decision's transaction), and an
    email after the commit when the proposer asked for one."""
    link = reverse("doorgroei_voorstel", kwargs={"pk": voorstel.pk})
    Melding.objects.create(user_id=voorstel.indiener_id, titel=titel, link=link)
    if voorstel.mail:
        pk = voorstel.pk
        transaction.on_commit(lambda: _mail_later(pk))


def _mail_later(pk: int) -> None:
    from .voorstel_mail import stuur_voorstel_mail

    try:
        stuur_voorstel_mail.delay(pk)
    except Exception as exc:  # kombu raises several types when the broker is down
        # The decision and the in-app notice are saved; the mail is a courtesy.
        logger.error("Could not queue the proposal mail for %s (%s)", pk, type(exc))

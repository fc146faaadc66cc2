""" "Mijn verhaal": versions of one's own recovery story, and sharing it as getuigenis.

A story is kept as versions (VerhaalVersie): every save that changes something adds one,
nothing is overwritten. Sharing points the story at one group and at the version that
was latest at that moment; later drafts stay private until the author shares again.

The text is encrypted in the database (EncryptedTextField): it is only ever filtered on
by its owner and never logged, mailed or put in a URL or page title.
"""

import json
from dataclasses import dataclass

from django.db import transaction
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone

from groepen.models import Groep, Lidmaatschap

from .models import Verhaal, VerhaalVersie, facilitator_sinds
from .stappen import VERHAAL_DELEN

DEEL_MAX = 5000
TITEL_MAX = 150
SLEUTELS = tuple(deel.sleutel for deel in VERHAAL_DELEN)

# Reading a group's getuigenissen: its active members (herstelmodel/rules.py).
LEES_PERM = "herstelmodel.view_gedeeld"


# --- Content ---------------------------------------------------------------------------


def _normaal(tekst: str) -> str:
    return (tekst or "").replace("\r\n", "\n").replace("\r", "\n").strip()


def inhoud_van(delen: dict) -> dict:
    """Only the parts with text, in the order of VERHAAL_DELEN."""
    return {s: _normaal(delen.get(s, "")) for s in SLEUTELS if _normaal(delen.get(s, ""))}


def delen_van(versie: VerhaalVersie | None) -> dict:
    """The parts of a version as {sleutel: text}. Unknown keys (an older set of parts)
    are kept, so nothing anyone wrote disappears from view."""
    if versie is None:
        return {}
    try:
        data = json.loads(versie.inhoud)
    except (TypeError, ValueError):
        return {}
    return {str(k): str(v) for k, v in data.items() if v} if isinstance(data, dict) else {}


def woorden(versie: VerhaalVersie) -> int:
    return sum(len(tekst.split()) for tekst in delen_van(versie).values())


@dataclass
class Deeltekst:
    titel: str
    tekst: str


def leesbaar(versie: VerhaalVersie | None) -> list[Deeltekst]:
    """The parts of a version with their titles, for reading. Parts written under a key
    that no longer exists are shown after the others, without a title."""
    delen = delen_van(versie)
    lijst = [Deeltekst(d.titel, delen.pop(d.sleutel)) for d in VERHAAL_DELEN if d.sleutel in delen]
    lijst.extend(Deeltekst("", tekst) for tekst in delen.values())
    return lijst


# --- Versions --------------------------------------------------------------------------


def verhaal_van(user) -> Verhaal | None:
    return (
        Verhaal.objects.filter(auteur=user).select_related("gedeeld_met", "gedeelde_versie").first()
    )


def versies_van(user):
    """The one place that decides whose versions a person may open: only their own."""
    if not user.is_authenticated:
        return VerhaalVersie.objects.none()
    return VerhaalVersie.objects.filter(verhaal__auteur=user)


def laatste_versie(verhaal: Verhaal | None) -> VerhaalVersie | None:
    if verhaal is None:
        return None
    return verhaal.versies.order_by("-aangemaakt_op", "-pk").first()


@transaction.atomic
def opslaan(user, titel: str, delen: dict) -> tuple[VerhaalVersie, bool]:
    """Save a new version unless it is the same as the latest. Returns (version, new?)."""
    verhaal, _ = Verhaal.objects.select_for_update().get_or_create(auteur=user)
    titel, inhoud = _normaal(titel), inhoud_van(delen)
    laatste = laatste_versie(verhaal)
    if laatste is not None and laatste.titel == titel and delen_van(laatste) == inhoud:
        return laatste, False
    versie = VerhaalVersie.objects.create(
        verhaal=verhaal, titel=titel, inhoud=json.dumps(inhoud, ensure_ascii=False)
    )
    return versie, True


def herstellen(user, versie: VerhaalVersie) -> tuple[VerhaalVersie, bool]:
    """Make an earlier version the latest again (as a new version; history stays whole)."""
    return opslaan(user, versie.titel, delen_van(versie))


# --- Sharing as getuigenis -------------------------------------------------------------


def deelbare_groepen(user):
    """The groups a person takes part in now (as participant or facilitator)."""
    return Groep.objects.filter(
        pk__in=Lidmaatschap.objects.actief().filter(user=user).values("groep")
    ).order_by("naam", "pk")


@transaction.atomic
def delen(user, groep: Groep) -> Verhaal:
    """Share the latest version with a group. The caller checked the group (the form's
    choices); the permission is asked again here so no other path can skip it."""
    if not user.has_perm(LEES_PERM, groep):
        raise PermissionError("not an active member of this group")
    verhaal = Verhaal.objects.select_for_update().filter(auteur=user).first()
    laatste = laatste_versie(verhaal)
    if verhaal is None or laatste is None:
        raise ValueError("nothing written yet")
    verhaal.gedeeld_met = groep
    verhaal.gedeelde_versie = laatste
    verhaal.gedeeld_op = timezone.now()
    verhaal.save(update_fields=["gedeeld_met", "gedeelde_versie", "gedeeld_op"])
    return verhaal


def stoppen_met_delen(user) -> bool:
    """Stop sharing at once. Returns whether something was shared."""
    return bool(
        Verhaal.objects.filter(auteur=user, gedeeld_met__isnull=False).update(
            gedeeld_met=None, gedeelde_versie=None, gedeeld_op=None
        )
    )


@dataclass
class Deelstatus:
    groep: Groep | None
    versie: VerhaalVersie | None
    op: object
    nieuwere_versie: bool
    # Shared with a group the author has left: nobody there sees it any more.
    nog_zichtbaar: bool


def deelstatus(user, verhaal: Verhaal | None, laatste: VerhaalVersie | None) -> Deelstatus:
    if verhaal is None or verhaal.gedeeld_met_id is None or verhaal.gedeelde_versie_id is None:
        return Deelstatus(None, None, None, False, False)
    return Deelstatus(
        groep=verhaal.gedeeld_met,
        versie=verhaal.gedeelde_versie,
        op=verhaal.gedeeld_op,
        nieuwere_versie=laatste is not None and laatste.pk != verhaal.gedeelde_versie_id,
        nog_zichtbaar=user.has_perm(LEES_PERM, verhaal.gedeeld_met),
    )


def getuigenissen(groep: Groep, lezer) -> list[Verhaal]:
    """The stories shared with a group, by people who take part in it now. The caller
    has checked that `lezer` may see the group's shared entries (groep_voor).

    A facilitator reads only stories shared since they became facilitator of the group
    (as with reflections, herstelmodel.models.facilitator_sinds); participants read all.
    """
    leden = Lidmaatschap.objects.actief().filter(groep=groep).values("user")
    als_deelnemer = Lidmaatschap.objects.deelnemers().filter(user=lezer, groep=groep)
    mag_lezen = (
        Q(auteur=lezer)
        | Q(Exists(als_deelnemer))
        | Q(facilitator_sinds(lezer, OuterRef("gedeeld_met"), OuterRef("gedeeld_op")))
    )
    return list(
        Verhaal.objects.filter(
            mag_lezen,
            gedeeld_met=groep,
            gedeelde_versie__isnull=False,
            auteur__in=leden,
            auteur__is_active=True,
        )
        .select_related("auteur", "gedeelde_versie")
        .order_by("-gedeeld_op", "-pk")
    )

"""Who is in the community, who looks in, and when (anchor: Mind's Side by Side).

The rules themselves live with the models (models/toegang.community_lid for the
academy-wide space, Ruimte.objects.zichtbaar_voor, moderatie.is_moderator); this module
holds what people do with them: a host welcomes someone, a coordinator names or removes
a moderator, members read who looks in and when.

A host types an email address to welcome someone; the answer is the same whether or not
an account with that address exists, so the form cannot be used to find out who has an
account here.
"""

from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from django.urls import reverse
from django.utils import formats, translation
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from audit.log import record
from audit.models import AuditEvent
from groepen.models import Lidmaatschap, Vrijwilligersrol
from groepen.rollen import beeindig_rol, start_rol

from .models import CommunityWelkom, Melding, Ruimte
from .models.toegang import community_lid, moderatoren_van, moderatorrollen

ROL_WELKOM = "community_welkom"
ROL_MODERATOR = "community_moderator"


def is_lid(user) -> bool:
    """Member of the academy-wide space (took part in a group, or welcomed by a host)."""
    if not user.is_authenticated or not user.is_active:
        return False
    return get_user_model().objects.filter(community_lid(user), pk=user.pk).exists()


def _account(email):
    email = (email or "").strip()
    if not email:
        return None
    return get_user_model().objects.filter(email__iexact=email, is_active=True).first()


# --- Welcome (by a host) ---------------------------------------------------------------------


def verwelkom(host, email) -> None:
    """A host welcomes the person with this address. Nothing is said back about whether
    the address has an account; nothing is stored when it has none. Welcoming yourself
    does nothing either: someone else must let you in."""
    user = _account(email)
    if user is None or user.pk == host.pk:
        return
    with transaction.atomic():
        _welkom, nieuw = CommunityWelkom.objects.get_or_create(
            user=user, defaults={"welkom_door": host}
        )
        if not nieuw:
            return
        record(AuditEvent.Soort.ROL, actor=host, betreft=user, rol=ROL_WELKOM, aan=True)
        with translation.override(settings.LANGUAGE_CODE):
            titel = _("Welcome to the community. You can now join the conversations.")
        Melding.objects.create(user=user, titel=titel, link=reverse("community"))


# --- Moderators (named by a coordinator) ------------------------------------------------------


def stel_moderator_aan(coordinator, ruimte, email) -> Vrijwilligersrol | None:
    """Start a moderator role for the person with this address, for `ruimte` (the role's
    group is the space's group; none for the academy-wide space), from today. None: no
    such account. Someone who already moderates the space keeps their role."""
    user = _account(email)
    if user is None:
        return None
    with transaction.atomic():
        bestaand = moderatoren_van(ruimte).filter(user=user).first()
        if bestaand is not None:
            return bestaand
        rol = start_rol(
            user, Vrijwilligersrol.Soort.MODERATOR, groep=ruimte.groep, door=coordinator
        )
        record(
            AuditEvent.Soort.ROL,
            actor=coordinator,
            betreft=user,
            rol=ROL_MODERATOR,
            aan=True,
            ruimte=ruimte.pk,
        )
    return rol


def verwijder_moderator(coordinator, rol: Vrijwilligersrol, ruimte) -> None:
    """End the moderator role today: from the next page on they no longer read along."""
    with transaction.atomic():
        record(
            AuditEvent.Soort.ROL,
            actor=coordinator,
            betreft=rol.user,
            rol=ROL_MODERATOR,
            aan=False,
            ruimte=ruimte.pk,
        )
        beeindig_rol(rol, door=coordinator)


def ruimte_van_rol(rol: Vrijwilligersrol):
    """The space a moderator role is for (None when that group has no space yet)."""
    if rol.groep_id is None:
        return Ruimte.objects.filter(groep__isnull=True).first()
    return Ruimte.objects.filter(groep_id=rol.groep_id).first()


# --- Who looks in, and when ---------------------------------------------------------------------


@dataclass(frozen=True)
class Meekijker:
    naam: str
    rol: str


def wie_kijkt_mee(ruimte) -> list[Meekijker]:
    """The facilitators of the cohort's group and the named moderators, by first name and
    role. Two queries, however many there are."""
    mensen = []
    if ruimte.groep_id is not None:
        for lid in (
            Lidmaatschap.objects.facilitators()
            .filter(groep_id=ruimte.groep_id)
            .select_related("user")
            .order_by("user__roepnaam", "pk")
        ):
            mensen.append(Meekijker(lid.user.roepnaam, _("facilitator of this group")))
    for moderator in moderatoren_van(ruimte):
        rol = _("moderator")
        if moderator.user.is_coordinator:
            rol = _("moderator, also coordinator")
        mensen.append(Meekijker(moderator.user.roepnaam, rol))
    return mensen


def dagnamen():
    # Translated when asked for, in the language of the request.
    return [
        pgettext("weekday", "Monday"),
        pgettext("weekday", "Tuesday"),
        pgettext("weekday", "Wednesday"),
        pgettext("weekday", "Thursday"),
        pgettext("weekday", "Friday"),
        pgettext("weekday", "Saturday"),
        pgettext("weekday", "Sunday"),
    ]


def kijkuren_tekst(ruimte) -> str:
    """The moderation hours in plain words, e.g. "A facilitator looks in on Monday,
    Wednesday and Friday, from 10:00 to 17:00"."""
    dagen = ruimte.dagen
    if not dagen:
        return _("There are no fixed times when a facilitator looks in.")
    namen = dagnamen()
    if dagen == [0, 1, 2, 3, 4]:
        welke = _("from Monday to Friday")
    elif dagen == list(range(7)):
        welke = _("every day")
    elif len(dagen) == 1:
        welke = _("on %(dag)s") % {"dag": namen[dagen[0]]}
    else:
        welke = _("on %(dagen)s and %(laatste)s") % {
            "dagen": ", ".join(namen[d] for d in dagen[:-1]),
            "laatste": namen[dagen[-1]],
        }
    return _("A facilitator looks in %(dagen)s, from %(van)s to %(tot)s.") % {
        "dagen": welke,
        "van": formats.time_format(ruimte.kijk_van, "H:i"),
        "tot": formats.time_format(ruimte.kijk_tot, "H:i"),
    }


def ruimtes_voor_beheer():
    """Every space with its moderators (`benoemd`), for the coordinator: names and hours,
    no posts. Two queries, however many spaces and moderators."""
    ruimtes = list(Ruimte.objects.select_related("groep"))
    per_groep = {}
    for rol in moderatorrollen().select_related("user").order_by("user__roepnaam", "pk"):
        per_groep.setdefault(rol.groep_id, []).append(rol)
    for ruimte in ruimtes:
        ruimte.benoemd = per_groep.get(ruimte.groep_id, [])
    return ruimtes


def mag_kijkuren_wijzigen(user, ruimte) -> bool:
    from .moderatie import is_moderator

    return bool(user.is_authenticated and (user.is_coordinator or is_moderator(user, ruimte)))

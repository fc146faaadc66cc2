"""What the coordinator's roles pages and "Mijn rollen" show: who has which volunteer role,
whom a coordinator can find to give one, and what each role lets a person see and do.

Starting and ending goes through groepen/rollen.py (start_rol / beeindig_rol), like every
other path. A coordinator finds people who took part at the academy (a place in any
group, as participant or facilitator, or a role before): an account alone is not enough,
so the search cannot be used to find out who has an account here.
"""

from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .models import Lidmaatschap, Vrijwilligersrol

Soort = Vrijwilligersrol.Soort
MAX_TREFFERS = 20
MAX_ZOEKTEKST = 100

# What each role lets the person see and do, in plain words (shown on "Mijn rollen" and
# the coordinator's pages; docs/rollen.md says the same at more length).
UITLEG = {
    Soort.GASTHEER: _(
        "You welcome people at the walk-in. You count visitors there, and you see the "
        "requests for a first conversation (a first name and a way to reach them) so you "
        "can call or email. You do not see what people write in their groups."
    ),
    Soort.COFACILITATOR: _(
        "You help run a group. You see what its facilitators see: who takes part, the "
        "attendance register, the session log and what participants share with the "
        "facilitators, from the day your role starts."
    ),
    Soort.MODERATOR: _(
        "You look after a community space. You read everything in it, members see your "
        "first name under who looks in, and you can hold or hide posts that do not fit."
    ),
    Soort.BUDDY: _(
        "You are a buddy for newcomers. This role gives no extra access in the app: you "
        "meet people in person, and the coordinator knows you are available."
    ),
    Soort.VRIJWILLIGER: _(
        "You help as a volunteer, in the way you agreed with the coordinator. This role "
        "gives no extra access in the app."
    ),
}

# A role with an optional group (host, moderator, buddy): what "no group" means.
ZONDER_GROEP = {
    Soort.GASTHEER: _("every walk-in"),
    Soort.MODERATOR: _("the community space for everyone"),
    Soort.BUDDY: _("newcomers in any group"),
}


def zoekbare_personen():
    """People a coordinator may give a role: active accounts that took part in a group
    (any place, any role) or had a role before."""
    return get_user_model().objects.filter(
        Q(pk__in=Lidmaatschap.objects.values("user")) | Q(vrijwilligersrollen__isnull=False),
        is_active=True,
        verwijderd_op__isnull=True,
    )


def persoon(pk):
    """One person from zoekbare_personen, or None."""
    return zoekbare_personen().filter(pk=pk).distinct().first()


def zoek(tekst: str) -> dict:
    """People whose first name or email contains `tekst`; at most MAX_TREFFERS, one query."""
    tekst = " ".join((tekst or "").replace("\x00", "").split())[:MAX_ZOEKTEKST]
    if not tekst:
        return {"zoek": "", "gevonden": [], "meer": False}
    gevonden = list(
        zoekbare_personen()
        .filter(Q(roepnaam__icontains=tekst) | Q(email__icontains=tekst))
        .distinct()
        .order_by("roepnaam", "email", "pk")[: MAX_TREFFERS + 1]
    )
    return {
        "zoek": tekst,
        "gevonden": gevonden[:MAX_TREFFERS],
        "meer": len(gevonden) > MAX_TREFFERS,
    }


def met_uitleg(rollen, vandaag=None):
    """Roles with `actief`, `gepland` (starts later), `uitleg` and `bereik` (the scope in
    words) set, for templates; no queries beyond the ones that loaded them."""
    vandaag = vandaag or timezone.localdate()
    for rol in rollen:
        rol.actief = rol.is_actief(vandaag)
        rol.gepland = rol.begint_op > vandaag
        rol.uitleg = UITLEG[rol.soort]
        if rol.groep_id is not None:
            rol.bereik = rol.groep.naam
        else:
            rol.bereik = ZONDER_GROEP.get(rol.soort, "")
    return rollen


@dataclass
class Rollenlijst:
    """One person's roles: current and coming ones first, ended ones folded away."""

    lopend: list = field(default_factory=list)
    voorbij: list = field(default_factory=list)


def rollen_van(user, vandaag=None) -> Rollenlijst:
    vandaag = vandaag or timezone.localdate()
    rollen = Vrijwilligersrol.objects.filter(user=user).select_related("groep", "gestart_door")
    lijst = Rollenlijst()
    for rol in met_uitleg(list(rollen.order_by("-begint_op", "-pk")), vandaag):
        (lijst.voorbij if not (rol.actief or rol.gepland) else lijst.lopend).append(rol)
    return lijst


@dataclass
class Vrijwilliger:
    user: object
    lopend: list = field(default_factory=list)
    voorbij: list = field(default_factory=list)


def overzicht(vandaag=None) -> list[Vrijwilliger]:
    """Everyone who has or had a role, by first name, each with their roles. One query."""
    vandaag = vandaag or timezone.localdate()
    rollen = Vrijwilligersrol.objects.select_related("user", "groep").order_by(
        "user__roepnaam", "user_id", "-begint_op", "-pk"
    )
    mensen: dict[int, Vrijwilliger] = {}
    for rol in met_uitleg(list(rollen), vandaag):
        mens = mensen.setdefault(rol.user_id, Vrijwilliger(rol.user))
        (mens.lopend if (rol.actief or rol.gepland) else mens.voorbij).append(rol)
    # People with a current role first; those whose roles all ended after them.
    return sorted(mensen.values(), key=lambda m: not m.lopend)

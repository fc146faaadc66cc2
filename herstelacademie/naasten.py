"""What "Mijn overzicht" puts forward for a naaste (family or friend of someone in
recovery): the offer for naasten and the community, not the six steps, unless they chose
to use them (issue 14).

The choices are on the user row (deelnemers.User: komt_als_naaste, zes_stappen,
zes_stappen_gekozen_op), so deciding costs no query. Nothing is blocked: the six steps'
pages stay reachable by their address, they are only not pushed.
"""

from django.db.models import Exists, OuterRef, Q

from groepen.aanbod import open_groepen
from groepen.models import Aanbod
from nazorg.toegang import is_lid

# The home lists a few offers for naasten; the offer page (?naasten=1) has them all.
AANBOD_OP_HOME = 4


def vraag_zes_stappen(user, groepen) -> bool:
    """Ask once: someone who takes part only in offers for naasten and never chose about
    the six steps. `groepen`: their groups, with `aanbod` already loaded (no query)."""
    return (
        user.zes_stappen
        and user.zes_stappen_gekozen_op is None
        and bool(groepen)
        and all(g.aanbod.voor_naasten for g in groepen)
    )


def aanbod_voor_naasten() -> list[Aanbod]:
    """A few offers for naasten that one can join now, as on the offer page (one query)."""
    heeft_open_groep = Exists(open_groepen().filter(aanbod=OuterRef("pk")))
    zonder_groep = Q(soort__in=[Aanbod.Soort.INLOOP, Aanbod.Soort.GESPREK])
    return list(
        Aanbod.objects.actief()
        .filter(voor_naasten=True)
        .filter(zonder_groep | Q(heeft_open_groep))
        .only("pk", "titel", "soort")
        .order_by("titel", "pk")[:AANBOD_OP_HOME]
    )


def home(user, groepen) -> dict:
    """The home's naaste parts. For everyone else: two flags and no query; for a naaste
    (or anyone who turned the six steps off) two queries: the offer for naasten and
    whether they are in the community."""
    vraag = vraag_zes_stappen(user, groepen)
    zes_stappen = user.zes_stappen and not vraag
    context = {"toon_zes_stappen": zes_stappen, "vraag_zes_stappen": vraag}
    if user.komt_als_naaste or not zes_stappen:
        context["aanbod_naasten"] = aanbod_voor_naasten()
        context["community_lid"] = is_lid(user)
    return context

"""Writing, sharing and reading reflections.

Who may see an entry is decided by the querysets in models.py (van / gedeeld_met /
zichtbaar_voor); this module only builds on them. Reflection text is never logged,
never put in a message, a title or a URL.

Every function here runs a fixed number of queries, however many entries there are.
"""

import datetime
from collections import defaultdict
from dataclasses import dataclass, field

from django.core.paginator import Paginator
from django.db.models import Count, Exists, F, Max, OuterRef
from django.db.models.functions import Coalesce, Greatest
from django.utils import timezone
from django.utils.text import Truncator

from deelnemers.privacy import MIN_AGGREGATE
from groepen.models import Bijeenkomst, Groep, Lidmaatschap

from .models import Herkenningsmoment, Leesmoment, Reflectie, Stap, facilitator_sinds

# A reflection can be linked to one's own meetings of the last two weeks (and today).
KIES_DAGEN = 14
PER_PAGINA = 20
FRAGMENT_TEKENS = 200


# --- Which meetings a person can write about --------------------------------------------


def _eigen_groepen(user, alleen_actief: bool):
    """Groups where `user` takes part as a participant (or did, when not alleen_actief)."""
    leden = Lidmaatschap.objects.filter(user=user, rol=Lidmaatschap.Rol.DEELNEMER)
    if alleen_actief:
        leden = leden.filter(status=Lidmaatschap.Status.ACTIEF)
    else:
        # Someone who left may still write about a meeting they were in; the waiting
        # list never was.
        leden = leden.exclude(status=Lidmaatschap.Status.WACHTLIJST)
    return leden.values("groep")


def _venster(nu=None):
    nu = timezone.localtime(nu)
    begin = (nu - datetime.timedelta(days=KIES_DAGEN)).replace(
        hour=0, minute=0, second=0, microsecond=0
    )
    eind = nu.replace(hour=0, minute=0, second=0, microsecond=0) + datetime.timedelta(days=1)
    return begin, eind


def te_kiezen_bijeenkomsten(user, nu=None):
    """The meetings shown in the form: the person's own (active participant) of the last
    14 days and today, most recent first."""
    begin, eind = _venster(nu)
    return (
        Bijeenkomst.objects.filter(
            groep__in=_eigen_groepen(user, alleen_actief=True),
            geannuleerd=False,
            begint_om__gte=begin,
            begint_om__lt=eind,
        )
        .select_related("groep")
        .order_by("-begint_om", "-pk")
    )


def toegestane_bijeenkomsten(user, huidige: Bijeenkomst | None = None, nu=None):
    """The meetings the form accepts. Wider than what it shows: a group the person has
    since left (so sharing can be refused with a clear reason), and the meeting an entry
    is already linked to (so editing an older entry keeps its link)."""
    begin, eind = _venster(nu)
    recent = Bijeenkomst.objects.filter(
        groep__in=_eigen_groepen(user, alleen_actief=False),
        geannuleerd=False,
        begint_om__gte=begin,
        begint_om__lt=eind,
    )
    if huidige is not None:
        recent = recent | Bijeenkomst.objects.filter(pk=huidige.pk)
    return recent.select_related("groep").order_by("-begint_om", "-pk")


def is_actief_in(user, groep: Groep) -> bool:
    return Lidmaatschap.objects.actief().filter(user=user, groep=groep).exists()


# --- Saving -----------------------------------------------------------------------------


def opslaan(reflectie: Reflectie, oude_zichtbaarheid: str | None = None) -> Reflectie:
    """Save a reflection from the form. The group follows the meeting; `gedeeld_op` marks
    the moment it reached a (new) audience, so they see it as new."""
    reflectie.groep = reflectie.bijeenkomst.groep if reflectie.bijeenkomst else None
    _zet_gedeeld_op(reflectie, oude_zichtbaarheid)
    reflectie.save()
    return reflectie


def _zet_gedeeld_op(reflectie: Reflectie, oude_zichtbaarheid: str | None) -> None:
    if not reflectie.gedeeld:
        reflectie.gedeeld_op = None
    elif reflectie.zichtbaarheid != oude_zichtbaarheid or reflectie.gedeeld_op is None:
        reflectie.gedeeld_op = timezone.now()


def wijzig_zichtbaarheid(reflectie: Reflectie, zichtbaarheid: str) -> Reflectie:
    """Share, share more widely, or stop sharing (at once: the querysets decide)."""
    oud = reflectie.zichtbaarheid
    reflectie.zichtbaarheid = zichtbaarheid
    _zet_gedeeld_op(reflectie, oud)
    reflectie.save(update_fields=["zichtbaarheid", "gedeeld_op", "gewijzigd_op"])
    return reflectie


# --- Reading ----------------------------------------------------------------------------


def leesbaar_voor(user):
    """What `user` may open: own entries and what others shared with them."""
    return Reflectie.objects.zichtbaar_voor(user).select_related(
        "auteur", "groep", "bijeenkomst__groep"
    )


def registreer_lezing(reflectie: Reflectie, lezer) -> None:
    """Every read by someone else is kept (append-only); the author's own are not."""
    if reflectie.auteur_id != lezer.pk:
        Leesmoment.objects.create(reflectie=reflectie, lezer=lezer)


@dataclass(frozen=True)
class Lezer:
    naam: str
    laatst: datetime.datetime
    aantal: int


def lezers_uit(leesrijen) -> list[Lezer]:
    """One line per reader, their latest read first, from a read log queryset (rows with
    `lezer` and `gelezen_op`: Leesmoment, SteunplanLezing). One query."""
    rijen = (
        leesrijen.values("lezer", "lezer__roepnaam")
        .annotate(laatst=Max("gelezen_op"), aantal=Count("pk"))
        .order_by("-laatst", "lezer")
    )
    return [Lezer(r["lezer__roepnaam"], r["laatst"], r["aantal"]) for r in rijen]


def gelezen_door(reflectie: Reflectie) -> list[Lezer]:
    """Who read the entry."""
    return lezers_uit(Leesmoment.objects.filter(reflectie=reflectie))


# --- What was shared with a group ----------------------------------------------------------


@dataclass
class Spiegel:
    """Figures of one meeting: steps in shared reflections, and herkenning moments."""

    deelnemers: int = 0
    stappen: dict = field(default_factory=dict)
    herkend: int = 0
    niet_herkend: int = 0

    @property
    def toonbaar(self) -> bool:
        # The academy's one rule for figures about people (deelnemers/privacy.py), for
        # facilitators as for coordinators: from MIN_AGGREGATE people on.
        return self.deelnemers >= MIN_AGGREGATE

    @property
    def per_stap(self):
        return [(stap.label, self.stappen.get(stap.value, 0)) for stap in Stap]


@dataclass
class Blok:
    """The entries of one meeting (or of no meeting) on the current page."""

    bijeenkomst: Bijeenkomst | None
    reflecties: list = field(default_factory=list)
    spiegel: Spiegel | None = None


def gedeeld_in_groep(user, groep: Groep):
    """Entries others shared with `user` in this group, newest meeting first, each with
    `.nieuw` (not opened by them since it was shared or changed)."""
    sinds = Greatest(F("gewijzigd_op"), Coalesce(F("gedeeld_op"), F("gewijzigd_op")))
    geopend = Leesmoment.objects.filter(
        reflectie=OuterRef("pk"), lezer=user, gelezen_op__gte=OuterRef("sinds")
    )
    return (
        Reflectie.objects.gedeeld_met(user)
        .filter(groep=groep)
        .select_related("auteur", "bijeenkomst")
        .annotate(sinds=sinds)
        .annotate(nieuw=~Exists(geopend))
        .order_by(F("bijeenkomst__begint_om").desc(nulls_last=True), "-aangemaakt_op", "-pk")
    )


def pagina_gedeeld(user, groep: Groep, paginanummer, met_spiegel: bool):
    """One page of shared entries in blocks per meeting, with figures when allowed."""
    pagina = Paginator(gedeeld_in_groep(user, groep), PER_PAGINA).get_page(paginanummer)
    blokken: list[Blok] = []
    for reflectie in pagina.object_list:
        reflectie.fragment = Truncator(reflectie.tekst).chars(FRAGMENT_TEKENS)
        if not blokken or blokken[-1].bijeenkomst != reflectie.bijeenkomst:
            blokken.append(Blok(reflectie.bijeenkomst))
        blokken[-1].reflecties.append(reflectie)
    if met_spiegel:
        spiegels = spiegels_voor([b.bijeenkomst.pk for b in blokken if b.bijeenkomst], user)
        for blok in blokken:
            if blok.bijeenkomst:
                blok.spiegel = spiegels.get(blok.bijeenkomst.pk, Spiegel())
    return pagina, blokken


def spiegels_voor(bijeenkomst_ids, lezer) -> dict[int, Spiegel]:
    """Figures per meeting for one facilitator (`lezer`), counted anonymously, in two
    queries.

    Steps count only the shared reflections `lezer` may read ("only me" never counts,
    nor what was shared before they became facilitator); herkenning moments count when
    noted since `lezer` became facilitator of the meeting's group (they are noted to be
    counted, never shown one by one). `deelnemers` is the number of different people
    behind a meeting's figures; the page shows them from MIN_AGGREGATE on.
    """
    if not bijeenkomst_ids:
        return {}
    spiegels: dict[int, Spiegel] = defaultdict(Spiegel)
    mensen: dict[int, set] = defaultdict(set)
    stappen = (
        Reflectie.objects.gedeeld_met(lezer)
        .filter(bijeenkomst__in=bijeenkomst_ids)
        .values("bijeenkomst", "stap", "auteur")
        .annotate(n=Count("pk"))
        .order_by()
    )
    for rij in stappen:
        spiegel = spiegels[rij["bijeenkomst"]]
        spiegel.stappen[rij["stap"]] = spiegel.stappen.get(rij["stap"], 0) + rij["n"]
        mensen[rij["bijeenkomst"]].add(rij["auteur"])
    momenten = (
        Herkenningsmoment.objects.filter(bijeenkomst__in=bijeenkomst_ids)
        .filter(facilitator_sinds(lezer, OuterRef("bijeenkomst__groep"), OuterRef("aangemaakt_op")))
        .values("bijeenkomst", "soort", "auteur")
        .annotate(n=Count("pk"))
        .order_by()
    )
    for rij in momenten:
        spiegel = spiegels[rij["bijeenkomst"]]
        if rij["soort"] == Herkenningsmoment.Soort.HERKEND:
            spiegel.herkend += rij["n"]
        else:
            spiegel.niet_herkend += rij["n"]
        mensen[rij["bijeenkomst"]].add(rij["auteur"])
    for bijeenkomst_id, spiegel in spiegels.items():
        spiegel.deelnemers = len(mensen[bijeenkomst_id])
    return dict(spiegels)


# --- For the facilitator home ---------------------------------------------------------------


def ongelezen_orm(user):
    """Per group (`groep`, `n`): the entries others shared with `user` (with the
    facilitators or the group) that `user` has not opened since they were shared or
    changed -- the same "new" as in gedeeld_in_groep. Every group the rules let them read
    in; groups without any are left out."""
    sinds = Greatest(F("gewijzigd_op"), Coalesce(F("gedeeld_op"), F("gewijzigd_op")))
    geopend = Leesmoment.objects.filter(
        reflectie=OuterRef("pk"), lezer=user, gelezen_op__gte=OuterRef("sinds")
    )
    return (
        Reflectie.objects.gedeeld_met(user)
        .annotate(sinds=sinds)
        .filter(~Exists(geopend))
        .values("groep")
        .annotate(n=Count("pk"))
        .order_by()
    )


def ongelezen_per_groep(user, groep_ids) -> dict[int, int]:
    """ongelezen_orm for these groups only, as {group id: count}. One query."""
    rijen = ongelezen_orm(user).filter(groep__in=list(groep_ids))
    return {rij["groep"]: rij["n"] for rij in rijen}

"""Intervisie: peer supervision among facilitators.

Who may read what is decided by Intervisiegroep.objects.zichtbaar_voor(user) and the
rules in groepen/rules.py; this module only builds the lists, the coordinator's counts
(never content, never who brought a case) and the name warning for notes.
"""

import datetime
import re
from dataclasses import dataclass

from django.db.models import Count, Min, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from deelnemers.models import User

from .models import Groep, Intervisiebijeenkomst, Intervisiegroep, IntervisieLid, Lidmaatschap

METHODE = Intervisiebijeenkomst.Methode
THEMA = Intervisiebijeenkomst.Thema
PER_PAGINA = 20

# Each method in a sentence or two, in our own words.
METHODE_UITLEG = {
    METHODE.INCIDENT: _(
        "Someone tells about one moment that stayed with them. The others first ask "
        "questions to understand it well, then everyone says what they would have done."
    ),
    METHODE.SOCRATISCH: _(
        "Together you look closely at one moment and at what you take for granted. By "
        "asking open questions you find the idea behind what you did."
    ),
    METHODE.BALINT: _(
        "Someone tells about a contact that keeps coming back to them. The others say what "
        "it stirs in them, so you see the feelings and the relationship more clearly."
    ),
    METHODE.RODDEL: _(
        "Someone brings a question and then just listens, while the others talk about it "
        "freely. Hearing it from a distance often gives new ideas."
    ),
    METHODE.OPLOSSINGSGERICHT: _(
        "You look at what already works and at small steps forward, instead of at what goes wrong."
    ),
    METHODE.EIGEN: _("You choose your own way of working together, that suits this group."),
}


def uitleg(methode: str) -> str:
    return METHODE_UITLEG.get(methode, "")


def methoden() -> list[tuple[str, str, str]]:
    """(value, label, explanation) for every method, in the order of the choices."""
    return [(m.value, m.label, METHODE_UITLEG[m]) for m in METHODE]


# --- Lists -----------------------------------------------------------------------------


def _met_tellingen(groepen):
    now = timezone.now()
    return groepen.annotate(
        aantal_leden=Count("leden", filter=Q(leden__actief=True), distinct=True),
        volgende=Min("bijeenkomsten__begint_om", filter=Q(bijeenkomsten__begint_om__gte=now)),
    ).order_by("naam", "pk")


def mijn_groepen(user):
    """The intervisiegroepen `user` is in now, with member count and next meeting."""
    return _met_tellingen(
        Intervisiegroep.objects.filter(pk__in=Intervisiegroep.objects.zichtbaar_voor(user))
    )


def andere_groepen(user):
    """The intervisiegroepen `user` could join (names and counts only, no notes)."""
    return _met_tellingen(
        Intervisiegroep.objects.exclude(pk__in=Intervisiegroep.objects.zichtbaar_voor(user))
    )


def alle_groepen():
    """For coordinators: every intervisiegroep with its member count."""
    return _met_tellingen(Intervisiegroep.objects.all())


def actieve_leden(groep):
    return (
        IntervisieLid.objects.filter(groep=groep, actief=True)
        .select_related("user")
        .order_by("user__roepnaam", "pk")
    )


def bijeenkomsten(groep):
    return (
        Intervisiebijeenkomst.objects.filter(groep=groep)
        .select_related("inbrenger")
        .order_by("-begint_om", "-pk")
    )


# --- Membership ------------------------------------------------------------------------


def deelnemen(groep, user) -> bool:
    """Join (or rejoin) a group. Returns False when `user` was already a member."""
    lid, nieuw = IntervisieLid.objects.get_or_create(groep=groep, user=user)
    if nieuw:
        return True
    if lid.actief:
        return False
    lid.actief = True
    lid.sinds = timezone.now()
    lid.save(update_fields=["actief", "sinds"])
    return True


def verlaten(groep, user) -> None:
    """Leave a group: the row stays for history, access to the notes ends at once."""
    IntervisieLid.objects.filter(groep=groep, user=user).update(actief=False)


# --- The name warning ------------------------------------------------------------------


MIN_NAAMLENGTE = 2


def deelnemersnamen(schrijver) -> set[str]:
    """Display names of the active participants in the groups `schrijver` facilitates."""
    groepen = Groep.objects.met_rol(schrijver, Lidmaatschap.Rol.FACILITATOR)
    namen = (
        User.objects.filter(
            pk__in=Lidmaatschap.objects.deelnemers().filter(groep__in=groepen).values("user")
        )
        .exclude(pk=schrijver.pk)
        .values_list("roepnaam", flat=True)
    )
    return {n.strip() for n in namen if n and len(n.strip()) >= MIN_NAAMLENGTE}


def namen_in(tekst: str, namen) -> list[str]:
    """The names that occur in `tekst` as a whole word, ignoring case, in order of first
    appearance. "Sam" matches "sam" and "Sam's", not "Samen"."""
    if not tekst or not namen:
        return []
    op_kleine_letters = {n.casefold(): n for n in namen}
    # Longest first, so "Sam de Wit" wins over "Sam" where both are names.
    patroon = "|".join(re.escape(n) for n in sorted(namen, key=len, reverse=True))
    gevonden: dict[str, None] = {}
    for match in re.finditer(rf"(?<!\w)(?:{patroon})(?!\w)", tekst, re.IGNORECASE):
        gevonden.setdefault(op_kleine_letters.get(match.group(0).casefold(), match.group(0)))
    return list(gevonden)


def genoemde_namen(schrijver, teksten: dict[str, str]) -> dict[str, list[str]]:
    """Per text field, the participant names `schrijver` mentions in it (only fields
    with a name are in the result). One query, however many texts."""
    if not any(teksten.values()):
        return {}
    namen = deelnemersnamen(schrijver)
    resultaat = {}
    for veld, tekst in teksten.items():
        gevonden = namen_in(tekst, namen)
        if gevonden:
            resultaat[veld] = gevonden
    return resultaat


# --- The coordinator's counts -----------------------------------------------------------


PERIODES = {
    "maand": _("This month"),
    "kwartaal": _("This quarter"),
    "jaar": _("This year"),
}


@dataclass
class Periode:
    soort: str
    start: datetime.date
    einde: datetime.date  # exclusive

    @property
    def vorige(self) -> "Periode":
        return periode(self.soort, self.start - datetime.timedelta(days=1))

    @property
    def volgende(self) -> "Periode":
        return periode(self.soort, self.einde)

    @property
    def laatste_dag(self) -> datetime.date:
        return self.einde - datetime.timedelta(days=1)


def _eerste_van_maand(jaar: int, maand: int) -> datetime.date:
    jaar += (maand - 1) // 12
    maand = (maand - 1) % 12 + 1
    return datetime.date(jaar, maand, 1)


def periode(soort: str | None, datum: datetime.date | None = None) -> Periode:
    """The month, quarter or year (default) around `datum` (default today)."""
    soort = soort if soort in PERIODES else "jaar"
    datum = datum or timezone.localdate()
    if soort == "maand":
        start = datum.replace(day=1)
        return Periode(soort, start, _eerste_van_maand(start.year, start.month + 1))
    if soort == "kwartaal":
        start = datetime.date(datum.year, 3 * ((datum.month - 1) // 3) + 1, 1)
        return Periode(soort, start, _eerste_van_maand(start.year, start.month + 3))
    return Periode(soort, datetime.date(datum.year, 1, 1), datetime.date(datum.year + 1, 1, 1))


def periode_uit(soort: str | None, start: str | None) -> Periode:
    """The period from the page's GET parameters; anything odd falls back to today."""
    try:
        datum = datetime.date.fromisoformat(start) if start else None
    except ValueError:
        datum = None
    return periode(soort, datum)


def _moment(datum: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(datum, datetime.time.min))


def cijfers(p: Periode) -> dict:
    """Meetings that took place in the period, per intervisiegroep and per theme.

    Only counts: no text, no people. Two queries, however many groups or meetings.
    """
    tot = min(_moment(p.einde), timezone.now())
    in_periode = Q(bijeenkomsten__begint_om__gte=_moment(p.start)) & Q(
        bijeenkomsten__begint_om__lt=tot
    )
    per_groep = list(
        Intervisiegroep.objects.annotate(aantal=Count("bijeenkomsten", filter=in_periode))
        .order_by("naam", "pk")
        .values("pk", "naam", "aantal")
    )
    rijen = (
        Intervisiebijeenkomst.objects.filter(begint_om__gte=_moment(p.start), begint_om__lt=tot)
        .values("thema")
        .annotate(aantal=Count("pk"))
        .order_by()
    )
    per_thema_dict = {r["thema"]: r["aantal"] for r in rijen}
    per_thema = [(t.label, per_thema_dict.get(t.value, 0)) for t in THEMA]
    per_thema.append((_("No theme chosen"), per_thema_dict.get("", 0)))
    return {
        "per_groep": per_groep,
        "per_thema": per_thema,
        "totaal": sum(per_thema_dict.values()),
    }

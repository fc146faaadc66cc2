""" "Mijn steunplan": a personal support plan in the person's own words.

After WRAP (Wellness Recovery Action Plan): what keeps me well, the early signs that
things get harder, what helps me then, the people I can call, the places I can go. One
plan per person, private until they share it (with the facilitators of one of their
groups, or with that group), and always theirs to change, print or delete.

Who may read a plan is decided by Steunplan.objects (GedeeldQuerySet, as for
reflections); this module only builds on it. The text is never logged, never put in a
message, a title or a URL. Every function runs a fixed number of queries.
"""

from dataclasses import dataclass

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from groepen.models import Groep, Lidmaatschap

from .models import Steunplan, SteunplanLezing, Zichtbaarheid
from .reflectie import Lezer, lezers_uit

# Per part, as much as a person could want to write; checked in the form, never cut off.
DEEL_MAX = 5_000


@dataclass(frozen=True)
class Deel:
    sleutel: str  # the model field
    titel: str
    vraag: str


# The parts in the order a person goes through them on a hard day.
DELEN = (
    Deel(
        "goed_voor_mij",
        _("What keeps me well"),
        _(
            "What do you do on a good day? Think of sleep, food, walking, music, people, "
            "things you enjoy."
        ),
    ),
    Deel(
        "signalen",
        _("Early signs"),
        _("How do you notice that things are getting harder? What do you, or others, see first?"),
    ),
    Deel(
        "wat_helpt",
        _("What helps me then"),
        _("What can you do yourself when you notice those signs? What may others do, or not do?"),
    ),
    Deel(
        "mensen",
        _("People I can call"),
        _("Who can you call or visit? Write their names and numbers, as you would look them up."),
    ),
    Deel(
        "plekken",
        _("Places I can go"),
        _(
            "Where can you go to feel safer or calmer? A walk-in, a friend's house, a park, "
            "a church."
        ),
    ),
)
SLEUTELS = tuple(d.sleutel for d in DELEN)


def plan_van(user) -> Steunplan | None:
    """The person's own plan, or None. One query."""
    if not user.is_authenticated:
        return None
    return Steunplan.objects.van(user).select_related("groep").first()


def delen_van(plan: Steunplan | None) -> list[tuple[Deel, str]]:
    """The parts that have text, in order, with their text."""
    if plan is None:
        return []
    return [(d, getattr(plan, d.sleutel)) for d in DELEN if getattr(plan, d.sleutel).strip()]


# In the help box, on a hard moment: who to call first, then what helps and where to go.
HULP_VOLGORDE = ("mensen", "wat_helpt", "plekken", "signalen", "goed_voor_mij")


def delen_voor_hulp(plan: Steunplan | None) -> list[tuple[Deel, str]]:
    volgorde = {sleutel: i for i, sleutel in enumerate(HULP_VOLGORDE)}
    return sorted(delen_van(plan), key=lambda deel_tekst: volgorde[deel_tekst[0].sleutel])


def teksten(plan: Steunplan) -> list[str]:
    return [getattr(plan, s) for s in SLEUTELS]


def is_leeg(teksten_per_deel: dict) -> bool:
    return not any((t or "").strip() for t in teksten_per_deel.values())


# --- Sharing ----------------------------------------------------------------------------


def deelbare_groepen(user):
    """The groups a person takes part in now (as participant or facilitator)."""
    return Groep.objects.filter(
        pk__in=Lidmaatschap.objects.actief().filter(user=user).values("groep")
    ).order_by("naam", "pk")


def wijzig_zichtbaarheid(plan: Steunplan, zichtbaarheid: str, groep: Groep | None) -> Steunplan:
    """Share, share with someone else, or stop sharing (at once: the querysets decide).
    `gedeeld_op` marks when it reached a (new) audience, as for reflections."""
    nieuw_publiek = (zichtbaarheid, groep and groep.pk) != (plan.zichtbaarheid, plan.groep_id)
    plan.zichtbaarheid = zichtbaarheid
    plan.groep = None if zichtbaarheid == Zichtbaarheid.ALLEEN_IK else groep
    if not plan.gedeeld:
        plan.gedeeld_op = None
    elif nieuw_publiek or plan.gedeeld_op is None:
        plan.gedeeld_op = timezone.now()
    plan.save(update_fields=["zichtbaarheid", "groep", "gedeeld_op", "gewijzigd_op"])
    return plan


# --- Reading ----------------------------------------------------------------------------


def leesbaar_voor(user):
    """Plans `user` may open: their own and what others shared with them."""
    return Steunplan.objects.zichtbaar_voor(user).select_related("auteur", "groep")


def gedeeld_in_groep(user, groep: Groep):
    """Plans others shared with `user` in this group, by first name. One query."""
    return (
        Steunplan.objects.gedeeld_met(user)
        .filter(groep=groep)
        .select_related("auteur")
        .order_by("auteur__roepnaam", "pk")
    )


def registreer_lezing(plan: Steunplan, lezer) -> None:
    """Every read by someone else is kept (append-only); the author's own are not."""
    if plan.auteur_id != lezer.pk:
        SteunplanLezing.objects.create(steunplan=plan, lezer=lezer)


def gelezen_door(plan: Steunplan) -> list[Lezer]:
    """Who read the plan: one line per reader, latest read first (as for reflections)."""
    return lezers_uit(SteunplanLezing.objects.filter(steunplan=plan))


def verwijder(user) -> None:
    """The plan and the log of who read it."""
    SteunplanLezing.objects.filter(steunplan__auteur=user).delete()
    Steunplan.objects.filter(auteur=user).delete()

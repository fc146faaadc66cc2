"""What herstelmodel exports and erases for one person (registered with lib.privacy).

Everything here is the person's own words: reflections, herkenningsmomenten, their
story and their support plan. On erasure all of it goes, and so does the log of who read
their reflections and their plan.
"""

from django.utils.translation import gettext_lazy as _l

from lib.privacy import Provider, Sectie, Veld, Wisser, keuzes, registreer

from .models import (
    Gevoel,
    Herkenningsmoment,
    Leesmoment,
    Reflectie,
    Stap,
    Steunplan,
    SteunplanLezing,
    Verhaal,
    VerhaalVersie,
    Zichtbaarheid,
)
from .stappen import VERHAAL_DELEN
from .steunplan import DELEN as STEUNPLAN_DELEN
from .verhaal import delen_van

K = keuzes
V = Veld

# Only rows the person wrote or owns; a table, so ruff leaves its layout alone.
# fmt: off
SECTIES = (
    Sectie("reflecties", _l("Reflections"), lambda u: Reflectie.objects.filter(auteur=u)
           .select_related("groep", "bijeenkomst").order_by("aangemaakt_op", "pk"), (
        V("id", _l("Number"), "pk"), V("geschreven_op", _l("Written on"), "aangemaakt_op"),
        V("gewijzigd_op", _l("Changed on")), V("stap", _l("Step"), keuzes=K(Stap)),
        V("gevoel", _l("Feeling"), keuzes=K(Gevoel)),
        V("zichtbaarheid", _l("Who may read it"), keuzes=K(Zichtbaarheid)),
        V("gedeeld_op", _l("Shared on")), V("groep", _l("Group"), "groep.naam"),
        V("bijeenkomst", _l("Meeting"), "bijeenkomst.begint_om"),
        V("tekst", _l("Your reflection"), lang=True),
    ), volgorde=20, modellen=(Reflectie,)),
    Sectie("leesmomenten", _l("Who read your shared reflections"),
           lambda u: Leesmoment.objects.filter(reflectie__auteur=u).select_related("lezer")
           .order_by("gelezen_op", "pk"), (
        V("reflectie", _l("Reflection number"), "reflectie_id"),
        V("lezer", _l("Read by"), "lezer.roepnaam"), V("gelezen_op", _l("Read on")),
    ), volgorde=30, modellen=(Leesmoment,)),
    Sectie("herkenningsmomenten", _l("Moments of recognition"),
           lambda u: Herkenningsmoment.objects.filter(auteur=u)
           .select_related("groep", "bijeenkomst").order_by("aangemaakt_op", "pk"), (
        V("genoteerd_op", _l("Noted on"), "aangemaakt_op"),
        V("soort", _l("What happened"), keuzes=K(Herkenningsmoment.Soort)),
        V("oorzaak", _l("What made it click"), keuzes=K(Herkenningsmoment.Oorzaak)),
        V("belemmering", _l("What stood in the way"), keuzes=K(Herkenningsmoment.Belemmering)),
        V("groep", _l("Group"), "groep.naam"),
        V("bijeenkomst", _l("Meeting"), "bijeenkomst.begint_om"),
        V("notitie", _l("Your note"), lang=True),
    ), volgorde=40, modellen=(Herkenningsmoment,)),
    Sectie("verhaal", _l("My story: sharing"),
           lambda u: Verhaal.objects.filter(auteur=u).select_related("gedeeld_met"), (
        V("gedeeld_met", _l("Shared with group"), "gedeeld_met.naam"),
        V("gedeelde_versie", _l("Shared version"), "gedeelde_versie_id"),
        V("gedeeld_op", _l("Shared on")),
    ), volgorde=50, modellen=(Verhaal,)),
    Sectie("verhaal_versies", _l("My story: all versions"),
           lambda u: VerhaalVersie.objects.filter(verhaal__auteur=u)
           .order_by("aangemaakt_op", "pk"), (
        V("id", _l("Version"), "pk"), V("gemaakt_op", _l("Saved on"), "aangemaakt_op"),
        V("titel", _l("Title")),
        V("delen", _l("Text"), lambda o, u: delen_van(o),
          keuzes={d.sleutel: d.titel for d in VERHAAL_DELEN}, lang=True),
    ), volgorde=60, modellen=(VerhaalVersie,)),
    Sectie("steunplan", _l("My support plan"),
           lambda u: Steunplan.objects.filter(auteur=u).select_related("groep"), (
        V("gemaakt_op", _l("Made on"), "aangemaakt_op"), V("gewijzigd_op", _l("Changed on")),
        V("zichtbaarheid", _l("Who may read it"), keuzes=K(Zichtbaarheid)),
        V("groep", _l("Group"), "groep.naam"), V("gedeeld_op", _l("Shared on")),
        *(V(d.sleutel, d.titel, lang=True) for d in STEUNPLAN_DELEN),
    ), volgorde=62, modellen=(Steunplan,)),
    Sectie("steunplan_lezingen", _l("Who read your support plan"),
           lambda u: SteunplanLezing.objects.filter(steunplan__auteur=u).select_related("lezer")
           .order_by("gelezen_op", "pk"), (
        V("lezer", _l("Read by"), "lezer.roepnaam"), V("gelezen_op", _l("Read on")),
    ), volgorde=64, modellen=(SteunplanLezing,)),
)
# fmt: on


def wis(user, _keuzes) -> None:
    """Everything they wrote; the read logs go first (they point at what was read)."""
    Leesmoment.objects.filter(reflectie__auteur=user).delete()
    Reflectie.objects.filter(auteur=user).delete()
    Herkenningsmoment.objects.filter(auteur=user).delete()
    VerhaalVersie.objects.filter(verhaal__auteur=user).delete()
    Verhaal.objects.filter(auteur=user).delete()
    SteunplanLezing.objects.filter(steunplan__auteur=user).delete()
    Steunplan.objects.filter(auteur=user).delete()


registreer(
    Provider(
        naam="herstelmodel",
        secties=SECTIES,
        wissers=(
            Wisser(
                10,
                wis,
                modellen=(
                    Leesmoment,
                    Reflectie,
                    Herkenningsmoment,
                    VerhaalVersie,
                    Verhaal,
                    SteunplanLezing,
                    Steunplan,
                ),
            ),
        ),
    )
)

"""What doorgroei holds about a person for growing as a volunteer and for getuigenis as
a role: trainings recorded for them (with the coordinator's note, which the person sees
anyway), their offer to tell their story, the invitations they got and the ones they
sent as facilitator. Erasure: everything about the person goes; an invitation someone
sent stays for the invited person, without the sender's name.
"""

from django.utils.translation import gettext_lazy as _l

from lib.privacy import Provider, Sectie, Veld, Wisser, keuzes

from .models import Ontwikkeling, Verhaalaanbod, Verhaaluitnodiging

V = Veld
K = keuzes


def _naam(pad):
    def waarde(rij, _user):
        persoon = rij
        for deel in pad.split("."):
            persoon = getattr(persoon, deel, None)
        return getattr(persoon, "roepnaam", None)

    return waarde


# fmt: off
SECTIES = (
    Sectie("ontwikkeling", _l("Trainings and development"),
           lambda u: Ontwikkeling.objects.filter(user=u).select_related("vastgelegd_door")
           .order_by("datum", "pk"), (
        V("soort", _l("Kind"), keuzes=K(Ontwikkeling.Soort)), V("titel", _l("Name")),
        V("datum", _l("Date")), V("einddatum", _l("Last day")),
        V("notitie", _l("Note"), lang=True),
        V("vastgelegd_door", _l("Written down by"), _naam("vastgelegd_door")),
    ), optioneel=True, volgorde=330, modellen=(Ontwikkeling,)),
    Sectie("verhaalaanbod", _l("Your offer to tell your story in a group"),
           lambda u: Verhaalaanbod.objects.filter(user=u), (
        V("sinds", _l("Since"), "aangemaakt_op"),
    ), optioneel=True, volgorde=331, modellen=(Verhaalaanbod,)),
    Sectie("verhaaluitnodigingen", _l("Invitations to tell your story"),
           lambda u: Verhaaluitnodiging.objects.filter(user=u)
           .select_related("bijeenkomst__groep", "uitgenodigd_door")
           .order_by("aangemaakt_op", "pk"), (
        V("groep", _l("Group"), "bijeenkomst.groep.naam"),
        V("bijeenkomst", _l("Meeting"), "bijeenkomst.begint_om"),
        V("uitgenodigd_door", _l("Invited by"), _naam("uitgenodigd_door")),
        V("bericht", _l("Message"), lang=True),
        V("antwoord", _l("Answer"), keuzes=K(Verhaaluitnodiging.Antwoord)),
        V("aangemaakt_op", _l("Sent on")), V("beantwoord_op", _l("Answered on")),
    ), optioneel=True, volgorde=332, modellen=(Verhaaluitnodiging,)),
    Sectie("verhaaluitnodigingen_verstuurd", _l("Invitations to tell a story you sent"),
           lambda u: Verhaaluitnodiging.objects.filter(uitgenodigd_door=u)
           .select_related("bijeenkomst__groep", "user").order_by("aangemaakt_op", "pk"), (
        V("groep", _l("Group"), "bijeenkomst.groep.naam"),
        V("bijeenkomst", _l("Meeting"), "bijeenkomst.begint_om"),
        V("bericht", _l("Message"), lang=True),
        V("antwoord", _l("Answer"), keuzes=K(Verhaaluitnodiging.Antwoord)),
        V("aangemaakt_op", _l("Sent on")),
    ), optioneel=True, volgorde=333, modellen=(Verhaaluitnodiging,)),
)
# fmt: on


def wis_ontwikkeling(user, _keuzes) -> None:
    Ontwikkeling.objects.filter(user=user).delete()


def wis_getuigenis(user, _keuzes) -> None:
    """The offer and the invitations to the person go; invitations they sent stay for the
    invited people, without the sender."""
    Verhaalaanbod.objects.filter(user=user).delete()
    Verhaaluitnodiging.objects.filter(user=user).delete()
    Verhaaluitnodiging.objects.filter(uitgenodigd_door=user).update(uitgenodigd_door=None)


PROVIDER = Provider(
    naam="doorgroei_groei",
    secties=SECTIES,
    wissers=(
        Wisser(47, wis_ontwikkeling, modellen=(Ontwikkeling,)),
        Wisser(48, wis_getuigenis, modellen=(Verhaalaanbod, Verhaaluitnodiging)),
    ),
)

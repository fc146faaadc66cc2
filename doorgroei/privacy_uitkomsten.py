"""The privacy part of check-ins (doorgroei.models.Uitkomst), registered in
doorgroei/privacy.py.

Export: every check-in with all answers (a skipped question stays empty) and the own
words, and the offers the person put aside. Erasure: all of it goes, so an erased
person is gone from every measured figure in the value report at once.
"""

from django.utils.translation import gettext_lazy as _l

from lib.privacy import Provider, Sectie, Veld, Wisser, keuzes

from .models import Uitkomst, UitkomstNuNiet

V = Veld


def wis_uitkomsten(user, _keuzes) -> None:
    Uitkomst.objects.filter(user=user).delete()
    UitkomstNuNiet.objects.filter(user=user).delete()


# fmt: off
PROVIDER = Provider(
    naam="doorgroei_uitkomsten",
    secties=(
        Sectie("check_ins", _l("Your check-ins"),
               lambda u: Uitkomst.objects.filter(user=u).order_by("ingevuld_op", "pk"), (
            V("ingevuld_op", _l("Filled in on")),
            V("vrijwilligerswerk", _l("Doing volunteer work")),
            V("betaald_werk", _l("Doing paid work")),
            V("studie", _l("Studying or following a training")),
            V("minder_zorg", _l("Fewer contacts with care than before"),
              keuzes=keuzes(Uitkomst.Zorg)),
            V("meer_mensen", _l("More people to turn to")),
            V("regie", _l("Your own direction"), keuzes=keuzes(Uitkomst.Regie)),
            V("eigen_woorden", _l("In your own words"), lang=True),
        ), uitleg=_l("An empty answer (–) is a question you skipped."),
           optioneel=True, volgorde=320, modellen=(Uitkomst,)),
        Sectie("check_in_nu_niet", _l("Check-ins you put off for now"),
               lambda u: UitkomstNuNiet.objects.filter(user=u).select_related("groep")
               .order_by("op", "pk"), (
            V("groep", _l("Group"), "groep.naam"),
            V("maanden", _l("Months after the end"), keuzes=keuzes(UitkomstNuNiet.Moment)),
            V("op", _l("Put off on")),
        ), optioneel=True, volgorde=321, modellen=(UitkomstNuNiet,)),
    ),
    wissers=(Wisser(45, wis_uitkomsten, modellen=(Uitkomst, UitkomstNuNiet)),),
)
# fmt: on

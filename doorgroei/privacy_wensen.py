"""What doorgroei keeps about a person's wishes to help (models/wens.py).

Export: every wish of the person, withdrawn ones too (they are still stored), with what
they offered, its state, the coordinator's note to them and the role it started. The
coordinator's name stays out, as elsewhere in the export.
Erasure: the person's wishes go. A coordinator who is erased leaves the wishes they
decided on without a name.
"""

from django.utils.translation import gettext_lazy as _l

from lib.privacy import Provider, Sectie, Veld, Wisser, keuzes

from .models import Meehelpwens

V = Veld


def _manieren(wens, _user):
    return "; ".join(wens.manier_labels)


def _rol(wens, _user):
    from .wensen import rol_tekst

    return rol_tekst(wens.rol) if wens.rol else None


def wis_wensen(user, _keuzes) -> None:
    Meehelpwens.objects.filter(user=user).delete()
    Meehelpwens.objects.filter(beslist_door=user).update(beslist_door=None)


# fmt: off
PROVIDER = Provider(
    naam="doorgroei_wensen",
    secties=(
        Sectie("meehelpwensen", _l("Your wishes to help out"),
               lambda u: Meehelpwens.objects.filter(user=u).select_related("rol__groep")
               .order_by("aangemaakt_op", "pk"), (
            V("manieren", _l("How you would like to help"), _manieren),
            V("anders", _l("In your own words"), lang=True),
            V("wanneer", _l("When it suits you")),
            V("status", _l("Status"), keuzes=keuzes(Meehelpwens.Status)),
            V("aangemaakt_op", _l("Offered on")), V("bijgewerkt_op", _l("Changed on")),
            V("beslist_op", _l("Decided on")),
            V("notitie", _l("Note to you"), lang=True),
            V("rol", _l("Role it started"), _rol),
        ), optioneel=True, volgorde=300, modellen=(Meehelpwens,)),
    ),
    wissers=(Wisser(41, wis_wensen, modellen=(Meehelpwens,)),),
)
# fmt: on

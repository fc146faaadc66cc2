"""What the privacy app itself exports and erases for one person (registered with
lib.privacy, like every other app's provider): consent given and deletion requests."""

from django.utils.translation import gettext_lazy as _l

from lib.privacy import Provider, Sectie, Veld, Wisser, keuzes, registreer

from .models import Toestemming, Verwijderverzoek

V = Veld

# fmt: off
SECTIES = (
    Sectie("toestemmingen", _l("Privacy statements you agreed to"),
           lambda u: Toestemming.objects.filter(user=u).select_related("verklaring")
           .order_by("geaccepteerd_op", "pk"), (
        V("versie", _l("Version"), "verklaring.versie"),
        V("geaccepteerd_op", _l("Agreed on")),
    ), volgorde=180, modellen=(Toestemming,)),
    Sectie("verwijderverzoeken", _l("Requests to delete your account"),
           lambda u: Verwijderverzoek.objects.filter(user=u).order_by("aangevraagd_op", "pk"), (
        V("aangevraagd_op", _l("Asked on")), V("uitvoeren_na", _l("Carried out after")),
        V("berichten", _l("Community posts"), keuzes=keuzes(Verwijderverzoek.Berichten)),
        V("status", _l("Status"), keuzes=keuzes(Verwijderverzoek.Status)),
        V("afgehandeld_op", _l("Handled on")),
    ), optioneel=True, volgorde=210, modellen=(Verwijderverzoek,)),
)
# fmt: on


def wis(user, _keuzes) -> None:
    Toestemming.objects.filter(user=user).delete()


registreer(
    Provider(
        naam="privacy",
        secties=SECTIES,
        # Verwijderverzoek stays: privacy.verwijderen marks the waiting one as carried out.
        wissers=(Wisser(50, wis, modellen=(Toestemming,)),),
    )
)

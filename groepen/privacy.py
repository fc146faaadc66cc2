"""What groepen exports and erases for one person (registered with lib.privacy), and why
an account cannot be erased yet: a facilitator still running a group hands it over first.
"""

from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _l

from lib.privacy import Blokkade, Provider, Sectie, Veld, Wisser, keuzes, registreer

from . import openbaar
from .gesprek_privacy import BLOKKADE as GESPREK_BLOKKADE
from .gesprek_privacy import SECTIES as GESPREK_SECTIES
from .gesprek_privacy import WISSER as GESPREK_WISSER
from .inschrijving import vul_vrije_plaatsen
from .models import (
    Aanwezigheid,
    Groep,
    Intervisiebijeenkomst,
    IntervisieLid,
    KalenderFeed,
    Lidmaatschap,
    Sessielog,
)

K = keuzes
V = Veld

# Only rows the person wrote or owns; a table, so ruff leaves its layout alone.
# fmt: off
SECTIES = (
    Sectie("lidmaatschappen", _l("Groups and courses"),
           lambda u: Lidmaatschap.objects.filter(user=u).select_related("groep__aanbod")
           .order_by("sinds", "pk"), (
        V("groep", _l("Group"), "groep.naam"), V("aanbod", _l("Offer"), "groep.aanbod.titel"),
        V("rol", _l("Role"), keuzes=K(Lidmaatschap.Rol)),
        V("status", _l("Status"), keuzes=K(Lidmaatschap.Status)),
        V("vrijwilliger", _l("Volunteer")), V("sinds", _l("Since")),
        V("status_sinds", _l("Status since")),
        V("motivatie", _l("Why you wanted to join"), lang=True),
    ), volgorde=70, modellen=(Lidmaatschap,)),
    Sectie("aanwezigheid", _l("Attendance"),
           lambda u: Aanwezigheid.objects.filter(user=u).select_related("bijeenkomst__groep")
           .order_by("bijeenkomst__begint_om", "pk"), (
        V("groep", _l("Group"), "bijeenkomst.groep.naam"),
        V("bijeenkomst", _l("Meeting"), "bijeenkomst.begint_om"),
        V("status", _l("Status"), keuzes=K(Aanwezigheid.Status)),
    ), volgorde=80, modellen=(Aanwezigheid,)),
    Sectie("kalender", _l("Calendar link"), lambda u: KalenderFeed.objects.filter(user=u), (
        V("gemaakt_op", _l("Made on"), "aangemaakt_op"),
    ), _l("The secret link itself is left out: it works like a password."), optioneel=True,
       volgorde=200, modellen=(KalenderFeed,)),
    Sectie("sessielogs", _l("Session logs you wrote"),
           lambda u: Sessielog.objects.filter(geschreven_door=u)
           .select_related("bijeenkomst__groep").order_by("aangemaakt_op", "pk"), (
        V("groep", _l("Group"), "bijeenkomst.groep.naam"),
        V("bijeenkomst", _l("Meeting"), "bijeenkomst.begint_om"),
        V("geschreven_op", _l("Written on"), "aangemaakt_op"),
        V("sfeer", _l("Atmosphere"), lang=True), V("veiligheid", _l("Safety"), lang=True),
        V("opvallend", _l("What stood out"), lang=True),
        V("opvolging", _l("To follow up"), lang=True),
    ), optioneel=True, volgorde=220, modellen=(Sessielog,)),
    Sectie("intervisiegroepen", _l("Intervision groups"),
           lambda u: IntervisieLid.objects.filter(user=u).select_related("groep").order_by("pk"), (
        V("groep", _l("Group"), "groep.naam"), V("sinds", _l("Since")),
        V("actief", _l("Still a member")),
    ), optioneel=True, volgorde=230, modellen=(IntervisieLid,)),
    Sectie("intervisie", _l("Intervision notes you wrote"),
           lambda u: Intervisiebijeenkomst.objects.filter(aangemaakt_door=u)
           .select_related("groep").order_by("begint_om", "pk"), (
        V("groep", _l("Group"), "groep.naam"), V("begint_om", _l("Date and time")),
        V("methode", _l("Method"), keuzes=K(Intervisiebijeenkomst.Methode)),
        V("thema", _l("Theme"), keuzes=K(Intervisiebijeenkomst.Thema)),
        V("vraag", _l("The question"), lang=True), V("inzichten", _l("Insights"), lang=True),
        V("afspraken", _l("Agreements"), lang=True),
    ), optioneel=True, volgorde=240, modellen=(Intervisiebijeenkomst,)),
)
# fmt: on


# --- Who may not be erased yet ---------------------------------------------------------


def _lopend(vandaag) -> Q:
    """A group that has not ended: no end date, or one today or later."""
    return Q(groep__einddatum__isnull=True) | Q(groep__einddatum__gte=vandaag)


def lopende_facilitatorgroepen(user):
    """Groups this person still runs: an active facilitator place in a group that has
    not ended (no end date, or one today or later)."""
    vandaag = timezone.localdate()
    return Groep.objects.filter(
        Q(einddatum__isnull=True) | Q(einddatum__gte=vandaag),
        pk__in=Lidmaatschap.objects.facilitators().filter(user=user).values("groep"),
    )


def _reden(user) -> str | None:
    if lopende_facilitatorgroepen(user).exists():
        return _(
            "You still run a group as facilitator. Ask the coordinator to hand the group "
            "over to another facilitator first. After that you can delete your account here."
        )
    return None


def _lopende_facilitators(vandaag):
    return Lidmaatschap.objects.facilitators().filter(_lopend(vandaag)).values("user")


# --- Erasure ---------------------------------------------------------------------------


def wis_notities(user, _keuzes) -> None:
    """Facilitator notes they wrote. Notes others wrote stay; the name shows as a former
    member."""
    Sessielog.objects.filter(geschreven_door=user).delete()
    Intervisiebijeenkomst.objects.filter(aangemaakt_door=user).delete()
    Intervisiebijeenkomst.objects.filter(inbrenger=user).update(inbrenger=None)
    IntervisieLid.objects.filter(user=user).update(actief=False)


def wis_lidmaatschappen(user, _keuzes):
    """Leave the groups that have not ended (frees the place); the words they wrote when
    enrolling go everywhere. Attendance rows stay, as anonymous counts."""
    lopend = Lidmaatschap.objects.filter(user=user).filter(_lopend(timezone.localdate()))
    vrijgekomen = list(
        lopend.filter(
            status=Lidmaatschap.Status.ACTIEF,
            rol=Lidmaatschap.Rol.DEELNEMER,
            groep__capaciteit__isnull=False,
        ).values_list("groep_id", flat=True)
    )
    lopend.exclude(status=Lidmaatschap.Status.UITGESCHREVEN).update(
        status=Lidmaatschap.Status.UITGESCHREVEN, status_sinds=timezone.now()
    )
    Lidmaatschap.objects.filter(user=user).exclude(motivatie="").update(motivatie="")
    KalenderFeed.objects.filter(user=user).delete()
    # The public pages show places left and a facilitator's first name: not kept stale.
    openbaar.gewijzigd()

    def vul_plaatsen():
        # After the commit: the next people on the waiting list move up (and get a mail).
        for groep_id in vrijgekomen:
            vul_vrije_plaatsen(groep_id)

    return vul_plaatsen


registreer(
    Provider(
        naam="groepen",
        secties=SECTIES + GESPREK_SECTIES,
        wissers=(
            Wisser(20, wis_notities, modellen=(Sessielog, Intervisiebijeenkomst, IntervisieLid)),
            GESPREK_WISSER,
            Wisser(40, wis_lidmaatschappen, modellen=(Lidmaatschap, KalenderFeed)),
        ),
        blokkades=(Blokkade(20, _reden, wie=_lopende_facilitators), GESPREK_BLOKKADE),
    )
)


# --- First conversations (groepen/kennismaking.py) -------------------------------------


def _eigen_kennismakingen(user):
    """Requests made while signed in, and those made with the account's email address
    (asked before the account existed, or without signing in). The address is the
    account's verified login, so these are the person's own."""
    from .models import Kennismaking

    return Kennismaking.objects.filter(Q(user=user) | Q(email__iexact=user.email))


def _kennismaking_secties():
    from .models import Kennismaking

    # fmt: off
    return (
        Sectie("kennismakingen", _l("Requests to get to know us"),
               lambda u: _eigen_kennismakingen(u).order_by("aangemaakt_op", "pk"), (
            V("soort", _l("What you asked"), keuzes=K(Kennismaking.Soort)),
            V("voornaam", _l("First name")), V("email", _l("Email address")),
            V("telefoon", _l("Phone number")),
            V("wens", _l("What you were looking for"), lang=True),
            V("gevraagd_op", _l("Asked on"), "aangemaakt_op"),
            V("opgepakt_op", _l("Picked up by a host on")),
            V("afgerond_op", _l("Done on")),
            V("notitie", _l("The host's note"), lang=True),
        ), _l("Hosts see these requests; each one is erased automatically after a while."),
           optioneel=True, volgorde=66, modellen=(Kennismaking,)),
    )
    # fmt: on


def wis_kennismakingen(user, _keuzes) -> None:
    """The person's own requests go; requests they picked up as a host and did not finish
    go back to the open list (nobody keeps waiting for their call); their host role goes
    with their other roles (Wisser 38).
    Runs before the account row is scrubbed (deelnemers, 60): the email address is
    still there to find requests made without signing in."""
    from . import kennismaking

    _eigen_kennismakingen(user).delete()
    kennismaking.geef_terug_van(user)


def _registreer_kennismaking():
    from .models import Kennismaking

    registreer(
        Provider(
            naam="groepen_kennismaking",
            secties=_kennismaking_secties(),
            wissers=(Wisser(37, wis_kennismakingen, modellen=(Kennismaking,)),),
        )
    )


_registreer_kennismaking()


def _registreer_rollen():
    from .models import Vrijwilligersrol

    def wis_rollen(user, _keuzes) -> None:
        # The person's roles go with them; the figures that counted them are counts only.
        # Roles they started for others stay, without their name.
        Vrijwilligersrol.objects.filter(user=user).delete()
        Vrijwilligersrol.objects.filter(gestart_door=user).update(gestart_door=None)

    # fmt: off
    registreer(
        Provider(
            naam="groepen_rollen",
            secties=(
                Sectie("vrijwilligersrollen", _l("Your roles as volunteer"),
                       lambda u: Vrijwilligersrol.objects.filter(user=u)
                       .select_related("groep").order_by("begint_op", "pk"), (
                    V("soort", _l("Role"), keuzes=K(Vrijwilligersrol.Soort)),
                    V("groep", _l("Group"), "groep.naam"),
                    V("omschrijving", _l("In your own words")),
                    V("begint_op", _l("Starts on")), V("eindigt_op", _l("Ends on")),
                ), optioneel=True, volgorde=226, modellen=(Vrijwilligersrol,)),
            ),
            wissers=(Wisser(38, wis_rollen, modellen=(Vrijwilligersrol,)),),
        )
    )
    # fmt: on


_registreer_rollen()

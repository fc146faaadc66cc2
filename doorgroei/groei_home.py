"""The block on the participant's and the facilitator's home: a link to one's path as a
volunteer (for anyone who has or had a role), to telling one's story in a group (for
anyone who shares their story), a waiting invitation, and for facilitators whether
someone offers to tell their story. One query, however many rows there are: every
question is an annotation on the person's own row."""

from dataclasses import dataclass

from django.db.models import Exists, OuterRef
from django.utils import timezone

from deelnemers.models import User
from groepen.models import Vrijwilligersrol
from herstelmodel.models import Verhaal

from .models import Verhaalaanbod, Verhaaluitnodiging


@dataclass(frozen=True)
class Blok:
    heeft_pad: bool = False
    deelt_verhaal: bool = False
    open_uitnodiging: bool = False
    aanbiedingen: bool = False

    @property
    def leeg(self) -> bool:
        return not (
            self.heeft_pad or self.deelt_verhaal or self.open_uitnodiging or self.aanbiedingen
        )


def blok(user) -> Blok:
    if not user.is_authenticated:
        return Blok()
    rij = User.objects.filter(pk=user.pk).values(**vragen(user)).first()
    return Blok(**rij) if rij else Blok()


def vragen(user, *, heeft_pad=True, aanbiedingen=True, nu=None) -> dict:
    """The block's questions as annotations on the person's own User row. A caller that
    knows an answer already leaves it out (the participant's home: the menu's roles tell
    whether someone has or had a volunteer role, or facilitates a group at all)."""
    eigen = OuterRef("pk")
    vragen = {
        "deelt_verhaal": Exists(Verhaal.objects.filter(auteur=eigen, gedeeld_met__isnull=False)),
        "open_uitnodiging": Exists(
            Verhaaluitnodiging.objects.filter(
                user=eigen,
                antwoord=Verhaaluitnodiging.Antwoord.OPEN,
                bijeenkomst__begint_om__gt=nu or timezone.now(),
            )
        ),
    }
    if heeft_pad:
        vragen["heeft_pad"] = Exists(Vrijwilligersrol.objects.filter(user=eigen))
    if aanbiedingen:
        # Offers this person may see as a facilitator (empty for everyone else).
        vragen["aanbiedingen"] = Exists(Verhaalaanbod.objects.zichtbaar_voor(user))
    return vragen

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
    eigen = OuterRef("pk")
    rij = (
        User.objects.filter(pk=user.pk)
        .annotate(
            heeft_pad=Exists(Vrijwilligersrol.objects.filter(user=eigen)),
            deelt_verhaal=Exists(Verhaal.objects.filter(auteur=eigen, gedeeld_met__isnull=False)),
            open_uitnodiging=Exists(
                Verhaaluitnodiging.objects.filter(
                    user=eigen,
                    antwoord=Verhaaluitnodiging.Antwoord.OPEN,
                    bijeenkomst__begint_om__gt=timezone.now(),
                )
            ),
            # Offers this person may see as a facilitator (empty for everyone else).
            aanbiedingen=Exists(Verhaalaanbod.objects.zichtbaar_voor(user)),
        )
        .values("heeft_pad", "deelt_verhaal", "open_uitnodiging", "aanbiedingen")
        .first()
    )
    return Blok(**rij) if rij else Blok()

"""The block on the participant's and the facilitator's home: a link to one's path as a
volunteer (for anyone who has or had a role). One query, however many rows there are:
every question is an annotation on the person's own row."""

from dataclasses import dataclass

from django.db.models import Exists, OuterRef

from deelnemers.models import User
from groepen.models import Vrijwilligersrol


@dataclass(frozen=True)
class Blok:
    heeft_pad: bool = False

    @property
    def leeg(self) -> bool:
        return not self.heeft_pad


def blok(user) -> Blok:
    if not user.is_authenticated:
        return Blok()
    rij = (
        User.objects.filter(pk=user.pk)
        .annotate(heeft_pad=Exists(Vrijwilligersrol.objects.filter(user=OuterRef("pk"))))
        .values("heeft_pad")
        .first()
    )
    return Blok(**rij) if rij else Blok()

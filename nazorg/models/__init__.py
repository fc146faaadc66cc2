"""nazorg's models; everything is importable from nazorg.models.

nazit: the nazit plan and moments, reminders, channel preferences, in-app notifications.
nazitbericht: messages after the invitation (date known or changed, day before, called off).
gesprekmeldingen: which community notifications a person wants, followed spaces, reply email.
community: spaces, threads, posts, "Herken ik", moderation, muting, the weekly digest.
rust: a person's break from the community and their muted words.
toegang: who is in the community (welcomed by a host); its named moderators are roles.
missen: "misschien even contact?" signals for those who stop along the way.
"""

from .community import (
    POST_MAX,
    RICHTLIJNEN_VERSIE,
    TITEL_MAX,
    Bericht,
    BerichtVersie,
    Demping,
    DigestVoorkeur,
    Draad,
    HerkenIk,
    Moderatiezaak,
    RichtlijnAkkoord,
    Ruimte,
    Status,
)
from .gesprekmeldingen import GesprekmailStand, GesprekmeldingVoorkeur, GevolgdeRuimte
from .missen import Missen, MissenVoorkeur
from .nazit import (
    STANDAARD_PLAN,
    Herinnering,
    Melding,
    NazitMoment,
    NazitPlanMoment,
    NazorgVoorkeur,
)
from .nazitbericht import NazitBericht
from .rust import CommunityPauze, GedempteWoorden
from .toegang import CommunityWelkom

__all__ = [
    "POST_MAX",
    "RICHTLIJNEN_VERSIE",
    "STANDAARD_PLAN",
    "TITEL_MAX",
    "Bericht",
    "BerichtVersie",
    "CommunityPauze",
    "CommunityWelkom",
    "Demping",
    "DigestVoorkeur",
    "Draad",
    "GedempteWoorden",
    "GesprekmailStand",
    "GesprekmeldingVoorkeur",
    "GevolgdeRuimte",
    "Herinnering",
    "HerkenIk",
    "Melding",
    "Missen",
    "MissenVoorkeur",
    "Moderatiezaak",
    "NazitBericht",
    "NazitMoment",
    "NazitPlanMoment",
    "NazorgVoorkeur",
    "RichtlijnAkkoord",
    "Ruimte",
    "Status",
]

"""nazorg's models; everything is importable from nazorg.models.

nazit: the nazit plan and moments, reminders, channel preferences, in-app notifications.
gesprekmeldingen: which community notifications a person wants, followed spaces, reply email.
community: spaces, threads, posts, "Herken ik", moderation, muting, the weekly digest.
rust: a person's break from the community and their muted words.
toegang: who is in the community (welcomed by a host) and its named moderators.
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
from .nazit import (
    STANDAARD_PLAN,
    Herinnering,
    Melding,
    NazitMoment,
    NazitPlanMoment,
    NazorgVoorkeur,
)
from .rust import CommunityPauze, GedempteWoorden
from .toegang import CommunityWelkom, Moderator

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
    "Moderatiezaak",
    "Moderator",
    "NazitMoment",
    "NazitPlanMoment",
    "NazorgVoorkeur",
    "RichtlijnAkkoord",
    "Ruimte",
    "Status",
]

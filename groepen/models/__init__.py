"""groepen's models, one module per topic; everything is importable from groepen.models.

groep: Aanbod, Groep, Lidmaatschap. bijeenkomst: Bijeenkomst, Aanwezigheid.
kalender: KalenderFeed. locatie: Locatie. inloop: InloopTelling.
kennismaking: Kennismaking (first-conversation requests).
facilitator: session logs and intervisie.
gesprek: Gespreksslot, Gespreksboeking (one-to-one conversations).
rol: Vrijwilligersrol (host, co-facilitator, moderator, buddy, volunteer; issue 16).
"""

from .bijeenkomst import Aanwezigheid, Bijeenkomst
from .facilitator import (
    NOTITIE_MAX,
    Intervisiebijeenkomst,
    Intervisiegroep,
    IntervisieLid,
    Sessielog,
)
from .gesprek import Gespreksboeking, Gespreksslot
from .groep import Aanbod, Groep, Lidmaatschap
from .inloop import InloopTelling

# nieuw_kalender_token is named by migration 0001 as groepen.models.nieuw_kalender_token.
from .kalender import KalenderFeed, nieuw_kalender_token
from .kennismaking import Kennismaking
from .locatie import Locatie
from .rol import Vrijwilligersrol

__all__ = [
    "NOTITIE_MAX",
    "Aanbod",
    "Aanwezigheid",
    "Bijeenkomst",
    "Gespreksboeking",
    "Gespreksslot",
    "Groep",
    "InloopTelling",
    "IntervisieLid",
    "Intervisiebijeenkomst",
    "Intervisiegroep",
    "KalenderFeed",
    "Kennismaking",
    "Lidmaatschap",
    "Locatie",
    "Sessielog",
    "Vrijwilligersrol",
    "nieuw_kalender_token",
]

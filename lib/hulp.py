"""Showing help to someone who just wrote something with signal words (lib/signaal.py).

The help travels as a message with its own tag, so it survives the redirect after a
save and base.html shows templates/_hulp_nu.html instead of a plain line. Only the
writer sees it; nothing is blocked and nobody else is told.
"""

from django.contrib import messages
from django.utils.translation import gettext as _

from .signaal import bevat_signaalwoord

HULP_TAG = "hulp-nu"


def toon_hulp_bij_signaal(request, *teksten) -> bool:
    """Queue the help box for the writer when any text has a signal word."""
    if not bevat_signaalwoord(*(t for t in teksten if isinstance(t, str))):
        return False
    messages.warning(request, _("Are you having a very hard time right now?"), extra_tags=HULP_TAG)
    return True

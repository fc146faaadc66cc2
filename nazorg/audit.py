"""nazorg on the audit trail: how a moderation decision is told, to the facilitator who
made it and to the person who wrote the post. The event itself is recorded where the
decision is taken (nazorg/moderatie.py). Registered from NazorgConfig.ready().
"""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from audit import registry
from audit.models import AuditEvent

from .models import Moderatiezaak


def moderatie_zin(event, ik, gevonden) -> tuple[str, str]:
    besluit = event.details.get("besluit", "")
    if event.actor_id == ik.pk:
        labels = dict(Moderatiezaak.Besluit.choices)
        return _("You decided on a report in the community: %(besluit)s.") % {
            "besluit": labels.get(besluit, besluit)
        }, ""
    # As in the notification the writer gets: "a facilitator", not a name.
    zinnen = {
        "verborgen": _("A facilitator hid one of your posts in the community."),
        "hersteld": _("A facilitator restored one of your posts in the community."),
        "gereageerd": _("A facilitator responded with support to one of your posts."),
    }
    standaard = _("A facilitator looked at one of your posts in the community.")
    return zinnen.get(besluit, standaard), ""


def _welkom(details, gevonden) -> str:
    return _("welcome in the community")


def _moderator(details, gevonden) -> str:
    # The space's name is not looked up: an id is enough for the trail, and the person
    # sees the space under "Wie kijkt er mee".
    return _("moderator of a community space")


def register():
    # The sentence deliberately names no one, so the trail adds no "By <name>" either.
    registry.add_sentence(AuditEvent.Soort.MODERATIE, moderatie_zin, says_who=True)
    registry.add_detail_label("zaak", gettext_lazy("case"))
    registry.add_detail_label("bericht", gettext_lazy("post"))
    registry.add_detail_label("besluit", gettext_lazy("decision"))
    # Welcomes and moderator appointments are role events (nazorg/toegang.py).
    registry.add_role("community_welkom", _welkom)
    registry.add_role("community_moderator", _moderator)
    registry.add_detail_label("ruimte", gettext_lazy("community space"))

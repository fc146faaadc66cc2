"""Getuigenis as a role: offering to tell your story in a group, being invited for a
meeting, and answering.

Who sees an offer (the privacy decision): exactly the facilitators who may read the story
it is about, by herstelmodel's rule for getuigenissen: the story is shared with a group,
the reader became facilitator of that group before it was shared, and the author still
takes part in it (doorgroei/models/getuigenis.py). Not the facilitators of the person's
other groups, and not "the community": an offer says that someone has a story and wants
to tell it, which is only theirs to show to the people they shared the story with. Stop
sharing the story, or leave the group, and the offer is out of sight at once.

Notices go through nazorg's in-app notifications (Melding): a title and a link, no names
and no text of the story.
"""

from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from groepen.models import Bijeenkomst, Groep, Lidmaatschap
from herstelmodel.verhaal import LEES_PERM, verhaal_van
from nazorg.models import Melding

from .models import Verhaalaanbod, Verhaaluitnodiging
from .rules_groei import UITNODIGEN

Antwoord = Verhaaluitnodiging.Antwoord


class UitnodigingFout(Exception):
    """Something the person should read: the message is for them."""


# --- The person who offers ----------------------------------------------------------------


def aanbod_van(user) -> Verhaalaanbod | None:
    return Verhaalaanbod.objects.filter(user=user).first()


def zet_aanbod(user, aan: bool) -> None:
    if aan:
        Verhaalaanbod.objects.get_or_create(user=user)
    else:
        Verhaalaanbod.objects.filter(user=user).delete()


def gedeeld_met(user) -> Groep | None:
    """The group whose facilitators see the offer now: the one the story is shared with,
    while the person still takes part in it. None: nobody sees it."""
    verhaal = verhaal_van(user)
    if verhaal is None or verhaal.gedeeld_met is None or verhaal.gedeelde_versie_id is None:
        return None
    return verhaal.gedeeld_met if user.has_perm(LEES_PERM, verhaal.gedeeld_met) else None


def mijn_uitnodigingen(user):
    """Newest meeting first; `voorbij` marks meetings that have started (no answer then)."""
    nu = timezone.now()
    uitnodigingen = list(
        Verhaaluitnodiging.objects.filter(user=user)
        .select_related("bijeenkomst__groep", "uitgenodigd_door")
        .order_by("-bijeenkomst__begint_om", "-pk")
    )
    for u in uitnodigingen:
        u.voorbij = u.bijeenkomst.begint_om <= nu
    return uitnodigingen


def beantwoord(user, pk, antwoord: str) -> Verhaaluitnodiging:
    """Answer one's own open invitation for a meeting still to come. One answer wins: a
    second click (or tab) finds it answered and changes nothing."""
    uitnodiging = Verhaaluitnodiging.objects.select_related("bijeenkomst").get(pk=pk, user=user)
    if antwoord not in (Antwoord.JA, Antwoord.NEE):
        raise UitnodigingFout(_("Choose yes or no."))
    if uitnodiging.bijeenkomst.begint_om <= timezone.now():
        raise UitnodigingFout(_("This meeting has already taken place."))
    gewijzigd = Verhaaluitnodiging.objects.filter(pk=pk, antwoord=Antwoord.OPEN).update(
        antwoord=antwoord, beantwoord_op=timezone.now()
    )
    uitnodiging.refresh_from_db()
    if gewijzigd and uitnodiging.uitgenodigd_door_id:
        Melding.objects.create(
            user_id=uitnodiging.uitgenodigd_door_id,
            titel=_("There is an answer to your invitation to tell a story."),
            link=reverse("doorgroei_vertellers"),
        )
    return uitnodiging


# --- The facilitator ------------------------------------------------------------------------


def aanbiedingen_voor(facilitator):
    """The offers this facilitator may see, with the group the story is shared with."""
    return list(
        Verhaalaanbod.objects.zichtbaar_voor(facilitator)
        .select_related("user__verhaal__gedeeld_met")
        .order_by("user__roepnaam", "pk")
    )


def zichtbaar_aanbod(facilitator, user_id) -> Verhaalaanbod:
    """One offer, or DoesNotExist (the view answers 404) when it is not for this reader."""
    return (
        Verhaalaanbod.objects.zichtbaar_voor(facilitator)
        .select_related("user__verhaal__gedeeld_met")
        .get(user_id=user_id)
    )


def bijeenkomsten_van(facilitator):
    """Meetings of the groups this person facilitates (not cancelled), soonest first."""
    groepen = Lidmaatschap.objects.facilitators().filter(user=facilitator).values("groep")
    return (
        Bijeenkomst.objects.filter(groep__in=groepen, geannuleerd=False)
        .select_related("groep")
        .order_by("begint_om", "pk")
    )


def verstuurd_door(facilitator):
    return list(
        Verhaaluitnodiging.objects.filter(uitgenodigd_door=facilitator)
        .select_related("user", "bijeenkomst__groep")
        .order_by("-aangemaakt_op", "-pk")[:50]
    )


def nodig_uit(facilitator, aanbod: Verhaalaanbod, bijeenkomst: Bijeenkomst, bericht: str):
    """Invite the person for a meeting of a group the facilitator runs. The checks are
    asked again here, so no other path can skip them."""
    if not facilitator.has_perm(UITNODIGEN, bijeenkomst.groep):
        raise PermissionError("not a facilitator of this group")
    if bijeenkomst.begint_om <= timezone.now():
        raise UitnodigingFout(_("This meeting has already taken place. Choose one still to come."))
    try:
        with transaction.atomic():
            uitnodiging = Verhaaluitnodiging.objects.create(
                user=aanbod.user,
                bijeenkomst=bijeenkomst,
                uitgenodigd_door=facilitator,
                bericht=bericht.strip(),
            )
    except IntegrityError:
        raise UitnodigingFout(
            _("%(naam)s is already invited for this meeting.") % {"naam": aanbod.user.roepnaam}
        ) from None
    Melding.objects.create(
        user=aanbod.user,
        titel=_("You are invited to tell your story in a group."),
        link=reverse("doorgroei_verhaal_aanbod"),
    )
    return uitnodiging

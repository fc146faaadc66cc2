"""Editing and taking back your own community post.

The writer may change the text (and the title, for the first post of a thread) while the
post is visible or waiting for a facilitator. Each edit keeps the text it replaced as a
BerichtVersie, so moderators can see what changed. A post a moderator hid cannot be
edited or taken back: the writer reads the moderator's reason instead (editing would
quietly undo the decision).

Taking back erases the words, not the row: the text, its earlier versions and a shared
story go, the post stays in place as "taken back", so the replies under it keep their
context. A first post keeps its thread and its replies; its title (also the writer's
words) becomes a neutral one, as when an account is erased.

A new signal word in an edit is treated as in a new post (moderatie.na_plaatsen): a case
for the facilitators and, under the "hold" policy, the post waits. Fixing a typo in a
post whose signal words were already seen opens no second case.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import Http404
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from lib.signaal import signaalwoorden_in

from .community import tekstfouten
from .models import (
    Bericht,
    BerichtVersie,
    Draad,
    HerkenIk,
    Moderatiezaak,
    Ruimte,
    Status,
)
from .moderatie import na_plaatsen

BEWERKBAAR = (Status.ZICHTBAAR, Status.VASTGEHOUDEN)


def eigen_bericht_voor(user, pk) -> Bericht:
    """The person's own post (not taken back) in a space they see; anything else: 404."""
    try:
        bericht = (
            Bericht.objects.filter(
                auteur=user,
                auteur__isnull=False,
                teruggenomen_op__isnull=True,
                draad__ruimte__in=Ruimte.objects.zichtbaar_voor(user),
            )
            .select_related("draad", "draad__ruimte")
            .get(pk=pk)
        )
    except Bericht.DoesNotExist:
        raise Http404 from None
    bericht.eerste = not Bericht.objects.filter(
        draad_id=bericht.draad_id, pk__lt=bericht.pk
    ).exists()
    return bericht


def weigering(bericht) -> str | None:
    """None when the writer may change the post; else why not (a moderator hid it, or the
    thread it is in), with the moderator's reason when they gave one."""
    verborgen = Status.VERBORGEN
    if bericht.status != verborgen and bericht.draad.status != verborgen:
        return None
    zaken = Moderatiezaak.objects.filter(besluit=Moderatiezaak.Besluit.VERBORGEN)
    if bericht.status == verborgen:
        zaken = zaken.filter(bericht_id=bericht.pk)
    else:  # the post is visible, but the thread it is in was hidden
        zaken = zaken.filter(bericht__draad_id=bericht.draad_id)
    zaak = zaken.order_by("-afgehandeld_op", "-pk").first()
    reden = zaak.besluit_reden if zaak else ""
    if reden:
        return _(
            "A facilitator hid this message, so you can't change it. Their reason: %(reden)s"
        ) % {"reden": reden}
    return _("A facilitator hid this message, so you can't change it.")


def _controleer(tekst, titel, met_titel) -> None:
    # The same messages as for a new post.
    fouten = tekstfouten(tekst, titel, met_titel=met_titel)
    if fouten:
        raise ValidationError(fouten)


def _nieuw_signaal(oud: str, nieuw: str) -> bool:
    return bool(set(signaalwoorden_in(nieuw)) - set(signaalwoorden_in(oud)))


def bewerk(bericht, tekst, titel=None) -> bool:
    """Change the post (and the title of a first post). Raises ValidationError({field:
    message}) for bad input, saving nothing. Returns True when something changed."""
    if weigering(bericht) is not None or bericht.status not in BEWERKBAAR:
        raise ValidationError(weigering(bericht) or _("You can't change this message."))
    met_titel = bool(getattr(bericht, "eerste", False))
    tekst = (tekst or "").strip()
    titel = (titel or "").strip() if met_titel else ""
    _controleer(tekst, titel, met_titel)
    draad = bericht.draad
    oude_titel = draad.titel if met_titel else ""
    if tekst == bericht.tekst and titel == oude_titel:
        return False
    nu = timezone.now()
    with transaction.atomic():
        BerichtVersie.objects.create(
            bericht=bericht, tekst=bericht.tekst, titel=oude_titel, vervangen_op=nu
        )
        oud = f"{oude_titel}\n{bericht.tekst}"
        bericht.tekst = tekst
        bericht.bewerkt_op = nu
        bericht.save(update_fields=["tekst", "bewerkt_op"])
        if met_titel and titel != oude_titel:
            draad.titel = titel
            draad.save(update_fields=["titel"])
        if _nieuw_signaal(oud, f"{titel}\n{tekst}"):
            na_plaatsen(bericht)
    return True


def neem_terug(bericht) -> None:
    """Erase the words of the post (and its earlier versions); the row and replies stay."""
    if weigering(bericht) is not None or bericht.status not in BEWERKBAAR:
        raise ValidationError(weigering(bericht) or _("You can't change this message."))
    with transaction.atomic():
        BerichtVersie.objects.filter(bericht=bericht).delete()
        # Nothing left to recognise; the count would point at words that are gone.
        HerkenIk.objects.filter(bericht=bericht).delete()
        bericht.tekst = ""
        bericht.getuigenis = None
        bericht.teruggenomen_op = timezone.now()
        bericht.save(update_fields=["tekst", "getuigenis", "teruggenomen_op"])
        if getattr(bericht, "eerste", False):
            with translation.override(settings.LANGUAGE_CODE):
                neutraal = _("Conversation")
            Draad.objects.filter(pk=bericht.draad_id).update(titel=neutraal)

"""Moderation of the aftercare community: who moderates, reports, signal words, the queue.

Moderators are peers who look in: for a cohort space the active facilitators of its
group; for every space, the people a coordinator named as its moderator (an active
moderator role, groepen.Vrijwilligersrol; listed for members under "Wie kijkt er mee").
The academy-wide space has only named moderators: it mixes people of every group, so
its members must be able to see exactly who reads along, not "whoever facilitates some
group today" (and a coordinator who adds themselves to a group does not quietly become
a reader). Coordinators are not moderators unless named: otherwise they never see what
people write, only counts (see community_cijfers).

A post is never removed for a signal word: its writer sees where to find help, and a
case asks a facilitator for a supportive response. Outside a space's moderation hours a
post that three different members report is held until a facilitator looks (the queue
shows it right after the signal cases). Notifications to authors carry only a title
(the space and the reason), never the post text.
"""

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Case, Count, Exists, IntegerField, OuterRef, Q, Value, When
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.text import Truncator
from django.utils.translation import gettext as _

from audit.log import record
from audit.models import AuditEvent
from groepen.models import Lidmaatschap
from lib.signaal import bevat_signaalwoord

from . import gesprekmeldingen
from .models import Bericht, Draad, HerkenIk, Melding, Moderatiezaak, Ruimte, Status
from .models.toegang import benoemd_als_moderator

Besluit = Moderatiezaak.Besluit
REDEN_MAX = 500
# Decisions that need a reason the author will read.
REDEN_VERPLICHT = (Besluit.VERBORGEN, Besluit.HERSTELD)
# Outside moderation hours, this many different members reporting a post hold it.
MELDINGEN_DREMPEL = 3


def ruimtes_gemodereerd_door(user, vandaag=None):
    """The spaces `user` moderates, as a queryset (usable as a subquery). `vandaag`: the
    day the moderator roles count on (default today; see community_lid)."""
    if not user or not user.is_authenticated or not user.is_active:
        return Ruimte.objects.none()
    eigen = Lidmaatschap.objects.facilitators().filter(user=user)
    return Ruimte.objects.filter(
        Q(groep__in=eigen.values("groep")) | benoemd_als_moderator(user, op=vandaag)
    )


def onthoud_moderator(user, ruimte, antwoord: bool) -> bool:
    """Keep an answer worked out elsewhere (as an annotation of
    ruimtes_gemodereerd_door, the same rule) for is_moderator, for this request."""
    if not user or not user.is_authenticated or not user.is_active:
        return False
    user.__dict__.setdefault("_moderator_cache", {})[ruimte.pk] = bool(antwoord)
    return bool(antwoord)


def is_moderator(user, ruimte) -> bool:
    if ruimte is None or not user or not user.is_authenticated or not user.is_active:
        return False
    cache = user.__dict__.setdefault("_moderator_cache", {})
    if ruimte.pk not in cache:
        faciliteert = Lidmaatschap.objects.facilitators().filter(
            user=user, groep_id=ruimte.groep_id
        )
        # One query: named for this space, or (cohort spaces only) facilitating its group.
        # Kept for this request only: a role that ends counts from the next request on.
        toegang = benoemd_als_moderator(user)
        if ruimte.groep_id is not None:
            toegang |= Q(Exists(faciliteert))
        cache[ruimte.pk] = Ruimte.objects.filter(toegang, pk=ruimte.pk).exists()
    return cache[ruimte.pk]


def meld(bericht, user, reden) -> tuple[Moderatiezaak, bool]:
    """A member reports a post. One open report per member per post. Inside the space's
    moderation hours the post stays visible until a moderator decides; outside them, the
    third different member's report holds it (see houd_vast_na_meldingen)."""
    reden = (reden or "").strip()[:REDEN_MAX]
    open_zaken = Moderatiezaak.objects.filter(
        bericht=bericht, gemeld_door=user, afgehandeld_op__isnull=True
    )
    try:
        with transaction.atomic():
            # The post's row is locked, so three reports at the same moment are counted
            # one after the other and the post is held exactly once.
            Bericht.objects.select_for_update().filter(pk=bericht.pk).first()
            bestaand = open_zaken.first()
            if bestaand is not None:
                return bestaand, False
            zaak = Moderatiezaak.objects.create(
                bericht=bericht, soort=Moderatiezaak.Soort.GEMELD, gemeld_door=user, reden=reden
            )
            houd_vast_na_meldingen(bericht)
    except IntegrityError:  # a double click raced us to it
        return open_zaken.get(), False
    return zaak, True


def houd_vast_na_meldingen(bericht, moment=None) -> bool:
    """Outside moderation hours nobody may look for a while: when three different members
    (the writer not counted) have an open report about a visible post, it is held until a
    facilitator looks, and its writer is told kindly. True when it was held now."""
    bericht.refresh_from_db(fields=["status"])
    draad = bericht.draad
    if bericht.status != Status.ZICHTBAAR or draad.ruimte.binnen_kijkuren(moment):
        return False
    melders = (
        Moderatiezaak.objects.filter(
            bericht=bericht,
            soort=Moderatiezaak.Soort.GEMELD,
            afgehandeld_op__isnull=True,
            gemeld_door__isnull=False,
        )
        .exclude(gemeld_door_id=bericht.auteur_id)
        .values("gemeld_door")
        .distinct()
        .count()
    )
    if melders < MELDINGEN_DREMPEL:
        return False
    bericht.status = Status.VASTGEHOUDEN
    bericht.save(update_fields=["status"])
    eerste = not Bericht.objects.filter(draad_id=draad.pk, pk__lt=bericht.pk).exists()
    if eerste and draad.status == Status.ZICHTBAAR:
        draad.status = Status.VASTGEHOUDEN
        draad.save(update_fields=["status"])
    Moderatiezaak.objects.create(bericht=bericht, soort=Moderatiezaak.Soort.VASTGEHOUDEN)
    with translation.override(settings.LANGUAGE_CODE):
        titel = _(
            "A few people asked a facilitator to look at your post in %(ruimte)s. Until then "
            "it is out of sight. This is not a judgement: a facilitator will look soon."
        ) % {"ruimte": draad.ruimte.naam}
    _meld_auteur(bericht, titel, _link("draad", draad.pk))
    return True


def na_plaatsen(bericht) -> bool:
    """Right after a post is saved: a signal word flags it for a supportive response.

    Under the "hold" policy the post (and a new thread) waits for a facilitator; it is
    never removed. Returns True when the post contains a signal word.
    """
    draad = bericht.draad
    eerste = not Bericht.objects.filter(draad_id=draad.pk, pk__lt=bericht.pk).exists()
    tekst = bericht.tekst or ""
    if eerste:
        tekst = f"{draad.titel}\n{tekst}"
    if not bevat_signaalwoord(tekst):
        return False
    bericht.signaal = True
    velden = ["signaal"]
    if draad.ruimte.signaalbeleid == Ruimte.Signaalbeleid.VASTHOUDEN:
        bericht.status = Status.VASTGEHOUDEN
        velden.append("status")
        if eerste and draad.status == Status.ZICHTBAAR:
            draad.status = Status.VASTGEHOUDEN
            draad.save(update_fields=["status"])
    bericht.save(update_fields=velden)
    Moderatiezaak.objects.create(bericht=bericht, soort=Moderatiezaak.Soort.SIGNAAL)
    return True


def _open_zaken_voor(user, vandaag=None):
    # The reports about a post held after reports are folded into that one case: one
    # decision closes them all, and the queue shows the post once (with their reasons).
    vastgehouden = Moderatiezaak.objects.filter(
        bericht=OuterRef("bericht"),
        soort=Moderatiezaak.Soort.VASTGEHOUDEN,
        afgehandeld_op__isnull=True,
    )
    return Moderatiezaak.objects.filter(
        afgehandeld_op__isnull=True,
        bericht__draad__ruimte__in=ruimtes_gemodereerd_door(user, vandaag),
    ).exclude(Q(soort=Moderatiezaak.Soort.GEMELD) & Q(Exists(vastgehouden)))


def meldredenen(zaken) -> dict[int, list[str]]:
    """The reasons members gave, per post held after reports (one query)."""
    berichten = [z.bericht_id for z in zaken if z.soort == Moderatiezaak.Soort.VASTGEHOUDEN]
    redenen = {}
    if not berichten:
        return redenen
    for bericht_id, reden in Moderatiezaak.objects.filter(
        bericht_id__in=berichten, soort=Moderatiezaak.Soort.GEMELD, afgehandeld_op__isnull=True
    ).values_list("bericht_id", "reden"):
        if reden:
            redenen.setdefault(bericht_id, []).append(reden)
    return redenen


def wachtrij_voor(user):
    """Open cases in the spaces `user` moderates: what needs a supportive response first,
    then posts held after reports, then reports; oldest first within each."""
    return (
        _open_zaken_voor(user)
        .select_related("bericht__draad__ruimte", "bericht__auteur", "gemeld_door")
        .annotate(
            signaal_eerst=Case(
                When(soort=Moderatiezaak.Soort.SIGNAAL, then=Value(0)),
                When(soort=Moderatiezaak.Soort.VASTGEHOUDEN, then=Value(1)),
                default=Value(2),
                output_field=IntegerField(),
            )
        )
        .order_by("signaal_eerst", "aangemaakt_op", "pk")
    )


def aantal_open_voor(user) -> int:
    """For the facilitator home: one COUNT query."""
    if not user or not user.is_authenticated:
        return 0
    return _open_zaken_voor(user).count()


def open_voor_orm(user, vandaag):
    """The keys of the open cases aantal_open_voor counts, on day `vandaag`, as a query
    (for a count that shares its round trip with others, lib/gecompileerd.py)."""
    return _open_zaken_voor(user, vandaag).order_by().values("pk")


def zaak_voor(user, pk) -> Moderatiezaak:
    """An open or closed case in a space `user` moderates, else Http404."""
    from django.shortcuts import get_object_or_404

    return get_object_or_404(
        Moderatiezaak.objects.filter(
            bericht__draad__ruimte__in=ruimtes_gemodereerd_door(user)
        ).select_related("bericht__draad__ruimte"),
        pk=pk,
    )


def _link(naam, pk) -> str:
    return reverse(naam, kwargs={"pk": pk})


def _meld_auteur(bericht, titel: str, link: str) -> None:
    # The writer may have switched these off (nazorg/gesprekmeldingen.py).
    if bericht.auteur_id is None or not gesprekmeldingen.wil(bericht.auteur_id, "moderatie"):
        return
    Melding.objects.create(
        user_id=bericht.auteur_id, titel=Truncator(titel).chars(200), link=link, soort="moderatie"
    )


def besluit(zaak, user, keuze: str, reden: str = "") -> None:
    """Apply a moderator's decision and close every open case about the same post.

    Hide/restore tell the author through an in-app notification (title only). A held
    post that a moderator lets through becomes visible, and its author is told so.
    """
    reden = (reden or "").strip()[:REDEN_MAX]
    bericht = zaak.bericht
    draad = bericht.draad
    ruimte = draad.ruimte
    eerste = not Bericht.objects.filter(draad_id=draad.pk, pk__lt=bericht.pk).exists()
    was_vastgehouden = bericht.status == Status.VASTGEHOUDEN
    nu = timezone.now()

    if keuze == Besluit.VERBORGEN:
        nieuwe_status = Status.VERBORGEN
    elif keuze == Besluit.HERSTELD or was_vastgehouden:
        nieuwe_status = Status.ZICHTBAAR
    else:
        nieuwe_status = None

    with transaction.atomic():
        if nieuwe_status is not None and bericht.status != nieuwe_status:
            Bericht.objects.filter(pk=bericht.pk).update(status=nieuwe_status)
            bericht.status = nieuwe_status
        if nieuwe_status is not None and eerste and draad.status != nieuwe_status:
            Draad.objects.filter(pk=draad.pk).update(status=nieuwe_status)
            draad.status = nieuwe_status
        Moderatiezaak.objects.filter(bericht=bericht, afgehandeld_op__isnull=True).update(
            besluit=keuze, besluit_reden=reden, afgehandeld_door=user, afgehandeld_op=nu
        )
        # The trail keeps the decision as a code; the reason is free text and stays out.
        record(
            AuditEvent.Soort.MODERATIE,
            actor=user,
            betreft=bericht.auteur,
            zaak=zaak.pk,
            bericht=bericht.pk,
            besluit=keuze,
        )

        with translation.override(settings.LANGUAGE_CODE):
            context = {"ruimte": ruimte.naam, "reden": reden}
            if keuze == Besluit.VERBORGEN:
                titel = _("A facilitator hid your post in %(ruimte)s: %(reden)s") % context
                _meld_auteur(bericht, titel, _link("ruimte", ruimte.pk))
            elif keuze == Besluit.HERSTELD:
                titel = _("A facilitator restored your post in %(ruimte)s: %(reden)s") % context
                _meld_auteur(bericht, titel, _link("draad", draad.pk))
            elif was_vastgehouden:
                titel = _("Your post in %(ruimte)s can now be read by everyone.") % context
                _meld_auteur(bericht, titel, _link("draad", draad.pk))


def community_cijfers(periode_start, periode_eind) -> dict:
    """Counts for coordinators: no content, no names. Dates are inclusive datetimes or
    dates; people who wrote are counted only among those who completed a course."""
    from groepen.models import Groep

    periode = Q(aangemaakt_op__gte=periode_start, aangemaakt_op__lt=periode_eind)
    vandaag = timezone.localdate()
    afgerond = Lidmaatschap.objects.deelnemers().filter(
        groep__in=Groep.objects.filter(einddatum__lt=vandaag)
    )
    berichten = Bericht.objects.filter(periode).exclude(status=Status.VERBORGEN)
    return {
        "draden": Draad.objects.filter(periode).exclude(status=Status.VERBORGEN).count(),
        "berichten": berichten.count(),
        "schrijvers": berichten.filter(auteur__in=afgerond.values("user")).aggregate(
            n=Count("auteur", distinct=True)
        )["n"],
        "herken_ik": HerkenIk.objects.filter(periode).count(),
    }

"""The community: spaces, threads, posts, "Herken ik", reports and muting.

Views stay thin: who sees which space, thread or post is decided here (on top of
Ruimte.objects.zichtbaar_voor), and every post, thread or reply, goes through
plaats_bericht(). Moderation itself (signal words, holding, hiding, the queue) lives in
nazorg/moderatie.py; this module only calls its `is_moderator`, `na_plaatsen` and `meld`.
Hidden posts are never shown to members; a writer sees their own held post.
"""

import datetime

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import (
    BooleanField,
    Count,
    Exists,
    ExpressionWrapper,
    F,
    OuterRef,
    Prefetch,
    Q,
    Subquery,
)
from django.db.models.functions import Coalesce
from django.http import Http404
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from groepen.models import Groep, Lidmaatschap
from herstelmodel.models import VerhaalVersie

from . import gesprekmeldingen, ongelezen, volgen
from .models import (
    POST_MAX,
    RICHTLIJNEN_VERSIE,
    TITEL_MAX,
    Bericht,
    Demping,
    Draad,
    GevolgdeRuimte,
    HerkenIk,
    Moderatiezaak,
    RichtlijnAkkoord,
    Ruimte,
    Status,
)
from .models.toegang import benoemd_als_moderator
from .moderatie import (
    meld,
    na_plaatsen,
    onthoud_moderator,
    ruimtes_gemodereerd_door,
)

# At most this many posts per person in this window: a calm pace, and a brake on spam.
RATE_AANTAL = 5
RATE_VENSTER = datetime.timedelta(minutes=5)
NIEUWSTE_PER_RUIMTE = 3


# --- Guidelines --------------------------------------------------------------------------


def heeft_richtlijnen_geaccepteerd(user) -> bool:
    return RichtlijnAkkoord.objects.filter(user=user, versie=RICHTLIJNEN_VERSIE).exists()


def accepteer_richtlijnen(user) -> None:
    RichtlijnAkkoord.objects.get_or_create(user=user, versie=RICHTLIJNEN_VERSIE)


# --- Spaces ------------------------------------------------------------------------------


def academieruimte() -> Ruimte:
    try:
        with transaction.atomic():
            ruimte, _nieuw = Ruimte.objects.get_or_create(
                groep=None, defaults={"naam": "Community"}
            )
    except IntegrityError:  # created at the same moment by someone else
        ruimte = Ruimte.objects.get(groep=None)
    return ruimte


def maak_ruimtes(vandaag=None) -> int:
    """The academy-wide space, and a space for each group that has ended and has none yet.

    Run by a periodic task (nazorg.tasks.maak_ruimtes) and by the demo command, so reading
    the community never writes: pages only show the spaces that exist. Idempotent; a
    space made at the same moment elsewhere is skipped by the unique keys. Returns the
    number of new cohort spaces."""
    academieruimte()
    vandaag = vandaag or timezone.localdate()
    nieuw = [
        Ruimte(groep=groep, naam=groep.naam)
        for groep in Groep.objects.filter(einddatum__lt=vandaag, ruimte__isnull=True).only(
            "pk", "naam"
        )
    ]
    Ruimte.objects.bulk_create(nieuw, ignore_conflicts=True)
    return len(nieuw)


def ruimtes_voor(user):
    """The spaces the person may see, each with its newest visible threads (`nieuwste`)."""
    nieuwste = (
        Draad.objects.filter(status=Status.ZICHTBAAR)
        .select_related("auteur")
        .order_by("-laatste_activiteit", "-pk")
    )
    return (
        Ruimte.objects.zichtbaar_voor(user)
        .select_related("groep")
        .prefetch_related(
            Prefetch("draden", queryset=nieuwste[:NIEUWSTE_PER_RUIMTE], to_attr="nieuwste")
        )
        .order_by(F("groep__einddatum").desc(nulls_last=True), "naam")
    )


# Spaces of groups that ended longer ago than this are folded on the overview: names
# only, so the page stays short and quick for someone with years of groups.
OUD_NA = datetime.timedelta(days=365)


def recent_en_ouder(user):
    """The overview's spaces: (recent spaces with their newest threads, older spaces as
    names only). The academy-wide space is never "older". Three queries."""
    grens = timezone.localdate() - OUD_NA
    oud = Q(groep__einddatum__lt=grens)
    recent = list(ruimtes_voor(user).exclude(oud))
    ouder = list(
        Ruimte.objects.zichtbaar_voor(user)
        .filter(oud)
        .order_by(F("groep__einddatum").desc(), "naam")
        .values("pk", "naam")
    )
    return recent, ouder


def ruimte_voor(user, pk) -> Ruimte:
    try:
        return Ruimte.objects.zichtbaar_voor(user).select_related("groep").get(pk=pk)
    except Ruimte.DoesNotExist:
        raise Http404 from None


def ruimte_pagina_voor(user, pk) -> Ruimte:
    """ruimte_voor(), and in the same query what the space's page asks about it:
    `.aantal_draden` (the threads the person sees there, draden_in's count), `.gevolgd`
    (volgen.volgt) and whether they moderate it (kept for is_moderator, the same rule).
    Three queries fewer than asking each on its own."""
    if not user.is_authenticated or not user.is_active:
        raise Http404  # as ruimte_voor: the rules show them no space
    draden = (
        Draad.objects.filter(_zichtbaar_of_eigen(user), ruimte=OuterRef("pk"))
        .order_by()
        .values("ruimte")
        .annotate(n=Count("pk"))
        .values("n")
    )
    # is_moderator's own condition, on the space's row: named for it, or (cohort spaces
    # only: a NULL group matches nothing) facilitating its group.
    faciliteert = Lidmaatschap.objects.facilitators().filter(
        user=user, groep_id=OuterRef("groep_id")
    )
    try:
        ruimte = (
            Ruimte.objects.zichtbaar_voor(user)
            .select_related("groep")
            .annotate(
                aantal_draden=Coalesce(Subquery(draden), 0),
                gevolgd=Exists(GevolgdeRuimte.objects.filter(user=user, ruimte=OuterRef("pk"))),
                modereert=ExpressionWrapper(
                    benoemd_als_moderator(user) | Q(Exists(faciliteert)),
                    output_field=BooleanField(),
                ),
            )
            .get(pk=pk)
        )
    except Ruimte.DoesNotExist:
        raise Http404 from None
    onthoud_moderator(user, ruimte, ruimte.modereert)
    return ruimte


# --- Threads and posts -------------------------------------------------------------------


def _zichtbaar_of_eigen(user, moderator=False):
    """Visible, or held and written by the person; moderators also see held ones."""
    toon = Q(status=Status.ZICHTBAAR) | Q(status=Status.VASTGEHOUDEN, auteur=user)
    if moderator:
        toon |= Q(status=Status.VASTGEHOUDEN)
    return toon


def draden_in(ruimte, user):
    # A subquery, not a join with GROUP BY: then only the threads on the page get their
    # posts counted, not every thread the space ever had (docs/performance.md).
    aantal = (
        Bericht.objects.filter(draad=OuterRef("pk"), status=Status.ZICHTBAAR)
        .order_by()
        .values("draad")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return (
        ruimte.draden.filter(_zichtbaar_of_eigen(user))
        .select_related("auteur")
        .annotate(aantal_berichten=Coalesce(Subquery(aantal), 0))
        .order_by("-laatste_activiteit", "-pk")
    )


def draad_toegang_orm(user, vandaag, pk):
    """The thread `pk` if `user` may see its space, annotated with whether they moderate
    that space (draad_voor; compiled once per process in nazorg/ongelezen.py)."""
    moderator = Exists(ruimtes_gemodereerd_door(user, vandaag).filter(pk=OuterRef("ruimte_id")))
    return (
        Draad.objects.filter(pk=pk, ruimte__in=Ruimte.objects.zichtbaar_voor(user, vandaag))
        .annotate(is_moderator=moderator)
        .order_by()
    )


def draad_voor(user, pk) -> Draad:
    """A thread in a space the person sees; hidden threads only for moderators; held ones
    for their writer and moderators. Anything else: 404."""
    # Whether they may see it and whether they moderate its space: one query, compiled
    # once per process (nazorg/ongelezen.py; the ORM's own SQL, the same rules); then the
    # thread itself by its key. The moderator answer is kept for the rest of the request.
    toegang = ongelezen.draad_toegang(user, pk)
    if toegang is ongelezen.NIET_GECOMPILEERD:
        vandaag = timezone.localdate()
        toegang = draad_toegang_orm(user, vandaag, pk).values_list("is_moderator").first()
    if toegang is None:
        raise Http404
    draad = Draad.objects.select_related("ruimte", "ruimte__groep", "auteur").get(pk=pk)
    draad.moderator = onthoud_moderator(user, draad.ruimte, toegang[0])
    if draad.status == Status.ZICHTBAAR or draad.moderator:
        return draad
    if draad.status == Status.VASTGEHOUDEN and draad.auteur_id == user.pk:
        return draad
    raise Http404


def berichten_in(draad, user):
    mijn_herkenning = HerkenIk.objects.filter(bericht=OuterRef("pk"), user=user)
    # Held because members reported it (not for a signal word): its writer reads why.
    door_meldingen = Moderatiezaak.objects.filter(
        bericht=OuterRef("pk"),
        soort=Moderatiezaak.Soort.VASTGEHOUDEN,
        afgehandeld_op__isnull=True,
    )
    # Counted per post in a subquery, not by joining every "Herken ik" of the thread and
    # grouping: then only the posts of the page are counted (as draden_in does).
    herkend = (
        HerkenIk.objects.filter(bericht=OuterRef("pk"))
        .order_by()
        .values("bericht")
        .annotate(n=Count("pk"))
        .values("n")
    )
    berichten = (
        draad.berichten.filter(_zichtbaar_of_eigen(user, moderator=draad.moderator))
        # The writer's first name is all a post shows of them (draad_html): no User rows.
        .select_related("getuigenis")
        .annotate(
            auteur_roepnaam=F("auteur__roepnaam"),
            aantal_herken=Coalesce(Subquery(herkend), 0),
            herken_ik_zelf=Exists(mijn_herkenning),
            door_meldingen=Exists(door_meldingen),
        )
        .order_by("aangemaakt_op", "pk")
    )
    # Earlier versions of edited posts: for moderators only, in one extra query.
    return berichten.prefetch_related("versies") if draad.moderator else berichten


def aantal_berichten_in(draad, user) -> int:
    """How many posts berichten_in() gives: a plain COUNT, not a count over its grouped and
    annotated query (for the thread's pages)."""
    return draad.berichten.filter(_zichtbaar_of_eigen(user, moderator=draad.moderator)).count()


# A thread shows this many posts per page: a long conversation stays quick to open on a
# phone (the page's time grows with every post drawn; docs/performance.md).
BERICHTEN_PER_PAGINA = 50


def pagina_van(bericht, user) -> int:
    """The page of its thread on which `user` sees this post (one COUNT query)."""
    draad = bericht.draad
    eerder = (
        draad.berichten.filter(
            _zichtbaar_of_eigen(user, moderator=getattr(draad, "moderator", False))
        )
        .filter(
            Q(aangemaakt_op__lt=bericht.aangemaakt_op)
            | Q(aangemaakt_op=bericht.aangemaakt_op, pk__lt=bericht.pk)
        )
        .count()
    )
    return eerder // BERICHTEN_PER_PAGINA + 1


def link_naar(bericht, user) -> str:
    """A link to the post on the page of its thread that holds it."""
    pagina = pagina_van(bericht, user)
    query = f"?pagina={pagina}" if pagina > 1 else ""
    return f"{reverse('draad', kwargs={'pk': bericht.draad_id})}{query}#bericht-{bericht.pk}"


def bericht_voor(user, pk) -> Bericht:
    """A visible post (not taken back) in a visible thread of a space the person sees
    (else 404)."""
    try:
        return (
            Bericht.objects.filter(
                status=Status.ZICHTBAAR,
                teruggenomen_op__isnull=True,
                draad__status=Status.ZICHTBAAR,
                draad__ruimte__in=Ruimte.objects.zichtbaar_voor(user),
            )
            .select_related("draad", "auteur")
            .get(pk=pk)
        )
    except Bericht.DoesNotExist:
        raise Http404 from None


def is_gedempt(user, draad) -> bool:
    return Demping.objects.filter(user=user, draad=draad).exists()


def getuigenis_delen(bericht):
    """The story parts shared with a post, for reading."""
    from herstelmodel.verhaal import leesbaar

    return leesbaar(bericht.getuigenis) if bericht.getuigenis_id else []


def laatste_verhaalversie(user) -> VerhaalVersie | None:
    return (
        VerhaalVersie.objects.filter(verhaal__auteur=user).order_by("-aangemaakt_op", "-pk").first()
    )


def te_snel(user) -> bool:
    sinds = timezone.now() - RATE_VENSTER
    return Bericht.objects.filter(auteur=user, aangemaakt_op__gte=sinds).count() >= RATE_AANTAL


def tekstfouten(tekst: str, titel: str, *, met_titel: bool) -> dict:
    """The field errors of a post's text (and title, for a new thread): one set of
    messages for writing and for editing (nazorg/bewerken.py)."""
    fouten = {}
    if met_titel and not titel:
        fouten["titel"] = _("Please give your topic a title.")
    elif met_titel and len(titel) > TITEL_MAX:
        fouten["titel"] = _("A title can be %(max)s characters at most. Yours has %(n)s.") % {
            "max": TITEL_MAX,
            "n": len(titel),
        }
    if not tekst:
        fouten["tekst"] = _("Please write a message.")
    elif len(tekst) > POST_MAX:
        fouten["tekst"] = _(
            "A message can be %(max)s characters at most. Yours has %(n)s. "
            "You could split it into two messages."
        ) % {"max": POST_MAX, "n": len(tekst)}
    return fouten


def plaats_bericht(user, doel, tekst, anoniem=False, titel=None, getuigenis=False) -> Bericht:
    """Post a reply to a thread (doel: Draad) or start a thread (doel: Ruimte, with titel).

    Raises ValidationError({field: message}) for bad input or writing too fast; nothing is
    saved then. Moderation (signal words, the space's policy) runs right after saving.
    """
    nieuwe_draad = isinstance(doel, Ruimte)
    ruimte = doel if nieuwe_draad else doel.ruimte
    tekst = (tekst or "").strip()
    titel = (titel or "").strip()
    fouten = tekstfouten(tekst, titel, met_titel=nieuwe_draad)
    if not fouten and te_snel(user):
        fouten["tekst"] = _(
            "You are writing fast — take a breath and try again in a few minutes. "
            "Your text is still here."
        )
    if fouten:
        raise ValidationError(fouten)

    anoniem = bool(anoniem) and ruimte.anoniem_toegestaan
    nu = timezone.now()
    with transaction.atomic():
        if nieuwe_draad:
            draad = Draad.objects.create(
                ruimte=ruimte, titel=titel, auteur=user, anoniem=anoniem, laatste_activiteit=nu
            )
        else:
            draad = doel
        bericht = Bericht.objects.create(
            draad=draad,
            auteur=user,
            anoniem=anoniem,
            tekst=tekst,
            getuigenis=laatste_verhaalversie(user) if getuigenis else None,
            aangemaakt_op=nu,
        )
        # Signal words (title included): flagged, maybe held, a case for the facilitators.
        bericht.hulp_nu = na_plaatsen(bericht)
        gesprekmeldingen.na_reactie(bericht)  # who started or replied in it hears of it
        if nieuwe_draad:  # those who follow the space hear of a new conversation
            volgen.na_nieuw_gesprek(draad)
        if bericht.status == Status.ZICHTBAAR:
            Draad.objects.filter(pk=draad.pk).update(laatste_activiteit=nu)
    return bericht


# --- Reactions -----------------------------------------------------------------------------


def wissel_herken_ik(user, bericht) -> bool | None:
    """Toggle "Herken ik". True: added, False: removed, None: not on your own post."""
    if bericht.auteur_id == user.pk:
        return None
    weg, _aantal = HerkenIk.objects.filter(bericht=bericht, user=user).delete()
    if weg:
        return False
    try:
        with transaction.atomic():
            HerkenIk.objects.create(bericht=bericht, user=user)
    except IntegrityError:  # a double click
        pass
    return True


def meld_bericht(user, bericht, reden) -> bool:
    """Report a post. False when this person already has an open report about it."""
    _zaak, nieuw = meld(bericht, user, reden)
    return nieuw


def wissel_demping(user, draad) -> bool:
    """Mute or unmute a thread. True: now muted."""
    weg, _aantal = Demping.objects.filter(user=user, draad=draad).delete()
    if weg:
        return False
    Demping.objects.get_or_create(user=user, draad=draad)
    return True

"""Conversations that reach people: in-app notifications (Melding) from the community.

Four kinds, each of which a person can switch off (GesprekmeldingVoorkeur, no row = on):
- a reply in a thread you started or replied in: one Melding per reply per person, never
  for your own reply, not in a thread you muted (a unique constraint keeps it exactly once);
- "Herken ik" on your post, grouped: one unread Melding per post that counts the people
  and is updated (not repeated) as more press it, or fewer (undo);
- a moderation decision about your post: written by nazorg/moderatie.py, which asks
  `wil()` here first;
- a new conversation in a space you follow, grouped per space: nazorg/volgen.py.
Replies can also come by email, if the person chooses so (nazorg/gesprekmail.py).

What a notification may show. The stored title holds no names and no thread title: thread
titles are personal text, encrypted at rest, and a writer may later be erased or be
anonymous. The page builds the line live (`lees()`), for members of the space only: a
notification about a post that is hidden or held, in a thread that is hidden, or in a space
the person no longer sees, is not shown at all (`zichtbaar()`), so hidden text never shows.
An anonymous writer is "a participant", as in the thread itself. During a community break
the community notifications wait, unread (nazorg/rust.py; the same rule, here folded into
the one query, so the count in the menu stays one query).
"""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import IntegrityError, transaction
from django.db.models import Count, Exists, OuterRef, Q
from django.db.models.signals import post_delete, post_save
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from . import volgen
from .models import (
    Bericht,
    CommunityPauze,
    Demping,
    GesprekmeldingVoorkeur,
    HerkenIk,
    Melding,
    Ruimte,
    Status,
)

Soort = Melding.Soort
# The preference field for each kind.
VELD = {
    Soort.REACTIE: "reacties",
    Soort.HERKEN_IK: "herken_ik",
    Soort.MODERATIE: "moderatie",
    Soort.NIEUW_GESPREK: "nieuwe_gesprekken",
}
PER_PAGINA = 50


# --- Choices ---------------------------------------------------------------------------------


def voorkeur(user) -> GesprekmeldingVoorkeur:
    """The person's choices; an unsaved row with everything on when they never chose."""
    return GesprekmeldingVoorkeur.objects.filter(user=user).first() or GesprekmeldingVoorkeur(
        user=user
    )


def zet_voorkeur(user, **keuzes) -> None:
    GesprekmeldingVoorkeur.objects.update_or_create(user=user, defaults=keuzes)


def wil(user_id, soort) -> bool:
    """Does this person want notifications of this kind? One query."""
    uit = GesprekmeldingVoorkeur.objects.filter(user_id=user_id, **{VELD[soort]: False})
    return not uit.exists()


def _wil_niet(soort):
    """A subquery condition for "the person in OuterRef('pk') switched this kind off"."""
    return Exists(
        GesprekmeldingVoorkeur.objects.filter(user=OuterRef("pk"), **{VELD[soort]: False})
    )


# --- Writing -----------------------------------------------------------------------------------


def _link(bericht) -> str:
    return reverse("draad", kwargs={"pk": bericht.draad_id}) + f"#bericht-{bericht.pk}"


def na_reactie(bericht) -> int:
    """Right after a post is saved (inside its transaction): one notification for each
    person who started or replied in the thread, except the writer, those who muted the
    thread and those who switched replies off. Two queries however many. Returns how many."""
    draad = bericht.draad
    schrijvers = Bericht.objects.filter(draad_id=draad.pk, auteur__isnull=False).values("auteur")
    ontvangers = (
        get_user_model()
        .objects.filter(Q(pk__in=schrijvers) | Q(pk=draad.auteur_id), is_active=True)
        .exclude(pk=bericht.auteur_id)
        .exclude(Exists(Demping.objects.filter(user=OuterRef("pk"), draad_id=draad.pk)))
        .exclude(_wil_niet(Soort.REACTIE))
        .values_list("pk", flat=True)
    )
    with translation.override(settings.LANGUAGE_CODE):
        titel = _("New reply in a conversation you are part of")
    link = _link(bericht)
    nieuw = [
        Melding(user_id=uid, soort=Soort.REACTIE, bericht=bericht, titel=titel, link=link)
        for uid in ontvangers
    ]
    # ignore_conflicts: the unique constraint makes a second call for the same reply a no-op.
    Melding.objects.bulk_create(nieuw, ignore_conflicts=True)
    return len(nieuw)


def _herken_titel(n: int) -> str:
    with translation.override(settings.LANGUAGE_CODE):
        return ngettext(
            "%(n)s person recognises your post", "%(n)s people recognise your post", n
        ) % {"n": n}


def na_herken_ik(bericht_id, erbij: bool) -> None:
    """After someone pressed "Herken ik" on a post (erbij) or took it back.

    Grouped: the post's writer has at most one unread notification per post, which counts
    the people now and moves to the top when someone new presses. Taking it back only
    updates the count (to nothing: the unread notification goes); it never adds one."""
    rij = Bericht.objects.filter(pk=bericht_id).values_list("auteur_id", "draad_id").first()
    if rij is None or rij[0] is None:
        return
    auteur_id, draad_id = rij
    n = HerkenIk.objects.filter(bericht_id=bericht_id).exclude(user_id=auteur_id).count()
    open_melding = Melding.objects.filter(
        user_id=auteur_id, bericht_id=bericht_id, soort=Soort.HERKEN_IK, gelezen_op__isnull=True
    )
    if n == 0:
        open_melding.delete()
        return
    velden = {"aantal": n, "titel": _herken_titel(n)}
    if not erbij:
        open_melding.update(**velden)
        return
    velden["aangemaakt_op"] = timezone.now()
    if open_melding.update(**velden) or not wil(auteur_id, Soort.HERKEN_IK):
        return
    try:
        with transaction.atomic():
            Melding.objects.create(
                user_id=auteur_id,
                soort=Soort.HERKEN_IK,
                bericht_id=bericht_id,
                link=_link(Bericht(pk=bericht_id, draad_id=draad_id)),
                **velden,
            )
    except IntegrityError:  # someone else pressed at the same moment: count in theirs
        open_melding.update(**velden)


def _herken_ik_bewaard(sender, instance, created, raw=False, **kwargs):
    if created and not raw:
        na_herken_ik(instance.bericht_id, erbij=True)


def _herken_ik_weg(sender, instance, **kwargs):
    na_herken_ik(instance.bericht_id, erbij=False)


def connect() -> None:
    """ "Herken ik" rows are made and removed in several places (pressing, undoing, a
    person's erasure); signals keep the grouped count right for each of them."""
    post_save.connect(_herken_ik_bewaard, sender=HerkenIk, dispatch_uid="gesprekmeldingen.herk+")
    post_delete.connect(_herken_ik_weg, sender=HerkenIk, dispatch_uid="gesprekmeldingen.herk-")


# --- Reading -----------------------------------------------------------------------------------


def zichtbaar(user, nu=None, vandaag=None):
    """The person's notifications that may be shown now (see the module docstring).

    Keep it free of Python decisions on who the person is (beyond user.is_active): the
    menu's count compiles this query once for a stand-in and fills in the person, `nu` and
    `vandaag` (nazorg/ongelezen.py)."""
    # Built once and used twice: building the spaces' rules is most of this function.
    ruimtes = Ruimte.objects.zichtbaar_voor(user, vandaag)
    gesprek_ok = Q(
        bericht__status=Status.ZICHTBAAR,
        # A post its writer took back (nazorg/bewerken.py) takes its notifications along.
        bericht__teruggenomen_op__isnull=True,
        bericht__draad__status=Status.ZICHTBAAR,
        bericht__draad__ruimte__in=ruimtes,
    )
    # "New conversations in a space you follow": while the person sees the space and
    # the notification still counts a visible thread (nazorg/volgen.py).
    volg_ok = Q(soort=Soort.NIEUW_GESPREK, ruimte__in=ruimtes) & volgen.iets_te_tellen()
    pauze = CommunityPauze.objects.filter(user=user, tot__gt=nu or timezone.now())
    return (
        Melding.objects.filter(user=user)
        .filter(Q(bericht__isnull=True, ruimte__isnull=True) | gesprek_ok | volg_ok)
        .exclude(Q(link__startswith=reverse("community")) & Q(Exists(pauze)))
    )


def aantal_ongelezen(user) -> int:
    """For the menu: 0 without a query for visitors, one COUNT query per request, which
    stops at ongelezen.MAX (the menu shows "99+")."""
    if user is None or not user.is_authenticated:
        return 0
    cache = user.__dict__.setdefault("_meldingen_cache", {})
    if "ongelezen" not in cache:
        from .ongelezen import tel

        cache["ongelezen"] = tel(user)
    return cache["ongelezen"]


class Lijst:
    """The notifications page's rows for a Paginator (set its count first: tellingen).

    A page asks the compiled query (nazorg/ongelezen.py) for the keys of its rows in
    order, then loads those rows by key with what lees() needs; when the rules cannot be
    compiled, pagina_lijst() gives the same rows. Building the visibility rules with the
    ORM was most of the page's own time."""

    def __init__(self, user):
        self.user = user

    def __getitem__(self, stuk):
        from .ongelezen import lijst

        begin = stuk.start or 0
        sleutels = lijst(self.user, begin, stuk.stop - begin)
        if sleutels is None:
            return list(pagina_lijst(self.user)[stuk])
        eigen = Melding.objects.filter(pk__in=sleutels, user=self.user)
        rijen = {m.pk: m for m in _kolommen(eigen)}
        return [rijen[pk] for pk in sleutels if pk in rijen]


def pagina_lijst(user, basis=None):
    """The list for the page, newest first, with what lees() needs joined in.

    `basis`: zichtbaar(user) when the caller built it already (it costs ~2 ms to build)."""
    return _kolommen(zichtbaar(user) if basis is None else basis).order_by("-aangemaakt_op", "-pk")


def _kolommen(meldingen):
    """Only the columns the page and lees() use: the post's text is never shown here (no
    need to fetch and decrypt it), nor anything of its writer but the first name."""
    return (
        meldingen.select_related("bericht__auteur", "bericht__draad", "ruimte")
        .annotate(nieuwe_draden=volgen.telling())
        .only(
            "titel",
            "link",
            "soort",
            "aantal",
            "aangemaakt_op",
            "gelezen_op",
            "sinds",
            "ruimte__naam",
            "bericht__anoniem",
            "bericht__auteur__roepnaam",
            "bericht__draad__titel",
            "bericht__draad__auteur",
        )
    )


def tellingen(user, basis=None) -> tuple[int, int]:
    """(all, unread) of the notifications the person may see, in one query. The notifications
    page uses it for its pages and hands the unread count to the menu (onthoud_ongelezen),
    instead of two COUNT queries that each build the visibility rules again. `basis`:
    zichtbaar(user) when the caller built it, used when the compiled query is not."""
    from .ongelezen import tellingen as gecompileerd

    # The same query compiled once per process (nazorg/ongelezen.py): building and
    # compiling the rules with the ORM was most of this count's time.
    getallen = gecompileerd(user)
    if getallen is not None:
        return getallen
    qs = zichtbaar(user) if basis is None else basis
    rij = qs.aggregate(alle=Count("pk"), ongelezen=Count("pk", filter=Q(gelezen_op__isnull=True)))
    return rij["alle"], rij["ongelezen"]


def onthoud_ongelezen(user, aantal: int) -> None:
    """Keep a count this request already knows for the menu (aantal_ongelezen)."""
    user.__dict__.setdefault("_meldingen_cache", {})["ongelezen"] = aantal


def lees(melding, demper) -> str:
    """The line a person reads. Names and thread titles are taken live: an anonymous or
    erased writer is "a participant"; a title with one of the reader's muted words is left
    out (nazorg/rust.py)."""
    if melding.soort == Soort.NIEUW_GESPREK and melding.ruimte is not None:
        n = getattr(melding, "nieuwe_draden", melding.aantal)
        return ngettext(
            "%(n)s new conversation in “%(ruimte)s”",
            "%(n)s new conversations in “%(ruimte)s”",
            n,
        ) % {"n": n, "ruimte": melding.ruimte.naam}
    bericht = melding.bericht
    if bericht is None or melding.soort not in (Soort.REACTIE, Soort.HERKEN_IK):
        return melding.titel
    draad = bericht.draad
    titel = None if demper.vouwt_titel(draad) else draad.titel
    if melding.soort == Soort.HERKEN_IK:
        n = melding.aantal
        if titel is None:
            return ngettext(
                "%(n)s person recognises your post", "%(n)s people recognise your post", n
            ) % {"n": n}
        return ngettext(
            "%(n)s person recognises your post in “%(draad)s”",
            "%(n)s people recognise your post in “%(draad)s”",
            n,
        ) % {"n": n, "draad": titel}
    if bericht.anoniem or bericht.auteur is None:
        naam = _("A participant")
    else:
        naam = bericht.auteur.roepnaam
    if titel is None:
        return _("%(naam)s replied in a conversation") % {"naam": naam}
    return _("%(naam)s replied in “%(draad)s”") % {"naam": naam, "draad": titel}


def open_melding(user, pk) -> Melding | None:
    """Opening marks it read. None when it is not the person's or may not be shown."""
    melding = zichtbaar(user).filter(pk=pk).first()
    if melding is not None and melding.gelezen_op is None:
        melding.gelezen_op = timezone.now()
        Melding.objects.filter(pk=melding.pk).update(gelezen_op=melding.gelezen_op)
    return melding


def alles_gelezen(user) -> int:
    """Mark every notification the person can see as read; those waiting for the end of a
    break stay unread."""
    ongelezen = zichtbaar(user).filter(gelezen_op__isnull=True).values("pk")
    return Melding.objects.filter(pk__in=ongelezen).update(gelezen_op=timezone.now())

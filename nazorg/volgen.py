"""Following a community space: a member hears when someone else starts a conversation there.

Grouped, like "Herken ik": a follower has at most one unread "new conversation"
notification per space (a partial unique constraint), which is moved to the top and
counts one more with every new thread, instead of a new notification each time. What it
counts is decided live (`telling()`): the visible threads in that space started by
someone else between its `sinds` and its `aangemaakt_op`. So a thread that is held shows
up only once a facilitator lets it through, a thread that is hidden later drops out of
the count, and a notification with nothing left to count is not shown at all
(gesprekmeldingen.zichtbaar). The line names the space and a number; never a title.

Who hears of it: followers who still see the space (the same rule as
Ruimte.objects.zichtbaar_voor, written per person as a condition so it runs as one
query: `met_toegang()`), not the writer, not those who switched this kind off. Writing
is two queries however many follow the space: an INSERT ... SELECT for those without an
open notification, then one UPDATE that counts the thread in for everyone.
"""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import IntegrityError, connection, transaction
from django.db.models import (
    CharField,
    Count,
    DateTimeField,
    Exists,
    F,
    IntegerField,
    OuterRef,
    Q,
    Subquery,
    Value,
)
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from groepen.models import Lidmaatschap

from .models import Draad, GesprekmeldingVoorkeur, GevolgdeRuimte, Melding, Ruimte, Status
from .models.toegang import community_lid, moderatorrollen

NIEUW_GESPREK = Melding.Soort.NIEUW_GESPREK


# --- Following -------------------------------------------------------------------------------


def volgt(user, ruimte) -> bool:
    return GevolgdeRuimte.objects.filter(user=user, ruimte=ruimte).exists()


def volg(user, ruimte) -> None:
    try:
        with transaction.atomic():
            GevolgdeRuimte.objects.get_or_create(user=user, ruimte=ruimte)
    except IntegrityError:  # a double click: already following
        pass


def ontvolg(user, ruimte) -> None:
    """Stop following. An unread notification about the space goes too: it would only
    point at a space the person chose to hear nothing more about."""
    GevolgdeRuimte.objects.filter(user=user, ruimte=ruimte).delete()
    Melding.objects.filter(
        user=user, soort=NIEUW_GESPREK, ruimte=ruimte, gelezen_op__isnull=True
    ).delete()


def gevolgd_door(user):
    """The spaces the person follows and still sees, by name."""
    return (
        Ruimte.objects.zichtbaar_voor(user)
        .filter(volgers__user=user)
        .select_related("groep")
        .order_by("naam", "pk")
    )


# --- Who may hear of a space, as one condition ---------------------------------------------


def met_toegang(ruimte) -> Q:
    """A condition on the user table: this person sees `ruimte`. The set-based twin of
    Ruimte.objects.zichtbaar_voor (tests/nazorg/test_volgen.py compares the two)."""
    persoon = OuterRef("pk")
    benoemd = moderatorrollen().filter(user=persoon)
    if ruimte.groep_id is None:
        benoemd = benoemd.filter(groep__isnull=True)
    else:
        benoemd = benoemd.filter(groep_id=ruimte.groep_id)
    toegang = Q(Exists(benoemd))
    if ruimte.groep_id is None:
        toegang |= community_lid(persoon)
    else:
        lid = Lidmaatschap.objects.actief().filter(user=persoon, groep_id=ruimte.groep_id)
        toegang |= Q(Exists(lid))
    return Q(is_active=True) & toegang


def ontvangers(draad):
    """The people who hear of a new thread: followers who see the space, not its writer,
    not those who switched this kind off."""
    uit = GesprekmeldingVoorkeur.objects.filter(user=OuterRef("pk"), nieuwe_gesprekken=False)
    return (
        get_user_model()
        .objects.filter(met_toegang(draad.ruimte))
        .filter(pk__in=GevolgdeRuimte.objects.filter(ruimte_id=draad.ruimte_id).values("user"))
        .exclude(pk=draad.auteur_id)
        .exclude(Exists(uit))
    )


# --- Writing -----------------------------------------------------------------------------------


def _open(ruimte_id):
    return Melding.objects.filter(soort=NIEUW_GESPREK, ruimte_id=ruimte_id, gelezen_op__isnull=True)


def _voeg_in(bron) -> None:
    """INSERT INTO melding (...) SELECT ...: one statement however many rows, where
    bulk_create would split 500 rows into several on SQLite. A row that another run
    added at the same moment is skipped (the partial unique constraint)."""
    kolommen = ("user_id", "soort", "ruimte_id", "titel", "link", "aantal")
    kolommen += ("aangemaakt_op", "sinds")
    sql, params = bron.query.sql_with_params()
    tabel = connection.ops.quote_name(Melding._meta.db_table)
    namen = ", ".join(connection.ops.quote_name(k) for k in kolommen)
    with connection.cursor() as cursor:
        cursor.execute(f"INSERT INTO {tabel} ({namen}) {sql} ON CONFLICT DO NOTHING", params)


def na_nieuw_gesprek(draad) -> None:
    """Right after a thread is started (inside its transaction). Two queries."""
    ruimte_id = draad.ruimte_id
    op = draad.aangemaakt_op
    with translation.override(settings.LANGUAGE_CODE):
        titel = _("New conversations in a space you follow")
    wie = ontvangers(draad)
    dt = DateTimeField()
    bron = (
        wie.exclude(Exists(_open(ruimte_id).filter(user=OuterRef("pk"))))
        .order_by()
        .annotate(
            _soort=Value(NIEUW_GESPREK.value, output_field=CharField()),
            _ruimte=Value(ruimte_id, output_field=IntegerField()),
            _titel=Value(titel, output_field=CharField()),
            _link=Value(reverse("ruimte", kwargs={"pk": ruimte_id}), output_field=CharField()),
            _aantal=Value(0, output_field=IntegerField()),
            _op=Value(op, output_field=dt),
            _sinds=Value(op, output_field=dt),
        )
        .values_list("pk", "_soort", "_ruimte", "_titel", "_link", "_aantal", "_op", "_sinds")
    )
    _voeg_in(bron)
    # Everyone's open notification (new or not) counts one more and moves to the top.
    _open(ruimte_id).filter(user__in=wie.values("pk")).update(
        aantal=F("aantal") + 1, aangemaakt_op=op
    )


# --- Reading -----------------------------------------------------------------------------------


def _draden_in_venster():
    """The visible threads a notification counts, for a query over Melding."""
    return Draad.objects.filter(
        Q(auteur__isnull=True) | ~Q(auteur=OuterRef("user")),
        ruimte=OuterRef("ruimte"),
        status=Status.ZICHTBAAR,
        aangemaakt_op__gte=OuterRef("sinds"),
        aangemaakt_op__lte=OuterRef("aangemaakt_op"),
    )


def iets_te_tellen() -> Q:
    """A "new conversation" notification is shown while it counts at least one thread."""
    return Q(Exists(_draden_in_venster()))


def telling():
    """How many threads a notification counts now: an annotation, no extra query."""
    aantal = _draden_in_venster().order_by().values("ruimte").annotate(n=Count("pk")).values("n")
    return Coalesce(Subquery(aantal, output_field=IntegerField()), 0)

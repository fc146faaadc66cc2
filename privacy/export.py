"""Everything the academy holds about one person, as a zip: gegevens.json for machines and
gegevens.html for people.

The zip is streamed: every kind of data is read with a chunked iterator and written into
the zip as it comes, so a very large account never sits in memory and the download
starts at once. The number of queries is fixed (one per kind), whatever the amount.

Only rows the person wrote or owns are included, never someone else's words: for a post
in someone else's thread, the thread's number is given but not its title.
"""

from __future__ import annotations

import datetime
import json
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from allauth.account.models import EmailAddress
from allauth.mfa.utils import is_mfa_enabled
from django.db.models import QuerySet
from django.template.loader import render_to_string
from django.utils import formats, timezone, translation
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _l

from audit.models import AuditEvent
from groepen.models import (
    Aanwezigheid,
    Intervisiebijeenkomst,
    IntervisieLid,
    KalenderFeed,
    Lidmaatschap,
    Sessielog,
)
from herstelmodel.models import (
    Gevoel,
    Herkenningsmoment,
    Leesmoment,
    Reflectie,
    Stap,
    Verhaal,
    VerhaalVersie,
    Zichtbaarheid,
)
from herstelmodel.stappen import VERHAAL_DELEN
from herstelmodel.verhaal import delen_van
from nazorg.models import (
    Bericht,
    Demping,
    DigestVoorkeur,
    Draad,
    Herinnering,
    HerkenIk,
    Melding,
    Moderatiezaak,
    NazorgVoorkeur,
    RichtlijnAkkoord,
    Status,
)

from .models import Toestemming, Verwijderverzoek

CHUNK = 500
# Hand the zip to the web server in pieces of about this size.
FLUSH_BYTES = 64 * 1024
SECTIES_MARKER = "<!--SECTIES-->"
# The downloaded page is opened from the person's own disk, without the site's
# stylesheet, so its few styles travel inside the file. The site never serves this page
# (no CSP applies); it lives here because templates/ must hold no inline styles.
STIJL = mark_safe(  # a constant, no user input
    "<style>"
    "body{font-family:system-ui,sans-serif;font-size:17px;line-height:1.6;color:#2b2118;"
    "background:#fbf6ef;margin:0;padding:1rem}"
    "main{max-width:48rem;margin:0 auto}"
    "h1{font-size:1.6rem}"
    "h2{font-size:1.25rem;margin-top:2rem;border-top:2px solid #e3d5c5;padding-top:1rem}"
    "a{color:#8a3b12}"
    "dl.rij{background:#fff;border:1px solid #e3d5c5;border-radius:12px;padding:.75rem 1rem;"
    "margin:0 0 .75rem}"
    "dt{font-weight:600;color:#5c4d40;font-size:.95rem}"
    "dd{margin:0 0 .5rem}"
    "dd.lang{white-space:pre-wrap;overflow-wrap:anywhere}"
    ".leeg{color:#5c4d40;font-style:italic}"
    "</style>"
)


@dataclass(frozen=True)
class Veld:
    sleutel: str  # the key in gegevens.json
    label: str
    # Where the value comes from: an attribute path ("groep.naam", default: the key), or
    # a function (row, user) -> value.
    pad: str | Callable = ""
    keuzes: dict | None = None  # code -> label, for choices (or the parts of a story)
    lang: bool = False  # a text someone wrote: shown with its line breaks

    def waarde(self, rij, user):
        if isinstance(rij, dict):
            return rij.get(self.sleutel)
        if callable(self.pad):
            return self.pad(rij, user)
        for deel in (self.pad or self.sleutel).split("."):
            rij = getattr(rij, deel) if rij is not None else None
        return rij


@dataclass(frozen=True)
class Sectie:
    sleutel: str
    titel: str
    # user -> the rows: a queryset (read in chunks) or a short list.
    bron: Callable
    velden: tuple[Veld, ...]
    uitleg: str = ""
    # Left out of the readable page when empty (e.g. facilitator notes for a participant).
    optioneel: bool = False

    def rijen(self, user) -> Iterator[dict]:
        bron = self.bron(user)
        if isinstance(bron, QuerySet):
            bron = bron.iterator(chunk_size=CHUNK)
        for rij in bron:
            yield {veld.sleutel: veld.waarde(rij, user) for veld in self.velden}


def K(choices) -> dict:
    return dict(choices.choices)


def _emailadressen(user, _user):
    emails = EmailAddress.objects.filter(user=user).order_by("email")
    return ", ".join(e.email + ("" if e.verified else f" ({_('not confirmed')})") for e in emails)


def _community_keuzes(user):
    for a in RichtlijnAkkoord.objects.filter(user=user).order_by("versie"):
        yield {
            "wat": _("Community guidelines accepted"),
            "waarde": a.versie,
            "op": a.geaccepteerd_op,
        }
    for d in DigestVoorkeur.objects.filter(user=user):
        yield {"wat": _("Weekly summary by email"), "waarde": d.wekelijks, "op": d.laatst_verstuurd}
    for d in Demping.objects.filter(user=user).order_by("pk").iterator(chunk_size=CHUNK):
        yield {"wat": _("Muted conversation"), "waarde": d.draad_id, "op": None}


def _eigen_titel(bericht, user):
    # The title only of their own thread: someone else's title is their words.
    return bericht.draad.titel if bericht.draad.auteur_id == user.pk else None


# --- What is in the export, in this order ----------------------------------------------
# Only rows the person wrote or owns; a table, so ruff leaves its layout alone.

V = Veld
T = _l("When")
# fmt: off
SECTIES = (
    Sectie("account", _l("Your account"), lambda u: [u], (
        V("email", _l("Email address")), V("roepnaam", _l("Your name in the academy")),
        V("lid_sinds", _l("Joined"), "date_joined"), V("laatst_actief", _l("Last active")),
        V("coordinator", _l("Coordinator"), "is_coordinator"),
        V("tweestaps", _l("Two-step verification"), lambda o, u: is_mfa_enabled(u)),
        V("emailadressen", _l("All email addresses"), _emailadressen),
    )),
    Sectie("reflecties", _l("Reflections"), lambda u: Reflectie.objects.filter(auteur=u)
           .select_related("groep", "bijeenkomst").order_by("aangemaakt_op", "pk"), (
        V("id", _l("Number"), "pk"), V("geschreven_op", _l("Written on"), "aangemaakt_op"),
        V("gewijzigd_op", _l("Changed on")), V("stap", _l("Step"), keuzes=K(Stap)),
        V("gevoel", _l("Feeling"), keuzes=K(Gevoel)),
        V("zichtbaarheid", _l("Who may read it"), keuzes=K(Zichtbaarheid)),
        V("gedeeld_op", _l("Shared on")), V("groep", _l("Group"), "groep.naam"),
        V("bijeenkomst", _l("Meeting"), "bijeenkomst.begint_om"),
        V("tekst", _l("Your reflection"), lang=True),
    )),
    Sectie("leesmomenten", _l("Who read your shared reflections"),
           lambda u: Leesmoment.objects.filter(reflectie__auteur=u).select_related("lezer")
           .order_by("gelezen_op", "pk"), (
        V("reflectie", _l("Reflection number"), "reflectie_id"),
        V("lezer", _l("Read by"), "lezer.roepnaam"), V("gelezen_op", _l("Read on")),
    )),
    Sectie("herkenningsmomenten", _l("Moments of recognition"),
           lambda u: Herkenningsmoment.objects.filter(auteur=u)
           .select_related("groep", "bijeenkomst").order_by("aangemaakt_op", "pk"), (
        V("genoteerd_op", _l("Noted on"), "aangemaakt_op"),
        V("soort", _l("What happened"), keuzes=K(Herkenningsmoment.Soort)),
        V("oorzaak", _l("What made it click"), keuzes=K(Herkenningsmoment.Oorzaak)),
        V("belemmering", _l("What stood in the way"), keuzes=K(Herkenningsmoment.Belemmering)),
        V("groep", _l("Group"), "groep.naam"),
        V("bijeenkomst", _l("Meeting"), "bijeenkomst.begint_om"),
        V("notitie", _l("Your note"), lang=True),
    )),
    Sectie("verhaal", _l("My story: sharing"),
           lambda u: Verhaal.objects.filter(auteur=u).select_related("gedeeld_met"), (
        V("gedeeld_met", _l("Shared with group"), "gedeeld_met.naam"),
        V("gedeelde_versie", _l("Shared version"), "gedeelde_versie_id"),
        V("gedeeld_op", _l("Shared on")),
    )),
    Sectie("verhaal_versies", _l("My story: all versions"),
           lambda u: VerhaalVersie.objects.filter(verhaal__auteur=u)
           .order_by("aangemaakt_op", "pk"), (
        V("id", _l("Version"), "pk"), V("gemaakt_op", _l("Saved on"), "aangemaakt_op"),
        V("titel", _l("Title")),
        V("delen", _l("Text"), lambda o, u: delen_van(o),
          keuzes={d.sleutel: d.titel for d in VERHAAL_DELEN}, lang=True),
    )),
    Sectie("lidmaatschappen", _l("Groups and courses"),
           lambda u: Lidmaatschap.objects.filter(user=u).select_related("groep__aanbod")
           .order_by("sinds", "pk"), (
        V("groep", _l("Group"), "groep.naam"), V("aanbod", _l("Offer"), "groep.aanbod.titel"),
        V("rol", _l("Role"), keuzes=K(Lidmaatschap.Rol)),
        V("status", _l("Status"), keuzes=K(Lidmaatschap.Status)),
        V("vrijwilliger", _l("Volunteer")), V("sinds", _l("Since")),
        V("status_sinds", _l("Status since")),
        V("motivatie", _l("Why you wanted to join"), lang=True),
    )),
    Sectie("aanwezigheid", _l("Attendance"),
           lambda u: Aanwezigheid.objects.filter(user=u).select_related("bijeenkomst__groep")
           .order_by("bijeenkomst__begint_om", "pk"), (
        V("groep", _l("Group"), "bijeenkomst.groep.naam"),
        V("bijeenkomst", _l("Meeting"), "bijeenkomst.begint_om"),
        V("status", _l("Status"), keuzes=K(Aanwezigheid.Status)),
    )),
    Sectie("community_gesprekken", _l("Community: conversations you started"),
           lambda u: Draad.objects.filter(auteur=u).select_related("ruimte")
           .order_by("aangemaakt_op", "pk"), (
        V("id", _l("Number"), "pk"), V("ruimte", _l("Space"), "ruimte.naam"),
        V("titel", _l("Title")), V("zonder_naam", _l("Without your name"), "anoniem"),
        V("status", _l("Status"), keuzes=K(Status)),
        V("geplaatst_op", _l("Posted on"), "aangemaakt_op"),
    )),
    Sectie("community_berichten", _l("Community: your posts"),
           lambda u: Bericht.objects.filter(auteur=u).select_related("draad")
           .order_by("aangemaakt_op", "pk"), (
        V("id", _l("Number"), "pk"), V("gesprek", _l("Conversation number"), "draad_id"),
        V("gesprek_titel", _l("Conversation"), _eigen_titel),
        V("zonder_naam", _l("Without your name"), "anoniem"),
        V("status", _l("Status"), keuzes=K(Status)),
        V("signaalwoord", _l("Contains a signal word"), "signaal"),
        V("verhaal_versie", _l("Story version"), "getuigenis_id"),
        V("geplaatst_op", _l("Posted on"), "aangemaakt_op"), V("bewerkt_op", _l("Changed on")),
        V("tekst", _l("Your message"), lang=True),
    )),
    Sectie("herken_ik", _l("Community: \u201cI recognise this\u201d"),
           lambda u: HerkenIk.objects.filter(user=u).order_by("aangemaakt_op", "pk"), (
        V("bericht", _l("Post number"), "bericht_id"), V("op", T, "aangemaakt_op"),
    )),
    Sectie("community_gemeld", _l("Community: posts you reported"),
           lambda u: Moderatiezaak.objects.filter(gemeld_door=u).order_by("aangemaakt_op", "pk"), (
        V("bericht", _l("Post number"), "bericht_id"),
        V("gemeld_op", _l("Reported on"), "aangemaakt_op"),
        V("reden", _l("Your reason"), lang=True),
    )),
    # Decisions about their own posts, as they were told; never who reported them.
    Sectie("community_besluiten", _l("Community: decisions about your posts"),
           lambda u: Moderatiezaak.objects.filter(bericht__auteur=u, afgehandeld_op__isnull=False)
           .order_by("afgehandeld_op", "pk"), (
        V("bericht", _l("Post number"), "bericht_id"),
        V("besluit", _l("Decision"), keuzes=K(Moderatiezaak.Besluit)),
        V("op", T, "afgehandeld_op"), V("reden", _l("Reason"), "besluit_reden", lang=True),
    )),
    Sectie("community_keuzes", _l("Community: your choices"), _community_keuzes, (
        V("wat", _l("What")), V("waarde", _l("Value")), V("op", T),
    )),
    Sectie("herinneringen", _l("Follow-up reminders"),
           lambda u: Herinnering.objects.filter(user=u).select_related("groep", "moment")
           .order_by("verstuur_op", "pk"), (
        V("groep", _l("Group"), "groep.naam"),
        V("nazit_op", _l("Follow-up meeting"), lambda o, u: o.moment.begint_om or o.moment.datum),
        V("status", _l("Status"), keuzes=K(Herinnering.Status)),
        V("versturen_op", _l("To be sent on"), "verstuur_op"),
        V("verstuurd_op", _l("Sent on"), "verzonden_op"),
        V("antwoord", _l("Your answer"), keuzes=K(Herinnering.Antwoord)),
        V("beantwoord_op", _l("Answered on")), V("was_er", _l("You were there"), "aanwezig"),
    )),
    Sectie("nazorg_voorkeuren", _l("Follow-up choices"),
           lambda u: NazorgVoorkeur.objects.filter(user=u).select_related("groep").order_by("pk"), (
        V("groep", _l("Group"), lambda o, u: o.groep.naam if o.groep else _("all groups")),
        V("gestopt", _l("No more reminders")), V("per_email", _l("By email")),
        V("in_app", _l("In the app")),
    )),
    Sectie("meldingen", _l("Notifications"),
           lambda u: Melding.objects.filter(user=u).order_by("aangemaakt_op", "pk"), (
        V("titel", _l("Title")), V("link", _l("Link")), V("op", T, "aangemaakt_op"),
        V("gelezen_op", _l("Read on")),
    )),
    Sectie("toestemmingen", _l("Privacy statements you agreed to"),
           lambda u: Toestemming.objects.filter(user=u).select_related("verklaring")
           .order_by("geaccepteerd_op", "pk"), (
        V("versie", _l("Version"), "verklaring.versie"),
        V("geaccepteerd_op", _l("Agreed on")),
    )),
    Sectie("logboek", _l("Your log: what happened with your account"),
           lambda u: AuditEvent.objects.over(u).order_by("tijd", "pk"), (
        V("soort", _l("What"), keuzes=K(AuditEvent.Soort)), V("tijd", T),
        V("door_jou", _l("Done by you"), lambda o, u: o.actor_id == u.pk),
        V("over_jou", _l("About you"), lambda o, u: o.betreft_id == u.pk),
        V("details", _l("Numbers")),
    )),
    Sectie("kalender", _l("Calendar link"), lambda u: KalenderFeed.objects.filter(user=u), (
        V("gemaakt_op", _l("Made on"), "aangemaakt_op"),
    ), _l("The secret link itself is left out: it works like a password."), optioneel=True),
    Sectie("verwijderverzoeken", _l("Requests to delete your account"),
           lambda u: Verwijderverzoek.objects.filter(user=u).order_by("aangevraagd_op", "pk"), (
        V("aangevraagd_op", _l("Asked on")), V("uitvoeren_na", _l("Carried out after")),
        V("berichten", _l("Community posts"), keuzes=K(Verwijderverzoek.Berichten)),
        V("status", _l("Status"), keuzes=K(Verwijderverzoek.Status)),
        V("afgehandeld_op", _l("Handled on")),
    ), optioneel=True),
    Sectie("sessielogs", _l("Session logs you wrote"),
           lambda u: Sessielog.objects.filter(geschreven_door=u)
           .select_related("bijeenkomst__groep").order_by("aangemaakt_op", "pk"), (
        V("groep", _l("Group"), "bijeenkomst.groep.naam"),
        V("bijeenkomst", _l("Meeting"), "bijeenkomst.begint_om"),
        V("geschreven_op", _l("Written on"), "aangemaakt_op"),
        V("sfeer", _l("Atmosphere"), lang=True), V("veiligheid", _l("Safety"), lang=True),
        V("opvallend", _l("What stood out"), lang=True),
        V("opvolging", _l("To follow up"), lang=True),
    ), optioneel=True),
    Sectie("intervisiegroepen", _l("Intervision groups"),
           lambda u: IntervisieLid.objects.filter(user=u).select_related("groep").order_by("pk"), (
        V("groep", _l("Group"), "groep.naam"), V("sinds", _l("Since")),
        V("actief", _l("Still a member")),
    ), optioneel=True),
    Sectie("intervisie", _l("Intervision notes you wrote"),
           lambda u: Intervisiebijeenkomst.objects.filter(aangemaakt_door=u)
           .select_related("groep").order_by("begint_om", "pk"), (
        V("groep", _l("Group"), "groep.naam"), V("begint_om", _l("Date and time")),
        V("methode", _l("Method"), keuzes=K(Intervisiebijeenkomst.Methode)),
        V("thema", _l("Theme"), keuzes=K(Intervisiebijeenkomst.Thema)),
        V("vraag", _l("The question"), lang=True), V("inzichten", _l("Insights"), lang=True),
        V("afspraken", _l("Agreements"), lang=True),
    ), optioneel=True),
)
# fmt: on


# --- Writing: JSON, HTML and the zip around them ---------------------------------------


class _JSONEncoder(json.JSONEncoder):
    def default(self, o):
        if isinstance(o, datetime.datetime):
            return timezone.localtime(o).isoformat(timespec="seconds")
        if isinstance(o, datetime.date):
            return o.isoformat()
        return str(o)  # lazy translations


def json_delen(user) -> Iterator[str]:
    yield '{"gemaakt_op": ' + json.dumps(timezone.now(), cls=_JSONEncoder)
    for sectie in SECTIES:
        yield f', "{sectie.sleutel}": ['
        for i, rij in enumerate(sectie.rijen(user)):
            yield ("" if i == 0 else ", ") + json.dumps(rij, cls=_JSONEncoder, ensure_ascii=False)
        yield "]"
    yield "}\n"


def _waarde(veld: Veld, waarde) -> str:
    """One value, escaped, readable for a person."""
    if waarde is None or waarde == "":
        return "\u2013"
    if isinstance(waarde, bool):
        return _("yes") if waarde else _("no")
    if isinstance(waarde, datetime.datetime):
        return formats.date_format(timezone.localtime(waarde), "j F Y H:i")
    if isinstance(waarde, datetime.date):
        return formats.date_format(waarde, "j F Y")
    if isinstance(waarde, dict):
        keuzes = veld.keuzes or {}
        return (
            "\n\n".join(
                f"{escape(keuzes.get(k, k))}:\n{escape(v)}"
                if veld.keuzes
                else f"{escape(k)}: {escape(v)}"
                for k, v in waarde.items()
            )
            or "\u2013"
        )
    if veld.keuzes and waarde in veld.keuzes:
        return escape(veld.keuzes[waarde])
    return escape(waarde)


def _html_rij(sectie: Sectie, rij: dict) -> str:
    regels = []
    for veld in sectie.velden:
        klasse = ' class="lang"' if veld.lang else ""
        regels.append(
            f"<dt>{escape(veld.label)}</dt><dd{klasse}>{_waarde(veld, rij.get(veld.sleutel))}</dd>"
        )
    return '<dl class="rij">' + "".join(regels) + "</dl>\n"


def html_delen(user) -> Iterator[str]:
    begin, eind = render_to_string(
        "privacy/export_gegevens.html",
        {
            "user": user,
            "gemaakt_op": timezone.now(),
            "secties": [s for s in SECTIES if not s.optioneel],
            "marker": SECTIES_MARKER,
            "stijl": STIJL,
        },
    ).split(SECTIES_MARKER)
    yield begin
    for sectie in SECTIES:
        kop = f'<section id="{sectie.sleutel}"><h2>{escape(sectie.titel)}</h2>\n'
        if sectie.uitleg:
            kop += f"<p>{escape(sectie.uitleg)}</p>\n"
        aantal = 0
        for rij in sectie.rijen(user):
            if aantal == 0:
                yield kop
            aantal += 1
            yield _html_rij(sectie, rij)
        if aantal == 0 and not sectie.optioneel:
            yield kop + f'<p class="leeg">{escape(_("Nothing here."))}</p>\n'
        if aantal or not sectie.optioneel:
            yield "</section>\n"
    yield eind


class _Sink:
    """A write-only file for ZipFile: it has no tell() or seek(), so ZipFile writes a
    streamable zip (sizes after each file), and we hand out what it wrote so far."""

    def __init__(self):
        self.stukken: list[bytes] = []
        self.grootte = 0

    def write(self, data) -> int:
        self.stukken.append(bytes(data))
        self.grootte += len(data)
        return len(data)

    def flush(self):
        pass

    def leeg(self) -> bytes:
        data = b"".join(self.stukken)
        self.stukken, self.grootte = [], 0
        return data


def zip_stream(user, taal: str | None = None) -> Iterator[bytes]:
    """The zip as a stream of bytes: gegevens.json, then gegevens.html."""
    sink = _Sink()
    with translation.override(taal), zipfile.ZipFile(sink, "w", zipfile.ZIP_DEFLATED) as zf:
        for naam, delen in (("gegevens.json", json_delen), ("gegevens.html", html_delen)):
            # force_zip64: the size is not known in advance and may be large.
            with zf.open(naam, "w", force_zip64=True) as bestand:
                for deel in delen(user):
                    bestand.write(deel.encode("utf-8"))
                    if sink.grootte >= FLUSH_BYTES:
                        yield sink.leeg()
            yield sink.leeg()
    yield sink.leeg()

"""The trail in words: one plain sentence per event for the person it concerns, and
content-free rows for coordinators.

Both read only the event rows plus, for a page at a time, group names and the dates of
the viewer's own reflections (one query each), so the number of queries stays the same
however long the trail is. Names come from `roepnaam` and are escaped by the template.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.apps import apps
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .models import AuditEvent

Soort = AuditEvent.Soort

# Labels for the keys in `details`, for the coordinator's table. Unknown keys show as is.
DETAIL_LABELS = {
    "groep": gettext_lazy("group"),
    "reflectie": gettext_lazy("reflection"),
    "zaak": gettext_lazy("case"),
    "bericht": gettext_lazy("post"),
    "besluit": gettext_lazy("decision"),
    "rol": gettext_lazy("role"),
    "aan": gettext_lazy("on"),
    "stap": gettext_lazy("step"),
    "manier": gettext_lazy("how"),
    "type": gettext_lazy("type"),
    "als": gettext_lazy("as"),
}


@dataclass
class Regel:
    """One line of a person's own trail."""

    tijd: object
    tekst: str
    door: str = ""
    link: str = ""


def _naam(user) -> str:
    # get_short_name, not roepnaam: an erased account shows as "Former member".
    return user.get_short_name() if user is not None else ""


def _rol(code: str, groep: str) -> str:
    rollen = {
        "coordinator": _("coordinator"),
        "beheerder": _("technical administrator"),
        "superuser": _("full administrator"),
        "facilitator": _("facilitator of %(groep)s") % {"groep": groep},
        "vrijwilliger": _("volunteer in %(groep)s") % {"groep": groep},
        "export_named": _("allowed to export lists with names"),
    }
    return rollen.get(code, code)


def _rol_zin(event, ik, groepen) -> str:
    d = event.details
    groep = groepen.get(d.get("groep"), _("a group"))
    context = {"rol": _rol(d.get("rol", ""), groep), "naam": _naam(event.betreft)}
    if event.betreft_id == ik.pk:
        if d.get("aan"):
            return _("Your role changed: you are now %(rol)s.") % context
        return _("Your role changed: you are no longer %(rol)s.") % context
    if d.get("aan"):
        return _("You changed a role: %(naam)s is now %(rol)s.") % context
    return _("You changed a role: %(naam)s is no longer %(rol)s.") % context


def _gelezen_zin(event, ik, reflecties) -> tuple[str, str]:
    d = event.details
    if event.betreft_id != ik.pk:
        return _("You read a reflection %(naam)s shared.") % {"naam": _naam(event.betreft)}, ""
    geschreven = reflecties.get(d.get("reflectie"))
    naam = _naam(event.actor)
    if d.get("als") == "facilitator":
        naam = _("%(naam)s (facilitator)") % {"naam": naam}
    if geschreven is None:  # deleted since
        return _("%(naam)s read a reflection you shared earlier.") % {"naam": naam}, ""
    datum = formats.date_format(timezone.localtime(geschreven), "j F Y")
    tekst = _("%(naam)s read your shared reflection of %(datum)s.") % {
        "naam": naam,
        "datum": datum,
    }
    return tekst, reverse("reflectie_detail", kwargs={"pk": d["reflectie"]})


def _moderatie_zin(event, ik) -> str:
    besluit = event.details.get("besluit", "")
    if event.actor_id == ik.pk:
        moderatiezaak = apps.get_model("nazorg", "Moderatiezaak")
        labels = dict(moderatiezaak.Besluit.choices)
        return _("You decided on a report in the community: %(besluit)s.") % {
            "besluit": labels.get(besluit, besluit)
        }
    # As in the notification the writer gets: "a facilitator", not a name.
    zinnen = {
        "verborgen": _("A facilitator hid one of your posts in the community."),
        "hersteld": _("A facilitator restored one of your posts in the community."),
        "gereageerd": _("A facilitator responded with support to one of your posts."),
    }
    return zinnen.get(besluit, _("A facilitator looked at one of your posts in the community."))


def _vaste_zin(event) -> str | None:
    d = event.details
    if event.soort == Soort.LOGIN_MISLUKT:
        if d.get("stap") == "tweestaps":
            return _("Someone typed a wrong two-step code while logging in to your account.")
        return _("Someone tried to log in to your account with a wrong password.")
    if event.soort == Soort.WACHTWOORD:
        return {
            "ingesteld": _("A password was set for your account."),
            "hersteld": _("Your password was reset with a link from an email."),
        }.get(d.get("manier"), _("Your password was changed."))
    return {
        Soort.LOGIN: _("You logged in."),
        Soort.LOGOUT: _("You logged out."),
        Soort.MFA_AAN: _("Two-step verification was switched on."),
        Soort.MFA_UIT: _("Two-step verification was switched off."),
        Soort.MFA_CODES: _("New recovery codes were made."),
        Soort.EXPORT_EIGEN: _("Your data were downloaded."),
    }.get(event.soort)


def _lookups(events, ik):
    """Group names and the dates of the viewer's own reflections on this page."""
    groep_ids = {e.details.get("groep") for e in events} - {None}
    reflectie_ids = {
        e.details.get("reflectie")
        for e in events
        if e.soort == Soort.REFLECTIE_GELEZEN and e.betreft_id == ik.pk
    } - {None}
    groepen, reflecties = {}, {}
    if groep_ids:
        groep = apps.get_model("groepen", "Groep")
        groepen = dict(groep.objects.filter(pk__in=groep_ids).values_list("pk", "naam"))
    if reflectie_ids:
        reflectie = apps.get_model("herstelmodel", "Reflectie")
        # The scoped queryset: only the viewer's own entries ever get a date and a link.
        reflecties = dict(
            reflectie.objects.van(ik)
            .filter(pk__in=reflectie_ids)
            .values_list("pk", "aangemaakt_op")
        )
    return groepen, reflecties


def regels(events, ik) -> list[Regel]:
    """The events of one page of `ik`'s own trail, in plain words."""
    events = list(events)
    groepen, reflecties = _lookups(events, ik)
    uit = []
    for event in events:
        link = ""
        if event.soort == Soort.ROL:
            tekst = _rol_zin(event, ik, groepen)
        elif event.soort == Soort.REFLECTIE_GELEZEN:
            tekst, link = _gelezen_zin(event, ik, reflecties)
        elif event.soort == Soort.MODERATIE:
            tekst = _moderatie_zin(event, ik)
        else:
            tekst = _vaste_zin(event) or event.get_soort_display()
        uit.append(Regel(tijd=event.tijd, tekst=tekst, door=_door(event, ik), link=link))
    return uit


def _door(event, ik) -> str:
    """Who did it, when that is someone else and not already said in the sentence."""
    if event.actor_id in (None, ik.pk) or event.soort in (
        Soort.REFLECTIE_GELEZEN,
        Soort.MODERATIE,
    ):
        return ""
    return _("By %(naam)s") % {"naam": _naam(event.actor)}


def details_tekst(details: dict) -> list[tuple[str, str]]:
    """(label, value) pairs for the coordinator's table: ids and short codes only."""
    uit = []
    for key, value in details.items():
        if isinstance(value, bool):
            value = _("yes") if value else _("no")
        elif value is None:
            value = "–"
        uit.append((str(DETAIL_LABELS.get(key, key)), str(value)))
    return uit

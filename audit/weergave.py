"""The trail in words: one plain sentence per event for the person it concerns, and
content-free rows for coordinators.

Events of the apps above audit (a group, a reflection, a post) are put into words by
those apps through audit/registry.py; this module only knows accounts and roles. A page
reads its event rows plus one query per registered lookup that has ids on the page
(group names, the dates of the viewer's own reflections), so the number of queries stays
the same however long the trail is. Names come from `roepnaam` and are escaped by the
template.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from . import registry
from .models import AuditEvent

Soort = AuditEvent.Soort

# Labels for audit's own keys in `details`, for the coordinator's table. Apps above
# register theirs (registry.add_detail_label); unknown keys show as is.
DETAIL_LABELS = {
    "rol": gettext_lazy("role"),
    "aan": gettext_lazy("on"),
    "stap": gettext_lazy("step"),
    "manier": gettext_lazy("how"),
    "type": gettext_lazy("type"),
}


@dataclass
class Regel:
    """One line of a person's own trail."""

    tijd: object
    tekst: str
    door: str = ""
    link: str = ""


def naam(user) -> str:
    """How a person is named in the trail (also used by the apps' sentences)."""
    # get_short_name, not roepnaam: an erased account shows as "Former member".
    return user.get_short_name() if user is not None else ""


def _rol(details, gevonden) -> str:
    code = details.get("rol", "")
    rollen = {
        "coordinator": _("coordinator"),
        "beheerder": _("technical administrator"),
        "superuser": _("full administrator"),
        "export_named": _("allowed to export lists with names"),
    }
    if code in rollen:
        return rollen[code]
    tekst = registry.role(code)
    return tekst(details, gevonden) if tekst is not None else code


def _rol_zin(event, ik, gevonden) -> str:
    context = {"rol": _rol(event.details, gevonden), "naam": naam(event.betreft)}
    if event.betreft_id == ik.pk:
        if event.details.get("aan"):
            return _("Your role changed: you are now %(rol)s.") % context
        return _("Your role changed: you are no longer %(rol)s.") % context
    if event.details.get("aan"):
        return _("You changed a role: %(naam)s is now %(rol)s.") % context
    return _("You changed a role: %(naam)s is no longer %(rol)s.") % context


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


def regels(events, ik) -> list[Regel]:
    """The events of one page of `ik`'s own trail, in plain words."""
    events = list(events)
    gevonden = registry.run_lookups(events, ik)
    uit = []
    for event in events:
        link = ""
        zin = registry.sentence(event.soort)
        if event.soort == Soort.ROL:
            tekst = _rol_zin(event, ik, gevonden)
        elif zin is not None:
            tekst, link = zin.render(event, ik, gevonden)
        else:
            tekst = _vaste_zin(event) or event.get_soort_display()
        uit.append(Regel(tijd=event.tijd, tekst=tekst, door=_door(event, ik, zin), link=link))
    return uit


def _door(event, ik, zin) -> str:
    """Who did it, when that is someone else and not already said in the sentence."""
    if event.actor_id in (None, ik.pk) or (zin is not None and zin.says_who):
        return ""
    return _("By %(naam)s") % {"naam": naam(event.actor)}


def details_tekst(details: dict) -> list[tuple[str, str]]:
    """(label, value) pairs for the coordinator's table: ids and short codes only."""
    uit = []
    for key, value in details.items():
        if isinstance(value, bool):
            value = _("yes") if value else _("no")
        elif value is None:
            value = "–"
        label = DETAIL_LABELS.get(key) or registry.detail_label(key) or key
        uit.append((str(label), str(value)))
    return uit

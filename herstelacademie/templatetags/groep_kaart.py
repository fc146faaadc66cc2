"""The facilitator home's group cards: {% groep_kaarten groepen %}.

A tag, not `{% for g in groepen %}{% include "herstelacademie/_groep_kaart.html" %}`: a
facilitator's home lists every group they ever facilitated, and each card through the
template engine cost about a thousand Python calls (a quarter of the page's template),
for a few links and words (see menu.py for the same reason).
"""

from django import template
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.html import format_html, format_html_join
from django.utils.text import capfirst
from django.utils.translation import gettext, ngettext

from groepen.models import Aanbod

register = template.Library()


def _volgende(groep) -> str:
    if not groep.volgende:
        return gettext("No meeting planned.")
    # As the template's date filter: in local time, in the language's format.
    moment = timezone.localtime(groep.volgende)
    return format_html(
        '{} <time datetime="{}">{}</time>',
        gettext("Next meeting:"),
        formats.date_format(moment, "c"),
        formats.date_format(moment, "l j F, H:i"),
    )


def _kaart(groep) -> str:
    soort = capfirst(groep.aanbod.get_soort_display())
    if groep.aanbod.soort == Aanbod.Soort.INLOOP:
        midden = format_html(
            '<p class="card-title"><a href="{}">{}</a></p>\n  <p class="muted">{} · {}</p>',
            reverse("inloop_tellen", args=[groep.pk]),
            groep.naam,
            soort,
            gettext("you count the visitors"),
        )
    else:
        n = groep.aantal_deelnemers
        midden = format_html(
            '<p class="card-title"><a href="{}">{}</a></p>\n'
            '  <p class="muted">{} · {}</p>\n'
            "  <p>{}</p>\n"
            '  <p><a href="{}">{}</a></p>',
            reverse("groep_detail", args=[groep.pk]),
            groep.naam,
            soort,
            groep.get_status_display(),
            ngettext("%(n)s participant", "%(n)s participants", n) % {"n": formats.localize(n)},
            reverse("gedeelde_reflecties", args=[groep.pk]),
            gettext("Reflections shared with you"),
        )
    return format_html('<li class="card">\n  {}\n  <p>{}</p>\n</li>', midden, _volgende(groep))


@register.simple_tag
def groep_kaarten(groepen):
    """One card per group: its name linked to its page (the walk-in: to counting its
    visitors), its kind and status, participants, the shared reflections and when it
    meets next."""
    return format_html_join("\n", "{}", ((_kaart(g),) for g in groepen))

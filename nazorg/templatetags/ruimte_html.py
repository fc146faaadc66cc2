"""A space's threads as HTML, built in Python: {% draden_html pagina demper %}.

Why not the template's loop: per thread row Django's template engine resolved a dozen
variables, a filter, a link, a date and a plural translation, which together were a
good part of the community space's time (it was 8.6-12x the bare view). As for a
thread's posts (draad_html.py), the markup is the same as the template it replaces;
everything a person wrote is escaped by format_html, and translated text comes from the
same message ids.
"""

from django import template
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext, ngettext

from nazorg import rust

from .draad_html import _datum, _urls

register = template.Library()


def draad_rij(draad, demper, draad_url, teksten) -> str:
    titel = format_html(
        '<p class="card-title"><a href="{}">{}</a></p>', draad_url(draad.pk), draad.titel
    )
    # Folded for this reader when the title has one of their muted words (nazorg/rust.py).
    if isinstance(demper, rust.Demper) and demper.vouwt_titel(draad):
        titel = format_html(
            '<details class="gevouwen"><summary>{}</summary>{}</details>',
            teksten["gevouwen"],
            titel,
        )
    # No name for an anonymous thread, or one whose writer left.
    auteur = teksten["anoniem"] if draad.anoniem or not draad.auteur else draad.auteur.roepnaam
    n = draad.aantal_berichten
    wacht = ""
    if draad.status == "vastgehouden":
        wacht = format_html('\n<p class="notice">{}</p>', teksten["wacht"])
    return format_html(
        '<li class="card">\n{}\n<p class="muted">{} · {} · {}</p>{}\n</li>',
        titel,
        auteur,
        _datum(draad.laatste_activiteit),
        ngettext("%(n)s message", "%(n)s messages", n) % {"n": n},
        wacht,
    )


@register.simple_tag
def draden_html(draden, demper):
    """The threads of one page of a space, for the person looking."""
    teksten = {
        "gevouwen": gettext("A topic with a word you muted"),
        "anoniem": gettext("a participant"),
        "wacht": gettext("Waiting for a facilitator. Only you can see this for now."),
    }
    draad_url = _urls("draad")
    return mark_safe(  # noqa: S308 - every row is built with format_html
        "\n".join(draad_rij(d, demper, draad_url, teksten) for d in draden)
    )

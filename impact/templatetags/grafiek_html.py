"""Charts and tables of the coordinator pages, drawn in one piece instead of template loops
(issue 17): ``{% grafiek_html grafiek %}`` and ``{% tabel_html tabel %}`` for a chart from
impact/grafiek.py (markup in lib/svg_render.py), and the two plain tables of the
modelspiegel and the participation dashboard. Every value passes format_html's escaping.
tests/impact/test_grafiek_html.py compares the markup with the old templates."""

from django import template
from django.utils.formats import date_format, localize
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext

from lib import svg_render

register = template.Library()


@register.simple_tag
def grafiek_html(grafiek, zonder_tabel=False, figuur_class=""):
    """The chart, its legend and (unless ``zonder_tabel``) its data table."""
    return svg_render.grafiek_html(grafiek, zonder_tabel=zonder_tabel, figuur_class=figuur_class)


@register.simple_tag
def tabel_html(tabel):
    """A chart's data table on its own (when the page puts it elsewhere)."""
    return svg_render.tabel_html(tabel)


@register.simple_tag
def mensen_per_maand_tabel(mensen_per_maand):
    """The modelspiegel's table of different writers per month: (month, count or None)."""
    te_weinig = gettext("too little data")
    rijen = format_html_join(
        "\n",
        '<tr><th scope="row">{}</th><td class="num">{}</td></tr>',
        (
            (date_format(maand, "KORTE_MAAND_JAAR_FORMAT"), te_weinig if n is None else localize(n))
            for maand, n in mensen_per_maand
        ),
    )
    return format_html(
        '<div class="table-scroll mensen-per-maand" tabindex="0" role="region" '
        'aria-labelledby="kop-mensen-per-maand">\n<table>\n'
        '<caption id="kop-mensen-per-maand">{}</caption>\n'
        '<thead><tr><th scope="col">{}</th><th scope="col" class="num">{}</th></tr></thead>\n'
        "<tbody>\n{}\n</tbody>\n</table>\n</div>\n",
        gettext("Different people who wrote a reflection, per month"),
        gettext("Month"),
        gettext("People"),
        rijen,
    )


@register.simple_tag
def facilitator_tabel(facilitators):
    """The dashboard's groups and meetings per facilitator (rows from impact/deelname.py)."""
    rijen = format_html_join(
        "\n",
        '<tr><th scope="row">{}</th><td class="num">{}</td><td class="num">{}</td></tr>',
        (
            (r["user__roepnaam"], localize(r["groepen"]), localize(r["bijeenkomsten"]))
            for r in facilitators
        ),
    )
    return format_html(
        '<div class="table-scroll" tabindex="0" role="region" '
        'aria-labelledby="kop-facilitators">\n<table>\n<caption>{}</caption>\n'
        '<thead><tr><th scope="col">{}</th><th scope="col" class="num">{}</th>'
        '<th scope="col" class="num">{}</th></tr></thead>\n'
        "<tbody>\n{}\n</tbody>\n</table>\n</div>\n",
        gettext("Groups and meetings per facilitator"),
        gettext("Facilitator"),
        gettext("Groups"),
        gettext("Meetings"),
        rijen,
    )

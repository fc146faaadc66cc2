"""``{% grafiek_html grafiek %}`` and ``{% tabel_html tabel %}``: a chart from impact/grafiek.py
drawn in one piece by lib/svg_render.py instead of template loops (issue 17)."""

from django import template

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

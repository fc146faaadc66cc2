"""The main menu's items: {% nav_link "url_name" <a translated label> ook="other_url_name" %}.

A tag, not `{% include "includes/nav_link.html" with ... %}`: base.html draws a dozen of
these on every page for a signed-in person, and an include cost ~0.2 ms each, about half
the time of the bare view itself (docs/performance.md).
"""

from django import template
from django.urls import reverse
from django.utils.html import format_html
from django.utils.safestring import mark_safe

register = template.Library()


@register.simple_tag(takes_context=True)
def nav_link(context, naam, label, ook=None):
    """One item of the main menu: naam is the URL name, ook an optional second URL name
    that counts as the same page (marked aria-current for the page you are on)."""
    match = getattr(context.get("request"), "resolver_match", None)
    huidig = getattr(match, "url_name", None)
    hier = huidig == naam or (ook and huidig == ook)
    return format_html(
        '<li><a href="{}"{}>{}</a></li>',
        reverse(naam),
        mark_safe(' aria-current="page"') if hier else "",
        label,
    )

"""Template helpers for rest in the community (nazorg/rust.py): the viewer's Demper and
break, made once per request, and the filters that decide what folds."""

from django import template

from nazorg import rust

register = template.Library()


def _user(context):
    request = context.get("request")
    return getattr(request, "user", None)


@register.simple_tag(takes_context=True)
def demper(context):
    """{% demper as demper %}: what folds for the person looking."""
    return rust.demper_voor(_user(context))


@register.simple_tag(takes_context=True)
def community_pauze(context):
    """{% community_pauze as pauze %}: the person's break while it lasts, else None."""
    return rust.actieve_pauze(_user(context))


@register.filter
def bericht_gevouwen(bericht, demper) -> bool:
    """{% if bericht|bericht_gevouwen:demper %}; False without a Demper (other pages)."""
    return isinstance(demper, rust.Demper) and demper.vouwt_bericht(bericht)


@register.filter
def titel_gevouwen(draad, demper) -> bool:
    return isinstance(demper, rust.Demper) and demper.vouwt_titel(draad)

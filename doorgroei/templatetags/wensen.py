"""The wish-to-help blocks on the homes, one query each, so the homes only need an
include line (templates/doorgroei/_wensen_home.html, _wensen_coordinator.html)."""

from django import template

from .. import wensen

register = template.Library()


@register.simple_tag(takes_context=True)
def meehelpwens_voor_home(context):
    """The person's running (or lately decided) wish with its state in words, or None."""
    wens = wensen.voor_home(context["request"].user)
    if wens is not None:
        wens.stand = wensen.stand(wens)
    return wens


@register.simple_tag
def aantal_open_meehelpwensen():
    return wensen.aantal_open()

"""The activity-proposal block on the coordinator's home (the homes live in herstelacademie,
above this app, and include it with one line). The participant's home gets its block from
doorgroei/home.py."""

from django import template

from .. import voorstellen

register = template.Library()


@register.inclusion_tag("doorgroei/voorstel/_coordinator.html")
def voorstellen_coordinator():
    """The coordinator's home: how many proposals wait (one query)."""
    return {"aantallen": voorstellen.aantallen_open()}

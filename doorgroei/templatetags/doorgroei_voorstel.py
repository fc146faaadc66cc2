"""The activity-proposal blocks on the homes (the homes live in herstelacademie, above
this app, and include these with one line each)."""

from django import template

from .. import voorstellen

register = template.Library()


@register.inclusion_tag("doorgroei/voorstel/_home.html", takes_context=True)
def voorstellen_home(context):
    """The participant's home: an invitation to bring an activity and where their latest
    proposals stand. Nothing for someone who may not propose (at most two queries)."""
    return {"blok": voorstellen.voor_home(context["user"])}


@register.inclusion_tag("doorgroei/voorstel/_coordinator.html")
def voorstellen_coordinator():
    """The coordinator's home: how many proposals wait (one query)."""
    return {"aantallen": voorstellen.aantallen_open()}

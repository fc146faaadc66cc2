"""{% groei_home as groei %}: the home block of doorgroei/groei_home.py, so the homes
need no new context (one include line each)."""

from django import template

from doorgroei.groei_home import blok

register = template.Library()


@register.simple_tag(takes_context=True)
def groei_home(context):
    return blok(context["request"].user)

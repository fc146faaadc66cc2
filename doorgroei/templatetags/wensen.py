"""The wish-to-help block on the coordinator's home, one query, so the home only needs an
include line (templates/doorgroei/_wensen_coordinator.html). The participant's home gets
its wish from doorgroei/home.py."""

from django import template

from .. import wensen

register = template.Library()


@register.simple_tag
def aantal_open_meehelpwensen():
    return wensen.aantal_open()

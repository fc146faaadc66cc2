"""Template helpers for the community: the coordinator's counts."""

import datetime

from django import template
from django.utils import timezone

register = template.Library()


@register.simple_tag
def community_cijfers(dagen=30):
    """Counts of the last `dagen` days for the coordinator's overview (no content)."""
    from nazorg.moderatie import community_cijfers as cijfers

    eind = timezone.now()
    return cijfers(eind - datetime.timedelta(days=int(dagen)), eind)


@register.inclusion_tag("nazorg/_groep_nazit.html", takes_context=True)
def nazit_van_groep(context, groep):
    """The group's nazit moments on its page, for those who plan them (the group's
    facilitators and coordinators): which have a date, which still need one. The group
    page lives in groepen, below nazorg; this tag is how nazorg adds its part."""
    from nazorg import planning

    user = context["request"].user
    if not planning.mag_moment_plannen(user, groep):
        return {"momenten": []}
    return {"momenten": planning.momenten_van_groep(groep), "groep": groep}

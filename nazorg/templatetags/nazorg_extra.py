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

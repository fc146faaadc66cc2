from django import template
from django.utils.translation import gettext as _

from deelnemers.privacy import MIN_AGGREGATE, toonbaar

register = template.Library()


@register.filter
def aantal_mensen(aantal):
    """A count of people, or "fewer than 5" when it is too small to show."""
    if aantal is None:
        return ""
    if toonbaar(aantal):
        return aantal
    return _("fewer than %(n)s") % {"n": MIN_AGGREGATE}

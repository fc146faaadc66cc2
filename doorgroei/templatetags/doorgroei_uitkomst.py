"""The check-in offer on the participant's home, without touching the home's view."""

from django import template

from ..uitkomsten import open_uitnodiging

register = template.Library()


@register.simple_tag(takes_context=True)
def uitkomst_uitnodiging(context):
    """The check-in to offer now (one query), or None."""
    user = context.get("user")
    if user is None or not user.is_authenticated:
        return None
    return open_uitnodiging(user)

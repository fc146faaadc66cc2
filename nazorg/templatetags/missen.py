"""Template helpers of "we missen je" (nazorg/missen.py): the person's choice on the
preferences page and the coordinator's counts, so those pages need no new context."""

from django import template

from nazorg import missen
from nazorg.missen_forms import MissenVoorkeurForm

register = template.Library()


@register.simple_tag(takes_context=True)
def missen_voorkeur_form(context):
    """{% missen_voorkeur_form as form %}: the choice of the person looking. One query."""
    user = context["request"].user
    return MissenVoorkeurForm(initial={"berichten": missen.berichten_aan(user)})


@register.simple_tag
def missen_cijfers():
    """{% missen_cijfers as cijfers %}: this month's counts of people, no names."""
    return missen.cijfers()

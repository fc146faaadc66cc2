"""Forms of "we missen je" (nazorg/missen.py): the person's choice and "ik stop liever"."""

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import Missen


class MissenVoorkeurForm(forms.Form):
    berichten = forms.BooleanField(
        label=_("A message from my group when I have been away for a while"),
        required=False,
        help_text=_(
            "When you miss two meetings in a row without letting us know, or stop with a "
            "course, your group sends you one short message: you are always welcome back. "
            "If you turn this off, you get no message. Your facilitators still see that "
            "they have not seen you for a while, so they can look out for you."
        ),
    )


class StopLieverForm(forms.Form):
    uitschrijven = forms.BooleanField(
        label=_("Also cancel my enrolment for this group"),
        required=False,
        help_text=_("Your place then goes to someone on the waiting list, if there is one."),
    )


class AfhandelForm(forms.Form):
    afhandeling = forms.ChoiceField(
        choices=Missen.Afhandeling.choices,
        error_messages={
            "required": _("Choose what happened."),
            "invalid_choice": _("Choose what happened."),
        },
    )

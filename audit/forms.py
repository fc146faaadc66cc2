"""The coordinator's filter for the audit trail. Every field is optional; a bad value
gets a message next to its field and the typed values stay in the form."""

import datetime

from django import forms
from django.contrib.auth import get_user_model
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .models import AuditEvent


class DatumInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%Y-%m-%d")


def _datum(label):
    return forms.DateField(
        label=label,
        required=False,
        widget=DatumInput,
        error_messages={"invalid": _("Type a date, for example 3-3-2026.")},
    )


class FilterForm(forms.Form):
    soort = forms.ChoiceField(
        label=_("Kind of event"),
        required=False,
        choices=[("", _("All kinds")), *AuditEvent.Soort.choices],
    )
    van = _datum(_("From"))
    tot = _datum(_("Up to and including"))
    email = forms.EmailField(
        label=_("Person (email address)"),
        required=False,
        max_length=254,
        help_text=_("Events done by or about this person."),
        error_messages={"invalid": _("Type a whole email address, like sam@example.org.")},
    )

    def clean_email(self):
        email = self.cleaned_data.get("email", "").strip()
        if not email:
            return None
        persoon = get_user_model().objects.filter(email__iexact=email).order_by("pk").first()
        if persoon is None:
            raise forms.ValidationError(_("We don't know anyone with this email address."))
        return persoon

    def clean(self):
        data = super().clean()
        van, tot = data.get("van"), data.get("tot")
        if van and tot and tot < van:
            self.add_error("tot", _("This date is before the start date. Choose a later one."))
        return data

    def filter(self, events):
        """Apply the valid filters to an AuditEvent queryset."""
        data = self.cleaned_data
        if data.get("soort"):
            events = events.filter(soort=data["soort"])
        if data.get("van"):
            events = events.filter(tijd__gte=_begin_van(data["van"]))
        if data.get("tot"):
            events = events.filter(tijd__lt=_begin_van(data["tot"] + datetime.timedelta(days=1)))
        if data.get("email"):
            events = events.over(data["email"])
        return events


def _begin_van(dag):
    """The start of a day in the academy's time zone (an index-friendly bound)."""
    return timezone.make_aware(datetime.datetime.combine(dag, datetime.time.min))

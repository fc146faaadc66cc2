"""Forms for wishes to help: the person's offer, and the coordinator's invitation and decision."""

import datetime

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from groepen.models import Groep, Vrijwilligersrol

from .models.wens import ANDERS_MAX, NOTITIE_MAX, WANNEER_MAX, Meehelpwens

LEEG = _("Tick at least one way to help, or write in your own words what you would like to do.")
TE_LANG = _("Keep it under %(limit_value)d characters. You can tell more in a conversation.")
MAX_AFSTAND = datetime.timedelta(days=366)


def _een_regel(tekst: str) -> str:
    return " ".join(tekst.split())


class MeehelpwensForm(forms.Form):
    manieren = forms.MultipleChoiceField(
        label=_("How would you like to help out?"),
        choices=Meehelpwens.Manier.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Tick one or more. Nothing is fixed yet: we talk about it first."),
        error_messages={"invalid_choice": _("That choice is not on the list. Tick another.")},
    )
    anders = forms.CharField(
        label=_("Something else, in your own words (you may skip this)"),
        required=False,
        max_length=ANDERS_MAX,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"max_length": TE_LANG},
    )
    wanneer = forms.CharField(
        label=_("When would it suit you? (you may skip this)"),
        required=False,
        max_length=WANNEER_MAX,
        help_text=_("For example: Friday mornings, or once a month."),
        error_messages={"max_length": TE_LANG},
    )

    def clean_anders(self):
        return self.cleaned_data["anders"].strip()

    def clean_wanneer(self):
        return _een_regel(self.cleaned_data["wanneer"])

    def clean(self):
        data = super().clean()
        # Keep Manier's order, whatever order the browser sent.
        gekozen = set(data.get("manieren") or ())
        data["manieren"] = [m for m in Meehelpwens.Manier.values if m in gekozen]
        if not self.errors and not data["manieren"] and not data.get("anders"):
            self.add_error("manieren", LEEG)
        return data


class _CoordinatorForm(forms.Form):
    versie = forms.IntegerField(widget=forms.HiddenInput, min_value=1)
    notitie = forms.CharField(
        label=_("A short word to the person (you may skip this)"),
        required=False,
        max_length=NOTITIE_MAX,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("They read it in the app, not in an email."),
        error_messages={"max_length": TE_LANG},
    )

    def clean_notitie(self):
        return self.cleaned_data["notitie"].strip()


class UitnodigForm(_CoordinatorForm):
    prefix = "uitnodigen"


class BesluitForm(_CoordinatorForm):
    prefix = "besluit"
    field_order = ["uitkomst", "soort", "groep", "omschrijving", "begint_op", "notitie"]
    UITKOMST_KEUZES = [
        (Meehelpwens.Status.GESTART, _("Started in a role")),
        (Meehelpwens.Status.NIET_NU, _("Not now")),
        (Meehelpwens.Status.LATER, _("Later: come back to it")),
    ]

    uitkomst = forms.ChoiceField(
        label=_("Outcome"),
        choices=UITKOMST_KEUZES,
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Choose the outcome."),
            "invalid_choice": _("Choose one of the outcomes."),
        },
    )
    soort = forms.ChoiceField(
        label=_("Role (when started)"),
        choices=[("", "—"), *Vrijwilligersrol.Soort.choices],
        required=False,
        error_messages={"invalid_choice": _("Choose one of the roles.")},
    )
    groep = forms.ModelChoiceField(
        label=_("Group (needed for a co-facilitator; optional for the other roles)"),
        queryset=Groep.objects.none(),
        required=False,
        error_messages={"invalid_choice": _("Choose one of the groups in the list.")},
    )
    omschrijving = forms.CharField(
        label=_("The role in a few words (you may skip this)"),
        required=False,
        max_length=Vrijwilligersrol._meta.get_field("omschrijving").max_length,
        help_text=_("For a volunteer role: what they will do, for example 'tea at the walk-in'."),
        error_messages={"max_length": TE_LANG},
    )
    begint_op = forms.DateField(
        label=_("Starts on"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text=_("Empty: today."),
        error_messages={"invalid": _("Fill in a date, for example 2026-06-01.")},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        vandaag = timezone.localdate()
        # Groups that still run or are planned: a role in a finished group means nothing.
        self.fields["groep"].queryset = (
            Groep.objects.exclude(einddatum__lt=vandaag).select_related("aanbod").order_by("naam")
        )

    def clean_omschrijving(self):
        return _een_regel(self.cleaned_data["omschrijving"])

    def clean(self):
        data = super().clean()
        if data.get("uitkomst") != Meehelpwens.Status.GESTART:
            return data
        soort = data.get("soort")
        if not soort and "soort" not in self.errors:
            self.add_error("soort", _("Choose the role they start in."))
        cofacilitator = soort == Vrijwilligersrol.Soort.COFACILITATOR
        if cofacilitator and not data.get("groep") and "groep" not in self.errors:
            self.add_error("groep", _("A co-facilitator helps run one group: choose it."))
        begint_op = data.get("begint_op")
        vandaag = timezone.localdate()
        if begint_op and abs(begint_op - vandaag) > MAX_AFSTAND:
            self.add_error("begint_op", _("Choose a date within a year from today."))
        return data

"""The coordinator's forms to start and end a volunteer role (views/rollen.py).

Every mistake is said next to its field and nothing typed is lost: the page comes back
with the form as it was sent.
"""

import datetime

from django import forms
from django.db.models import Q
from django.utils import formats, timezone
from django.utils.translation import gettext_lazy as _

from .models import Aanbod, Groep, Vrijwilligersrol
from .models.rol import OMSCHRIJVING_MAX

Soort = Vrijwilligersrol.Soort
# Dates far from today are typing mistakes (2062 for 2026), not plans.
JAREN_TERUG = 20
JAREN_VOORUIT = 2
ONBEKENDE_DATUM = _("We don't recognise this date. Use for example 14-03-2026.")


class DatumInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


def _binnen_bereik(datum: datetime.date) -> datetime.date:
    vandaag = timezone.localdate()
    if not (vandaag.year - JAREN_TERUG <= datum.year <= vandaag.year + JAREN_VOORUIT):
        raise forms.ValidationError(
            _("Choose a date between %(van)s and %(tot)s.")
            % {"van": vandaag.year - JAREN_TERUG, "tot": vandaag.year + JAREN_VOORUIT}
        )
    return datum


class StartRolForm(forms.Form):
    soort = forms.ChoiceField(
        label=_("Role"),
        choices=Soort.choices,
        error_messages={
            "required": _("Choose a role."),
            "invalid_choice": _("Choose one of the roles in the list."),
        },
    )
    groep = forms.ModelChoiceField(
        label=_("Group"),
        queryset=Groep.objects.none(),
        required=False,
        empty_label=_("No group"),
        help_text=_(
            "Needed for a co-facilitator. For a host: one walk-in, or none for every walk-in. "
            "For a moderator: the group's community space, or none for the space for everyone."
        ),
        error_messages={"invalid_choice": _("Choose a group from the list.")},
    )
    begint_op = forms.DateField(
        label=_("Starts on"),
        widget=DatumInput(),
        error_messages={
            "required": _("Fill in the day the role starts."),
            "invalid": ONBEKENDE_DATUM,
        },
    )
    eindigt_op = forms.DateField(
        label=_("Ends on (optional)"),
        required=False,
        widget=DatumInput(),
        help_text=_(
            "Leave empty when there is no end date yet. From this day on the role is over."
        ),
        error_messages={"invalid": ONBEKENDE_DATUM},
    )
    omschrijving = forms.CharField(
        label=_("What they do, in their own words"),
        required=False,
        max_length=OMSCHRIJVING_MAX,
        help_text=_("Needed for a volunteer, for example 'makes coffee on Thursdays'."),
        error_messages={
            "max_length": _("Please keep it to %(limit_value)d characters (now %(show_value)d).")
        },
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        vandaag = timezone.localdate()
        self.fields["groep"].queryset = (
            Groep.objects.filter(Q(einddatum__isnull=True) | Q(einddatum__gte=vandaag))
            .select_related("aanbod")
            .order_by("naam", "pk")
        )
        self.fields["begint_op"].initial = vandaag

    def clean_begint_op(self):
        return _binnen_bereik(self.cleaned_data["begint_op"])

    def clean_eindigt_op(self):
        datum = self.cleaned_data.get("eindigt_op")
        return _binnen_bereik(datum) if datum else datum

    def clean_omschrijving(self):
        return self.cleaned_data["omschrijving"].strip()

    def clean(self):
        data = super().clean()
        soort, groep = data.get("soort"), data.get("groep")
        begint_op, eindigt_op = data.get("begint_op"), data.get("eindigt_op")
        if begint_op and eindigt_op and eindigt_op <= begint_op:
            self.add_error(
                "eindigt_op",
                _("A role ends after it starts: choose a day after %(dag)s.")
                % {"dag": formats.date_format(begint_op, "j F Y")},
            )
        if soort == Soort.COFACILITATOR and groep is None:
            self.add_error("groep", _("A co-facilitator helps in one group: choose the group."))
        if (
            soort == Soort.GASTHEER
            and groep is not None
            and groep.aanbod.soort != Aanbod.Soort.INLOOP
        ):
            self.add_error(
                "groep", _("A host hosts a walk-in: choose a walk-in, or no group for all of them.")
            )
        if soort == Soort.VRIJWILLIGER and not data.get("omschrijving"):
            self.add_error("omschrijving", _("Say in a few words what this volunteer does."))
        return data


class EindRolForm(forms.Form):
    """End a role: today, or on a later (or earlier) day, not before it started."""

    eindigt_op = forms.DateField(
        label=_("Ends on"),
        widget=DatumInput(),
        error_messages={
            "required": _("Fill in the day the role ends."),
            "invalid": ONBEKENDE_DATUM,
        },
    )

    def __init__(self, *args, rol, **kwargs):
        super().__init__(*args, **kwargs)
        self.rol = rol
        self.fields["eindigt_op"].initial = max(timezone.localdate(), rol.begint_op)

    def clean_eindigt_op(self):
        datum = _binnen_bereik(self.cleaned_data["eindigt_op"])
        if datum < self.rol.begint_op:
            raise forms.ValidationError(
                _("This role started on %(dag)s: it can end on that day at the earliest.")
                % {"dag": formats.date_format(self.rol.begint_op, "j F Y")}
            )
        return datum

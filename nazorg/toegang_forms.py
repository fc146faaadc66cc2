"""Forms for who is in the community and who looks in: a host's welcome, a coordinator
naming a moderator, and a space's moderation hours."""

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from .models import Ruimte

DAG_KEUZES = [
    ("0", pgettext_lazy("weekday", "Monday")),
    ("1", pgettext_lazy("weekday", "Tuesday")),
    ("2", pgettext_lazy("weekday", "Wednesday")),
    ("3", pgettext_lazy("weekday", "Thursday")),
    ("4", pgettext_lazy("weekday", "Friday")),
    ("5", pgettext_lazy("weekday", "Saturday")),
    ("6", pgettext_lazy("weekday", "Sunday")),
]


class EmailForm(forms.Form):
    email = forms.EmailField(
        label=_("Email address"),
        max_length=254,
        error_messages={
            "required": _("Please fill in an email address."),
            "invalid": _("This does not look like an email address. Check for typos."),
        },
    )


class WelkomForm(EmailForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["email"].help_text = _(
            "The address the person uses to log in here. You will not see whether it has "
            "an account: that stays private."
        )


class ModeratorForm(EmailForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["email"].label = _("Email address of the new moderator")


class KijkurenForm(forms.ModelForm):
    dagen = forms.MultipleChoiceField(
        label=_("Days"),
        choices=DAG_KEUZES,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": _("Choose days from the list.")},
    )

    class Meta:
        model = Ruimte
        fields = ["kijk_van", "kijk_tot"]
        widgets = {
            "kijk_van": forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
            "kijk_tot": forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
        }
        error_messages = {
            "kijk_van": {
                "required": _("Please fill in a time, for example 10:00."),
                "invalid": _("Write a time like 10:00."),
            },
            "kijk_tot": {
                "required": _("Please fill in a time, for example 17:00."),
                "invalid": _("Write a time like 17:00."),
            },
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            self.initial["dagen"] = [str(d) for d in self.instance.dagen]

    def clean(self):
        data = super().clean()
        van, tot = data.get("kijk_van"), data.get("kijk_tot")
        if van and tot and tot <= van:
            self.add_error("kijk_tot", _("The end time must be later than the start time."))
        return data

    def save(self, commit=True):
        self.instance.kijkdagen = ",".join(sorted(self.cleaned_data.get("dagen") or []))
        return super().save(commit=commit)

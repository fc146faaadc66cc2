from django import forms
from django.core.validators import MaxValueValidator, MinValueValidator
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .models import Herinnering


class PlanStapForm(forms.Form):
    dagen = forms.IntegerField(
        label=_("Days after the last meeting"),
        help_text=_("For example 14 for two weeks, or 91 for about three months."),
        validators=[MinValueValidator(1), MaxValueValidator(730)],
        error_messages={
            "required": _("Fill in a number of days, for example 14."),
            "invalid": _("Fill in a whole number of days, for example 14."),
            "min_value": _("Fill in 1 day or more."),
            "max_value": _("Fill in at most %(limit_value)s days (about two years)."),
        },
        widget=forms.NumberInput(attrs={"inputmode": "numeric", "min": 1, "max": 730}),
    )

    def __init__(self, *args, bestaand=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.bestaand = set(bestaand)

    def clean_dagen(self):
        dagen = self.cleaned_data["dagen"]
        if dagen in self.bestaand:
            raise forms.ValidationError(_("This step is already in the plan."))
        return dagen


class MomentForm(forms.Form):
    begint_om = forms.DateTimeField(
        label=_("Date and time"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M", "%d-%m-%Y %H:%M"],
        error_messages={
            "required": _("Choose the date and time of the follow-up meeting."),
            "invalid": _("Fill in a date and time, for example 14-03-2027 19:30."),
        },
    )
    locatie = forms.CharField(
        label=_("Place"),
        max_length=200,
        required=False,
        help_text=_("Leave empty for the group's usual place."),
        error_messages={"max_length": _("Keep the place to %(limit_value)d characters.")},
    )
    notitie = forms.CharField(
        label=_("Note for the people invited (optional)"),
        max_length=1000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("For example: bring something to drink, or which door to use."),
        error_messages={"max_length": _("Keep the note to %(limit_value)d characters.")},
    )

    def __init__(self, *args, plaatsen=(), **kwargs):
        super().__init__(*args, **kwargs)
        # The places the group used before, offered as suggestions (a datalist): one tap
        # on a phone, and any other place can still be typed.
        self.plaatsen = [p for p in dict.fromkeys(plaatsen) if p]
        if self.plaatsen:
            self.fields["locatie"].widget.attrs["list"] = "nazit-plaatsen"

    def clean_begint_om(self):
        begint_om = self.cleaned_data["begint_om"]
        if begint_om < timezone.now():
            raise forms.ValidationError(_("This moment has already passed. Choose a later date."))
        return begint_om


class AntwoordForm(forms.Form):
    antwoord = forms.ChoiceField(
        label=_("Will you come?"),
        choices=Herinnering.Antwoord.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose one of the answers.")},
    )


class KanaalForm(forms.Form):
    per_email = forms.BooleanField(label=_("By email"), required=False)
    in_app = forms.BooleanField(label=_("In the app (under Notifications)"), required=False)


class AanwezigheidForm(forms.Form):
    """After a nazit: which of the moment's reminder recipients were there. Ticked rows
    become aanwezig=True, the others False."""

    aanwezig = forms.TypedMultipleChoiceField(
        label=_("Was there"),
        coerce=int,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": _("That list has changed. Please try again.")},
    )

    def __init__(self, *args, herinneringen=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["aanwezig"].choices = [(h.pk, h.user.roepnaam) for h in herinneringen]


class GesprekmeldingForm(forms.ModelForm):
    """Which community notifications a person wants (nazorg/gesprekmeldingen.py)."""

    class Meta:
        from .models import GesprekmeldingVoorkeur

        model = GesprekmeldingVoorkeur
        fields = ["reacties", "herken_ik", "moderatie", "nieuwe_gesprekken", "reacties_email"]

    def clean(self):
        data = super().clean()
        # The email is about the reply notifications: without them it would never come.
        if data.get("reacties_email") and not data.get("reacties"):
            self.add_error(
                "reacties_email",
                _(
                    "The email tells you about new replies. Also tick “When someone replies "
                    "in a conversation I am part of”, or leave this one off."
                ),
            )
        return data

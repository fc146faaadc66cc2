"""The check-in form: every question a few plain choices, each with "skip" chosen first."""

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from .models import Uitkomst
from .models.uitkomst import EIGEN_WOORDEN_MAX

# Short, so "yes / no / skip" fit side by side on a phone.
OVERSLAAN = ("", pgettext_lazy("a question", "Skip"))
JA_NEE = [("ja", _("Yes")), ("nee", _("No")), OVERSLAAN]
FOUT = {"invalid_choice": _("Choose one of the options, or skip this question.")}


def _ja_nee(label, hint=""):
    return forms.TypedChoiceField(
        label=label,
        help_text=hint,
        choices=JA_NEE,
        coerce=lambda w: w == "ja",
        empty_value=None,
        required=False,
        widget=forms.RadioSelect,
        error_messages=FOUT,
    )


def _keuze(label, choices):
    return forms.TypedChoiceField(
        label=label,
        choices=[*choices, OVERSLAAN],
        empty_value=None,
        required=False,
        widget=forms.RadioSelect,
        error_messages=FOUT,
    )


class UitkomstForm(forms.Form):
    vrijwilligerswerk = _ja_nee(
        _("Are you doing volunteer work?"),
        _("Here at the academy or anywhere else, a few hours counts too."),
    )
    betaald_werk = _ja_nee(_("Do you have paid work?"), _("Any job, also a few hours."))
    studie = _ja_nee(_("Are you studying or following a training?"))
    minder_zorg = _keuze(
        _("Do you have fewer contacts with care than before?"), Uitkomst.Zorg.choices
    )
    meer_mensen = _ja_nee(_("Do you have more people to turn to than before?"))
    regie = _keuze(
        _("How do you feel about being in charge of your own life?"), Uitkomst.Regie.choices
    )
    eigen_woorden = forms.CharField(
        label=_("Anything you would like to add, in your own words (if you like)"),
        required=False,
        max_length=EIGEN_WOORDEN_MAX,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={
            "max_length": _(
                "This is a bit long: %(limit_value)s characters at most, and it has "
                "%(show_value)s now. Could you make it a little shorter? Your text is still here."
            ),
        },
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # No maxlength in the browser: it would cut off pasted text without a word.
        self.fields["eigen_woorden"].widget.attrs.pop("maxlength", None)
        self.fields["eigen_woorden"].help_text = _(
            "Only you can read this. At most %(max)s characters."
        ) % {"max": EIGEN_WOORDEN_MAX}

    def clean(self):
        data = super().clean()
        leeg = all(data.get(v) is None for v in Uitkomst.VRAGEN)
        if not self.errors and leeg and not (data.get("eigen_woorden") or "").strip():
            raise forms.ValidationError(
                _(
                    "You skipped every question, so there is nothing to save yet. "
                    "That is fine too: answer one question, write a few words, or "
                    "come back another time."
                ),
                code="leeg",
            )
        return data

    def save(self, user) -> Uitkomst:
        data = self.cleaned_data
        return Uitkomst.objects.create(
            user=user,
            eigen_woorden=data["eigen_woorden"].strip(),
            **{v: data[v] for v in Uitkomst.VRAGEN},
        )

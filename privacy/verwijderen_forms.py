from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from .models import Verwijderverzoek

EIGEN_KEUZES = [
    (Verwijderverzoek.Berichten.VERWIJDEREN, _("Delete my community posts")),
    (Verwijderverzoek.Berichten.ANONIEM, _("Keep my community posts, without my name")),
]
HUN_KEUZES = [
    (Verwijderverzoek.Berichten.VERWIJDEREN, _("Delete their community posts")),
    (Verwijderverzoek.Berichten.ANONIEM, _("Keep their community posts, without their name")),
]


def berichten_veld(label, choices):
    return forms.ChoiceField(
        label=label,
        choices=choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose what happens to the posts.")},
    )


class VerwijderForm(forms.Form):
    """The person confirms with their password, so nobody else at an open screen can."""

    berichten = berichten_veld(_("What should happen to your community posts?"), EIGEN_KEUZES)
    wachtwoord = forms.CharField(
        label=_("Your password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
        error_messages={"required": _("Type your password to confirm.")},
    )

    def __init__(self, *args, user, **kwargs):
        self.user = user
        super().__init__(*args, **kwargs)

    def clean_wachtwoord(self):
        wachtwoord = self.cleaned_data["wachtwoord"]
        if not self.user.check_password(wachtwoord):
            raise forms.ValidationError(_("That is not your password. Please try again."))
        return wachtwoord


class BeheerForm(forms.Form):
    """A coordinator records a request someone made by phone, letter or in person."""

    email = forms.EmailField(
        label=_("Email address of the account"),
        max_length=254,
        help_text=_("Exactly as the person uses it to log in."),
        error_messages={"required": _("Fill in the email address.")},
    )
    berichten = berichten_veld(_("What should happen to their community posts?"), HUN_KEUZES)

    def clean_email(self):
        email = self.cleaned_data["email"].strip()
        user = (
            get_user_model().objects.filter(email__iexact=email, verwijderd_op__isnull=True).first()
        )
        if user is None:
            raise forms.ValidationError(
                _("There is no account with this email address. Check it for typing errors.")
            )
        self.user = user
        return email

"""Forms of the first conversation: the public request, closing it, choosing hosts."""

import re

from django import forms
from django.utils.translation import gettext_lazy as _

from . import kennismaking
from .models.kennismaking import NOTITIE_MAX, TELEFOON_MAX, VOORNAAM_MAX, WENS_MAX, Kennismaking

# Digits of a phone number: Dutch numbers have 10 (06 12345678) or 11 with +31; foreign
# ones up to 15 (the international maximum). Fewer than 8 is a typo.
TELEFOON_TEKENS = re.compile(r"^\+?[0-9 ()./-]+$")
TELEFOON_CIJFERS = (8, 15)

ONBEKEND_ADRES = _(
    "We don't recognise this email address. Check it, for example: naam@voorbeeld.nl."
)
GEEN_CONTACT = _("Fill in your email address or your phone number, so we can reach you.")


class KennismakingForm(forms.Form):
    soort = forms.ChoiceField(
        label=_("What would you like?"),
        choices=Kennismaking.Soort.choices,
        initial=Kennismaking.Soort.GESPREK,
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Choose what you would like."),
            "invalid_choice": _("Choose a first conversation or a visit to the walk-in."),
        },
    )
    voornaam = forms.CharField(
        label=_("Your first name"),
        max_length=VOORNAAM_MAX,
        help_text=_("Or the name you like to be called. No last name needed."),
        widget=forms.TextInput(attrs={"autocomplete": "given-name"}),
        error_messages={
            "required": _("Fill in your first name, so we know who to ask for."),
            "max_length": _("Keep your name under %(limit_value)d characters."),
        },
    )
    email = forms.EmailField(
        label=_("Email address"),
        required=False,
        max_length=254,  # the model's length; the form's default (320) would not fit
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
        error_messages={
            "invalid": ONBEKEND_ADRES,
            "max_length": ONBEKEND_ADRES,
        },
    )
    telefoon = forms.CharField(
        label=_("Phone number"),
        required=False,
        max_length=TELEFOON_MAX,
        widget=forms.TextInput(attrs={"autocomplete": "tel", "inputmode": "tel"}),
        error_messages={
            "max_length": _("That phone number is too long. Check it, for example: 06 12345678."),
        },
    )
    wens = forms.CharField(
        label=_("What are you looking for? (you may skip this)"),
        required=False,
        max_length=WENS_MAX,
        help_text=_("A few words are enough. Only the hosts read this."),
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={
            "max_length": _(
                "That is more than %(limit_value)d characters. A short version is enough: "
                "you can tell the rest when we talk."
            ),
        },
    )

    def clean_voornaam(self):
        voornaam = " ".join(self.cleaned_data["voornaam"].split())
        if not voornaam:
            raise forms.ValidationError(_("Fill in your first name, so we know who to ask for."))
        return voornaam

    def clean_telefoon(self):
        telefoon = " ".join(self.cleaned_data["telefoon"].split())
        if not telefoon:
            return ""
        cijfers = sum(c.isdigit() for c in telefoon)
        laag, hoog = TELEFOON_CIJFERS
        if not TELEFOON_TEKENS.match(telefoon) or not laag <= cijfers <= hoog:
            raise forms.ValidationError(
                _("We don't recognise this phone number. Write it for example as 06 12345678.")
            )
        return telefoon

    def clean(self):
        data = super().clean()
        # Only when both fields are empty, not when one of them was invalid: that one
        # already has its own message.
        if (
            not data.get("email")
            and not data.get("telefoon")
            and "email" not in self.errors
            and "telefoon" not in self.errors
        ):
            self.add_error("email", GEEN_CONTACT)
            self.add_error("telefoon", GEEN_CONTACT)
        return data


class AfrondForm(forms.Form):
    notitie = forms.CharField(
        label=_("Short note for the hosts (optional)"),
        required=False,
        max_length=NOTITIE_MAX,
        help_text=_(
            "For example: called, she comes to the walk-in on Thursday. Only hosts read "
            "this, and the person when they ask for their data."
        ),
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={
            "max_length": _(
                "Keep the note under %(limit_value)d characters. A few words are enough."
            ),
        },
    )


class HostForm(forms.Form):
    email = forms.EmailField(
        label=_("Email address of the new host"),
        help_text=_("The person needs an account. A facilitator or a volunteer, for example."),
        error_messages={
            "required": _("Fill in the email address of the person's account."),
            "invalid": ONBEKEND_ADRES,
        },
    )

    def clean_email(self):
        email = self.cleaned_data["email"]
        try:
            self.user = kennismaking.account_voor(email)
        except kennismaking.GeenAccount:
            raise forms.ValidationError(
                _(
                    "No account has this email address. Ask the person to make an account "
                    "first, then add them here."
                )
            ) from None
        return email

"""Sign-up with consent: the privacy statement (required) and one optional email choice
(the weekly community summary), on top of deelnemers' sign-up form (email, name,
password).

No nazit box: at sign-up nobody knows yet what a nazit is. Its invitation is part of
taking part in a group; people hear about it, and can say no, when they enrol in one
(groepen/views/aanbod.py), and stop it with one click at any time.

They live here, not in deelnemers, because saving them reaches the apps above deelnemers
(the statement in this app, the email choice in nazorg through its privacy provider).
settings.ACCOUNT_FORMS and ACCOUNT_ADAPTER point at these classes.
"""

from django import forms
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from deelnemers.adapter import AccountAdapter as DeelnemersAdapter
from deelnemers.forms import SignupForm as DeelnemersSignupForm

from .toestemming import bij_aanmelding


class SignupForm(DeelnemersSignupForm):
    # The privacy statement is required; the summary email is a separate, optional choice.
    privacy = forms.BooleanField(
        label=_("I have read the privacy statement and I agree to it."),
        error_messages={
            "required": _(
                "Tick this box to agree to the privacy statement. We can only make your "
                "account when you agree."
            )
        },
    )
    digest = forms.BooleanField(
        label=_("Email me a weekly summary of new conversations in the community."),
        required=False,
        help_text=_("You can change this at any time."),
    )
    field_order = [*DeelnemersSignupForm.field_order, "privacy", "digest"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # A link in the help text (safe HTML): the statement opens next to the form, so
        # nothing typed here is lost.
        self.fields["privacy"].help_text = format_html(
            '<a href="{}" target="_blank" rel="noopener">{}</a>',
            reverse("privacyverklaring"),
            _("Read the privacy statement (opens in a new tab)"),
        )


class AccountAdapter(DeelnemersAdapter):
    def save_user(self, request, user, form, commit=True):
        user = super().save_user(request, user, form, commit=commit)
        if commit and "privacy" in form.cleaned_data:
            bij_aanmelding(user, digest=form.cleaned_data.get("digest", False))
        return user

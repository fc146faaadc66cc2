from allauth.account.forms import LoginForm as AllauthLoginForm
from allauth.account.forms import SignupForm as AllauthSignupForm
from django import forms
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from .models import User


def clean_roepnaam_value(value: str) -> str:
    value = " ".join(value.split())
    if len(value) < 2:
        raise forms.ValidationError(_("Choose a name of at least 2 characters."))
    if "@" in value:
        raise forms.ValidationError(
            _("Please don't use your email address as your name: others will see it.")
        )
    return value


class WithoutPlaceholders:
    """Our fields have visible labels; a placeholder repeating them only adds noise."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            field.widget.attrs.pop("placeholder", None)


class LoginForm(WithoutPlaceholders, AllauthLoginForm):
    pass


class SignupForm(WithoutPlaceholders, AllauthSignupForm):
    roepnaam = forms.CharField(
        label=_("Your name in the academy"),
        max_length=40,
        help_text=_("Others only see this name. It does not have to be your real name."),
        widget=forms.TextInput(attrs={"autocomplete": "nickname"}),
    )
    # Consent: the privacy statement is required; emails are separate, optional choices
    # (saved by deelnemers.adapter through the privacy app).
    privacy = forms.BooleanField(
        label=_("I have read the privacy statement and I agree to it."),
        error_messages={
            "required": _(
                "Tick this box to agree to the privacy statement. We can only make your "
                "account when you agree."
            )
        },
    )
    nazit_email = forms.BooleanField(
        label=_("Email me about follow-up meetings (nazit) after a course."),
        required=False,
        help_text=_("You can change this at any time."),
    )
    digest = forms.BooleanField(
        label=_("Email me a weekly summary of new conversations in the community."),
        required=False,
        help_text=_("You can change this at any time."),
    )
    field_order = [
        "email",
        "roepnaam",
        "password1",
        "password2",
        "privacy",
        "nazit_email",
        "digest",
    ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # A link in the help text (safe HTML): the statement opens next to the form, so
        # nothing typed here is lost.
        self.fields["privacy"].help_text = format_html(
            '<a href="{}" target="_blank" rel="noopener">{}</a>',
            reverse("privacyverklaring"),
            _("Read the privacy statement (opens in a new tab)"),
        )

    def clean_roepnaam(self):
        return clean_roepnaam_value(self.cleaned_data["roepnaam"])


class RoepnaamForm(forms.ModelForm):
    class Meta:
        model = User
        fields = ["roepnaam"]
        labels = {"roepnaam": _("Your name in the academy")}
        widgets = {"roepnaam": forms.TextInput(attrs={"autocomplete": "nickname"})}

    def clean_roepnaam(self):
        return clean_roepnaam_value(self.cleaned_data["roepnaam"])

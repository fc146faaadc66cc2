from allauth.account.forms import LoginForm as AllauthLoginForm
from allauth.account.forms import SignupForm as AllauthSignupForm
from django import forms
from django.utils.translation import gettext_lazy as _

from . import inlog
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
    def login(self, request, redirect_url=None):
        # Only reached after a correct password: from now on this browser is "known" for
        # this account, so strangers' failures elsewhere cannot slow it down (inlog.py).
        response = super().login(request, redirect_url=redirect_url)
        inlog.zet_apparaat(request, response, self.cleaned_data["login"])
        return response


class ZesStappenForm(forms.Form):
    """Turn the six steps on or off on one's own overview (a button, no free text)."""

    aan = forms.TypedChoiceField(
        choices=[("1", _("on")), ("0", _("off"))], coerce=lambda v: v == "1"
    )


class SignupForm(WithoutPlaceholders, AllauthSignupForm):
    roepnaam = forms.CharField(
        label=_("Your name in the academy"),
        max_length=40,
        help_text=_("Others only see this name. It does not have to be your real name."),
        widget=forms.TextInput(attrs={"autocomplete": "nickname"}),
    )
    # Optional: a naaste's home then shows the offer for naasten instead of the six steps
    # (they can turn those on at any time).
    naaste = forms.BooleanField(
        label=_("I come mainly as a naaste (family or friend of someone in recovery)"),
        required=False,
    )
    # The consent fields are added by privacy.signup.SignupForm (privacy sits above).
    field_order = ["email", "roepnaam", "password1", "password2", "naaste"]

    def clean_roepnaam(self):
        return clean_roepnaam_value(self.cleaned_data["roepnaam"])


class RoepnaamForm(forms.ModelForm):
    class Meta:
        model = User
        fields = ["roepnaam", "komt_als_naaste"]
        labels = {
            "roepnaam": _("Your name in the academy"),
            "komt_als_naaste": _(
                "I come mainly as a naaste (family or friend of someone in recovery)"
            ),
        }
        help_texts = {"komt_als_naaste": _("Your overview then also shows the offer for naasten.")}
        widgets = {"roepnaam": forms.TextInput(attrs={"autocomplete": "nickname"})}

    def clean_roepnaam(self):
        return clean_roepnaam_value(self.cleaned_data["roepnaam"])

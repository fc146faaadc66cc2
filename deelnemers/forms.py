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


class SignupForm(WithoutPlaceholders, AllauthSignupForm):
    roepnaam = forms.CharField(
        label=_("Your name in the academy"),
        max_length=40,
        help_text=_("Others only see this name. It does not have to be your real name."),
        widget=forms.TextInput(attrs={"autocomplete": "nickname"}),
    )
    # The consent fields are added by privacy.signup.SignupForm (privacy sits above).
    field_order = ["email", "roepnaam", "password1", "password2"]

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

from allauth.account.adapter import DefaultAccountAdapter
from django import forms

from . import inlog


def _login_van(credentials) -> str:
    return credentials.get("email") or credentials.get("username") or ""


class AccountAdapter(DefaultAccountAdapter):
    """Saves the name people choose at sign-up. Consent and email choices are saved by
    privacy.signup.AccountAdapter, built on this one (privacy sits above deelnemers).

    Password attempts are slowed down per (account, origin) by deelnemers.inlog instead
    of allauth's lock of the whole account (its "login_failed" limit is off in settings).
    """

    def save_user(self, request, user, form, commit=True):
        user = super().save_user(request, user, form, commit=False)
        user.roepnaam = form.cleaned_data["roepnaam"]
        # A naaste is not asked to reflect on a recovery of their own: the six steps stay
        # off their overview until they turn them on (deelnemers.views.zes_stappen).
        if form.cleaned_data.get("naaste"):
            user.komt_als_naaste = True
            user.zes_stappen = False
        if commit:
            user.save()
        return user

    def pre_authenticate(self, request, **credentials):
        try:
            self._inlog_poging = inlog.begin(
                request, _login_van(credentials), self.get_client_ip(request)
            )
        except inlog.Geweigerd as geweigerd:
            raise forms.ValidationError(
                geweigerd.bericht(), code="too_many_login_attempts"
            ) from None

    def authenticate(self, request, **credentials):
        user = super().authenticate(request, **credentials)
        poging = getattr(self, "_inlog_poging", None)
        if user is not None and poging is not None:
            poging.gelukt()
        return user

    def _delete_login_attempts_cached_email(self, request, **credentials):
        # allauth calls this after a password reset through the emailed link.
        super()._delete_login_attempts_cached_email(request, **credentials)
        inlog.wis(request, _login_van(credentials), self.get_client_ip(request))

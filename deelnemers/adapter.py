from allauth.account.adapter import DefaultAccountAdapter


class AccountAdapter(DefaultAccountAdapter):
    """Saves the name people choose at sign-up. Consent and email choices are saved by
    privacy.signup.AccountAdapter, built on this one (privacy sits above deelnemers)."""

    def save_user(self, request, user, form, commit=True):
        user = super().save_user(request, user, form, commit=False)
        user.roepnaam = form.cleaned_data["roepnaam"]
        if commit:
            user.save()
        return user

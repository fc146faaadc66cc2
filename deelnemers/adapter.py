from allauth.account.adapter import DefaultAccountAdapter


class AccountAdapter(DefaultAccountAdapter):
    def save_user(self, request, user, form, commit=True):
        user = super().save_user(request, user, form, commit=False)
        user.roepnaam = form.cleaned_data["roepnaam"]
        if commit:
            user.save()
        return user

from allauth.account.adapter import DefaultAccountAdapter


class AccountAdapter(DefaultAccountAdapter):
    def save_user(self, request, user, form, commit=True):
        user = super().save_user(request, user, form, commit=False)
        user.roepnaam = form.cleaned_data["roepnaam"]
        if commit:
            user.save()
            if "privacy" in form.cleaned_data:
                # Imported here: the privacy app sits above deelnemers (see DESIGN.md).
                from privacy.toestemming import bij_aanmelding

                bij_aanmelding(
                    user,
                    nazit_email=form.cleaned_data.get("nazit_email", False),
                    digest=form.cleaned_data.get("digest", False),
                )
        return user

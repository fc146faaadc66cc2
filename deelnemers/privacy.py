"""Privacy rules shared by every app that shows figures about people, and what deelnemers
exports and erases for one person (registered with lib.privacy): the account itself, its
email addresses, two-step verification and the admin history about it.

This module is imported early by the apps that show figures (MIN_AGGREGATE), so models
are imported inside the functions and named by label below.
"""

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _l

from lib.privacy import Provider, Sectie, Veld, Wisser, registreer

# No count of people below this is shown: with fewer, a figure points at individuals.
MIN_AGGREGATE = 5


def toonbaar(aantal: int) -> bool:
    """Zero reveals nothing about anyone; 1-4 people might be recognisable."""
    return aantal == 0 or aantal >= MIN_AGGREGATE


# --- Export ----------------------------------------------------------------------------


def _tweestaps(_rij, user) -> bool:
    from allauth.mfa.utils import is_mfa_enabled

    return is_mfa_enabled(user)


def _emailadressen(user, _user):
    from allauth.account.models import EmailAddress

    emails = EmailAddress.objects.filter(user=user).order_by("email")
    return ", ".join(e.email + ("" if e.verified else f" ({_('not confirmed')})") for e in emails)


V = Veld
# fmt: off
SECTIES = (
    Sectie("account", _l("Your account"), lambda u: [u], (
        V("email", _l("Email address")), V("roepnaam", _l("Your name in the academy")),
        V("lid_sinds", _l("Joined"), "date_joined"), V("laatst_actief", _l("Last active")),
        V("coordinator", _l("Coordinator"), "is_coordinator"),
        V("komt_als_naaste", _l("Comes mainly as a naaste")),
        V("zes_stappen", _l("Six steps on your overview")),
        V("zes_stappen_gekozen_op", _l("Six steps chosen on")),
        V("tweestaps", _l("Two-step verification"), _tweestaps),
        V("emailadressen", _l("All email addresses"), _emailadressen),
    ), volgorde=10, modellen=("deelnemers.User", "account.EmailAddress", "mfa.Authenticator")),
)
# fmt: on


# --- Erasure ---------------------------------------------------------------------------


def _scrub(user) -> None:
    """Keep the row, without anything personal. An unusable password also ends every open
    session: Django checks the session's password hash on each request."""
    user.email = f"verwijderd-{user.pk}@verwijderd.invalid"
    user.roepnaam = ""
    user.set_unusable_password()
    user.is_active = False
    user.is_coordinator = False
    user.is_staff = False
    user.is_superuser = False
    user.laatst_actief = None
    user.komt_als_naaste = False
    user.zes_stappen = True
    user.zes_stappen_gekozen_op = None
    user.verwijderd_op = timezone.now()
    user.save()
    user.groups.clear()
    user.user_permissions.clear()


def wis(user, _keuzes) -> None:
    """Login and history last, then the row itself is scrubbed (it stays, so anonymous
    counts and the audit trail stay consistent)."""
    from allauth.account.models import EmailAddress
    from allauth.mfa.models import Authenticator
    from django.contrib.admin.models import LogEntry
    from django.contrib.contenttypes.models import ContentType

    EmailAddress.objects.filter(user=user).delete()
    Authenticator.objects.filter(user=user).delete()
    # Admin history about this person shows their name in its description.
    LogEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(type(user)), object_id=str(user.pk)
    ).delete()
    _scrub(user)


registreer(
    Provider(
        naam="deelnemers",
        secties=SECTIES,
        wissers=(
            Wisser(
                60,
                wis,
                modellen=(
                    "account.EmailAddress",
                    "mfa.Authenticator",
                    "admin.LogEntry",
                    "deelnemers.User",
                ),
            ),
        ),
    )
)

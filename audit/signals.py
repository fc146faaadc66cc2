"""Hooks that write the audit trail for accounts: logins, passwords, two-step
verification and the roles on the user row.

audit listens to the signals of Django and allauth below it. Apps above record their own
events through `audit.log.record` (e.g. memberships in groepen/audit.py, reads of
shared reflections in herstelmodel/audit.py). Details hold ids and short codes only,
never anything a person wrote, typed or searched for.
"""

from allauth.account import signals as account_signals
from allauth.mfa import signals as mfa_signals
from django.contrib.auth import get_user_model
from django.contrib.auth import signals as auth_signals
from django.db.models.signals import m2m_changed, post_init, post_save

from .log import record
from .middleware import huidige_actor
from .models import AuditEvent

Soort = AuditEvent.Soort

# Academy-wide roles on the user row, with the short code stored in `details`.
USER_ROLLEN = {
    "is_coordinator": "coordinator",
    "is_staff": "beheerder",
    "is_superuser": "superuser",
}
RECOVERY_CODES = "recovery_codes"


# --- Logging in and out ------------------------------------------------------------------


def bij_login(sender, request, user, **kwargs):
    record(Soort.LOGIN, actor=user, betreft=user)


def bij_logout(sender, request, user, **kwargs):
    if user is not None:
        record(Soort.LOGOUT, actor=user, betreft=user)


def bij_mislukte_login(sender, credentials, request=None, **kwargs):
    """A wrong password for an existing account is recorded about that account, so its
    owner can see someone tried. An unknown email is not recorded at all: the row would
    name nobody and hold nothing to act on (we never keep the typed address), while
    anyone could fill this table, which can never be cleaned up, with such rows."""
    typed = credentials.get("email") or credentials.get("username") or credentials.get("login")
    if not isinstance(typed, str) or not typed.strip():
        return
    user = get_user_model().objects.filter(email__iexact=typed.strip()).order_by("pk").first()
    if user is not None:
        record(Soort.LOGIN_MISLUKT, betreft=user, stap="wachtwoord")


def bij_mislukte_tweestaps(sender, request=None, user=None, **kwargs):
    if user is not None and user.is_authenticated:
        record(Soort.LOGIN_MISLUKT, betreft=user, stap="tweestaps")


# --- Password and two-step verification ---------------------------------------------------


def _wachtwoord(manier):
    def handler(sender, request=None, user=None, **kwargs):
        if user is not None:
            record(Soort.WACHTWOORD, actor=user, betreft=user, manier=manier)

    return handler


bij_wachtwoord_gewijzigd = _wachtwoord("gewijzigd")
bij_wachtwoord_ingesteld = _wachtwoord("ingesteld")
bij_wachtwoord_hersteld = _wachtwoord("hersteld")


def bij_authenticator_erbij(sender, request=None, user=None, authenticator=None, **kwargs):
    # Recovery codes come with the first authenticator: one event for the two.
    if authenticator is not None and authenticator.type != RECOVERY_CODES:
        record(Soort.MFA_AAN, actor=user, betreft=user, type=authenticator.type)


def bij_authenticator_weg(sender, request=None, user=None, authenticator=None, **kwargs):
    if authenticator is not None and authenticator.type != RECOVERY_CODES:
        record(Soort.MFA_UIT, actor=huidige_actor() or user, betreft=user, type=authenticator.type)


def bij_nieuwe_codes(sender, request=None, user=None, authenticator=None, **kwargs):
    record(Soort.MFA_CODES, actor=user, betreft=user)


# --- Roles ----------------------------------------------------------------------------------
# The values as loaded are remembered on the instance (post_init), so a save can be
# compared without an extra query.


def onthoud_user_rollen(sender, instance, **kwargs):
    d = instance.__dict__
    instance._audit_rollen = {veld: d[veld] for veld in USER_ROLLEN if veld in d}


def na_user_save(sender, instance, created, raw=False, update_fields=None, **kwargs):
    if raw:
        return
    oud = {} if created else getattr(instance, "_audit_rollen", {})
    for veld, code in USER_ROLLEN.items():
        if update_fields is not None and veld not in update_fields:
            continue
        nu = instance.__dict__.get(veld)
        was = False if created else oud.get(veld, nu)
        if nu is not None and bool(nu) != bool(was):
            record(Soort.ROL, actor=huidige_actor(), betreft=instance, rol=code, aan=bool(nu))
    onthoud_user_rollen(sender, instance)


def na_rechten(sender, instance, action, reverse, model, pk_set, **kwargs):
    """An explicit permission given to or taken from a person in the admin, such as
    exporting lists with names: as much a role change as becoming coordinator."""
    if reverse or action not in ("post_add", "post_remove") or not pk_set:
        return
    for codename in model.objects.filter(pk__in=pk_set).values_list("codename", flat=True):
        record(
            Soort.ROL,
            actor=huidige_actor(),
            betreft=instance,
            rol=codename[:40],
            aan=action == "post_add",
        )


def connect():
    user = get_user_model()
    uid = "audit."
    auth_signals.user_logged_in.connect(bij_login, dispatch_uid=uid + "login")
    auth_signals.user_logged_out.connect(bij_logout, dispatch_uid=uid + "logout")
    auth_signals.user_login_failed.connect(bij_mislukte_login, dispatch_uid=uid + "login_failed")
    mfa_signals.authentication_failed.connect(bij_mislukte_tweestaps, dispatch_uid=uid + "mfa_fail")
    account_signals.password_changed.connect(bij_wachtwoord_gewijzigd, dispatch_uid=uid + "pw_c")
    account_signals.password_set.connect(bij_wachtwoord_ingesteld, dispatch_uid=uid + "pw_s")
    account_signals.password_reset.connect(bij_wachtwoord_hersteld, dispatch_uid=uid + "pw_r")
    mfa_signals.authenticator_added.connect(bij_authenticator_erbij, dispatch_uid=uid + "mfa_add")
    mfa_signals.authenticator_removed.connect(bij_authenticator_weg, dispatch_uid=uid + "mfa_rm")
    mfa_signals.authenticator_reset.connect(bij_nieuwe_codes, dispatch_uid=uid + "mfa_reset")
    post_init.connect(onthoud_user_rollen, sender=user, dispatch_uid=uid + "user_init")
    post_save.connect(na_user_save, sender=user, dispatch_uid=uid + "user_save")
    m2m_changed.connect(
        na_rechten, sender=user.user_permissions.through, dispatch_uid=uid + "user_perms"
    )

"""Foundation pages: homes, account pages (allauth), health, language."""

from . import Case, logged_in, same

A, OUT, D, F, C = "anonymous", "outsider", "deelnemer", "facilitator", "coordinator"

EXPECTED = {
    # A visitor gets the public home; everyone else is sent to the home of their role.
    "home": Case({A: 200, OUT: 302, D: 302, F: 302, C: 302}),
    "mijn_overzicht": Case(logged_in(200)),
    "mijn_gegevens": Case(logged_in(200)),
    "facilitator_home": Case({**logged_in(403), F: 200}),
    "coordinator_home": Case({**logged_in(403), C: 200}),
    "mfa_required": Case(logged_in(302)),
    "healthz": Case(same(200)),
    "set_language": Case(same(302)),
    # allauth: entrance pages for visitors; logged-in people are sent on.
    "account_login": Case(logged_in(302, anonymous=200)),
    "account_signup": Case(logged_in(302, anonymous=200)),
    "account_logout": Case(logged_in(200, anonymous=302)),
    "account_inactive": Case(same(200)),
    "account_reauthenticate": Case(logged_in(200)),
    "account_email": Case(logged_in(200)),
    "account_email_verification_sent": Case(same(200)),
    "account_change_password": Case(logged_in(200)),
    "account_set_password": Case(logged_in(302)),
    "account_reset_password": Case(same(200)),
    "account_reset_password_done": Case(same(200)),
    "account_reset_password_from_key_done": Case(same(200)),
    "account_reset_password_from_key": Case(
        kwargs={"uidb36": "zz", "key": "bad-key"}, statuses=same(200)
    ),
    "account_confirm_email": Case(kwargs={"key": "bad-key"}, statuses=same(200)),
    "account_confirm_login_code": Case(same(302)),
    "mfa_index": Case(logged_in(200)),
    "mfa_authenticate": Case(same(302)),
    # allauth asks for the password again (302 to reauthenticate) before MFA changes.
    "mfa_reauthenticate": Case({**logged_in(302), F: 200, C: 200}),
    "mfa_activate_totp": Case(logged_in(302)),
    "mfa_deactivate_totp": Case({**logged_in(404), F: 302, C: 302}),
    "mfa_view_recovery_codes": Case(logged_in(404)),
    "mfa_generate_recovery_codes": Case(logged_in(302)),
    "mfa_download_recovery_codes": Case(logged_in(404)),
}

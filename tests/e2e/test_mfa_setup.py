"""A new facilitator must set up two-step verification before seeing anyone's data."""

import pyotp
from allauth.account.models import EmailAddress

from deelnemers.models import User
from groepen.models import Groep, Lidmaatschap

from .conftest import DEMO_PASSWORD, login, own_submit_button, path_of, screenshot, submit, visit


def new_facilitator():
    user = User.objects.create_user(
        "nieuwe.facilitator@example.org", DEMO_PASSWORD, roepnaam="Lotte"
    )
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    Lidmaatschap.objects.create(
        user=user, groep=Groep.objects.first(), rol=Lidmaatschap.Rol.FACILITATOR
    )
    return user


def test_new_facilitator_sets_up_totp_then_reaches_home(page, url):
    new_facilitator()
    login(page, url, "nieuwe.facilitator@example.org")
    # Every page with other people's data is closed until MFA is set up.
    assert path_of(page) == "/tweestaps-nodig/"
    screenshot(page, "mfa-required")
    visit(page, url("/facilitator/"))
    assert path_of(page) == "/tweestaps-nodig/"

    submit(page, page.locator("main a.button[href='/accounts/2fa/totp/activate/']"))
    # allauth asks for the password once more before a security setting changes.
    assert path_of(page) == "/accounts/reauthenticate/"
    form = page.locator("form:has(input[name='password'])")
    form.locator("input[name='password']").fill(DEMO_PASSWORD)
    submit(page, own_submit_button(form))
    assert path_of(page) == "/accounts/2fa/totp/activate/"
    assert page.locator("img[src^='data:image/svg+xml']").is_visible()  # the QR code
    screenshot(page, "mfa-activate")
    secret = page.locator("#authenticator_secret").input_value()
    form = page.locator("form:has(input[name='code'])")

    form.locator("input[name='code']").fill("123456")
    submit(page, own_submit_button(form))
    assert path_of(page) == "/accounts/2fa/totp/activate/"
    assert page.locator("input[name='code'][aria-invalid='true']").count() == 1

    form = page.locator("form:has(input[name='code'])")
    form.locator("input[name='code']").fill(pyotp.TOTP(secret).now())
    submit(page, own_submit_button(form))
    # allauth shows the recovery codes once, right after activation.
    assert path_of(page) == "/accounts/2fa/recovery-codes/"

    response = visit(page, url("/facilitator/"))
    assert response.status == 200
    assert path_of(page) == "/facilitator/"
    assert "Lotte" in page.locator("h1").inner_text()

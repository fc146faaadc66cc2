"""Issue 16 in the browser: Sam would like to host the walk-in. She says so from her home
(first with nothing ticked, which the form explains), Inge invites her for a
conversation and then starts her as host; Sam reads on her own page that she started,
and the role is a real row (groepen.Vrijwilligersrol). As host she counts visitors at
the walk-in and picks up a first-conversation request (after setting up two-step
verification: the requests hold strangers' phone numbers); when Inge ends her role, the
access goes with it and the request she held goes back to the open list."""

import pyotp
from django.db.models import Sum
from django.utils import timezone

from deelnemers.models import User
from doorgroei.models import Meehelpwens
from groepen.models import InloopTelling, Kennismaking, Vrijwilligersrol

from .conftest import (
    DEMO_PASSWORD,
    DEMO_TOTP_SECRET,
    login,
    own_submit_button,
    path_of,
    screenshot,
    submit,
    visit,
)

GESTART = "Je bent gestart als gastvrouw of gastheer van de inloop."


def test_sam_offers_to_host_and_inge_starts_her(new_page, url):
    # Sam, on her phone: a calm invitation on her home leads to the form.
    sam = new_page("phone")
    login(sam, url, "deelnemer@demo.nl")
    assert path_of(sam) == "/mijn-overzicht/"
    blok = sam.locator("section:has(#kop-meehelpen)")
    assert "Er is geen haast." in blok.inner_text()
    submit(sam, blok.get_by_role("link", name="Ik wil meehelpen"))
    assert path_of(sam) == "/meehelpen/"

    # Nothing ticked, only a time: the form says what is missing and keeps the time.
    form = sam.locator("main form:has(input[name='manieren'])")
    form.locator("input[name='wanneer']").fill("Vrijdagochtend")
    submit(sam, form.get_by_role("button", name="Verstuur mijn wens"))
    assert "Vink minstens één manier aan" in sam.locator("fieldset.field-error").inner_text()
    assert sam.locator("input[name='wanneer']").input_value() == "Vrijdagochtend"
    screenshot(sam, "meehelpen-leeg")

    sam.get_by_label("Gastvrouw of gastheer bij de inloop").check()
    screenshot(sam, "meehelpen-formulier")
    submit(sam, sam.get_by_role("button", name="Verstuur mijn wens"))
    assert "Je wens is binnen." in sam.locator(".wens-stand").inner_text()
    wens = Meehelpwens.objects.get(user__email="deelnemer@demo.nl")
    assert (wens.manieren, wens.wanneer) == (["gastheer"], "Vrijdagochtend")

    # Inge, at her desk: the count on her home, the list, Sam's wish; she invites her.
    inge = new_page("desktop")
    login(inge, url, "coordinator@demo.nl", totp_secret=DEMO_TOTP_SECRET)
    assert path_of(inge) == "/coordinator/"
    blok = inge.locator("section:has(#kop-meehelpwensen)")
    assert "willen graag meehelpen" in blok.inner_text()  # Noor (demo) and Sam
    submit(inge, blok.get_by_role("link", name="Bekijk de wensen om mee te helpen"))
    rij = inge.locator("tbody tr").first  # newest first: Sam's
    assert "Gastvrouw of gastheer bij de inloop" in rij.inner_text()
    screenshot(inge, "meehelpen-lijst")
    submit(inge, rij.get_by_role("link", name="Sam"))
    uitnodigen = inge.locator("form[action$='/uitnodigen/']")
    uitnodigen.locator("textarea").fill("Kom je vrijdag na de inloop even langs?")
    submit(inge, uitnodigen.get_by_role("button", name="Uitnodigen"))
    assert "Sam is uitgenodigd" in inge.locator("main").inner_text()

    # Sam reads the invitation on her page.
    visit(sam, url("/meehelpen/"))
    assert "Inge nodigt je uit voor een gesprek" in sam.locator(".wens-stand").inner_text()
    assert "Kom je vrijdag na de inloop even langs?" in sam.locator("main").inner_text()
    screenshot(sam, "meehelpen-uitgenodigd")

    # After the conversation Inge starts her as host (the role the wish suggested).
    besluit = inge.locator("form[action$='/besluit/']")
    besluit.get_by_label("Begonnen in een rol").check()
    assert besluit.locator("select[name='besluit-soort']").input_value() == "gastheer"
    screenshot(inge, "meehelpen-besluit")
    submit(inge, besluit.get_by_role("button", name="Uitkomst opslaan"))
    assert "gestart, door Inge" in inge.locator(".wens-status").inner_text()

    # Sam sees that she started, on her page and on her home.
    visit(sam, url("/meehelpen/"))
    assert GESTART in sam.locator("main").inner_text()
    screenshot(sam, "meehelpen-gestart")
    visit(sam, url("/mijn-overzicht/"))
    assert GESTART in sam.locator("section:has(#kop-meehelpen)").inner_text()
    screenshot(sam, "meehelpen-home-gestart")

    sam_user = User.objects.get(email="deelnemer@demo.nl")
    rol = Vrijwilligersrol.objects.get(user=sam_user)
    assert rol.soort == Vrijwilligersrol.Soort.GASTHEER
    assert rol.groep is None
    assert rol.begint_op == timezone.localdate()
    assert rol.eindigt_op is None
    assert rol.gestart_door.email == "coordinator@demo.nl"
    wens.refresh_from_db()
    assert (wens.status, wens.rol) == (Meehelpwens.Status.GESTART, rol)

    # The same page on a desktop screen.
    groot = new_page("desktop")
    login(groot, url, "deelnemer@demo.nl")
    visit(groot, url("/meehelpen/"))
    assert GESTART in groot.locator("main").inner_text()
    screenshot(groot, "meehelpen-gestart")

    # As host, Sam finds her work from "Mijn rollen": counting visitors at the walk-in...
    visit(sam, url("/meehelpen/rollen/"))
    screenshot(sam, "meehelpen-mijn-rollen")
    submit(sam, sam.get_by_role("link", name="Bezoekers tellen bij de inloop"))
    assert path_of(sam) == "/inloop/"
    inloop = sam.locator("main .card-title a").first
    inloop_pad = inloop.get_attribute("href")
    submit(sam, inloop)
    geteld = InloopTelling.objects.aggregate(n=Sum("aantal"))["n"] or 0
    submit(sam, sam.locator("button.teller-plus").first)
    assert InloopTelling.objects.aggregate(n=Sum("aantal"))["n"] == geteld + 1
    screenshot(sam, "meehelpen-tellen")

    # ...and the requests for a first conversation, after two-step verification.
    visit(sam, url("/meehelpen/rollen/"))
    submit(sam, sam.get_by_role("link", name="Vragen om een kennismaking"))
    assert path_of(sam) == "/kennismaken/verzoeken/"
    submit(sam, sam.locator("main a.button[href='/accounts/2fa/totp/activate/']"))
    if path_of(sam) == "/accounts/reauthenticate/":
        form = sam.locator("form:has(input[name='password'])")
        form.locator("input[name='password']").fill(DEMO_PASSWORD)
        submit(sam, own_submit_button(form))
    assert path_of(sam) == "/accounts/2fa/totp/activate/"
    geheim = sam.locator("#authenticator_secret").input_value()
    form = sam.locator("form:has(input[name='code'])")
    form.locator("input[name='code']").fill(pyotp.TOTP(geheim).now())
    submit(sam, own_submit_button(form))
    visit(sam, url("/kennismaken/verzoeken/"))
    kim = Kennismaking.objects.get(voornaam="Kim")
    verzoek = sam.locator(f"#verzoek-{kim.pk}")
    submit(sam, verzoek.get_by_role("button", name="Ik bel Kim"))
    assert "Jij belt Kim" in sam.locator("main").inner_text()
    kim.refresh_from_db()
    assert kim.opgepakt_door == sam_user
    screenshot(sam, "meehelpen-kennismaking")

    # Inge ends the role today: Sam's access goes at once, Kim's request is open again.
    visit(inge, url(f"/coordinator/vrijwilligers/{sam_user.pk}/"))
    einde = inge.locator(f"form[action$='/rollen/{rol.pk}/beeindigen/']")
    submit(inge, einde.get_by_role("button", name="Beëindig deze rol"))
    rol.refresh_from_db()
    assert rol.eindigt_op == timezone.localdate()
    assert visit(sam, url("/kennismaken/verzoeken/")).status == 403
    assert visit(sam, url(inloop_pad)).status in (403, 404)
    visit(sam, url("/meehelpen/rollen/"))
    assert "Bezoekers tellen bij de inloop" not in sam.locator("main").inner_text()
    kim.refresh_from_db()
    assert kim.opgepakt_door is None

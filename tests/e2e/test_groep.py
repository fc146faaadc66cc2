"""The group page, the attendance register on a phone, and the certificate."""

import re

from groepen import aanwezigheid
from groepen.models import Aanwezigheid, Groep

from .conftest import DEMO_TOTP_SECRET, login, path_of, screenshot, submit, visit

AFWEZIG = Aanwezigheid.Status.AFWEZIG


def telling_van(card):
    """The three numbers of a meeting's tally: present, let us know, absent."""
    return tuple(int(n) for n in re.findall(r"\d+", card.locator(".telling").inner_text()))


def test_facilitator_fills_in_the_register_on_a_phone(page, url):
    wrap = Groep.objects.get(naam="WRAP – dinsdagmiddag")
    laatste = wrap.bijeenkomsten.geweest().order_by("-begint_om").first()
    voor = aanwezigheid.Telling(
        **{
            status: laatste.aanwezigheden.filter(status=status).count()
            for status in Aanwezigheid.Status.values
        }
    )
    assert voor.aanwezig > 0, "the demo's last WRAP meeting should have people present"

    login(page, url, "facilitator@demo.nl", totp_secret=DEMO_TOTP_SECRET)
    visit(page, url(f"/groepen/{wrap.pk}/"))
    screenshot(page, "groep-facilitator")
    kaart = page.locator(f"li:has(#bijeenkomst-{laatste.pk})")
    assert telling_van(kaart) == (voor.aanwezig, voor.afgemeld, voor.afwezig)

    # The most recent past meeting is the first card under "so far".
    submit(page, kaart.locator(f"a[href='/bijeenkomsten/{laatste.pk}/aanwezigheid/']"))
    assert path_of(page) == f"/bijeenkomsten/{laatste.pk}/aanwezigheid/"
    personen = page.locator("fieldset")
    assert personen.count() == wrap.lidmaatschappen.deelnemers().count()
    # Somebody marked present: tap "absent" for them (a big label, as a thumb would).
    eerste = page.locator("fieldset:has(input[value='aanwezig']:checked)").first
    naam = eerste.locator("legend").inner_text()
    persoon = page.locator("fieldset").filter(has=page.locator("legend", has_text=naam))
    assert persoon.count() == 1
    persoon.locator("label:has(input[value='afwezig'])").click()
    assert persoon.locator("input[value='afwezig']").is_checked()
    screenshot(page, "aanwezigheid")

    submit(page, page.locator("form.register button[type='submit']"))

    assert path_of(page) == f"/groepen/{wrap.pk}/"
    assert page.locator(".messages .message-success").count() == 1
    kaart = page.locator(f"li:has(#bijeenkomst-{laatste.pk})")
    assert telling_van(kaart) == (voor.aanwezig - 1, voor.afgemeld, voor.afwezig + 1)
    assert laatste.aanwezigheden.get(user__roepnaam=naam).status == AFWEZIG
    screenshot(page, "groep-na-opslaan")


def test_participant_sees_own_attendance_and_certificate(page, url):
    """Sam finished the short course in the demo; with a certificate it can be printed."""
    oud = Groep.objects.select_related("aanbod").get(naam="Kennismaken met herstel – zomer")
    oud.aanbod.certificaat = True
    oud.aanbod.save(update_fields=["certificaat"])

    login(page, url, "deelnemer@demo.nl")
    visit(page, url(f"/groepen/{oud.pk}/"))
    screenshot(page, "groep-deelnemer")
    assert page.locator("fieldset").count() == 0  # no register for participants
    link = page.locator(f"a[href='/groepen/{oud.pk}/certificaat/']")
    assert link.count() == 1
    submit(page, link)
    assert page.locator("article.certificaat").get_by_text("Sam", exact=True).count() == 1
    screenshot(page, "certificaat")

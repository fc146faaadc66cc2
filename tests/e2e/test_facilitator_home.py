"""Issue 6 on a phone: the facilitator's home lists the attendance register and session
log still to fill in after a meeting; the facilitator completes both from there and the
to-do is gone. A co-facilitator reads the log; a participant and the coordinator cannot."""

import datetime

from django.utils import timezone

from groepen.models import Aanwezigheid, Bijeenkomst, Groep, Lidmaatschap, Sessielog
from tests.factories import PASSWORD, TOTP_SECRET, UserFactory

from .conftest import DEMO_TOTP_SECRET, login, path_of, screenshot, submit, visit

SFEER = "Rustig en open. Na de pauze werd er veel gedeeld."


def test_to_do_from_home_and_only_facilitators_read_the_log(new_page, url):
    wrap = Groep.objects.get(naam="WRAP – dinsdagmiddag")
    gisteren = timezone.localtime() - datetime.timedelta(days=1)
    begin = gisteren.replace(hour=19, minute=0, second=0, microsecond=0)
    b = Bijeenkomst.objects.create(
        groep=wrap, begint_om=begin, eindigt_om=begin + datetime.timedelta(hours=2)
    )
    aanwezigheid_url = f"/bijeenkomsten/{b.pk}/aanwezigheid/"
    log_url = f"/bijeenkomsten/{b.pk}/sessielog/"

    ruben = new_page()  # phone, 390 x 844
    login(ruben, url, "facilitator@demo.nl", totp_secret=DEMO_TOTP_SECRET)
    assert path_of(ruben) == "/facilitator/"
    kaart = ruben.locator("li.te-doen", has=ruben.locator(f"a[href='{aanwezigheid_url}']"))
    assert kaart.locator(f"a[href='{log_url}']").count() == 1
    screenshot(ruben, "facilitator-home-te-doen")

    # The register, straight from the home.
    submit(ruben, kaart.locator(f"a[href='{aanwezigheid_url}']"))
    submit(ruben, ruben.locator("form.register button[type='submit']"))
    assert Aanwezigheid.objects.filter(bijeenkomst=b).exists()

    # Back home: only the session log is left for this meeting.
    visit(ruben, url("/facilitator/"))
    assert ruben.locator(f"li.te-doen a[href='{aanwezigheid_url}']").count() == 0
    kaart = ruben.locator("li.te-doen", has=ruben.locator(f"a[href='{log_url}']"))
    submit(ruben, kaart.locator(f"a[href='{log_url}']"))
    form = ruben.locator("main form")
    # Saving without anything keeps the page and explains what is needed.
    submit(ruben, form.locator("button[type='submit']"))
    assert path_of(ruben) == log_url
    assert ruben.locator(".form-errors").count() == 1
    ruben.locator("textarea[name='sfeer']").fill(SFEER)
    ruben.locator("textarea[name='opvolging']").fill("Groepsafspraken nog eens lezen.")
    screenshot(ruben, "sessielog-formulier")
    submit(ruben, ruben.locator("main form button[type='submit']"))
    assert path_of(ruben) == "/facilitator/"
    assert Sessielog.objects.get(bijeenkomst=b).sfeer == SFEER
    assert ruben.locator(f"li.te-doen a[href='{log_url}']").count() == 0
    assert ruben.locator(f"li.te-doen a[href='{aanwezigheid_url}']").count() == 0
    screenshot(ruben, "facilitator-home-klaar")

    # A second facilitator of the same group reads (and may edit) the log.
    mira = UserFactory(email="mira@demo.nl", roepnaam="Mira", mfa=True)
    Lidmaatschap.objects.create(groep=wrap, user=mira, rol=Lidmaatschap.Rol.FACILITATOR)
    co = new_page()
    login(co, url, "mira@demo.nl", password=PASSWORD, totp_secret=TOTP_SECRET)
    response = visit(co, url(log_url))
    assert response.status == 200
    assert co.locator("textarea[name='sfeer']").input_value() == SFEER
    assert "Ruben" in co.locator("main").inner_text()
    screenshot(co, "sessielog-co-facilitator")

    # A participant and the coordinator cannot open it.
    sam = new_page()
    login(sam, url, "deelnemer@demo.nl")
    response = visit(sam, url(log_url))
    assert response.status == 403
    assert SFEER not in sam.content()

    inge = new_page()
    login(inge, url, "coordinator@demo.nl", totp_secret=DEMO_TOTP_SECRET)
    response = visit(inge, url(log_url))
    assert response.status == 403
    assert SFEER not in inge.content()

"""The whole nazit, as the people in it live it (issue #18, "A nazit you can run").

A course ends; Ruben (facilitator) finds its nazit without a date on his home and gives it
one on his phone; Sam, invited weeks ago without a date, gets "datum bekend" through a
real SMTP server (the sink) with a valid calendar entry and answers "ja" from the mail
without logging in; the day before, the reminder arrives; after the evening, Ruben ticks
who came. Mail leaves through Django's SMTP backend; the engine is the real one.
"""

import datetime
import re

import time_machine
from django.contrib.auth import get_user_model
from django.utils import timezone
from icalendar import Calendar

from groepen.models import Aanbod, Bijeenkomst, Groep, Lidmaatschap
from nazorg import nazitberichten
from nazorg.herinneringen import verstuur_herinneringen
from nazorg.models import Herinnering, NazitBericht, NazitMoment
from nazorg.planning import plan_nazit
from tests.groepen.test_mail_smtp import smtp_sink  # noqa: F401 - the real SMTP sink

from .conftest import DEMO_TOTP_SECRET, login, screenshot, submit, visit


def _groep(sam, ruben):
    vandaag = timezone.localdate()
    groep = Groep.objects.create(
        aanbod=Aanbod.objects.create(titel="WRAP", soort=Aanbod.Soort.CURSUS),
        naam="WRAP voorjaar",
        locatie="Buurthuis De Linde",
        startdatum=vandaag - datetime.timedelta(days=60),
        einddatum=vandaag - datetime.timedelta(days=3),
    )
    einde = timezone.now() - datetime.timedelta(days=3)
    Bijeenkomst.objects.create(
        groep=groep, begint_om=einde, eindigt_om=einde + datetime.timedelta(hours=2)
    )
    Lidmaatschap.objects.create(groep=groep, user=sam, rol=Lidmaatschap.Rol.DEELNEMER)
    Lidmaatschap.objects.create(groep=groep, user=ruben, rol=Lidmaatschap.Rol.FACILITATOR)
    return groep


def _mails_aan(sink, adres):
    return [m for rcpt, m in sink.messages if adres in rcpt]


def _ics(bericht):
    (deel,) = [d for d in bericht.walk() if d.get_content_type() == "text/calendar"]
    kalender = Calendar.from_ical(deel.get_payload(decode=True))
    (event,) = kalender.walk("VEVENT")
    return kalender, event


def test_a_course_ends_the_nazit_gets_a_date_and_reaches_sam(
    page,
    desktop_page,
    url,
    smtp_sink,  # noqa: F811
):
    User = get_user_model()
    sam = User.objects.get(email="deelnemer@demo.nl")
    ruben = User.objects.get(email="facilitator@demo.nl")
    groep = _groep(sam, ruben)
    plan_nazit(groep)
    moment = NazitMoment.objects.get(groep=groep, dagen_na_einde=14)
    # The invitation went out a while ago, before anyone knew the date.
    Herinnering.objects.filter(moment=moment).update(verstuur_op=timezone.now())
    verstuur_herinneringen()
    (uitnodiging,) = _mails_aan(smtp_sink, sam.email)
    assert "text/calendar" not in {d.get_content_type() for d in uitnodiging.walk()}

    # Ruben, on his phone: the home says which nazit still needs a date.
    login(page, url, ruben.email, totp_secret=DEMO_TOTP_SECRET)
    kaart = page.locator(".card", has_text="WRAP voorjaar").filter(has_text="nog geen datum")
    assert kaart.count() >= 1
    screenshot(page, "nazit-home-zonder-datum")
    submit(page, kaart.first.get_by_role("link", name=re.compile("WRAP voorjaar")))
    assert page.locator("#id_begint_om").count() == 1
    dag = timezone.localdate() + datetime.timedelta(days=9)
    page.fill("#id_begint_om", f"{dag:%Y-%m-%d}T19:30")
    page.fill("#id_locatie", "Buurthuis De Linde, zaal 2")
    page.fill("#id_notitie", "Er is koffie en thee. Neem gerust iemand mee.")
    screenshot(page, "nazit-datum-kiezen")
    submit(page, page.locator("form.panel button[type='submit']").first)
    assert page.locator(".messages, [role='status']").first.is_visible()
    screenshot(page, "nazit-datum-opgeslagen")
    moment.refresh_from_db()
    begint_om = timezone.make_aware(datetime.datetime.combine(dag, datetime.time(19, 30)))
    assert moment.begint_om == begint_om

    # A quarter of an hour later (the time to correct a typo), the message goes out.
    NazitBericht.objects.filter(moment=moment).update(verstuur_op=timezone.now())
    assert nazitberichten.verstuur()["verzonden"] == 1
    (_, bekend) = _mails_aan(smtp_sink, sam.email)
    assert "datum" in bekend["Subject"].lower()
    kalender, event = _ics(bekend)
    assert str(kalender["method"]) == "PUBLISH"
    assert event.decoded("dtstart") == begint_om
    assert event.decoded("dtend") > event.decoded("dtstart")
    assert str(event["location"]) == "Buurthuis De Linde, zaal 2"
    assert str(event["uid"]).startswith(f"nazit-{moment.pk}@")
    tekst = bekend.get_body(preferencelist=("plain",)).get_content()
    assert "Neem gerust iemand mee." in tekst

    # Sam answers "ja" from the mail, on her phone, without logging in.
    ja = next(r.split(": ", 1)[1].strip() for r in tekst.splitlines() if "/nazit/antwoord/" in r)
    sam_pagina = desktop_page  # another browser context: not Ruben's session
    sam_pagina.set_viewport_size({"width": 390, "height": 844})
    visit(sam_pagina, url(ja[ja.index("/nazit/antwoord/") :]))
    assert sam_pagina.locator("input[name='antwoord'][value='ja']").is_checked()
    assert "Buurthuis De Linde, zaal 2" in sam_pagina.content()
    submit(sam_pagina, sam_pagina.locator("#rsvp-form button[type='submit']"))
    assert sam_pagina.locator("#rsvp-klaar").get_attribute("data-antwoord") == "ja"
    screenshot(sam_pagina, "nazit-sam-ja")

    # The day before, late morning: the reminder.
    dag_ervoor = timezone.make_aware(
        datetime.datetime.combine(dag - datetime.timedelta(days=1), datetime.time(11))
    )
    with time_machine.travel(dag_ervoor, tick=False):
        assert nazitberichten.verstuur()["verzonden"] == 1
    morgen = _mails_aan(smtp_sink, sam.email)[-1]
    assert "morgen" in morgen["Subject"].lower()
    assert _ics(morgen)[1].decoded("dtstart") == begint_om

    # The evening came: Ruben ticks who was there; Sam, who said ja, is ticked already.
    NazitMoment.objects.filter(pk=moment.pk).update(
        begint_om=timezone.now() - datetime.timedelta(hours=2)
    )
    visit(page, url(f"/nazit/{moment.pk}/"))
    vinkje = page.get_by_label(re.compile(f"{sam.roepnaam}"))
    assert vinkje.is_checked()
    screenshot(page, "nazit-aanwezigheid")
    submit(page, page.locator("button[name='actie'][value='aanwezigheid']"))
    assert Herinnering.objects.get(moment=moment, user=sam).aanwezig is True

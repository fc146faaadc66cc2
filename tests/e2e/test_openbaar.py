"""A stranger on a phone: finds this week's walk-in on the public home, opens an offer,
taps "Meedoen", makes an account and comes straight back to one-tap enrolment."""

import datetime
import re

import pytest
from django.core import mail
from django.utils import timezone

from groepen.models import Aanbod, Lidmaatschap
from tests.factories import AanbodFactory, BijeenkomstFactory, GroepFactory, LocatieFactory

from .conftest import path_of, screenshot, submit, visit


def _om(dagen, uur):
    dag = timezone.localdate() + datetime.timedelta(days=dagen)
    return timezone.make_aware(datetime.datetime.combine(dag, datetime.time(uur)))


@pytest.mark.parametrize("viewport", ["phone", "desktop"])
def test_stranger_finds_the_walk_in_and_joins_a_course(new_page, url, viewport):
    page = new_page(viewport)
    plek = LocatieFactory(naam="Buurthuis De Open Deur", drempelvrij=True)
    inloop = GroepFactory(
        aanbod=AanbodFactory(soort=Aanbod.Soort.INLOOP, titel="Inloop Open Deur", plek=plek),
        plek=plek,
        locatie="",
        einddatum=None,
    )
    BijeenkomstFactory(groep=inloop, begint_om=_om(2, 10))
    cursus = AanbodFactory(titel="Herstel in je eigen woorden", beschrijving="Acht keer samen.")
    groep = GroepFactory(
        aanbod=cursus,
        naam="Herstel in je eigen woorden – dinsdag",
        plek=plek,
        locatie="",
        capaciteit=10,
        startdatum=timezone.localdate() + datetime.timedelta(days=5),
    )
    BijeenkomstFactory(groep=groep, begint_om=_om(5, 19))

    # The public home: who we are, and the walk-in this week with its place.
    visit(page, url("/"))
    inloop_lijst = page.locator("#inloop-deze-week")
    assert inloop_lijst.is_visible()
    assert "10:00" in inloop_lijst.locator("li", has_text="Buurthuis De Open Deur").inner_text()
    assert page.locator("main a[href='/kennismaken/?soort=inloop']").is_visible()
    screenshot(page, f"openbaar-home-{viewport}")

    # The public menu: the offer, a first conversation, logging in.
    menu = page.locator("nav.nav-openbaar")
    for pad in ("/aanbod/", "/kennismaken/", "/accounts/login/"):
        assert menu.locator(f"a[href='{pad}']").is_visible()

    # The six steps, in more words, also without an account.
    visit(page, url("/het-model/"))
    assert page.locator("main a[href='/kennismaken/']").is_visible()
    visit(page, url("/"))

    # Upcoming on the home leads to the offer's page.
    submit(page, page.locator("main .card a", has_text="Herstel in je eigen woorden"))
    assert path_of(page) == f"/aanbod/{cursus.pk}/"
    screenshot(page, f"openbaar-aanbod-{viewport}")

    # "Meedoen": make an account, and the choice travels along in ?next=.
    kaart = page.locator("main li.card", has_text="dinsdag")
    submit(page, kaart.locator("a.button", has_text="Meedoen"))
    assert path_of(page) == "/accounts/signup/"
    form = page.locator("main form:has(input[name='password1'])")
    form.locator("input[name='email']").fill("nieuw-open-deur@example.org")
    form.locator("input[name='roepnaam']").fill("Sanne")
    form.locator("input[name='password1']").fill("zonnebloem-rivier-7")
    form.locator("input[name='password2']").fill("zonnebloem-rivier-7")
    form.locator("input[name='privacy']").check()
    submit(page, form.locator("[type='submit']:not([form])"))

    # The link in the email confirms the address and signs in, back at the enrolment.
    bericht = next(m for m in mail.outbox if "nieuw-open-deur@example.org" in m.to)
    link = re.search(r"https?://\S+/accounts/confirm-email/\S+/", bericht.body).group(0)
    visit(page, url("/" + link.split("://", 1)[1].split("/", 1)[1]))
    submit(page, page.locator("main form [type='submit']").first)
    assert path_of(page) == f"/groepen/{groep.pk}/aanmelden/"
    screenshot(page, f"openbaar-aanmelden-{viewport}")

    # One tap.
    submit(page, page.locator("main form button[type='submit']", has_text="Meld me aan"))
    assert path_of(page) == "/mijn-aanmeldingen/"
    lid = Lidmaatschap.objects.get(user__email="nieuw-open-deur@example.org", groep=groep)
    assert lid.status == Lidmaatschap.Status.ACTIEF

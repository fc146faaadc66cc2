"""A stranger on a phone: finds this week's walk-in on the public home, opens an offer,
taps "Meedoen", makes an account and comes straight back to one-tap enrolment. Another
stranger asks for a first conversation with a first name and a phone number or email
address; a host sees it on their home, picks it up and closes it. Every public page is
checked with axe on the way, on a phone and on a desktop."""

import datetime
import re

import pytest
from django.core import mail
from django.utils import timezone

from groepen.models import Aanbod, Kennismaking, Lidmaatschap
from tests.factories import AanbodFactory, BijeenkomstFactory, GroepFactory, LocatieFactory

from .conftest import DEMO_TOTP_SECRET, login, path_of, screenshot, submit, visit


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

    # Another stranger, in a browser of their own, looks around and asks to get to know us.
    vreemde = new_page(viewport)
    for pad in ("/aanbod/", "/aanbod/?soort=inloop", plek.get_absolute_url()):
        visit(vreemde, url(pad))
    assert vreemde.locator("main", has_text="10:00").is_visible()
    # On a phone they leave a phone number, on a desktop an email address: either is enough.
    bereik = ("telefoon", "06 98765432") if viewport == "phone" else ("email", "ilse@example.org")
    _vraag_kennismaking(vreemde, url, "Ilse", bereik, viewport)

    # A host (Ruben, facilitator and host in the demo) sees Ilse on their home.
    _host_pakt_op_en_rondt_af(new_page(viewport), url, "Ilse", via=bereik[0], viewport=viewport)


def _vraag_kennismaking(page, url, voornaam, bereik, viewport):
    visit(page, url("/"))
    submit(page, page.locator("nav.nav-openbaar a[href='/kennismaken/']"))
    form = page.locator("main form:has(input[name='voornaam'])")
    assert form.locator("input[name='soort'][value='gesprek']").is_checked()
    form.locator("input[name='voornaam']").fill(voornaam)
    form.locator(f"input[name='{bereik[0]}']").fill(bereik[1])
    screenshot(page, f"openbaar-kennismaken-{viewport}")
    submit(page, form.locator("button[type='submit']"))
    assert path_of(page) == "/kennismaken/bedankt/"
    assert voornaam in page.locator("h1").inner_text()
    screenshot(page, f"openbaar-kennismaken-bedankt-{viewport}")
    verzoek = Kennismaking.objects.get(voornaam=voornaam)
    assert (verzoek.telefoon or verzoek.email) == bereik[1]


def _host_pakt_op_en_rondt_af(page, url, voornaam, via, viewport):
    login(page, url, "facilitator@demo.nl", totp_secret=DEMO_TOTP_SECRET)
    assert path_of(page) == "/facilitator/"
    sectie = page.locator("section[aria-labelledby='kop-kennismaking']")
    kaart = sectie.locator("li.card", has_text=voornaam)
    assert kaart.is_visible()
    screenshot(page, f"host-home-kennismaking-{viewport}")

    # "Ik bel Ilse" / "Ik mail Ilse": back on the home, Ilse is no longer waiting there.
    knop = "bel" if via == "telefoon" else "mail"
    submit(page, kaart.locator("button", has_text=f"{knop} {voornaam}"))
    assert path_of(page) == "/facilitator/"
    assert sectie.locator("li.card", has_text=voornaam).count() == 0

    # Marking it done happens on the list of all first conversations.
    submit(page, sectie.locator("a[href='/kennismaken/verzoeken/']"))
    mijn = page.locator("section[aria-labelledby='kop-mijn'] li.card", has_text=voornaam)
    mijn.locator("textarea").fill("Gebeld, ze komt dinsdag naar de inloop.")
    submit(page, mijn.locator("button", has_text="Zet op klaar"))
    assert page.locator(".message-success", has_text=voornaam).is_visible()
    open_lijst = page.locator("section[aria-labelledby='kop-open']")
    assert not open_lijst.locator("li.card", has_text=voornaam).count()
    assert not page.locator(
        "section[aria-labelledby='kop-mijn'] li.card", has_text=voornaam
    ).count()
    assert Kennismaking.objects.get(voornaam=voornaam).afgerond_op is not None

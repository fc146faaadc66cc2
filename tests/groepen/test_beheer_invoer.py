"""Coordinators' forms say in plain Dutch what to fill in, keep what was typed, and ask
before planning a group that starts in the past (issue 13's papercuts)."""

import datetime
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from groepen.models import Aanbod, Groep
from tests.factories import AanbodFactory, GroepFactory, gekozen, plek

pytestmark = pytest.mark.django_db

NL = {"HTTP_ACCEPT_LANGUAGE": "nl"}


@pytest.fixture
def c(client, coordinator):
    client.force_login(coordinator)
    return client


def over(dagen):
    return timezone.localdate() + datetime.timedelta(days=dagen)


def fout(response, veld) -> str:
    """The message rendered next to the field (includes/form_fields.html), as text."""
    html = response.content.decode()
    match = re.search(rf'id="id_{veld}_error"[^>]*>(.*?)</', html, re.S)
    assert match, f"no message next to {veld}"
    return re.sub(r"<[^>]+>", "", match.group(1)).strip()


def _aanbod_data(**kwargs):
    return {
        "titel": "Kennismaken met herstel",
        "soort": Aanbod.Soort.CURSUS,
        "beschrijving": "Zes keer samen praten over herstel.",
        "voor_wie": "Voor iedereen.",
        "plek": plek("De Kantine"),
        "aantal_bijeenkomsten": "6",
        "duur_minuten": "120",
        "voltooiing_percentage": "75",
        **kwargs,
    }


# --- The offer form ------------------------------------------------------------------------


def test_offer_form_has_no_dashes_and_names_the_kinds(c):
    html = c.get(reverse("beheer_aanbod_nieuw"), **NL).content.decode()
    assert "---------" not in html
    assert '<option value="" selected>Kies een soort</option>' in html
    assert '<option value="cursus">Cursus</option>' in html
    # The browser gets the model's real limits, not "at least 0".
    assert 'name="aantal_bijeenkomsten" min="1" max="60"' in html
    # The model's defaults are still filled in.
    assert 'name="duur_minuten" value="120"' in html
    assert 'name="voltooiing_percentage" value="75"' in html


@pytest.mark.parametrize(
    ("veld", "waarde", "bericht"),
    [
        ("aantal_bijeenkomsten", "acht", "Vul het aantal bijeenkomsten in, bijvoorbeeld 8."),
        ("aantal_bijeenkomsten", "-1", "Vul 1 of meer bijeenkomsten in."),
        ("aantal_bijeenkomsten", "61", "Hoogstens 60 bijeenkomsten."),
        ("duur_minuten", "2,5 uur", "Vul de lengte in minuten in, bijvoorbeeld 120 voor twee uur."),
        ("duur_minuten", "", "Vul in hoe lang een bijeenkomst duurt, in minuten."),
        ("duur_minuten", "5", "Een bijeenkomst duurt minstens 15 minuten."),
        ("duur_minuten", "601", "Een bijeenkomst duurt hoogstens 600 minuten."),
        ("voltooiing_percentage", "75%", "Vul een heel getal van 1 tot en met 100 in"),
        ("voltooiing_percentage", "0", "Kies een percentage van 1 tot en met 100."),
        ("voltooiing_percentage", "101", "Kies een percentage van 1 tot en met 100."),
        ("voltooiing_percentage", "", "Vul het percentage in, bijvoorbeeld 75."),
        ("soort", "", "Kies wat voor aanbod dit is."),
    ],
)
def test_offer_number_messages_are_clear_dutch_and_keep_the_input(c, veld, waarde, bericht):
    response = c.post(reverse("beheer_aanbod_nieuw"), _aanbod_data(**{veld: waarde}), **NL)

    assert response.status_code == 200
    assert bericht in fout(response, veld)
    html = response.content.decode()
    assert "Voer een geheel getal in" not in html
    assert "Dit veld is verplicht" not in html
    assert "Zes keer samen praten over herstel." in html
    assert gekozen(response, "De Kantine")
    if waarde:
        assert f'value="{waarde}"' in html
    assert not Aanbod.objects.exists()


def test_editing_an_offer_keeps_its_kind_selected(c):
    aanbod = AanbodFactory(soort=Aanbod.Soort.WORKSHOP)
    html = c.get(reverse("beheer_aanbod_bewerken", kwargs={"pk": aanbod.pk}), **NL)
    assert '<option value="workshop" selected>Workshop</option>' in html.content.decode()


# --- The group forms -----------------------------------------------------------------------


def _groep_data(**kwargs):
    return {
        "naam": "WRAP voorjaar",
        "plek": plek("De Kantine"),
        "capaciteit": "12",
        "eerste_datum": over(7).isoformat(),
        "begintijd": "13:30",
        "aantal": "8",
        "elke_n_weken": "1",
        "duur_minuten": "150",
        **kwargs,
    }


@pytest.mark.parametrize(
    ("veld", "waarde", "bericht"),
    [
        ("capaciteit", "twaalf", "Vul het aantal plekken in, bijvoorbeeld 12."),
        ("capaciteit", "0", "Een groep heeft minstens 1 plek."),
        ("capaciteit", "501", "Een groep heeft hoogstens 500 plekken."),
        ("aantal", "acht", "Vul het aantal bijeenkomsten in, bijvoorbeeld 8."),
        ("aantal", "61", "Plan hoogstens 60 bijeenkomsten tegelijk."),
        ("elke_n_weken", "", "Vul in om de hoeveel weken de groep bij elkaar komt"),
        ("elke_n_weken", "0", "Vul 1 of meer in: 1 is elke week."),
        ("elke_n_weken", "9", "Hoogstens om de 8 weken."),
        ("duur_minuten", "", "Vul in hoe lang een bijeenkomst duurt, in minuten."),
    ],
)
def test_new_group_number_messages(c, veld, waarde, bericht):
    aanbod = AanbodFactory()
    url = reverse("beheer_groep_nieuw", kwargs={"pk": aanbod.pk})

    response = c.post(url, _groep_data(**{veld: waarde}), **NL)

    assert response.status_code == 200
    assert bericht in fout(response, veld)
    assert "Dit veld is verplicht" not in response.content.decode()
    assert 'value="WRAP voorjaar"' in response.content.decode()
    assert not Groep.objects.exists()


@pytest.mark.parametrize(
    ("waarde", "bericht"),
    [("-3", "Een groep heeft minstens 1 plek."), ("x", "bijvoorbeeld 12")],
)
def test_group_details_places_message(c, waarde, bericht):
    groep = GroepFactory(capaciteit=10)
    data = {"naam": groep.naam, "plek": "", "capaciteit": waarde, "einddatum": ""}

    response = c.post(reverse("beheer_groep", kwargs={"pk": groep.pk}), data, **NL)

    assert bericht in fout(response, "capaciteit")
    groep.refresh_from_db()
    assert groep.capaciteit == 10


@pytest.mark.parametrize(
    ("dagen", "bericht"),
    [("0", "Vul 1 dag of meer in."), ("731", "Vul hoogstens 730 dagen in")],
)
def test_nazit_plan_step_says_the_limits_in_plain_words(c, dagen, bericht):
    aanbod = AanbodFactory(soort=Aanbod.Soort.CURSUS)

    response = c.post(reverse("nazit_plan", kwargs={"pk": aanbod.pk}), {"dagen": dagen}, **NL)

    assert bericht in response.content.decode()
    assert "Zorg ervoor dat deze waarde" not in response.content.decode()
    assert f'value="{dagen}"' in response.content.decode()


# --- A group that starts in the past -------------------------------------------------------

BEVESTIG = 'name="verleden_ok"'


def vinkje(html) -> str:
    """The confirmation checkbox's <input> tag."""
    return re.search(r'<input type="checkbox" name="verleden_ok"[^>]*>', html).group(0)


def test_past_start_asks_to_confirm_and_keeps_everything(c):
    aanbod = AanbodFactory(soort=Aanbod.Soort.CURSUS)
    url = reverse("beheer_groep_nieuw", kwargs={"pk": aanbod.pk})
    assert BEVESTIG not in c.get(url).content.decode()  # nobody is asked in advance

    data = _groep_data(eerste_datum=over(-14).isoformat(), capaciteit="9", aantal="6")
    response = c.post(url, data, **NL)

    assert response.status_code == 200
    assert not Groep.objects.exists()
    assert "Deze datum is al voorbij." in fout(response, "eerste_datum")
    html = response.content.decode()
    assert BEVESTIG in html
    assert "Ja, de startdatum ligt in het verleden" in html
    assert "checked" not in vinkje(html)  # not ticked for them
    for veld, waarde in data.items():
        assert f'name="{veld}"' in html
        assert f'value="{waarde}"' in html
    # The box comes right after the date and time it is about.
    assert html.index('name="begintijd"') < html.index(BEVESTIG) < html.index('name="aantal"')


def test_past_start_confirmed_plans_the_group(c):
    aanbod = AanbodFactory(soort=Aanbod.Soort.CURSUS)
    url = reverse("beheer_groep_nieuw", kwargs={"pk": aanbod.pk})
    data = _groep_data(eerste_datum=over(-14).isoformat(), aantal="6", verleden_ok="on")

    response = c.post(url, data)

    groep = Groep.objects.get()
    assert response.url == reverse("beheer_groep", kwargs={"pk": groep.pk})
    assert (groep.startdatum, groep.einddatum) == (over(-14), over(21))
    assert groep.bijeenkomsten.count() == 6
    assert groep.status == Groep.Status.LOPEND


def test_confirmation_stays_ticked_when_something_else_is_wrong(c):
    aanbod = AanbodFactory()
    url = reverse("beheer_groep_nieuw", kwargs={"pk": aanbod.pk})
    data = _groep_data(eerste_datum=over(-3).isoformat(), naam="", verleden_ok="on")

    response = c.post(url, data, **NL)

    assert fout(response, "naam")
    html = response.content.decode()
    assert "checked" in vinkje(html)
    assert 'id="id_eerste_datum_error"' not in html  # confirmed, so no question any more
    assert not Groep.objects.exists()


def test_earlier_time_today_also_asks(c, time_machine):
    time_machine.move_to(
        datetime.datetime(2026, 3, 3, 15, 0, tzinfo=timezone.get_current_timezone())
    )
    aanbod = AanbodFactory()
    url = reverse("beheer_groep_nieuw", kwargs={"pk": aanbod.pk})
    data = _groep_data(eerste_datum="2026-03-03", begintijd="10:00")

    response = c.post(url, data, **NL)

    assert "Deze tijd is vandaag al voorbij." in fout(response, "begintijd")
    assert not Groep.objects.exists()
    assert c.post(url, {**data, "verleden_ok": "on"}).status_code == 302
    assert Groep.objects.get().startdatum == datetime.date(2026, 3, 3)


def test_editing_a_group_that_started_long_ago_does_not_ask(c):
    groep = GroepFactory(startdatum=over(-60), einddatum=over(30), capaciteit=10)
    data = {"naam": "Nieuwe naam", "plek": "", "capaciteit": "12", "einddatum": over(40)}

    response = c.post(reverse("beheer_groep", kwargs={"pk": groep.pk}), data)

    assert response.status_code == 302
    groep.refresh_from_db()
    assert (groep.naam, groep.capaciteit, groep.startdatum) == ("Nieuwe naam", 12, over(-60))
    page = c.get(reverse("beheer_groep", kwargs={"pk": groep.pk})).content.decode()
    assert BEVESTIG not in page

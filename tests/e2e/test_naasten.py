"""A naaste in the browser (issue 14): Rik, the brother of someone in recovery, signed up
with "Ik kom vooral als naaste" and takes part in a group for naasten. His home shows the
offer for naasten and the community, not the six steps; he turns them on from his home,
sees them, and turns them off again under "Mijn gegevens". Phone and desktop, every page
checked by axe."""

import pytest

from deelnemers.models import User
from groepen.models import Aanbod
from tests.factories import PASSWORD, AanbodFactory, GroepFactory, LidmaatschapFactory, UserFactory

from .conftest import login, screenshot, submit, visit


@pytest.fixture
def rik(demo):
    aanbod = AanbodFactory(
        titel="Naast iemand in herstel",
        soort=Aanbod.Soort.HERSTELGROEP,
        voor_naasten=True,
        beschrijving="Voor familie en vrienden: samen praten over wat je meemaakt.",
    )
    groep = GroepFactory(aanbod=aanbod, naam="Naastengroep dinsdag", einddatum=None)
    rik = UserFactory(
        email="rik@example.org", roepnaam="Rik", komt_als_naaste=True, zes_stappen=False
    )
    LidmaatschapFactory(groep=groep, user=rik)
    return rik


@pytest.mark.parametrize("viewport", ["phone", "desktop"])
def test_a_naaste_home_without_and_with_the_six_steps(new_page, url, rik, viewport):
    page = new_page(viewport)
    login(page, url, rik.email, password=PASSWORD)
    visit(page, url("/mijn-overzicht/"))
    main = page.locator("main")

    # The offer for naasten and the community; not the six steps, not in the menu either.
    assert page.locator("#kop-naasten").is_visible()
    assert "Naast iemand in herstel" in main.inner_text()
    assert main.locator("a[href='/aanbod/?naasten=1']").count() == 1
    assert main.locator("a[href='/community/']").count() == 1
    assert page.locator("#kop-schrijven").count() == 0
    assert page.locator("header a[href='/mijn-herstelpad/']").count() == 0
    assert main.locator("a[href='/reflecties/nieuw/']").count() == 0
    screenshot(page, "naaste-home")

    # He chooses to use them: they are on his home and in the menu.
    knop = main.get_by_role("button", name="Ik wil de zes stappen ook gebruiken")
    submit(page, knop)
    assert page.url.endswith("/mijn-overzicht/")
    assert page.locator("#kop-schrijven").is_visible()
    assert main.locator("a[href='/reflecties/nieuw/']").count() == 1
    assert page.locator("header a[href='/mijn-herstelpad/']:visible").count() == 1
    assert page.locator("#kop-naasten").is_visible()  # still a naaste
    screenshot(page, "naaste-home-zes-stappen")
    assert User.objects.get(pk=rik.pk).zes_stappen

    # And off again, under "Mijn gegevens".
    visit(page, url("/mijn-gegevens/"))
    submit(page, main.get_by_role("button", name="Laat de zes stappen weg van mijn overzicht"))
    assert main.get_by_role("button", name="Ik wil de zes stappen ook gebruiken").is_visible()
    screenshot(page, "naaste-mijn-gegevens")
    assert not User.objects.get(pk=rik.pk).zes_stappen

"""The main menu's items ({% nav_link %}, herstelacademie/templatetags/menu.py): a link per
item, aria-current on the page you are on (also for a page that counts as the same item),
and each role's items."""

import re

from django.urls import reverse

NL = {"HTTP_ACCEPT_LANGUAGE": "nl"}


def huidige(html):
    return re.findall(r'<a href="([^"]+)" aria-current="page">', html)


def test_the_page_you_are_on_is_marked_in_each_menu(client, deelnemer):
    client.force_login(deelnemer)
    html = client.get(reverse("mijn_overzicht"), **NL).content.decode()
    # The wide menu and the phone's key row.
    assert huidige(html) == [reverse("mijn_overzicht")] * 2
    assert f'<li><a href="{reverse("herstelpad")}">Mijn herstelpad</a></li>' in html


def test_a_page_that_counts_as_the_same_item(client, deelnemer, groep):
    client.force_login(deelnemer)
    html = client.get(reverse("aanbod_detail", args=[groep.aanbod.pk]), **NL).content.decode()
    # "What's on" in the wide menu and in the Menu.
    assert huidige(html) == [reverse("aanbod_lijst")] * 2
    html = client.get(reverse("aanbod_lijst"), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    # A label is a literal of the template, so trusted as {{ label }} trusted it.
    assert "What's on</a>" in html


def test_items_per_role(client, deelnemer, facilitator, coordinator):
    for user, ja, nee in (
        (deelnemer, [], ["facilitator_home", "coordinator_home"]),
        (facilitator, ["facilitator_home"], ["coordinator_home"]),
        (coordinator, ["coordinator_home"], ["facilitator_home"]),
    ):
        client.force_login(user)
        html = client.get(reverse("mijn_gegevens")).content.decode()
        for naam in ja:
            assert f'href="{reverse(naam)}"' in html, (user, naam)
        for naam in nee:
            assert f'href="{reverse(naam)}"' not in html, (user, naam)


def test_a_host_who_is_not_a_facilitator_finds_the_requests_in_the_menu(
    client, deelnemer, facilitator, django_assert_max_num_queries
):
    """A facilitator's home shows the requests; a host without groups to facilitate (a
    volunteer at the walk-in) gets a menu item instead, in the wide menu and the Menu."""
    from groepen.models import Vrijwilligersrol
    from groepen.rollen import beeindig_rol, start_rol

    link = f'href="{reverse("kennismakingen")}"'
    client.force_login(deelnemer)
    assert link not in client.get(reverse("mijn_gegevens")).content.decode()

    rol = start_rol(deelnemer, Vrijwilligersrol.Soort.GASTHEER)
    html = client.get(reverse("mijn_gegevens"), **NL).content.decode()
    assert html.count(link) == 2
    assert "Kennismakingen</a>" in html

    start_rol(facilitator, Vrijwilligersrol.Soort.GASTHEER)
    client.force_login(facilitator)
    assert link not in client.get(reverse("mijn_gegevens")).content.decode()

    # The role ended: the menu item goes with it.
    beeindig_rol(rol)
    client.force_login(deelnemer)
    assert link not in client.get(reverse("mijn_gegevens")).content.decode()

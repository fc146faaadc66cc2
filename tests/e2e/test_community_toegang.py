"""A community that is safe by design (issue 15), walked in the browser.

On a phone: a brand-new account finds a kind page on how to get in, and the space itself
answers 404. Sam reads who looks in and when; outside those hours three members report a
post and it is out of sight at once; its writer reads why. On a desktop: Ruben finds the
queue from his home (held post first) and welcomes a walk-in visitor; Inge names a
moderator and sets the hours, without seeing a single post.
"""

from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model

from nazorg import community, moderatie
from nazorg.models import (
    Bericht,
    CommunityWelkom,
    Draad,
    Moderatiezaak,
    RichtlijnAkkoord,
    Status,
)
from privacy import toestemming

from .conftest import DEMO_PASSWORD, DEMO_TOTP_SECRET, login, screenshot, submit, visit

TEKST = "Ik vind het lastig dat niemand reageert op wat ik deel."


def _account(email, roepnaam):
    user = get_user_model().objects.create_user(email=email, password=DEMO_PASSWORD)
    user.roepnaam = roepnaam
    user.save()
    EmailAddress.objects.create(user=user, email=email, verified=True, primary=True)
    toestemming.accepteer_geldende(user)
    return user


def test_newcomer_gets_a_kind_page_and_no_way_in(page, url):
    academie = community.academieruimte()
    _account("nieuw@example.org", "Nieuw")
    login(page, url, "nieuw@example.org")
    visit(page, url("/community/"))
    assert page.locator("#kop-binnenkomen").is_visible()
    screenshot(page, "community-niet-lid")
    response = page.goto(url(f"/community/{academie.pk}/"))
    assert response.status == 404


def test_three_reports_outside_hours_and_the_queue(page, new_page, url):
    User = get_user_model()
    sam = User.objects.get(email="deelnemer@demo.nl")
    noor = User.objects.get(email="deelnemer2@demo.nl")
    academie = community.academieruimte()
    academie.kijkdagen = ""  # nobody looks in now
    academie.save(update_fields=["kijkdagen"])
    RichtlijnAkkoord.objects.get_or_create(user=sam)
    RichtlijnAkkoord.objects.get_or_create(user=noor)
    draad = Draad.objects.create(ruimte=academie, titel="Niemand reageert", auteur=sam)
    bericht = Bericht.objects.create(draad=draad, auteur=sam, tekst=TEKST)
    anderen = [
        u for u in User.objects.exclude(pk__in=[sam.pk, noor.pk]).order_by("pk") if _is_lid(u)
    ][:2]
    for melder in anderen:
        moderatie.meld(bericht, melder, "")

    # Noor reads who looks in, then reports: the third member.
    login(page, url, "deelnemer2@demo.nl")
    visit(page, url(f"/community/{academie.pk}/"))
    assert "Ruben" in page.locator("#meekijkers").inner_text()
    screenshot(page, "community-wie-kijkt-mee")
    visit(page, url(f"/community/bericht/{bericht.pk}/melden/"))
    submit(page, page.locator("main form button[type='submit']"))
    bericht.refresh_from_db()
    assert bericht.status == Status.VASTGEHOUDEN
    assert page.goto(url(f"/community/draad/{draad.pk}/")).status == 404

    # Sam, the writer, reads why.
    sam_page = new_page()
    login(sam_page, url, "deelnemer@demo.nl")
    visit(sam_page, url(f"/community/draad/{draad.pk}/"))
    assert sam_page.locator(f"#bericht-{bericht.pk} .notice").is_visible()
    screenshot(sam_page, "community-uit-beeld-schrijver")

    # Ruben, on a desktop: the queue from his home, the held post first.
    ruben = new_page("desktop")
    login(ruben, url, "facilitator@demo.nl", totp_secret=DEMO_TOTP_SECRET)
    visit(ruben, url("/facilitator/"))
    submit(ruben, ruben.locator("#kop-moderatie ~ p a[href='/community/moderatie/']"))
    zaken = ruben.locator("li.moderatie-zaak")
    eerste = Moderatiezaak.objects.get(soort="vastgehouden")
    assert zaken.first.get_attribute("id") == f"zaak-{eerste.pk}"
    screenshot(ruben, "moderatie-uit-beeld-eerst")
    zaken.first.locator("input[value='hersteld']").check()
    zaken.first.locator("textarea").fill("Dit bericht mag gewoon gelezen worden.")
    submit(ruben, zaken.first.locator("button[type='submit']"))
    bericht.refresh_from_db()
    assert bericht.status == Status.ZICHTBAAR


def _is_lid(user):
    from nazorg import toegang

    return toegang.is_lid(user)


def test_host_welcomes_and_coordinator_names_a_moderator(new_page, url):
    gast = _account("gast@example.org", "Gast")
    ruben = new_page("desktop")
    login(ruben, url, "facilitator@demo.nl", totp_secret=DEMO_TOTP_SECRET)
    visit(ruben, url("/community/welkom/"))
    ruben.fill("#id_email", "gast@example.org")
    submit(ruben, ruben.locator("main form button[type='submit']"))
    screenshot(ruben, "community-welkom")
    assert CommunityWelkom.objects.filter(user=gast).exists()

    academie = community.academieruimte()
    # One login (a two-step code is valid once), seen at both sizes.
    inge = new_page("desktop")
    login(inge, url, "coordinator@demo.nl", totp_secret=DEMO_TOTP_SECRET)
    for breedte, hoogte in ((390, 844), (1280, 900)):
        inge.set_viewport_size({"width": breedte, "height": hoogte})
        visit(inge, url("/community/beheer/"))
        screenshot(inge, "community-beheer")
        antwoord = visit(inge, url(f"/community/{academie.pk}/instellingen/"))
        assert antwoord.status == 200
        screenshot(inge, "community-instellingen-leeg")
    # Errors next to the field, nothing lost.
    inge.fill("#id_kijk_van", "18:00")
    inge.fill("#id_kijk_tot", "09:00")
    submit(inge, inge.locator("main form button[type='submit']").first)
    assert inge.locator(".field-error #id_kijk_tot").count() == 1
    screenshot(inge, "community-kijkuren-fout")
    inge.fill("#id_kijk_tot", "21:00")
    inge.locator("input[name='dagen'][value='5']").check()
    submit(inge, inge.locator("main form button[type='submit']").first)
    academie.refresh_from_db()
    assert 5 in academie.dagen
    inge.fill("#id_email", "gast@example.org")
    submit(inge, inge.locator("form[action$='/moderatoren/'] button[type='submit']"))
    assert moderatie.is_moderator(get_user_model().objects.get(pk=gast.pk), academie)
    screenshot(inge, "community-instellingen")

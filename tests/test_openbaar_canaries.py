"""The URL walk's anonymous column, with canaries: public pages send no personal data.

The world of tests/test_url_walk.py is built, with every object the walk's cases make
(requests for a first conversation, bookings, posts, session logs, ...). Then every text
field of every model of the academy gets a canary ("kanarie17"), unless the field is
public by nature (the offer, a location, the academy's identity) or technical. A
facilitator's first name stays: the offer shows facilitators by first name (issue 14).
Every URL a visitor without an account opens with 200 is then asked for, plus the page of
every offer and location and the offer with each filter, and no canary may come back.

Fields are canaries by default, so a personal field added later is covered without
editing this test; a new field that is public must be added to PUBLIEK, with a reason.
"""

import re

import pytest
from django.apps import apps
from django.db import models
from django.urls import reverse

from groepen import openbaar
from groepen.models import Aanbod, Kennismaking, Lidmaatschap, Locatie, Sessielog
from herstelacademie.models import Heartbeat
from herstelmodel.models import Steunplan

from .test_url_walk import EXPECTED
from .urlwalk import LOGIN

PROJECT_APPS = {"deelnemers", "groepen", "herstelmodel", "nazorg", "audit", "impact", "privacy"}

# What the academy publishes itself: its identity, its offer, its places and rooms.
PUBLIEK = {
    "deelnemers.Academie": "*",
    "groepen.Aanbod": {"titel", "beschrijving", "voor_wie", "meenemen", "locatie"},
    "groepen.Groep": {"naam", "locatie"},
    "groepen.Bijeenkomst": {"locatie"},
    "groepen.Locatie": "*",
    # Where a one-to-one conversation takes place ("Kamer 2", "Telefonisch").
    "groepen.Gespreksslot": {"plaats"},
    "nazorg.NazitMoment": {"locatie"},
    "privacy.Privacyverklaring": "*",
}
# Not about a person, and never on a page.
TECHNISCH = {
    "deelnemers.User": {"password"},
    "herstelacademie.Heartbeat": "*",
    "impact.Aanname": "*",
    # Append-only (the ORM and a PostgreSQL trigger refuse updates); `details` holds ids
    # only, never anyone's words.
    "audit.AuditEvent": "*",
}

# Links sent to one person (by mail or into their calendar app): the token in the URL is
# the key, and the page may show that person's own data. They are not public pages.
PERSOONLIJKE_LINKS = {
    "kalender_feed",
    "gesprekmail_stoppen",
    "missen_bericht",
    "missen_stop",
    "rsvp",
    "uitschrijven_nazit",
    "verwijderen_annuleren",
}

KANARIE = re.compile(r"kanarie\d+")


def _uitgezonderd(tabel, label, veld):
    velden = tabel.get(label, ())
    return velden == "*" or veld in velden


def _tekstvelden(model):
    label = model._meta.label
    for veld in model._meta.concrete_fields:
        if veld.choices or veld.primary_key or veld.is_relation:
            continue
        tekst = isinstance(veld, models.CharField | models.TextField | models.JSONField)
        if not (tekst or "Encrypted" in type(veld).__name__):
            continue
        if _uitgezonderd(PUBLIEK, label, veld.name) or _uitgezonderd(TECHNISCH, label, veld.name):
            continue
        yield veld


def plant_kanaries():
    """Put a canary in every personal text field of every row; returns {canary: where}.
    A facilitator's first name is public; a participant's is a canary."""
    facilitators = set(
        Lidmaatschap.objects.filter(rol=Lidmaatschap.Rol.FACILITATOR).values_list(
            "user_id", flat=True
        )
    )
    geplant = {}
    for model in apps.get_models():
        if model._meta.app_label not in PROJECT_APPS:
            continue
        velden = list(_tekstvelden(model))
        for pk in model.objects.values_list("pk", flat=True) if velden else ():
            waarden = {}
            for veld in velden:
                is_roepnaam = model._meta.label == "deelnemers.User" and veld.name == "roepnaam"
                if is_roepnaam and pk in facilitators:
                    continue
                kanarie = f"kanarie{len(geplant)}"
                geplant[kanarie] = f"{model._meta.label}.{veld.name} (pk {pk})"
                if isinstance(veld, models.EmailField):
                    waarden[veld.name] = f"{kanarie}@example.org"
                elif isinstance(veld, models.JSONField):
                    waarden[veld.name] = {"kanarie": kanarie}
                else:
                    waarden[veld.name] = kanarie
            # update(), not save(): no signal or clean() rewrites the value on the way in.
            model.objects.filter(pk=pk).update(**waarden)
    return geplant


def _kwargs(case, world):
    return case.kwargs(world) if callable(case.kwargs) else case.kwargs


def publieke_namen():
    return sorted(
        name
        for name, case in EXPECTED.items()
        if case.statuses["anonymous"] == 200
        and case.method == "get"
        and name not in PERSOONLIJKE_LINKS
    )


def test_personal_links_are_still_open_without_an_account():
    """The exception list stays true: each one still answers a visitor (not login)."""
    for name in PERSOONLIJKE_LINKS:
        assert EXPECTED[name].statuses["anonymous"] not in (LOGIN, 403, 404), name


def _meer_persoonlijks(world):
    """Rows the walk's cases do not make: a session log, a support plan, a request with
    an email address, a walk-in at a place (its page lists the walk-in's times)."""
    Sessielog.objects.create(bijeenkomst=world.geweest, geschreven_door=world.facilitator)
    Steunplan.objects.get_or_create(auteur=world.deelnemer)
    Kennismaking.objects.create(
        voornaam="Kim", email="kim@example.org", aangemaakt_op=world.geweest.begint_om
    )
    plek = Locatie.objects.create(naam="Wijkcentrum")
    world.inloop.plek = plek
    world.inloop.save(update_fields=["plek"])


@pytest.fixture
def wereld_met_kanaries(world):
    """The walk's world, with the objects every case makes, then canaries everywhere."""
    Heartbeat.beat()
    _meer_persoonlijks(world)
    urls = []
    for name, case in sorted(EXPECTED.items()):
        kwargs = _kwargs(case, world)
        if name in publieke_namen():
            urls.append(reverse(name, kwargs=kwargs))
    urls += [
        reverse("aanbod_detail", args=[pk]) for pk in Aanbod.objects.values_list("pk", flat=True)
    ]
    urls += [plek.get_absolute_url() for plek in Locatie.objects.all()]
    urls += [f"{reverse('aanbod_lijst')}?soort={soort}" for soort in Aanbod.Soort.values]
    urls += [f"{reverse('aanbod_lijst')}?dagdeel=avond&naasten=1"]
    urls += [f"{reverse('kennismaken')}?soort=inloop"]
    geplant = plant_kanaries()
    openbaar.vergeet()  # nothing cached from before the canaries
    return list(dict.fromkeys(urls)), geplant


def test_public_pages_send_no_personal_data(client, world, wereld_met_kanaries):
    urls, geplant = wereld_met_kanaries
    assert len(geplant) > 50, "the world holds too little personal data to test with"
    gelekt = {}
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        body = response.content.decode()
        for kanarie in set(KANARIE.findall(body)):
            gelekt.setdefault(url, []).append(geplant.get(kanarie, kanarie))
    assert not gelekt, f"Public pages show personal data: {gelekt}"
    # Names do reach these pages: the facilitator's first name, as the issue allows.
    aanbodpagina = client.get(reverse("aanbod_detail", args=[world.aanbod.pk]))
    assert world.facilitator.roepnaam in aanbodpagina.content.decode()


def test_the_world_holds_the_personal_data_that_must_not_leak(wereld_met_kanaries):
    """The canaries sit where the issue names them: participants' names and addresses,
    reflections, posts, requests for a first conversation, conversation notes, session
    logs. If one of these is missing, the test above would pass without testing it."""
    _urls, geplant = wereld_met_kanaries
    plekken = {waar.split(" (")[0] for waar in geplant.values()}
    for verwacht in (
        "deelnemers.User.roepnaam",
        "deelnemers.User.email",
        "groepen.Lidmaatschap.motivatie",
        "groepen.Kennismaking.voornaam",
        "groepen.Kennismaking.telefoon",
        "groepen.Kennismaking.email",
        "groepen.Kennismaking.wens",
        "groepen.Gespreksboeking.notitie",
        "groepen.Sessielog.sfeer",
        "groepen.KalenderFeed.token",
        "herstelmodel.Reflectie.tekst",
        "herstelmodel.VerhaalVersie.inhoud",
        "nazorg.Bericht.tekst",
        "nazorg.Draad.titel",
    ):
        assert verwacht in plekken, verwacht

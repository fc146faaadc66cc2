"""The community overview folds the spaces of groups that ended more than a year ago
(names only), so it stays short and its query count does not grow with years of groups."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from groepen.models import Lidmaatschap
from nazorg.models import Draad, RichtlijnAkkoord, Ruimte
from tests.factories import GroepFactory, LidmaatschapFactory

from .conftest import maak_afgelopen_groep

pytestmark = pytest.mark.django_db


def _ruimte_van_groep(user, dagen_geleden):
    einde = timezone.localdate() - datetime.timedelta(days=dagen_geleden)
    groep = GroepFactory(startdatum=einde - datetime.timedelta(days=60), einddatum=einde)
    LidmaatschapFactory(groep=groep, user=user, rol=Lidmaatschap.Rol.DEELNEMER)
    ruimte = Ruimte.objects.create(groep=groep, naam=f"Groep van {dagen_geleden} dagen terug")
    Draad.objects.create(ruimte=ruimte, titel="Hoe gaat het?", auteur=user)
    return ruimte


def test_old_spaces_are_folded_and_the_page_stays_flat(client):
    groep, (sam,), _ = maak_afgelopen_groep(deelnemers=1)
    RichtlijnAkkoord.objects.create(user=sam)
    recent = Ruimte.objects.create(groep=groep, naam="Recent")
    oud = _ruimte_van_groep(sam, 400)
    client.force_login(sam)
    client.get(reverse("community"))
    with CaptureQueriesContext(connection) as weinig:
        pagina = client.get(reverse("community"))
    assert [r.pk for r in pagina.context["ruimtes"]] == [recent.pk]
    assert [r["pk"] for r in pagina.context["ouder"]] == [oud.pk]
    assert b'id="oudere-ruimtes"' in pagina.content
    assert reverse("ruimte", args=[oud.pk]).encode() in pagina.content
    # An old space is still open to its people: folded, not gone.
    assert client.get(reverse("ruimte", args=[oud.pk])).status_code == 200
    for dagen in range(380, 400 + 20 * 12, 20):
        _ruimte_van_groep(sam, dagen)
    with CaptureQueriesContext(connection) as veel:
        pagina = client.get(reverse("community"))
    assert len(pagina.context["ouder"]) == 14
    assert len(veel.captured_queries) == len(weinig.captured_queries)


def test_only_old_spaces_still_show_the_overview(client):
    sam = maak_afgelopen_groep(deelnemers=1)[1][0]
    RichtlijnAkkoord.objects.create(user=sam)
    Lidmaatschap.objects.filter(user=sam).delete()
    oud = _ruimte_van_groep(sam, 500)
    client.force_login(sam)
    pagina = client.get(reverse("community"))
    assert pagina.status_code == 200
    assert [r["pk"] for r in pagina.context["ouder"]] == [oud.pk]
    assert timezone.localdate() - oud.groep.einddatum > datetime.timedelta(days=365)

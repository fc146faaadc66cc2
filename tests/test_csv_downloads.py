"""Every CSV download of the app: a value someone typed never becomes a spreadsheet formula.

For each download, text starting with = + - @ tab or carriage return is planted in the
fields people type that reach the file (names, group names, locations, offer titles,
the source of an assumption). The file must hold it, and no cell may start with one of
those characters (lib.csv puts an apostrophe before it). Each file also starts with a
byte order mark and uses semicolons.
"""

import csv
import datetime
import io

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse
from django.utils import timezone

from audit.log import record
from audit.models import AuditEvent
from groepen.models import Lidmaatschap
from herstelmodel.models import Herkenningsmoment
from impact import waarde
from tests.factories import AanbodFactory, BijeenkomstFactory, GroepFactory, UserFactory

pytestmark = pytest.mark.django_db

TEKENS = ("=", "+", "-", "@", "\t", "\r")


def _lees(response) -> list[list[str]]:
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"]
    data = b"".join(response.streaming_content) if response.streaming else response.content
    tekst = data.decode("utf-8")
    assert tekst.startswith("\ufeff"), "no byte order mark"
    rijen = list(csv.reader(io.StringIO(tekst[1:], newline=""), delimiter=";"))
    assert len(rijen[0]) > 1, "not separated by semicolons"
    return rijen


def _controleer(response, geplant: list[str]):
    cellen = [cel for rij in _lees(response) for cel in rij]
    for waarde_ in geplant:
        assert any(waarde_ in cel for cel in cellen), f"{waarde_!r} did not reach the file"
    gevaarlijk = [cel for cel in cellen if cel.startswith(TEKENS)]
    assert not gevaarlijk, f"cells that start a formula: {gevaarlijk!r}"


@pytest.fixture(params=TEKENS, ids=["is", "plus", "min", "at", "tab", "cr"])
def teken(request):
    return request.param


@pytest.fixture
def coord(client, coordinator):
    coordinator.user_permissions.add(
        Permission.objects.get(content_type__app_label="impact", codename="export_named")
    )
    client.force_login(coordinator)
    return client


def _nu():
    return timezone.now()


def test_audit_log(coord, teken):
    naam = f"{teken}HYPERLINK(1)"
    slim = UserFactory(roepnaam=naam)
    record(AuditEvent.Soort.EXPORT_EIGEN, actor=slim, betreft=slim)
    _controleer(coord.get(reverse("audit_csv")), [naam])


def _lopende_groep(teken):
    aanbod = AanbodFactory(titel=f"{teken}Aanbod")
    vandaag = timezone.localdate()
    groep = GroepFactory(
        aanbod=aanbod,
        naam=f"{teken}Groep",
        locatie=f"{teken}Plek",
        startdatum=vandaag - datetime.timedelta(days=20),
        einddatum=vandaag + datetime.timedelta(days=20),
    )
    begin = _nu() - datetime.timedelta(days=1)
    BijeenkomstFactory(groep=groep, begint_om=begin, eindigt_om=begin + datetime.timedelta(hours=2))
    facilitator = UserFactory(roepnaam=f"{teken}Facilitator")
    Lidmaatschap.objects.create(
        groep=groep,
        user=facilitator,
        rol=Lidmaatschap.Rol.FACILITATOR,
        sinds=_nu() - datetime.timedelta(days=30),
    )
    deelnemer = UserFactory(roepnaam=f"{teken}Deelnemer")
    Lidmaatschap.objects.create(groep=groep, user=deelnemer, rol=Lidmaatschap.Rol.DEELNEMER)
    return groep


def test_participation_dashboard(coord, teken):
    groep = _lopende_groep(teken)
    filters = {"locatie": groep.locatie, "aanbod": groep.aanbod.pk}
    _controleer(
        coord.get(reverse("impact_dashboard_csv"), filters),
        [groep.locatie, groep.aanbod.titel, f"{teken}Facilitator"],
    )


def test_named_attendance(coord, teken):
    groep = _lopende_groep(teken)
    url = reverse("impact_aanwezigheid_csv", kwargs={"pk": groep.pk})
    _controleer(coord.get(url), [f"{teken}Deelnemer"])


def test_value_report(coord, coordinator, teken):
    groep = _lopende_groep(teken)
    sleutel = waarde.AANNAMES[0].sleutel
    bron = f"{teken}Bron"
    waarde.wijzig(coordinator, {sleutel: waarde.AANNAMES[0].standaard + 1}, bron=bron)
    _controleer(
        coord.get(reverse("impact_waarde_csv"), {"locatie": groep.locatie}),
        [bron, groep.locatie],
    )


def test_model_mirror(coord, teken):
    groep = _lopende_groep(teken)
    for _i in range(5):
        Herkenningsmoment.objects.create(
            auteur=UserFactory(),
            groep=groep,
            soort=Herkenningsmoment.Soort.NIET_HERKEND,
            belemmering=Herkenningsmoment.Belemmering.NIET_VEILIG,
        )
    _controleer(coord.get(reverse("impact_modelspiegel_csv")), [groep.naam])


def test_every_csv_download_is_covered():
    """A new CSV download must be added here (and so get the formula test)."""
    from django.urls import get_resolver

    namen = {
        naam
        for naam in get_resolver().reverse_dict
        if isinstance(naam, str) and naam.endswith("_csv")
    }
    assert namen == {
        "audit_csv",
        "impact_dashboard_csv",
        "impact_aanwezigheid_csv",
        "impact_waarde_csv",
        "impact_modelspiegel_csv",
    }

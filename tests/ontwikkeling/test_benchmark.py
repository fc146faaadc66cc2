"""The benchmark command works: exact counts, a row per page with a ratio, the table.

Tiny sizes on the test database; the timings themselves are not asserted (DESIGN.md:
speed is measured by the benchmark, not by timed tests).
"""

import base64
import json

import pytest
from django.core.management import call_command
from django.urls import reverse

from groepen.models import Aanbod, Lidmaatschap
from herstelmodel.models import Reflectie
from nazorg.models import Herinnering
from ontwikkeling.benchmark import measure, report
from ontwikkeling.benchmark.generate import Sizes, genereer, tel

KLEIN = Sizes(
    deelnemers=40,
    groepen=12,
    bijeenkomsten=60,
    aanwezigheden=300,
    reflecties=400,
    berichten=50,
    herinneringen=60,
    lange_draad=40,
    meldingen=30,
)


@pytest.fixture
def academie(db):
    return genereer(KLEIN)


def test_generator_makes_exactly_the_requested_counts(academie):
    assert tel() == {
        "deelnemers": 40,
        "groepen": 12,
        "bijeenkomsten": 60,
        "aanwezigheden": 300,
        "reflecties": 400,
        "berichten": 50,
        "herinneringen": 60,
        "lange_draad": 40,
        "meldingen": 30,
    }
    assert academie.aantallen == tel()
    # Every kind of aanbod has groups, and the reminders are due now.
    soorten = set(Aanbod.objects.filter(groepen__isnull=False).values_list("soort", flat=True))
    # Except a one-to-one conversation: it has time slots, never groups.
    assert soorten == set(Aanbod.Soort.values) - {Aanbod.Soort.GESPREK}
    assert not Herinnering.objects.exclude(status=Herinnering.Status.GEPLAND).exists()


def test_generated_roles_fit_the_measured_pages(academie):
    actief = Lidmaatschap.objects.actief()
    assert actief.filter(groep=academie.groep, user=academie.deelnemer, rol="deelnemer").exists()
    assert actief.filter(
        groep=academie.groep, user=academie.facilitator, rol="facilitator"
    ).exists()
    assert academie.bijeenkomst.groep_id == academie.groep.pk
    assert academie.coordinator.is_coordinator
    # Text is stored encrypted, as in production.
    assert Reflectie.objects.filter(auteur=academie.deelnemer).exists()
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SELECT tekst FROM herstelmodel_reflectie LIMIT 1")
        assert "groep" not in cursor.fetchone()[0]


def test_history_keeps_the_moment_it_was_written(academie):
    """A closed month must look closed: nothing "just changed" (impact/samenvatting.py)."""
    from django.db.models import F
    from django.utils import timezone

    from groepen.models import Aanwezigheid

    assert not Reflectie.objects.exclude(gewijzigd_op=F("aangemaakt_op")).exists()
    verleden = Aanwezigheid.objects.filter(bijeenkomst__eindigt_om__lt=timezone.now())
    assert verleden.exists()
    assert not verleden.exclude(bijgewerkt_op=F("bijeenkomst__eindigt_om")).exists()
    assert not Aanwezigheid.objects.filter(bijgewerkt_op__gt=timezone.now()).exists()


def test_long_thread_and_notifications_are_what_the_pages_show(academie):
    from nazorg import gesprekmeldingen
    from nazorg.models import Bericht, BerichtVersie, HerkenIk, Melding

    sam = academie.deelnemer
    berichten = Bericht.objects.filter(draad=academie.draad)
    assert berichten.count() == 40
    assert berichten.filter(auteur=sam).exists()
    assert BerichtVersie.objects.filter(bericht__draad=academie.draad).exists()
    assert berichten.exclude(bewerkt_op=None).exists()
    assert HerkenIk.objects.filter(bericht__draad=academie.draad).exists()
    # Every notification may be shown (visible post, a space the person sees), most are
    # unread, both kinds are there and each links to its post in the thread.
    alle = Melding.objects.filter(user=sam)
    assert gesprekmeldingen.zichtbaar(sam).count() == alle.count() == 30
    assert alle.filter(gelezen_op=None).count() == 24
    assert {m.soort for m in alle} == {"reactie", "herken_ik"}
    for m in alle.filter(bericht__draad=academie.draad):
        assert (
            m.link
            == reverse("draad", kwargs={"pk": academie.draad.pk}) + f"#bericht-{m.bericht_id}"
        )


def test_staff_totp_secret_is_valid_and_new_for_every_run(db):
    import pyotp
    from allauth.mfa.models import Authenticator
    from allauth.mfa.totp.internal.auth import TOTP

    from ontwikkeling.benchmark.generate import _Bouwer

    eerste = genereer(KLEIN)
    # 32 base32 characters (20 bytes): a 31-character one cannot be decoded, and staff
    # logins through the form failed with it (issue #17).
    assert len(eerste.totp_secret) == 32
    assert len(base64.b32decode(eerste.totp_secret)) == 20
    for user in (eerste.facilitator, eerste.coordinator):
        authenticator = Authenticator.objects.get(user=user, type="totp")
        assert TOTP(authenticator).validate_code(pyotp.TOTP(eerste.totp_secret).now())
    # Made at run time, not a literal in the repository.
    assert _Bouwer(KLEIN, 1, None).totp_secret != eerste.totp_secret


def test_scaled_sizes_never_drop_below_a_working_academy():
    klein = Sizes().scaled(0.0001)
    assert klein.groepen >= 12
    assert klein.deelnemers >= 30
    assert klein.reflecties >= 1
    assert Sizes().scaled(0.5).reflecties == 50_000
    # One person's load is not scaled.
    assert klein.lange_draad == 300
    assert klein.meldingen == 500


def test_measure_gives_a_row_per_page_with_queries_and_a_ratio(academie):
    rijen = measure.meet_paginas(academie, herhalingen=2, opwarmen=1)
    yardstick, *paginas = rijen
    paginas, inloggen = paginas[: len(measure.PAGINAS)], paginas[len(measure.PAGINAS) :]
    assert yardstick.status == "yardstick"
    assert yardstick.median_ms > 0
    # Logging in is measured too: the form, the password, the staff's two-step code;
    # each answered as a real login does (200, then 302 twice), so the TOTP worked.
    assert [r.naam for r in inloggen] == [
        "Inlogformulier",
        "Inloggen (wachtwoord)",
        "Tweestapscode",
    ]
    for rij in inloggen:
        assert rij.status in ("OK", "over"), rij
        assert rij.median_ms > 0, rij
    for rij, pagina in zip(paginas, measure.PAGINAS, strict=True):
        assert rij.url == reverse(pagina.url_name, kwargs=pagina.kwargs(academie))
        assert rij.ratio is not None, rij
        assert rij.ratio > 0, rij
        assert rij.queries is not None, rij
        # A visitor's public page may come from the cache without a query.
        assert rij.queries > 0 or pagina.rol == "bezoeker", rij
        assert rij.status in ("OK", "over"), rij  # the page answered as expected
    tabel = report.tabel(rijen)
    assert tabel.count("\n") == len(rijen) + 1
    assert "Mijn herstelpad" in tabel
    assert "Meldingen" in tabel
    assert "Lange draad" in tabel
    assert "yardstick" in tabel


def test_reminder_throughput_sends_each_due_reminder_once(academie):
    uitslag = measure.meet_herinneringen()
    assert uitslag["due"] == uitslag["verzonden"] == uitslag["ontvangen"] == 60
    assert uitslag["dubbel"] == 0
    assert report.herinneringen_regel(uitslag).startswith("Reminders: 60/60 sent")


def test_command_runs_end_to_end_in_place(db, capsys, tmp_path):
    uit = tmp_path / "tabel.md"
    call_command(
        "benchmark",
        "--in-place",
        "--deelnemers=40",
        "--groepen=12",
        "--bijeenkomsten=60",
        "--aanwezigheden=200",
        "--reflecties=100",
        "--berichten=20",
        "--herinneringen=20",
        "--repeat=1",
        "--warmup=0",
        "--no-reminders",
        f"--output={uit}",
    )
    tekst = uit.read_text()
    assert "| Bare Django view" in tekst
    assert "Reflectie opslaan" in tekst
    assert "pages measured" in capsys.readouterr().out


def test_compare_prints_the_growth_per_page(academie, tmp_path, capsys):
    rijen = measure.meet_paginas(academie, herhalingen=1, opwarmen=0)
    klein = report.als_json(1, academie.aantallen, rijen, [], ((0, 0, 0), (0, 0, 0)))
    groot = report.als_json(3, academie.aantallen, rijen, [], ((0, 0, 0), (0, 0, 0)))
    for m in groot["metingen"]:
        m["median_ms"] *= 1.5 if m["naam"] == "Meldingen" else 1.1
    paden = []
    for naam, data in (("s1.json", klein), ("s3.json", groot)):
        (tmp_path / naam).write_text(json.dumps(data))
        paden.append(str(tmp_path / naam))
    call_command("benchmark", "--compare", *paden)
    uit = capsys.readouterr().out
    assert "Growth from scale 1 to 3" in uit
    meldingen = next(r for r in uit.splitlines() if r.startswith("| Meldingen"))
    assert "1.50x" in meldingen
    assert meldingen.rstrip(" |").endswith("over")
    herstelpad = next(r for r in uit.splitlines() if r.startswith("| Mijn herstelpad"))
    assert "1.10x" in herstelpad
    assert herstelpad.rstrip(" |").endswith("OK")

"""Community text is encrypted at rest: raw SQL finds no post text, title or reason in
plain, the pages still show them, and the data migration encrypts (and decrypts back)
rows that were written before it."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.urls import reverse

from nazorg.models import Bericht, Draad, Moderatiezaak, RichtlijnAkkoord, Ruimte

from .conftest import maak_afgelopen_groep

TITEL = "Rustiggeheimtitel over mijn week"
OPENING = "Openingsgeheim: het was een zware week"
REACTIE = "Reactiegeheim: ik herken het"
MELDREDEN = "Meldgeheim: dit citeert iemand anders"
BESLUITREDEN = "Besluitgeheim: even uit beeld"
GEHEIM = ("Rustiggeheim", "Openingsgeheim", "Reactiegeheim", "Meldgeheim", "Besluitgeheim")

KOLOMMEN = {
    "nazorg_bericht": ("tekst",),
    "nazorg_draad": ("titel",),
    "nazorg_moderatiezaak": ("reden", "besluit_reden"),
}


def ruwe_waarden() -> list[str]:
    waarden = []
    with connection.cursor() as cursor:
        for tabel, kolommen in KOLOMMEN.items():
            cursor.execute(f"SELECT {', '.join(kolommen)} FROM {tabel}")  # noqa: S608 - fixed names
            waarden += [w for rij in cursor.fetchall() for w in rij if w]
    return waarden


def test_raw_sql_finds_no_community_text_in_plain(client, db):
    groep, (sam, noor, _kim), facilitator = maak_afgelopen_groep(deelnemers=3)
    for user in (sam, noor, facilitator):
        RichtlijnAkkoord.objects.get_or_create(user=user)
    ruimte = Ruimte.objects.create(groep=groep, naam=groep.naam)

    # Through the normal pages: a thread, a reply, a report, a moderator's decision.
    client.force_login(sam)
    response = client.post(reverse("ruimte", args=[ruimte.pk]), {"titel": TITEL, "tekst": OPENING})
    draad = Draad.objects.get(ruimte=ruimte)
    assert response.url == reverse("draad", args=[draad.pk])
    client.force_login(noor)
    client.post(reverse("draad", args=[draad.pk]), {"tekst": REACTIE})
    opening = draad.berichten.order_by("pk").first()
    client.post(reverse("melden", args=[opening.pk]), {"reden": MELDREDEN})
    zaak = Moderatiezaak.objects.get()
    client.force_login(facilitator)
    client.post(
        reverse("moderatie_besluit", args=[zaak.pk]),
        {f"zaak-{zaak.pk}-keuze": "geen_actie", f"zaak-{zaak.pk}-reden": BESLUITREDEN},
    )
    zaak.refresh_from_db()
    assert zaak.besluit == "geen_actie"

    waarden = ruwe_waarden()
    assert len(waarden) == 5  # title, two posts, the report and the decision reason
    for waarde in waarden:
        assert waarde.startswith("gAAAA"), waarde[:20]
        for geheim in GEHEIM:
            assert geheim.lower() not in waarde.lower()
    # The same rows read fine through the ORM and the pages.
    assert sorted(b.tekst for b in Bericht.objects.all()) == [OPENING, REACTIE]
    assert (zaak.reden, zaak.besluit_reden) == (MELDREDEN, BESLUITREDEN)
    client.force_login(noor)
    assert REACTIE in client.get(reverse("draad", args=[draad.pk])).content.decode()


@pytest.mark.django_db(transaction=True)
def test_data_migration_encrypts_existing_rows_and_back():
    voor = [("nazorg", "0004_herinnering_claim")]
    na = [("nazorg", "0005_community_tekst_versleuteld")]
    executor = MigrationExecutor(connection)
    laatste = executor.loader.graph.leaf_nodes()  # every app: later ones depend on nazorg
    executor.migrate(voor)
    try:
        oud = MigrationExecutor(connection).loader.project_state(voor).apps
        ruimte = oud.get_model("nazorg", "Ruimte").objects.create(naam="Oud")
        draad = oud.get_model("nazorg", "Draad").objects.create(ruimte_id=ruimte.pk, titel=TITEL)
        # More than one batch (BATCH = 500) of posts, written as plain text.
        BerichtOud = oud.get_model("nazorg", "Bericht")
        BerichtOud.objects.bulk_create(
            BerichtOud(draad_id=draad.pk, tekst=f"{OPENING} {i}") for i in range(501)
        )
        oud.get_model("nazorg", "Moderatiezaak").objects.create(
            bericht_id=BerichtOud.objects.first().pk, soort="gemeld", reden=MELDREDEN
        )
        assert any(OPENING in w for w in ruwe_waarden())

        executor = MigrationExecutor(connection)
        executor.migrate(na)
        waarden = ruwe_waarden()
        assert len(waarden) == 503
        assert all(w.startswith("gAAAA") for w in waarden)
        assert Draad.objects.get().titel == TITEL
        # Only the text: columns added after 0005 are not there yet at this point.
        assert Bericht.objects.only("tekst").order_by("pk").last().tekst == f"{OPENING} 500"
        assert Moderatiezaak.objects.get().reden == MELDREDEN

        # Back: plain text again, nothing lost.
        executor = MigrationExecutor(connection)
        executor.migrate(voor)
        waarden = ruwe_waarden()
        assert TITEL in waarden
        assert MELDREDEN in waarden
        assert f"{OPENING} 0" in waarden
    finally:
        executor = MigrationExecutor(connection)
        executor.migrate(laatste)

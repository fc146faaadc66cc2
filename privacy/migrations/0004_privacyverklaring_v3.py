"""Publish version 3 of the privacy statement: what issue 18 (who is invited) changed.

New: the invitation to the nazit is part of taking part in a group. It comes by email
and in the app, unless you say no when you enrol or later, with one click. Sign-up no
longer asks about it.

Only when the academy still has the untouched version 2 of migration 0003 (as 0003 does
for version 1): an academy whose coordinator already published its own text keeps it
(the README says what to add), because this migration must never overwrite what a
coordinator wrote.
"""

# ruff: noqa: E501 - each paragraph of the statement is one line: a line break in the
# text is a line break on the page.

import importlib

from django.db import migrations
from django.utils import timezone

V2 = importlib.import_module("privacy.migrations.0003_privacyverklaring_v2")

SAMENVATTING = """\
Nieuw: de uitnodiging voor de nazit hoort bij meedoen aan een groep. Je krijgt hem per e-mail en in de app. Wil je dat niet? Zeg het als je je aanmeldt voor een groep, of stop later met één klik. Bij het maken van een account vragen we er niet meer naar."""

NAZIT = """\
De nazit
Doe je mee aan een cursus, een workshop of een groep, dan nodigen we je na afloop uit voor de nazit: een bijeenkomst om samen terug te kijken. Bij een herstelgroep zonder einde doen we dat als je stopt met de groep. De uitnodiging hoort bij meedoen. Je krijgt hem per e-mail en in de app.
- Wil je geen uitnodiging? Vink dat aan als je je aanmeldt voor een groep. Of stop later met één klik: in elke uitnodiging, of op de pagina "Herinneringen voor de nazit".
- Liever alleen in de app, of alleen per e-mail? Dat kies je ook op die pagina.
- Stop je met een cursus of workshop voordat die klaar is, dan krijg je geen uitnodiging voor de nazit.

"""

TEKST = (
    V2.TEKST.replace(
        "- Herinneringen voor de nazit, je antwoorden daarop, meldingen in de app en je keuzes voor e-mail.\n",
        "- Herinneringen voor de nazit, je antwoorden daarop, meldingen in de app en je keuzes voor e-mail. Ook of je een uitnodiging voor de nazit wilt.\n",
    )
    .replace("Wie ziet wat?\n", NAZIT + "Wie ziet wat?\n")
    .replace(
        "- Kiezen of je e-mails wilt over de nazit en een wekelijkse samenvatting van de community. Dat kun je altijd weer veranderen.\n",
        "- Kiezen of je een uitnodiging voor de nazit wilt, en of je een wekelijkse samenvatting van de community wilt. Dat kun je altijd weer veranderen.\n",
    )
    .replace(
        "We sturen alleen e-mails over de academie, en alleen de e-mails die je zelf kiest, plus berichten die nodig zijn voor je account.",
        "We sturen alleen e-mails over de academie: berichten die nodig zijn voor je account en voor de groepen waar je aan meedoet (zoals de uitnodiging voor de nazit, als je die niet hebt uitgezet), en de e-mails die je zelf kiest.",
    )
)


def publiceer(apps, schema_editor):
    Privacyverklaring = apps.get_model("privacy", "Privacyverklaring")
    laatste = Privacyverklaring.objects.order_by("-versie").first()
    if laatste is None or laatste.versie != 2 or laatste.tekst != V2.TEKST:
        return  # a coordinator's own text: never overwrite it
    Privacyverklaring.objects.create(
        versie=3, samenvatting=SAMENVATTING, tekst=TEKST, gepubliceerd_op=timezone.now()
    )


def terug(apps, schema_editor):
    Privacyverklaring = apps.get_model("privacy", "Privacyverklaring")
    Toestemming = apps.get_model("privacy", "Toestemming")
    v3 = Privacyverklaring.objects.filter(versie=3, tekst=TEKST).first()
    if v3 is not None and not Toestemming.objects.filter(verklaring=v3).exists():
        v3.delete()


class Migration(migrations.Migration):
    dependencies = [("privacy", "0003_privacyverklaring_v2")]

    operations = [migrations.RunPython(publiceer, terug)]

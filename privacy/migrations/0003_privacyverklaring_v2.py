"""Publish version 2 of the privacy statement: what issue 15 (safety) changed.

New: the steunplan, community posts stored encrypted and seen only by members, a break
from the community and muted words, facilitators who read only what was shared after they
joined, and the small cookie that keeps a stranger from blocking someone's login.

Only when the academy still has the untouched version 1 of migration 0002: an academy
whose coordinator already published its own text keeps it (the README says what to add),
because this migration must never overwrite what a coordinator wrote.
"""

# ruff: noqa: E501 - each paragraph of the statement is one line: a line break in the
# text is a line break on the page.

import importlib

from django.db import migrations
from django.utils import timezone

V1 = importlib.import_module("privacy.migrations.0002_privacyverklaring_v1")

SAMENVATTING = """\
Nieuw: je steunplan, een pauze van de community en woorden die je liever niet ziet. Berichten in de community staan nu versleuteld opgeslagen en alleen wie in een ruimte mag komen, leest ze. Een facilitator leest alleen wat je deelde nadat die bij je groep kwam. En een klein bestandje in je browser zorgt dat niemand anders jou kan buitensluiten bij het inloggen."""

TEKST = (
    V1.TEKST.replace(
        "- Wat je zelf schrijft: reflecties, herkenningsmomenten en je verhaal. Reflecties en je verhaal bewaren we versleuteld.\n",
        "- Wat je zelf schrijft: reflecties, herkenningsmomenten, je verhaal en je steunplan. Reflecties, je verhaal en je steunplan bewaren we versleuteld.\n",
    )
    .replace(
        '- Wat je schrijft in de community: gesprekken, berichten en je reacties "Herken ik".\n',
        '- Wat je schrijft in de community: gesprekken, berichten en je reacties "Herken ik". Ook die berichten bewaren we versleuteld.\n'
        "- Als je een pauze neemt van de community of woorden kiest die je liever niet ziet: die keuzes bewaren we, zodat het werkt. Je woorden bewaren we versleuteld.\n",
    )
    .replace(
        "- Wanneer je voor het laatst actief was (alleen de dag), en een logboek van belangrijke gebeurtenissen, zoals inloggen.\n",
        "- Wanneer je voor het laatst actief was (alleen de dag), en een logboek van belangrijke gebeurtenissen, zoals inloggen.\n"
        "- Een klein bestandje (cookie) in je browser dat onthoudt dat je hier eerder hebt ingelogd. Probeert iemand anders vaak een verkeerd wachtwoord voor jouw account, dan kun jij vanaf je eigen apparaat toch gewoon inloggen. Het bestandje bevat niet je e-mailadres en wordt niet voor iets anders gebruikt.\n",
    )
    .replace(
        "- Als een facilitator een gedeelde reflectie leest, zie jij wie dat was en wanneer.\n",
        "- Als een facilitator een gedeelde reflectie leest, zie jij wie dat was en wanneer.\n"
        "- Een facilitator leest alleen wat je deelde nadat die facilitator bij je groep kwam. Komt er een nieuwe facilitator bij je groep, dan krijg je een melding en zie je het op de pagina van je groep.\n"
        "- Je steunplan is alleen voor jou, tot je het zelf deelt. Ook dan zie je wie het las.\n",
    )
    .replace(
        "- Berichten in de community ziet iedereen die in die ruimte mag komen. Een facilitator kan een bericht verbergen als het niet past bij de afspraken.\n",
        "- Berichten in de community ziet alleen wie in die ruimte mag komen: de mensen van je groep, en in de ruimte van de hele academie de mensen die aan een groep meededen of welkom zijn geheten bij de inloop. Bij elke ruimte staat wie er meekijkt. Coördinatoren lezen geen berichten, behalve als ze moderator zijn; dan zie je dat ook bij die ruimte. Een facilitator kan een bericht verbergen als het niet past bij de afspraken.\n",
    )
    .replace(
        "Wat je schrijft in reflecties en je verhaal, is versleuteld opgeslagen.",
        "Wat je schrijft in reflecties, je verhaal, je steunplan en de community, is versleuteld opgeslagen.",
    )
)


def publiceer(apps, schema_editor):
    Privacyverklaring = apps.get_model("privacy", "Privacyverklaring")
    laatste = Privacyverklaring.objects.order_by("-versie").first()
    if laatste is None or laatste.versie != 1 or laatste.tekst != V1.TEKST:
        return  # a coordinator's own text: never overwrite it
    Privacyverklaring.objects.create(
        versie=2, samenvatting=SAMENVATTING, tekst=TEKST, gepubliceerd_op=timezone.now()
    )


def terug(apps, schema_editor):
    Privacyverklaring = apps.get_model("privacy", "Privacyverklaring")
    Toestemming = apps.get_model("privacy", "Toestemming")
    v2 = Privacyverklaring.objects.filter(versie=2, tekst=TEKST).first()
    if v2 is not None and not Toestemming.objects.filter(verklaring=v2).exists():
        v2.delete()


class Migration(migrations.Migration):
    dependencies = [("privacy", "0002_privacyverklaring_v1")]

    operations = [migrations.RunPython(publiceer, terug)]

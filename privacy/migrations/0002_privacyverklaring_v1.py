"""Publish version 1 of the privacy statement.

The text is content (Dutch, B1), so it lives in the database. It is written for a
herstelacademie that uses this software; a coordinator publishes changes as a new
version on /coordinator/privacy/, never by editing this migration.
"""

# ruff: noqa: E501 - each paragraph of the statement is one line: a line break in the
# text is a line break on the page.

from django.db import migrations

SAMENVATTING = "De eerste versie van onze privacyverklaring."

TEKST = """\
Wat fijn dat je er bent. In deze verklaring lees je welke gegevens de herstelacademie over jou bewaart, waarom, wie ze ziet en wat je zelf kunt doen. We schrijven het zo eenvoudig mogelijk. Heb je een vraag? Stel die gerust aan een coördinator van de academie.

Wie is verantwoordelijk?
De herstelacademie waar je een account hebt, is verantwoordelijk voor je gegevens. Deze website is het hulpmiddel dat de academie daarvoor gebruikt.

Welke gegevens bewaren we?
- Je e-mailadres en je wachtwoord. Je wachtwoord slaan we alleen versleuteld op; niemand kan het lezen.
- Je roepnaam: de naam die anderen zien. Dat hoeft niet je echte naam te zijn. We vragen nooit naar je echte naam, je geboortedatum of een diagnose.
- De groepen en cursussen waarvoor je je aanmeldt, en je aanwezigheid bij bijeenkomsten.
- Wat je zelf schrijft: reflecties, herkenningsmomenten en je verhaal. Reflecties en je verhaal bewaren we versleuteld.
- Wat je schrijft in de community: gesprekken, berichten en je reacties "Herken ik".
- Herinneringen voor de nazit, je antwoorden daarop, meldingen in de app en je keuzes voor e-mail.
- Wanneer je voor het laatst actief was (alleen de dag), en een logboek van belangrijke gebeurtenissen, zoals inloggen.

Waarom bewaren we dit?
- Zodat je kunt meedoen aan het aanbod van de academie en wij je kunnen laten weten als er iets verandert.
- Zodat je je eigen herstel kunt bijhouden, op je eigen manier en in je eigen woorden.
- Zodat de academie kan zien hoe het aanbod loopt. Daarvoor gebruiken we alleen aantallen, nooit wat je schrijft.
- Zodat we je account en je gegevens goed kunnen beveiligen.

Wie ziet wat?
- Je reflecties zijn standaard alleen voor jou. Jij kiest per reflectie of je hem deelt met de facilitators van je groep of met je groep. Delen kun je altijd weer intrekken.
- Als een facilitator een gedeelde reflectie leest, zie jij wie dat was en wanneer.
- Je verhaal is alleen voor jou, tot je het zelf deelt met een groep.
- Anderen in je groep zien alleen je roepnaam, niet je e-mailadres.
- Coördinatoren zien alleen aantallen, en alleen als het om minstens 5 mensen gaat. Zo is niemand te herkennen. Coördinatoren lezen nooit je reflecties, je herkenningsmomenten of je verhaal.
- Berichten in de community ziet iedereen die in die ruimte mag komen. Een facilitator kan een bericht verbergen als het niet past bij de afspraken.

Hoe lang bewaren we je gegevens?
- Zolang je een account hebt. Je kunt je account altijd zelf verwijderen. Je krijgt dan een korte bedenktijd, waarin je het nog ongedaan kunt maken.
- Na het verwijderen wissen we je reflecties, je verhaal en je notities. Je berichten in de community wissen we, of we laten ze staan zonder je naam: dat kies je zelf.
- Je aanwezigheid blijft alleen bewaard als aantal, zonder je naam. Zo kloppen de cijfers van de academie nog.
- Ben je lange tijd niet actief geweest, dan krijg je eerst een e-mail. Doe je daarna niets, dan verwijderen we je account. De academie bepaalt hoe lang die periode is.

Wat kun je zelf doen?
- Je gegevens downloaden: alles wat we over jou bewaren, in één bestand. Dat doe je bij "Mijn privacy".
- Je gegevens verbeteren: je roepnaam en je e-mailadres pas je zelf aan bij "Mijn account". Je reflecties en je verhaal pas je zelf aan.
- Je account verwijderen.
- Kiezen of je e-mails wilt over de nazit en een wekelijkse samenvatting van de community. Dat kun je altijd weer veranderen.
- Ben je het niet eens met hoe we met je gegevens omgaan? Zeg het tegen een coördinator. Komen jullie er samen niet uit, dan kun je een klacht indienen bij de Autoriteit Persoonsgegevens (autoriteitpersoonsgegevens.nl).

Logboek
We houden een logboek bij van belangrijke gebeurtenissen: inloggen, een mislukte poging om in te loggen, het downloaden van gegevens, het lezen van gedeelde reflecties en het verwijderen van een account. In dat logboek staat nooit wat je schrijft. Je kunt je eigen logboek zelf bekijken.

Wat we nooit doen
We verkopen je gegevens nooit. We geven ze niet aan anderen, zoals een zorgverlener, een gemeente of een werkgever. We gebruiken ze niet voor reclame. We sturen alleen e-mails over de academie, en alleen de e-mails die je zelf kiest, plus berichten die nodig zijn voor je account.

Beveiliging
Je gegevens staan op een beveiligde server. Wat je schrijft in reflecties en je verhaal, is versleuteld opgeslagen. Facilitators en coördinatoren loggen in met een extra stap (een code op hun telefoon).

Veranderingen
Als deze verklaring verandert, maken we een nieuwe versie. De volgende keer dat je inlogt, lees je wat er anders is en geef je opnieuw toestemming.
"""


def publiceer(apps, schema_editor):
    Privacyverklaring = apps.get_model("privacy", "Privacyverklaring")
    Privacyverklaring.objects.get_or_create(
        versie=1, defaults={"samenvatting": SAMENVATTING, "tekst": TEKST}
    )


class Migration(migrations.Migration):
    dependencies = [("privacy", "0001_initial")]

    operations = [migrations.RunPython(publiceer, migrations.RunPython.noop)]

"""Create a small, living demo academy (idempotent).

All demo accounts use the password below; the demo facilitator and coordinator have
two-step verification with a fixed TOTP secret so people and tools can log in.
"""

import datetime
import json

from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
from allauth.mfa.totp.internal.auth import TOTP
from django.conf import settings
from django.contrib.auth.models import Permission
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

from deelnemers.models import User
from groepen.models import (
    Aanbod,
    Aanwezigheid,
    Bijeenkomst,
    Groep,
    InloopTelling,
    Intervisiebijeenkomst,
    Intervisiegroep,
    IntervisieLid,
    Lidmaatschap,
    Sessielog,
)
from herstelmodel.models import (
    Gevoel,
    Herkenningsmoment,
    Reflectie,
    Steunplan,
    Verhaal,
    VerhaalVersie,
    Zichtbaarheid,
)
from nazorg import community, toegang
from nazorg import planning as nazit_planning
from ontwikkeling import demo_deur, demo_doorgroei
from ontwikkeling.demo_impact import maak_impact_demo
from privacy import toestemming as privacy_toestemming

DEMO_PASSWORD = "herstel-demo-2026"  # noqa: S105 - documented demo password
DEMO_TOTP_SECRET = "HERSTELACADEMIEDEMOTOTPGEHEIM234"  # noqa: S105 - documented

ACCOUNTS = [
    # email, roepnaam, coordinator, needs MFA
    ("deelnemer@demo.nl", "Sam", False, False),
    ("deelnemer2@demo.nl", "Noor", False, False),
    ("facilitator@demo.nl", "Ruben", False, True),
    ("coordinator@demo.nl", "Inge", True, True),
]
# More participants so groups feel alive; they cannot log in (unusable password).
EXTRA_DEELNEMERS = ["Fatima", "Joost", "Ayla", "Mees", "Linda", "Kees", "Yara", "Bram", "Esra"]

# titel: soort, beschrijving, voor wie, meenemen, locatie, bijeenkomsten, minuten, certificaat
AANBOD = {
    "WRAP – Herstel in eigen hand": dict(
        soort=Aanbod.Soort.CURSUS,
        beschrijving="In acht bijeenkomsten maak je je eigen plan: wat helpt jou om je goed te "
        "voelen, en wat doe je als het even minder gaat? Je leert van elkaars ervaringen.",
        voor_wie="Voor iedereen die meer grip wil op het eigen herstel. Ervaring met een "
        "plan maken is niet nodig.",
        meenemen="Een schrift of map, en je nieuwsgierigheid.",
        locatie="Buurthuis De Linde, zaal 2",
        aantal_bijeenkomsten=8,
        duur_minuten=150,
        certificaat=True,
    ),
    "Kennismaken met herstel": dict(
        soort=Aanbod.Soort.CURSUS,
        beschrijving="Een korte cursus voor wie wil ontdekken wat herstel voor jou kan "
        "betekenen. We praten over hoop, eigen regie en wat je al in je hebt.",
        voor_wie="Voor wie net begint, of gewoon eens wil kijken.",
        meenemen="Niets, alleen jezelf.",
        locatie="Herstelacademie, leslokaal",
        aantal_bijeenkomsten=4,
        duur_minuten=120,
        certificaat=False,
    ),
    "Herstelgroep Stemmen horen": dict(
        soort=Aanbod.Soort.HERSTELGROEP,
        beschrijving="Een doorlopende groep voor mensen die stemmen horen. Je deelt wat je "
        "wilt, in je eigen tempo.",
        voor_wie="Voor mensen die stemmen horen of andere bijzondere ervaringen hebben.",
        locatie="Herstelacademie, huiskamer",
        duur_minuten=120,
    ),
    "Workshop Schrijf je verhaal": dict(
        soort=Aanbod.Soort.WORKSHOP,
        beschrijving="Eén middag schrijven over je eigen weg, met korte opdrachten. "
        "Je hoeft niets voor te lezen.",
        meenemen="Pen en papier, of je laptop.",
        locatie="Herstelacademie, leslokaal",
        aantal_bijeenkomsten=1,
        duur_minuten=180,
    ),
    "Inloop": dict(
        soort=Aanbod.Soort.INLOOP,
        beschrijving="Loop binnen voor koffie, een praatje of gewoon even rust. Aanmelden "
        "hoeft niet.",
        locatie="Herstelacademie, huiskamer",
        duur_minuten=180,
    ),
}


# Sam's reflections: made up for the demo, in the voice of a participant.
DEMO_TEKSTEN = [
    "Iemand in de groep praatte de hele tijd door. Ik werd er onrustig van en weet nog niet "
    "goed waarom.",
    "Toen Noor vertelde over haar slechte nachten dacht ik: dat ken ik. Ik ben niet de enige.",
    "Vandaag weer die ergernis. Misschien zie ik in hem iets wat ik bij mezelf niet wil zien.",
    "Ik heb even stilgestaan bij het verdriet over mijn oude baan. Niet weggeduwd. Dat was "
    "zwaar, maar ook goed.",
    "Het voelde fijn dat de anderen knikten toen ik mijn verhaal deed.",
    "Na afloop nog koffie gedronken met Fatima. We spreken volgende week weer af.",
    "Moe vandaag. Het verdriet kwam terug, en dat mag.",
]
DEMO_VERHAAL = [
    (
        "overweldigd",
        "Drie jaar geleden ging het mis. Ik sliep niet meer en durfde de deur niet uit.",
    ),
    (
        "worstelen",
        "Ik probeerde alles alleen op te lossen. Dat lukte niet. Mijn zus bleef "
        "langskomen, ook als ik niet opendeed.",
    ),
    (
        "leven",
        "In de WRAP-groep leerde ik wat mij helpt: wandelen, vroeg naar bed, en op tijd "
        "aan de bel trekken.",
    ),
]

MAANDAG, DINSDAG, WOENSDAG, DONDERDAG, VRIJDAG = 0, 1, 2, 3, 4


def op_weekdag(datum: datetime.date, weekdag: int) -> datetime.date:
    """The given weekday in the same week as `datum` (Monday-based)."""
    return datum + datetime.timedelta(days=weekdag - datum.weekday())


class Command(BaseCommand):
    help = "Create the demo academy and demo accounts (idempotent)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--force", action="store_true", help="Also run when DEBUG is off (never in production)."
        )

    def handle(self, *args, force=False, **options):
        if not settings.DEBUG and not force:
            raise CommandError(
                "Refusing to create demo accounts with DEBUG off. Use --force if you are sure."
            )
        with transaction.atomic():
            users = {email: self._account(email, *rest) for email, *rest in ACCOUNTS}
            extra = [self._extra(naam) for naam in EXTRA_DEELNEMERS]
            aanbod = {titel: self._aanbod(titel, velden) for titel, velden in AANBOD.items()}
            self._groepen(users, extra, aanbod)
            self._herstelmodel(users, extra)
            self._facilitators(users)
            maak_impact_demo(users["facilitator@demo.nl"], aanbod)
            # Inge holds the explicit permission for lists with names, so the demo shows
            # that export (and its line in the audit trail).
            users["coordinator@demo.nl"].user_permissions.add(
                Permission.objects.get(content_type__app_label="impact", codename="export_named")
            )
            # The finished course gets its nazit moments and reminders, as the daily job would,
            # and the finished groups their community spaces, as the hourly job would.
            nazit_planning.plan_alle()
            demo_deur.nazit_met_datum()
            demo_deur.locaties_met_adres()
            community.maak_ruimtes()
            # Who looks in on the academy-wide space: Ruben, named by Inge (the cohort
            # spaces he moderates anyway, as their groups' facilitator).
            toegang.stel_moderator_aan(
                users["coordinator@demo.nl"],
                community.academieruimte(),
                users["facilitator@demo.nl"].email,
            )
            demo_deur.open_deur(users["facilitator@demo.nl"])
            demo_doorgroei.alles(users)
        self.stdout.write(self.style.SUCCESS("Demo academy ready. Password: " + DEMO_PASSWORD))

    def _account(self, email, roepnaam, coordinator, mfa):
        user, created = User.objects.get_or_create(
            email=email, defaults={"roepnaam": roepnaam, "is_coordinator": coordinator}
        )
        if created:
            user.set_password(DEMO_PASSWORD)
            user.save()
        EmailAddress.objects.update_or_create(
            user=user, email=email, defaults={"verified": True, "primary": True}
        )
        has_totp = Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()
        if mfa and not has_totp:
            TOTP.activate(user, DEMO_TOTP_SECRET)
            RecoveryCodes.activate(user)
        # Demo accounts have agreed to the privacy statement, so nothing stops them.
        privacy_toestemming.accepteer_geldende(user)
        return user

    def _extra(self, roepnaam):
        email = f"{roepnaam.lower()}@demo.nl"
        user, created = User.objects.get_or_create(email=email, defaults={"roepnaam": roepnaam})
        if created:
            user.set_unusable_password()
            user.save()
        return user

    def _aanbod(self, titel, velden):
        obj, _ = Aanbod.objects.get_or_create(titel=titel, defaults=velden)
        return obj

    def _groepen(self, users, extra, aanbod):
        vandaag = timezone.localdate()
        facilitator = users["facilitator@demo.nl"]
        sam, noor = users["deelnemer@demo.nl"], users["deelnemer2@demo.nl"]

        # A WRAP course on Tuesdays, halfway: 8 weekly meetings of 2.5 hours.
        wrap_start = op_weekdag(vandaag - datetime.timedelta(weeks=3), DINSDAG)
        wrap = self._groep(
            aanbod["WRAP – Herstel in eigen hand"],
            "WRAP – dinsdagmiddag",
            wrap_start,
            8,
            datetime.time(13, 30),
            capaciteit=12,
        )
        self._leden(wrap, facilitator, [sam, noor, *extra[:6]])
        self._aanwezigheid(wrap)

        # An ongoing recovery group every Thursday evening.
        stemmen_start = op_weekdag(vandaag - datetime.timedelta(weeks=10), DONDERDAG)
        stemmen = self._groep(
            aanbod["Herstelgroep Stemmen horen"],
            "Stemmen horen – donderdag",
            stemmen_start,
            16,
            datetime.time(19, 0),
            capaciteit=10,
            doorlopend=True,
        )
        self._leden(stemmen, facilitator, [sam, *extra[5:]])
        self._aanwezigheid(stemmen)

        # A finished course: Sam completed it; the black hole after it is what nazorg is for.
        oud_start = op_weekdag(vandaag - datetime.timedelta(weeks=14), MAANDAG)
        oud = self._groep(
            aanbod["Kennismaken met herstel"],
            "Kennismaken met herstel – zomer",
            oud_start,
            4,
            datetime.time(10, 0),
            capaciteit=12,
        )
        self._leden(oud, facilitator, [sam, *extra[2:7]])
        self._aanwezigheid(oud)

        # Coming up: the next run of the short course, and a workshop with one place left.
        kennis_start = op_weekdag(vandaag + datetime.timedelta(weeks=4), MAANDAG)
        kennis = self._groep(
            aanbod["Kennismaken met herstel"],
            "Kennismaken met herstel – maandagochtend",
            kennis_start,
            4,
            datetime.time(10, 0),
            capaciteit=12,
        )
        self._leden(kennis, facilitator, [noor])
        workshop_start = op_weekdag(vandaag + datetime.timedelta(weeks=2), WOENSDAG)
        workshop = self._groep(
            aanbod["Workshop Schrijf je verhaal"],
            "Schrijf je verhaal – woensdag",
            workshop_start,
            1,
            datetime.time(13, 0),
            capaciteit=6,
        )
        self._leden(workshop, facilitator, extra[:5])

        # The walk-in on Friday mornings: Ruben hosts, visits are counted, not registered.
        inloop_start = op_weekdag(vandaag - datetime.timedelta(weeks=8), VRIJDAG)
        inloop = self._groep(
            aanbod["Inloop"],
            "Inloop – vrijdag",
            inloop_start,
            16,
            datetime.time(10, 0),
            doorlopend=True,
        )
        self._leden(inloop, facilitator, [])
        self._inloop_tellingen(inloop, vandaag)

    def _groep(self, aanbod, naam, start, aantal, tijd, capaciteit=None, doorlopend=False):
        groep = Groep.objects.filter(naam=naam).first()
        if groep is not None:
            return groep
        eind = None if doorlopend else start + datetime.timedelta(weeks=aantal - 1)
        groep = Groep.objects.create(
            aanbod=aanbod,
            naam=naam,
            locatie=aanbod.locatie,
            capaciteit=capaciteit,
            startdatum=start,
            einddatum=eind,
        )
        tz = timezone.get_current_timezone()
        Bijeenkomst.objects.bulk_create(
            Bijeenkomst(
                groep=groep,
                begint_om=(
                    begin := datetime.datetime.combine(
                        start + datetime.timedelta(weeks=i), tijd, tzinfo=tz
                    )
                ),
                eindigt_om=begin + datetime.timedelta(minutes=aanbod.duur_minuten),
            )
            for i in range(aantal)
        )
        return groep

    def _leden(self, groep, facilitator, deelnemers):
        # The facilitator was there from before the start: they read what participants
        # shared since they became facilitator (herstelmodel.models.facilitator_sinds).
        begonnen = datetime.datetime.combine(
            groep.startdatum - datetime.timedelta(days=14),
            datetime.time(9),
            tzinfo=timezone.get_current_timezone(),
        )
        Lidmaatschap.objects.get_or_create(
            groep=groep,
            user=facilitator,
            defaults={
                "rol": Lidmaatschap.Rol.FACILITATOR,
                "sinds": begonnen,
                "status_sinds": begonnen,
            },
        )
        for user in deelnemers:
            Lidmaatschap.objects.get_or_create(
                groep=groep, user=user, defaults={"rol": Lidmaatschap.Rol.DEELNEMER}
            )

    def _aanwezigheid(self, groep):
        """Past meetings get a register: most people there, now and then someone not."""
        if Aanwezigheid.objects.filter(bijeenkomst__groep=groep).exists():
            return
        deelnemers = list(Lidmaatschap.objects.deelnemers().filter(groep=groep).order_by("pk"))
        rijen = []
        for i, bijeenkomst in enumerate(groep.bijeenkomsten.geweest()):
            for j, lid in enumerate(deelnemers):
                status = Aanwezigheid.Status.AANWEZIG
                if (i + j) % 7 == 3:
                    status = Aanwezigheid.Status.AFGEMELD
                elif (i * 3 + j) % 11 == 5:
                    status = Aanwezigheid.Status.AFWEZIG
                rijen.append(
                    Aanwezigheid(bijeenkomst=bijeenkomst, user_id=lid.user_id, status=status)
                )
        Aanwezigheid.objects.bulk_create(rijen)

    def _herstelmodel(self, users, extra):
        """Sam's path through the model (back and forth), herkenning moments at the WRAP
        meetings from several people (so the facilitator sees figures), and a story."""
        sam = users["deelnemer@demo.nl"]
        if Reflectie.objects.filter(auteur=sam).exists():
            return
        wrap = Groep.objects.get(naam="WRAP – dinsdagmiddag")
        zomer = Groep.objects.get(naam="Kennismaken met herstel – zomer")
        meetings = list(zomer.bijeenkomsten.geweest()) + list(wrap.bijeenkomsten.geweest())
        pad = [  # (step, feeling, visibility, text)
            (1, Gevoel.ONZEKER, Zichtbaarheid.ALLEEN_IK, DEMO_TEKSTEN[0]),
            (2, Gevoel.OPGELUCHT, Zichtbaarheid.ALLEEN_IK, DEMO_TEKSTEN[1]),
            (1, Gevoel.BOOS, Zichtbaarheid.ALLEEN_IK, DEMO_TEKSTEN[2]),
            (3, Gevoel.VERDRIETIG, Zichtbaarheid.ALLEEN_IK, DEMO_TEKSTEN[3]),
            (2, Gevoel.HOOPVOL, Zichtbaarheid.FACILITATORS, DEMO_TEKSTEN[4]),
            (4, Gevoel.DANKBAAR, Zichtbaarheid.GROEP, DEMO_TEKSTEN[5]),
            (3, Gevoel.MOE, Zichtbaarheid.FACILITATORS, DEMO_TEKSTEN[6]),
        ]
        now = timezone.now()
        for (stap, gevoel, zichtbaarheid, tekst), meeting in zip(pad, meetings, strict=False):
            moment = meeting.eindigt_om + datetime.timedelta(hours=2)
            Reflectie.objects.create(
                auteur=sam,
                groep=meeting.groep,
                bijeenkomst=meeting,
                stap=stap,
                gevoel=gevoel,
                tekst=tekst,
                zichtbaarheid=zichtbaarheid,
                aangemaakt_op=moment,
                gedeeld_op=moment if zichtbaarheid != Zichtbaarheid.ALLEEN_IK else None,
            )
        # Herkenning at each past WRAP meeting, from several participants.
        # Seven people, so that every meeting has at least five behind its figures
        # (deelnemers.privacy.MIN_AGGREGATE) though one or two skip a meeting.
        deelnemers = [sam, users["deelnemer2@demo.nl"], *extra[:5]]
        oorzaken = ["verhaal", "sfeer", "houding", "verhaal", "sfeer"]
        for i, meeting in enumerate(wrap.bijeenkomsten.geweest()):
            for j, user in enumerate(deelnemers):
                if (i + j) % 4 == 3:
                    continue
                niet = (i + j) % 5 == 4
                Herkenningsmoment.objects.create(
                    auteur=user,
                    groep=wrap,
                    bijeenkomst=meeting,
                    soort="niet_herkend" if niet else "herkend",
                    oorzaak="" if niet else oorzaken[(i + j) % 5],
                    belemmering="geen_ruimte" if niet else "",
                    aangemaakt_op=meeting.eindigt_om + datetime.timedelta(hours=1),
                )
        verhaal = Verhaal.objects.create(auteur=sam)
        for dagen, inhoud in ((20, DEMO_VERHAAL[:1]), (6, DEMO_VERHAAL)):
            VerhaalVersie.objects.create(
                verhaal=verhaal,
                titel="Vallen en opstaan",
                inhoud=json.dumps(dict(inhoud)),
                aangemaakt_op=now - datetime.timedelta(days=dagen),
            )
        # Sam's steunplan, private: the help box shows it when Sam writes something heavy.
        Steunplan.objects.create(
            auteur=sam,
            goed_voor_mij="Elke ochtend een rondje met de hond. Op tijd naar bed. "
            "Dinsdag naar de WRAP-groep.",
            signalen="Ik slaap slecht en zeg afspraken af. Ik ga niet meer naar buiten.",
            wat_helpt="Iemand bellen, ook als het moeilijk is. Muziek aan, douchen, "
            "iets kleins eten.",
            mensen="Mijn zus Eva (nummer staat in mijn telefoon).\n"
            "Ruben van de herstelacademie, op dinsdag.",
            plekken="De inloop op vrijdag. Het bankje in het park bij de vijver.",
        )

    def _facilitators(self, users):
        """Session logs for the older WRAP meetings (the latest one is still to do), and an
        intervisiegroep with a past meeting and the next one planned."""
        ruben = users["facilitator@demo.nl"]
        wrap = Groep.objects.get(naam="WRAP – dinsdagmiddag")
        geweest = list(wrap.bijeenkomsten.geweest().order_by("begint_om"))
        for bijeenkomst in geweest[:-1]:
            Sessielog.objects.get_or_create(
                bijeenkomst=bijeenkomst,
                defaults={
                    "sfeer": "Open en rustig. Er werd veel gelachen bij de koffie.",
                    "veiligheid": "Goed. Eén deelnemer had het even zwaar; na afloop nagepraat.",
                    "opvallend": "Iedereen deed mee met de oefening over steunbronnen.",
                    "opvolging": "Volgende keer de groepsafspraken nog eens samen lezen.",
                    "geschreven_door": ruben,
                    "bijgewerkt_door": ruben,
                },
            )
        groep, _ = Intervisiegroep.objects.get_or_create(
            naam="Intervisie facilitators",
            defaults={"beschrijving": "Elke maand, voor iedereen die een groep faciliteert."},
        )
        IntervisieLid.objects.get_or_create(groep=groep, user=ruben)
        if groep.bijeenkomsten.exists():
            return
        nu = timezone.localtime().replace(hour=16, minute=0, second=0, microsecond=0)
        Intervisiebijeenkomst.objects.create(
            groep=groep,
            begint_om=nu - datetime.timedelta(weeks=3),
            locatie="Herstelacademie, leslokaal",
            methode=Intervisiebijeenkomst.Methode.INCIDENT,
            thema=Intervisiebijeenkomst.Thema.DUBBELROL,
            inbrenger=ruben,
            vraag="Hoe blijf ik gelijkwaardig als ik iemand moet begrenzen?",
            inzichten="Begrenzen kan ook vanuit gelijkwaardigheid: benoem wat je zelf nodig hebt.",
            afspraken="Volgende keer oefenen met een rollenspel.",
            aangemaakt_door=ruben,
        )
        Intervisiebijeenkomst.objects.create(
            groep=groep,
            begint_om=nu + datetime.timedelta(weeks=1),
            locatie="Herstelacademie, leslokaal",
            methode=Intervisiebijeenkomst.Methode.SOCRATISCH,
            aangemaakt_door=ruben,
        )

    def _inloop_tellingen(self, groep, vandaag):
        if groep.inloop_tellingen.exists():
            return
        rijen = []
        for dagen_terug in range(1, 57):
            datum = vandaag - datetime.timedelta(days=dagen_terug)
            if datum.weekday() != VRIJDAG:
                continue
            ochtend = 6 + (dagen_terug * 7) % 9
            rijen.append(InloopTelling(groep=groep, datum=datum, dagdeel="ochtend", aantal=ochtend))
        InloopTelling.objects.bulk_create(rijen)

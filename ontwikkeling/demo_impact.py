"""Demo history for the coordinator's participation dashboard (called by `manage.py demo`).

A year of past courses, an ongoing group in a second location, attendance, completions,
nazit attendance, community activity and a few people who moved on to help, so every
figure on the dashboard is above the privacy threshold. Everything is made relative to
today. Idempotent: it runs once, recognised by its first group.
"""

import datetime
import random

from django.db import transaction
from django.utils import timezone

from deelnemers.models import User
from groepen.models import Aanbod, Aanwezigheid, Bijeenkomst, Groep, Lidmaatschap
from herstelmodel.models import Herkenningsmoment, Reflectie
from nazorg.models import Bericht, Draad, Herinnering, HerkenIk, NazitMoment, Ruimte

NAMEN = [
    "Anouk", "Bas", "Chantal", "Daan", "Eline", "Freek", "Gerda", "Hamid", "Iris", "Jeroen",
    "Karin", "Luuk", "Marieke", "Nadia", "Olaf", "Petra", "Quinten", "Rosa", "Sander", "Tamara",
    "Umut", "Vera", "Wouter", "Xandra", "Youssef", "Zoë", "Annelies", "Bert", "Carmen", "Dirk",
    "Emma", "Frank", "Gijs", "Hanna", "Ilse", "Jan",
]  # fmt: skip
TWEEDE_LOCATIE = "Wijkcentrum Oost"
EERSTE_GROEP = "WRAP – vorig najaar"
# Past courses: name, aanbod title, weeks ago it ended, meetings, first person in NAMEN.
CURSUSSEN = [
    (EERSTE_GROEP, "WRAP – Herstel in eigen hand", 44, 8, 0),
    ("Kennismaken met herstel – winter", "Kennismaken met herstel", 32, 4, 6),
    ("WRAP – voorjaar", "WRAP – Herstel in eigen hand", 20, 8, 12),
    ("Kennismaken met herstel – oost", "Kennismaken met herstel", 10, 4, 18),
    ("WRAP – najaar", "WRAP – Herstel in eigen hand", 3, 8, 22),
]
PER_CURSUS = 8


def _tijd(datum, uur=10):
    return timezone.make_aware(datetime.datetime.combine(datum, datetime.time(uur)))


def _deze_periode(vandaag, dagen_terug):
    """A day at most `dagen_terug` ago but within this quarter, so it shows by default."""
    kwartaal_begin = datetime.date(vandaag.year, 3 * ((vandaag.month - 1) // 3) + 1, 1)
    return max(kwartaal_begin, vandaag - datetime.timedelta(days=dagen_terug))


def _mensen():
    users = []
    for n, naam in enumerate(NAMEN, start=1):
        user, created = User.objects.get_or_create(
            email=f"deelnemer+{n}@demo.nl", defaults={"roepnaam": naam}
        )
        if created:
            user.set_unusable_password()
            user.save(update_fields=["password"])
        users.append(user)
    return users


def _groep(aanbod, naam, start, einde, locatie, dagen, facilitator):
    groep = Groep.objects.create(
        aanbod=aanbod, naam=naam, locatie=locatie, startdatum=start, einddatum=einde
    )
    Bijeenkomst.objects.bulk_create(
        Bijeenkomst(
            groep=groep,
            begint_om=_tijd(dag),
            eindigt_om=_tijd(dag) + datetime.timedelta(minutes=aanbod.duur_minuten),
        )
        for dag in dagen
    )
    Lidmaatschap.objects.create(
        groep=groep,
        user=facilitator,
        rol=Lidmaatschap.Rol.FACILITATOR,
        sinds=_tijd(start - datetime.timedelta(days=30)),
        status_sinds=_tijd(start - datetime.timedelta(days=30)),
    )
    return groep


def _leden(groep, users, sinds, **extra):
    Lidmaatschap.objects.bulk_create(
        Lidmaatschap(
            groep=groep,
            user=u,
            rol=Lidmaatschap.Rol.DEELNEMER,
            sinds=_tijd(sinds),
            status_sinds=_tijd(sinds),
            **extra,
        )
        for u in users
    )


def _register(groep, users, nu, seed):
    """Most people come; some miss a few; the last of each group often stays away."""
    rijen = []
    for i, b in enumerate(groep.bijeenkomsten.filter(begint_om__lt=nu).order_by("begint_om")):
        for j, u in enumerate(users):
            weg = (i + j + seed) % 6 == 0 or (j == len(users) - 1 and i % 2 == 1)
            status = Aanwezigheid.Status.AFWEZIG if weg else Aanwezigheid.Status.AANWEZIG
            rijen.append(Aanwezigheid(bijeenkomst=b, user=u, status=status))
    Aanwezigheid.objects.bulk_create(rijen)


def _nazorg(groep, users, einde, vandaag, ruimte):
    """Nazit moments that have passed, who came, and some community activity after."""
    for dagen, deel in [(14, 0.6), (42, 0.4), (91, 0.3)]:
        datum = einde + datetime.timedelta(days=dagen)
        if datum >= vandaag:
            continue  # the daily planning job plans the ones still ahead
        moment = NazitMoment.objects.create(groep=groep, dagen_na_einde=dagen, datum=datum)
        verstuurd = _tijd(datum - datetime.timedelta(days=7))
        Herinnering.objects.bulk_create(
            Herinnering(
                user=u,
                groep=groep,
                moment=moment,
                status=Herinnering.Status.VERZONDEN,
                verstuur_op=verstuurd,
                verzonden_op=verstuurd,
                aanwezig=j < len(users) * deel,
            )
            for j, u in enumerate(users)
        )
    schrijvers = users[2:6]
    for k, u in enumerate(schrijvers):
        dag = einde + datetime.timedelta(days=20 + 35 * k)
        if dag >= vandaag:
            continue
        draad = Draad.objects.create(
            ruimte=ruimte,
            titel="Hoe gaat het nu met jullie?",
            auteur=u,
            aangemaakt_op=_tijd(dag),
            laatste_activiteit=_tijd(dag),
        )
        bericht = Bericht.objects.create(
            draad=draad,
            auteur=u,
            tekst="Ik mis de groep wel. Wie heeft zin om een keer koffie te drinken?",
            aangemaakt_op=_tijd(dag),
        )
        for lezer in users[6:8]:
            HerkenIk.objects.create(bericht=bericht, user=lezer, aangemaakt_op=_tijd(dag, 15))


# Short private notes for the generated people; nobody reads them (their accounts cannot
# log in), they only give the modelspiegel real steps over time.
NOTITIES = [
    "Vandaag zag ik mezelf terug in wat iemand vertelde.",
    "Ik merkte dat ik boos werd, en daarna rustiger.",
    "Het lukte om iets over mezelf te zeggen in de groep.",
    "Een goede week. Ik heb weer eens gewandeld.",
    "Moeilijke dag, maar ik ben toch gegaan.",
    "Ik wil mijn verhaal ooit aan anderen vertellen.",
]
OORZAKEN = ["verhaal", "verhaal", "sfeer", "sfeer", "houding", "anders"]
BELEMMERINGEN = ["geen_ruimte", "te_anders", "niet_gehoord", "te_anders"]


def _reflecties(mensen, nu, seed=7):
    """Half a year of reflections and herkenning moments per person: steps drift upward
    with the back and forth that is normal in the model."""
    kans = random.Random(seed)  # noqa: S311 - demo data, not security
    reflecties, momenten = [], []
    for n, user in enumerate(mensen):
        stap = 1 + n % 3
        for week in range(26, 0, -2):
            if kans.random() < 0.25:
                continue
            stap = min(6, max(1, stap + kans.choice([-1, 0, 0, 1, 1])))
            moment = nu - datetime.timedelta(weeks=week, hours=kans.randint(0, 72))
            reflecties.append(
                Reflectie(auteur=user, stap=stap, tekst=kans.choice(NOTITIES), aangemaakt_op=moment)
            )
        for k in range(3):
            herkend = kans.random() < 0.75
            momenten.append(
                Herkenningsmoment(
                    auteur=user,
                    soort="herkend" if herkend else "niet_herkend",
                    oorzaak=kans.choice(OORZAKEN) if herkend else "",
                    belemmering="" if herkend else kans.choice(BELEMMERINGEN),
                    aangemaakt_op=nu - datetime.timedelta(weeks=4 + 6 * k, days=n % 5),
                )
            )
    Reflectie.objects.bulk_create(reflecties)
    Herkenningsmoment.objects.bulk_create(momenten)


def maak_impact_demo(facilitator, aanbod: dict):
    if Groep.objects.filter(naam=EERSTE_GROEP).exists():
        return
    vandaag = timezone.localdate()
    nu = timezone.now()
    mensen = _mensen()
    ruimte = Ruimte.objects.filter(groep__isnull=True).first() or Ruimte.objects.create(
        naam="Ontmoetingsplek"
    )
    with transaction.atomic():
        for naam, titel, weken, aantal, eerste in CURSUSSEN:
            einde = vandaag - datetime.timedelta(weeks=weken)
            start = einde - datetime.timedelta(weeks=aantal - 1)
            dagen = [start + datetime.timedelta(weeks=i) for i in range(aantal)]
            locatie = TWEEDE_LOCATIE if "oost" in naam else aanbod[titel].locatie
            groep = _groep(aanbod[titel], naam, start, einde, locatie, dagen, facilitator)
            users = [mensen[(eerste + k) % len(mensen)] for k in range(PER_CURSUS)]
            _leden(groep, users, start - datetime.timedelta(days=21))
            _register(groep, users, nu, seed=eerste)
            _nazorg(groep, users, einde, vandaag, ruimte)

        # An ongoing recovery group in the second location, meeting every other week.
        start = vandaag - datetime.timedelta(weeks=56)
        dagen = [start + datetime.timedelta(weeks=2 * i) for i in range(29)]
        stemmen = _groep(
            aanbod["Herstelgroep Stemmen horen"],
            "Herstelgroep – Oost",
            start,
            None,
            TWEEDE_LOCATIE,
            dagen,
            facilitator,
        )
        vaste_kern = mensen[26:36]
        _leden(stemmen, vaste_kern, start)
        _register(stemmen, vaste_kern, nu, seed=3)

        _reflecties(mensen, nu)

        # Moving on: five former participants now help, since this quarter.
        sinds = _tijd(_deze_periode(vandaag, 20))
        inloop = Groep.objects.filter(aanbod__soort=Aanbod.Soort.INLOOP).first()
        helpers = [(stemmen, mensen[0]), (stemmen, mensen[1]), (stemmen, mensen[6])]
        if inloop is not None:
            helpers += [(inloop, mensen[12]), (inloop, mensen[13])]
        Lidmaatschap.objects.bulk_create(
            Lidmaatschap(
                groep=g,
                user=u,
                rol=Lidmaatschap.Rol.FACILITATOR,
                vrijwilliger=True,
                sinds=sinds,
                status_sinds=sinds,
            )
            for g, u in helpers
        )

        # A course that starts soon: enrolments this quarter, and a waiting list.
        start = vandaag + datetime.timedelta(weeks=5)
        wrap = aanbod["WRAP – Herstel in eigen hand"]
        komend = _groep(
            wrap,
            "WRAP – na de jaarwisseling",
            start,
            start + datetime.timedelta(weeks=7),
            wrap.locatie,
            [start + datetime.timedelta(weeks=i) for i in range(8)],
            facilitator,
        )
        komend.capaciteit = 8
        komend.save(update_fields=["capaciteit"])
        _leden(komend, mensen[8:16], _deze_periode(vandaag, 12))
        _leden(
            komend,
            mensen[16:22],
            _deze_periode(vandaag, 6),
            status=Lidmaatschap.Status.WACHTLIJST,
        )

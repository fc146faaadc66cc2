"""Generate a large, realistic academy quickly (bulk inserts), for the benchmark.

    from ontwikkeling.benchmark.generate import Sizes, genereer
    academie = genereer(Sizes().scaled(0.01))

Every count in `Sizes` is created exactly (the tests check this). Three years of history:
groups of every kind of aanbod, weekly meetings, memberships with a waiting list and
cancellations, attendance for past meetings, reflections (most private, some shared),
herkenning moments, community spaces with threads and posts, one long thread and the
measured participant's notifications, nazit moments and due reminders. Everything is
random but seeded, so two runs build the same academy.

Reflection text, and community post text and thread titles, are encrypted per row by
EncryptedTextField, as in production. That costs
about 11 µs a row (100,000 rows: about a second), so no shortcut is taken.
"""

import dataclasses
import datetime
import random
from collections import defaultdict

from allauth.account.models import EmailAddress
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from django.contrib.auth.hashers import make_password
from django.db import connection, transaction
from django.db.models import Count, F, OuterRef, Subquery, Value
from django.db.models.functions import Least
from django.utils import timezone

from deelnemers.models import User
from groepen.models import Aanbod, Aanwezigheid, Bijeenkomst, Groep, Lidmaatschap, Locatie
from herstelmodel.models import Reflectie
from nazorg.models import Bericht, Draad, Herinnering, Melding, RichtlijnAkkoord, Ruimte
from privacy.models import Privacyverklaring, Toestemming

from .bulk import JAREN, bulk, op_dag, verdeel
from .herstel_data import HerstelBouwer
from .nazorg_data import NazorgBouwer
from .plekken import inloop_begin, inloop_data, maak_plekken

# Known credentials of the generated accounts (they exist only in the benchmark database).
PASSWORD = "benchmark-herstel-2026"  # noqa: S105 - benchmark accounts only
DOMEIN = "benchmark.invalid"

AANBOD = [
    # titel, soort, meetings per group (None: ongoing), share of the groups
    ("WRAP – Herstel in eigen hand", Aanbod.Soort.CURSUS, 8, 14),
    ("Kennismaken met herstel", Aanbod.Soort.CURSUS, 4, 12),
    ("Herstellen doe je zelf", Aanbod.Soort.CURSUS, 10, 10),
    ("Omgaan met somberheid", Aanbod.Soort.CURSUS, 6, 10),
    ("Ervaringsdeskundigheid, de basis", Aanbod.Soort.CURSUS, 8, 8),
    ("Herstelgroep Stemmen horen", Aanbod.Soort.HERSTELGROEP, None, 6),
    ("Herstelgroep Na de opname", Aanbod.Soort.HERSTELGROEP, None, 6),
    ("Lotgenotengroep Rouw en verlies", Aanbod.Soort.LOTGENOTEN, None, 4),
    ("Workshop Schrijf je verhaal", Aanbod.Soort.WORKSHOP, 1, 10),
    ("Mindfulness en meditatie", Aanbod.Soort.CREATIEF, 1, 8),
    ("Workshop Je krachten", Aanbod.Soort.WORKSHOP, 1, 8),
    ("Inloop", Aanbod.Soort.INLOOP, None, 4),
]
# How many meetings an ongoing group weighs against a course when meetings are shared out.
GEWICHT_DOORLOPEND = 20
NAMEN = ["Sam", "Noor", "Fatima", "Joost", "Ayla", "Mees", "Linda", "Kees", "Yara", "Bram"]


@dataclasses.dataclass
class Sizes:
    deelnemers: int = 5_000
    groepen: int = 300
    bijeenkomsten: int = 2_400
    aanwezigheden: int = 40_000
    reflecties: int = 100_000
    berichten: int = 20_000
    herinneringen: int = 10_000
    # One person's load, the same in a small academy as in a large one (not scaled): the
    # posts of one long thread (on top of `berichten`), and the measured participant's
    # notifications (as many as there are replies for, up to this).
    lange_draad: int = 300
    meldingen: int = 500

    def scaled(self, factor: float) -> "Sizes":
        # At least a few groups, so every kind of aanbod and a running course exist.
        minimum = {"groepen": 12, "deelnemers": 30, "bijeenkomsten": 40}
        vast = {"lange_draad", "meldingen"}
        return Sizes(
            **{
                f.name: getattr(self, f.name)
                if f.name in vast
                else max(minimum.get(f.name, 1), round(getattr(self, f.name) * factor))
                for f in dataclasses.fields(self)
            }
        )


@dataclasses.dataclass
class Academie:
    """What the measurements need: the counts made and a person per role with their pages."""

    aantallen: dict
    deelnemer: User
    facilitator: User
    coordinator: User
    groep: Groep  # a running course with the deelnemer and the facilitator in it
    bijeenkomst: Bijeenkomst  # its most recent past meeting (the attendance register)
    aanbod: Aanbod
    locatie: Locatie  # the main building: the walk-in opens there
    ruimte: Ruimte  # the academy-wide community space (the busiest)
    draad: Draad  # the long thread in it, started by the deelnemer
    totp_secret: str  # the staff accounts' TOTP secret, new for every run
    deelnemers: list  # ids, for the load test
    facilitators: list
    coordinators: list


class _Bouwer(NazorgBouwer, HerstelBouwer):
    def __init__(self, sizes: Sizes, seed: int, log):
        self.s = sizes
        self.rnd = random.Random(seed)  # noqa: S311 - test data, seeded on purpose
        self.log = log
        self.vandaag = timezone.localdate()
        self.nu = timezone.now()
        # New for every run (a fixed one would be a key-looking literal in the repository).
        self.totp_secret = generate_totp_secret()

    # --- people -----------------------------------------------------------------------

    def mensen(self):
        s, rnd = self.s, self.rnd
        wachtwoord = make_password(PASSWORD)  # hashed once; every account shares it
        self.aantal_facilitators = max(2, s.groepen // 5)
        rijen = []
        for i in range(s.deelnemers):
            rijen.append(
                User(
                    email=f"deelnemer{i}@{DOMEIN}",
                    roepnaam=f"{NAMEN[i % len(NAMEN)]} {i}",
                    password=wachtwoord,
                    date_joined=self.nu - datetime.timedelta(days=rnd.randint(0, 365 * JAREN)),
                    laatst_actief=self.vandaag - datetime.timedelta(days=rnd.randint(0, 200)),
                )
            )
        for i in range(self.aantal_facilitators):
            rijen.append(
                User(
                    email=f"facilitator{i}@{DOMEIN}",
                    roepnaam=f"Facilitator {i}",
                    password=wachtwoord,
                )
            )
        for i in range(3):
            rijen.append(
                User(
                    email=f"coordinator{i}@{DOMEIN}",
                    roepnaam=f"Coördinator {i}",
                    password=wachtwoord,
                    is_coordinator=True,
                )
            )
        users = bulk(User, rijen)
        bulk(
            EmailAddress,
            [EmailAddress(user=u, email=u.email, verified=True, primary=True) for u in users],
        )
        self.deelnemers = users[: s.deelnemers]
        self.facilitators = users[s.deelnemers : s.deelnemers + self.aantal_facilitators]
        self.coordinators = users[s.deelnemers + self.aantal_facilitators :]
        # Staff must have two-step verification, or every page sends them to set it up.
        for user in [*self.facilitators, *self.coordinators]:
            TOTP.activate(user, self.totp_secret)
        # Everyone accepted the community guidelines, so community pages open directly.
        bulk(RichtlijnAkkoord, [RichtlijnAkkoord(user=u) for u in self.deelnemers])
        # ... and the privacy statement in force, if one is published (else every page
        # would send them to accept it first).
        verklaring = Privacyverklaring.objects.geldend()
        if verklaring is not None:
            bulk(Toestemming, [Toestemming(user=u, verklaring=verklaring) for u in users])

    # --- offer, groups, meetings --------------------------------------------------------

    def aanbod_en_groepen(self):
        s, rnd = self.s, self.rnd
        # Real places (plekken.py): the walk-in in the main building, the rest spread.
        self.plekken, oude_plek = maak_plekken()
        hoofd = self.plekken[0]
        self.aanbod = bulk(
            Aanbod,
            [
                Aanbod(
                    titel=titel,
                    soort=soort,
                    beschrijving="Samen leren van elkaars ervaringen. " * 4,
                    plek=hoofd if soort == Aanbod.Soort.INLOOP else rnd.choice(self.plekken),
                    aantal_bijeenkomsten=n,
                    certificaat=soort == Aanbod.Soort.CURSUS,
                )
                for titel, soort, n, _aandeel in AANBOD
            ],
        )
        # Every aanbod gets a group when there are enough; the rest follows the shares.
        vast = 1 if s.groepen >= len(AANBOD) else 0
        soorten = [
            vast + n
            for n in verdeel(s.groepen - vast * len(AANBOD), [aandeel for *_x, aandeel in AANBOD])
        ]
        # Index 0 (the first WRAP group) is the running course the measurements use.
        per_groep = [a for a, n in zip(self.aanbod, soorten, strict=True) for _ in range(n)]
        rnd.shuffle(per_groep)
        wrap = self.aanbod[0]
        per_groep.remove(wrap)
        per_groep.insert(0, wrap)
        gewichten = [
            a.aantal_bijeenkomsten or GEWICHT_DOORLOPEND
            for a in per_groep  # ongoing groups and the walk-in meet more often
        ]
        aantallen = verdeel(s.bijeenkomsten, gewichten)
        # The running course keeps its 8 meetings: 3 behind it, 5 to come.
        verschil = aantallen[0] - 8
        if verschil and len(aantallen) > 1:
            aantallen[0] = 8
            grootste = max(range(1, len(aantallen)), key=lambda i: aantallen[i])
            aantallen[grootste] += verschil
        span = 365 * JAREN
        oud = self.vandaag - datetime.timedelta(days=2 * 365)
        inloop_open = False  # one walk-in group gets the coming openings
        groepen, planning = [], []
        for i, (aanbod, n) in enumerate(zip(per_groep, aantallen, strict=True)):
            if i == 0:
                start = self.vandaag - datetime.timedelta(days=17)
            elif aanbod.soort == Aanbod.Soort.INLOOP:
                start = self.vandaag - datetime.timedelta(days=span)
            else:
                start = self.vandaag - datetime.timedelta(days=rnd.randint(-60, span))
            stap = 7
            if aanbod.soort == Aanbod.Soort.INLOOP and n > 0:
                stap = max(1, span // n)  # the walk-in's counted days, spread over the years
            data = [start + datetime.timedelta(days=stap * k) for k in range(n)]
            if aanbod.soort == Aanbod.Soort.INLOOP and not inloop_open:
                data = inloop_data(self.vandaag, data)
                inloop_open = True
            doorlopend = aanbod.soort == Aanbod.Soort.INLOOP or (
                aanbod.aantal_bijeenkomsten is None and data and data[-1] >= self.vandaag
            )
            einde = None if doorlopend or not data else data[-1]
            groepen.append(
                Groep(
                    aanbod=aanbod,
                    naam=f"{aanbod.titel} – groep {i + 1}",
                    # Groups that ended long ago met in the old building.
                    plek=oude_plek if einde and einde < oud else aanbod.plek,
                    capaciteit=None if aanbod.aantal_bijeenkomsten is None else 16,
                    startdatum=start,
                    einddatum=einde,
                )
            )
            planning.append(data)
        self.groepen = bulk(Groep, groepen)
        rijen = []
        for groep, data in zip(self.groepen, planning, strict=True):
            inloop = groep.aanbod.soort == Aanbod.Soort.INLOOP
            for dag in data:
                begin = inloop_begin(dag) if inloop else op_dag(dag)
                rijen.append(
                    Bijeenkomst(
                        groep=groep,
                        begint_om=begin,
                        eindigt_om=begin + datetime.timedelta(hours=2),
                        geannuleerd=rnd.random() < 0.02,
                    )
                )
        bijeenkomsten = bulk(Bijeenkomst, rijen)
        self.bijeenkomsten_van = defaultdict(list)
        for b in bijeenkomsten:
            self.bijeenkomsten_van[b.groep_id].append(b)
        self.geweest_van = {
            g: [b for b in bs if b.begint_om < self.nu and not b.geannuleerd]
            for g, bs in self.bijeenkomsten_van.items()
        }

    # --- memberships and attendance ------------------------------------------------------

    def lidmaatschappen(self):
        s, rnd = self.s, self.rnd
        met_leden = [g for g in self.groepen if g.aanbod.soort != Aanbod.Soort.INLOOP]
        verleden = sum(len(self.geweest_van.get(g.pk, [])) for g in met_leden) or 1
        # Enough members per group that the requested attendance fits, with some to spare.
        gemiddeld = max(6, min(40, round(s.aanwezigheden * 1.4 / verleden) + 1))
        gemiddeld = min(gemiddeld, s.deelnemers)
        rij = list(self.deelnemers[1:])
        rnd.shuffle(rij)
        cursor = 0
        leden, self.leden_van = [], defaultdict(list)
        for groep in met_leden:
            aantal = max(3, min(len(rij), gemiddeld + rnd.randint(-2, 2)))
            gekozen = {self.deelnemers[0]} if groep.pk == self.groepen[0].pk else set()
            while len(gekozen) < aantal:
                gekozen.add(rij[cursor % len(rij)] if rij else self.deelnemers[0])
                cursor += 1
            for user in gekozen:
                r = rnd.random()
                status = Lidmaatschap.Status.ACTIEF
                if user != self.deelnemers[0] and r < 0.04:
                    status = Lidmaatschap.Status.WACHTLIJST
                elif user != self.deelnemers[0] and r < 0.09:
                    status = Lidmaatschap.Status.UITGESCHREVEN
                sinds = op_dag(groep.startdatum) - datetime.timedelta(days=rnd.randint(3, 40))
                leden.append(
                    Lidmaatschap(
                        groep=groep,
                        user=user,
                        rol=Lidmaatschap.Rol.DEELNEMER,
                        status=status,
                        vrijwilliger=rnd.random() < 0.02,
                        sinds=sinds,
                        status_sinds=sinds,
                    )
                )
                if status == Lidmaatschap.Status.ACTIEF:
                    self.leden_van[groep.pk].append(user)
        # The measured participant also finished two earlier courses.
        eerder = [
            g
            for g in met_leden[1:]
            if g.einddatum
            and g.einddatum < self.vandaag
            and self.deelnemers[0] not in self.leden_van[g.pk]
        ][:2]
        for groep in eerder:
            leden.append(
                Lidmaatschap(groep=groep, user=self.deelnemers[0], rol=Lidmaatschap.Rol.DEELNEMER)
            )
            self.leden_van[groep.pk].append(self.deelnemers[0])
        # Two facilitators per group (one for a workshop); facilitator 0 runs the measured group.
        for i, groep in enumerate(self.groepen):
            aantal = 1 if groep.aanbod.soort == Aanbod.Soort.WORKSHOP else 2
            for k in range(min(aantal, len(self.facilitators))):
                fac = self.facilitators[(2 * i + k) % len(self.facilitators)]
                leden.append(Lidmaatschap(groep=groep, user=fac, rol=Lidmaatschap.Rol.FACILITATOR))
        bulk(Lidmaatschap, leden)

    def aanwezigheid(self):
        paren = [
            (b, u)
            for g in self.groepen
            for b in self.geweest_van.get(g.pk, [])
            for u in self.leden_van.get(g.pk, [])
        ]
        if len(paren) < self.s.aanwezigheden:
            raise ValueError(
                f"Only {len(paren)} attendance records fit; ask for fewer or for more meetings."
            )
        gekozen = self.rnd.sample(paren, self.s.aanwezigheden)
        statussen = [Aanwezigheid.Status.AANWEZIG] * 17 + [
            Aanwezigheid.Status.AFGEMELD,
            Aanwezigheid.Status.AFGEMELD,
            Aanwezigheid.Status.AFWEZIG,
        ]
        bulk(
            Aanwezigheid,
            [
                Aanwezigheid(bijeenkomst=b, user=u, status=self.rnd.choice(statussen))
                for b, u in gekozen
            ],
        )
        self.aanwezig = gekozen


def geschiedenis():
    """Give every row the "last changed" moment it would have had, not the moment it was
    generated: a reflection changed when it was written, attendance ticked at the end of
    its meeting (never in the future). Bulk loading sets these to "now" (auto_now), which
    an academy with years of history never has; the monthly summaries
    (impact/samenvatting.py) would read that as "everything just changed" and recompute
    every month on every visit, so the benchmark would measure a state no real academy
    is in. Two set-based UPDATEs (update() skips auto_now)."""
    nu = timezone.now()
    Reflectie.objects.update(gewijzigd_op=F("aangemaakt_op"))
    einde = Bijeenkomst.objects.filter(pk=OuterRef("bijeenkomst_id")).values("eindigt_om")[:1]
    Aanwezigheid.objects.update(bijgewerkt_op=Least(Subquery(einde), Value(nu)))


def genereer(sizes: Sizes | None = None, seed: int = 2026, log=None) -> Academie:
    """Build the academy in the current database (which should be empty) and return it."""
    sizes = sizes or Sizes()
    log = log or (lambda message: None)
    b = _Bouwer(sizes, seed, log)
    stappen = [
        ("people", b.mensen),
        ("offer, groups and meetings", b.aanbod_en_groepen),
        ("memberships", b.lidmaatschappen),
        ("attendance", b.aanwezigheid),
        ("reflections and herkenning moments", b.reflecties),
        ("community", b.community),
        ("a long thread and notifications", lambda: (b.lange_draad(), b.meldingen())),
        ("nazit moments and reminders", b.nazit),
        ("history as it was written", geschiedenis),
    ]
    with transaction.atomic():
        for naam, stap in stappen:
            begin = timezone.now()
            stap()
            log(f"  {naam}: {(timezone.now() - begin).total_seconds():.1f} s")
    if connection.vendor == "postgresql":
        # A live database has planner statistics and a visibility map (autovacuum keeps
        # both); freshly bulk-loaded tables have neither yet: plans made without
        # statistics would mislead, and without the visibility map no index-only scan
        # can skip the rows themselves, as it does on a settled academy.
        # (VACUUM cannot run inside a transaction: a test's database gets ANALYZE only.)
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE" if connection.in_atomic_block else "VACUUM ANALYZE")
    groep = b.groepen[0]
    geweest = b.geweest_van.get(groep.pk) or b.bijeenkomsten_van[groep.pk]
    return Academie(
        aantallen=tel(),
        deelnemer=b.deelnemers[0],
        facilitator=b.facilitators[0],
        coordinator=b.coordinators[0],
        groep=groep,
        bijeenkomst=geweest[-1],
        aanbod=groep.aanbod,
        locatie=b.plekken[0],
        ruimte=b.ruimte,
        draad=b.draad,
        totp_secret=b.totp_secret,
        deelnemers=[u.pk for u in b.deelnemers],
        facilitators=[u.pk for u in b.facilitators],
        coordinators=[u.pk for u in b.coordinators],
    )


def tel() -> dict:
    """The sizes that matter, counted in the database. `berichten` leaves out the posts
    of the long thread (the one with the most posts), counted as `lange_draad`."""
    langste = Draad.objects.annotate(n=Count("berichten")).order_by("-n", "pk").first()
    lang = langste.n if langste else 0
    return {
        "deelnemers": User.objects.filter(email__startswith="deelnemer").count(),
        "groepen": Groep.objects.count(),
        "bijeenkomsten": Bijeenkomst.objects.count(),
        "aanwezigheden": Aanwezigheid.objects.count(),
        "reflecties": Reflectie.objects.count(),
        "berichten": Bericht.objects.count() - lang,
        "herinneringen": Herinnering.objects.count(),
        "lange_draad": lang,
        "meldingen": Melding.objects.filter(user__email=f"deelnemer0@{DOMEIN}").count(),
    }

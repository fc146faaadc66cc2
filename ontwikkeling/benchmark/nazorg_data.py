"""The nazorg part of the generated academy: community spaces, threads and posts, one
long thread, the measured participant's notifications, and nazit plans, moments and due
reminders. Mixed into the builder in generate.py."""

import datetime
from collections import defaultdict

from django.urls import reverse

from groepen.models import Aanbod
from nazorg.models import (
    Bericht,
    BerichtVersie,
    Draad,
    Herinnering,
    HerkenIk,
    Melding,
    NazitMoment,
    NazitPlanMoment,
    Ruimte,
)

from .bulk import bulk, verdeel

POSTS = [
    "Herkent iemand dit? Ik slaap slecht sinds de cursus voorbij is.",
    "Fijn om jullie hier weer te zien. Wie komt er naar de nazit?",
    "Ik heb deze week voor het eerst weer een wandeling gemaakt.",
    "Dank voor jullie reacties vorige keer. Het hielp echt.",
    "Tip: de bibliotheek heeft een leesclub, rustig en gezellig.",
]


def _link(bericht) -> str:
    return reverse("draad", kwargs={"pk": bericht.draad_id}) + f"#bericht-{bericht.pk}"


class NazorgBouwer:
    def afgerond(self):
        return [
            g
            for g in self.groepen
            if g.einddatum and g.einddatum < self.vandaag and self.leden_van.get(g.pk)
        ]

    def community(self):
        s, rnd = self.s, self.rnd
        academie = Ruimte.objects.create(naam="De hele academie", anoniem_toegestaan=True)
        cohorten = bulk(Ruimte, [Ruimte(naam=g.naam, groep=g) for g in self.afgerond()])
        self.ruimte = academie
        draden_aantal = max(1, s.berichten // 5)
        draden = []
        for i in range(draden_aantal):
            ruimte = academie if i % 5 < 2 or not cohorten else rnd.choice(cohorten)
            leden = self.leden_van.get(ruimte.groep_id) if ruimte.groep_id else None
            auteur = rnd.choice(leden or self.deelnemers)
            wanneer = self.nu - datetime.timedelta(minutes=rnd.randint(10, 60 * 24 * 700))
            draden.append(
                Draad(
                    ruimte=ruimte,
                    titel=f"Draad {i + 1}: hoe gaat het nu?",
                    auteur=auteur,
                    aangemaakt_op=wanneer,
                    laatste_activiteit=wanneer,
                )
            )
        draden = bulk(Draad, draden)
        # Every thread has its opening post; the replies are spread unevenly.
        antwoorden = verdeel(s.berichten - len(draden), [rnd.uniform(0.3, 2.0) for _ in draden])
        berichten = []
        for draad, n in zip(draden, antwoorden, strict=True):
            leden = self.leden_van.get(draad.ruimte.groep_id) if draad.ruimte.groep_id else None
            for k in range(1 + n):
                berichten.append(
                    Bericht(
                        draad=draad,
                        auteur=draad.auteur if k == 0 else rnd.choice(leden or self.deelnemers),
                        tekst=POSTS[(draad.pk + k) % len(POSTS)],
                        aangemaakt_op=draad.aangemaakt_op + datetime.timedelta(hours=k),
                        status="verborgen" if rnd.random() < 0.01 else "zichtbaar",
                    )
                )
        berichten = bulk(Bericht, berichten)
        herken = {
            (b.pk, rnd.choice(self.deelnemers).pk)
            for b in rnd.sample(berichten, len(berichten) // 4)
        }
        bulk(HerkenIk, [HerkenIk(bericht_id=b, user_id=u) for b, u in herken])

    def lange_draad(self):
        """One long conversation in the academy-wide space, started by the measured
        participant, who also writes every tenth reply: some posts edited (with their
        earlier version), some anonymous, a few hidden, "Herken ik" on a third of them."""
        s, rnd, sam = self.s, self.rnd, self.deelnemers[0]
        begin = self.nu - datetime.timedelta(days=60)
        draad = Draad.objects.create(
            ruimte=self.ruimte,
            titel="Hoe houden jullie het vol na de cursus?",
            auteur=sam,
            aangemaakt_op=begin,
            laatste_activiteit=self.nu,
        )
        stap = (self.nu - begin) / max(1, s.lange_draad)
        rijen = []
        for k in range(s.lange_draad):
            eigen = k % 10 == 0
            wanneer = begin + stap * k
            rijen.append(
                Bericht(
                    draad=draad,
                    auteur=sam if eigen else rnd.choice(self.deelnemers[1:] or self.deelnemers),
                    anoniem=not eigen and rnd.random() < 0.1,
                    tekst=POSTS[k % len(POSTS)] + f" ({k + 1})",
                    aangemaakt_op=wanneer,
                    bewerkt_op=wanneer + datetime.timedelta(minutes=20) if k % 7 == 3 else None,
                    status="verborgen" if k and rnd.random() < 0.01 else "zichtbaar",
                )
            )
        berichten = bulk(Bericht, rijen)
        bulk(
            BerichtVersie,
            [
                BerichtVersie(bericht=b, tekst=POSTS[0], vervangen_op=b.bewerkt_op)
                for b in berichten
                if b.bewerkt_op
            ],
        )
        herken = []
        for b in berichten:
            if rnd.random() < 1 / 3:
                for user in rnd.sample(self.deelnemers, min(len(self.deelnemers), 6)):
                    if user.pk != b.auteur_id:
                        herken.append(HerkenIk(bericht=b, user=user))
        bulk(HerkenIk, herken)
        self.draad, self.lange_berichten = draad, berichten

    def meldingen(self):
        """The measured participant's notifications, as nazorg/gesprekmeldingen.py writes
        them: "Herken ik" on their own posts in the long thread (one per post, grouped),
        and a reply notification for every reply of someone else in it, then in the other
        threads of the academy-wide space; the newest four in five unread."""
        s, sam = self.s, self.deelnemers[0]
        herkend = defaultdict(int)
        for bericht_id, user_id in HerkenIk.objects.filter(
            bericht__in=[b for b in self.lange_berichten if b.auteur_id == sam.pk]
        ).values_list("bericht_id", "user_id"):
            herkend[bericht_id] += user_id != sam.pk
        eigen = [b for b in self.lange_berichten if herkend.get(b.pk)]
        reacties = [b for b in reversed(self.lange_berichten) if b.auteur_id != sam.pk]
        elders = (
            Bericht.objects.filter(draad__ruimte=self.ruimte, status="zichtbaar")
            .exclude(draad=self.draad)
            .exclude(auteur=sam)
            .order_by("-aangemaakt_op")
            .only("pk", "draad_id", "aangemaakt_op")[: s.meldingen]
        )
        rijen = [
            Melding(
                user=sam,
                soort=Melding.Soort.HERKEN_IK,
                bericht=b,
                aantal=herkend[b.pk],
                titel=f"{herkend[b.pk]} mensen herkennen je bericht",
                link=_link(b),
                aangemaakt_op=b.aangemaakt_op + datetime.timedelta(hours=1),
            )
            for b in eigen
        ]
        for b in [*reacties, *elders][: max(0, s.meldingen - len(rijen))]:
            rijen.append(
                Melding(
                    user=sam,
                    soort=Melding.Soort.REACTIE,
                    bericht=b,
                    titel="Nieuwe reactie in een gesprek waar je aan meedoet",
                    link=_link(b),
                    aangemaakt_op=b.aangemaakt_op,
                )
            )
        rijen = rijen[: s.meldingen]
        rijen.sort(key=lambda m: m.aangemaakt_op, reverse=True)
        gelezen = len(rijen) * 4 // 5
        for m in rijen[gelezen:]:
            m.gelezen_op = m.aangemaakt_op + datetime.timedelta(hours=2)
        bulk(Melding, rijen)

    def nazit(self):
        s, rnd = self.s, self.rnd
        dagen = [14, 42, 91, 182, 273, 365]
        afgerond = [g for g in self.afgerond() if g.aanbod.soort != Aanbod.Soort.INLOOP]
        leden = sum(len(self.leden_van[g.pk]) for g in afgerond)
        stappen = 3
        while leden * stappen < s.herinneringen and stappen < len(dagen):
            stappen += 1
        if leden * stappen < s.herinneringen:
            raise ValueError(f"Only {leden * stappen} reminders fit; ask for fewer.")
        soorten = {a.pk for a in self.aanbod if a.soort != Aanbod.Soort.INLOOP}
        bulk(
            NazitPlanMoment,
            [
                NazitPlanMoment(aanbod_id=a, dagen_na_einde=d)
                for a in soorten
                for d in dagen[:stappen]
            ],
        )
        momenten = bulk(
            NazitMoment,
            [
                NazitMoment(
                    groep=g, dagen_na_einde=d, datum=g.einddatum + datetime.timedelta(days=d)
                )
                for g in afgerond
                for d in dagen[:stappen]
            ],
        )
        paren = [(m, u) for m in momenten for u in self.leden_van[m.groep_id]]
        due = self.nu - datetime.timedelta(minutes=5)
        bulk(
            Herinnering,
            [
                Herinnering(user=u, groep_id=m.groep_id, moment=m, verstuur_op=due)
                for m, u in rnd.sample(paren, s.herinneringen)
            ],
        )

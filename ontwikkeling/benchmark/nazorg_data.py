"""The nazorg part of the generated academy: community spaces, threads and posts, and
nazit plans, moments and due reminders. Mixed into the builder in generate.py."""

import datetime

from groepen.models import Aanbod
from nazorg.models import (
    Bericht,
    Draad,
    Herinnering,
    HerkenIk,
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

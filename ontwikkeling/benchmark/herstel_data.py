"""The herstelmodel part of the generated academy: reflections (most private, some shared
with the facilitators or the group) and herkenning moments. Mixed into the builder in
generate.py."""

import datetime

from herstelmodel.models import Herkenningsmoment, Reflectie, Stap, Zichtbaarheid

from .bulk import JAREN, bulk

TEKSTEN = [
    "Iemand in de groep praatte de hele tijd door. Ik werd er onrustig van.",
    "Toen zij vertelde over haar slechte nachten dacht ik: dat ken ik.",
    "Vandaag weer die ergernis. Misschien zie ik in hem iets van mezelf.",
    "Ik heb even stilgestaan bij het verdriet over mijn oude baan. Niet weggeduwd.",
    "Het voelde fijn dat de anderen knikten toen ik mijn verhaal deed.",
    "Na afloop nog koffie gedronken. We spreken volgende week weer af.",
    "Moe vandaag. Het verdriet kwam terug, en dat mag.",
    "Ik merk dat ik vaker zeg wat ik nodig heb. Dat is nieuw voor mij.",
    "Wandelen helpt. Vroeg naar bed ook. Ik schrijf het op zodat ik het onthoud.",
    "Mijn verhaal vertellen was spannend, maar ik voelde me gehoord.",
]


class HerstelBouwer:
    def reflecties(self):
        s, rnd = self.s, self.rnd
        sam = self.deelnemers[0]
        eigen = min(500, max(1, s.reflecties // 50))  # a heavy writer: three years of entries
        stappen = [Stap.PROJECTIE] * 3 + [Stap.HERKENNING] * 4 + [Stap.ERKENNING] * 3
        stappen += [Stap.VERBINDING] * 3 + [Stap.JEZELF_TERUGVINDEN] * 2 + [Stap.GETUIGENIS]
        sam_groepen = [g for g in self.groepen if sam in self.leden_van.get(g.pk, [])]
        rijen = []
        for i in range(s.reflecties):
            if i < eigen:
                auteur = sam
                groep = rnd.choice(sam_groepen) if sam_groepen else None
                bijeenkomst = (
                    rnd.choice(self.geweest_van.get(groep.pk) or [None]) if groep else None
                )
            elif rnd.random() < 0.7 and self.aanwezig:
                bijeenkomst, auteur = rnd.choice(self.aanwezig)
                groep = bijeenkomst.groep
            else:
                auteur, groep, bijeenkomst = rnd.choice(self.deelnemers), None, None
            if bijeenkomst is not None:
                wanneer = bijeenkomst.begint_om + datetime.timedelta(hours=rnd.randint(3, 72))
            else:
                wanneer = self.nu - datetime.timedelta(
                    minutes=rnd.randint(60, 60 * 24 * 365 * JAREN)
                )
            wanneer = min(wanneer, self.nu)
            zicht = Zichtbaarheid.ALLEEN_IK
            if bijeenkomst is not None:
                r = rnd.random()
                zicht = (
                    Zichtbaarheid.FACILITATORS
                    if r < 0.17
                    else Zichtbaarheid.GROEP
                    if r < 0.25
                    else Zichtbaarheid.ALLEEN_IK
                )
            rijen.append(
                Reflectie(
                    auteur=auteur,
                    groep=groep,
                    bijeenkomst=bijeenkomst,
                    stap=rnd.choice(stappen),
                    tekst=TEKSTEN[i % len(TEKSTEN)],
                    zichtbaarheid=zicht,
                    aangemaakt_op=wanneer,
                    gedeeld_op=wanneer if zicht != Zichtbaarheid.ALLEEN_IK else None,
                )
            )
        bulk(Reflectie, rijen)
        herkenning = []
        for b, u in rnd.sample(self.aanwezig, min(len(self.aanwezig), s.reflecties // 10)):
            herkend = rnd.random() < 0.8
            herkenning.append(
                Herkenningsmoment(
                    auteur=u,
                    groep_id=b.groep_id,
                    bijeenkomst=b,
                    soort="herkend" if herkend else "niet_herkend",
                    oorzaak=rnd.choice(["verhaal", "houding", "sfeer"]) if herkend else "",
                    belemmering="" if herkend else rnd.choice(["geen_ruimte", "te_anders"]),
                    aangemaakt_op=min(self.nu, b.eindigt_om),
                )
            )
        bulk(Herkenningsmoment, herkenning)
        self.aantal_herkenning = len(herkenning)

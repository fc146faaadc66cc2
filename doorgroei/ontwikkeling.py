"""Growing as a volunteer: a person's path (roles, trainings, intervisie) and the
coordinator's calm list of who might be asked about a next step.

Intervisie is read from groepen, never copied: a meeting of an intervisiegroep counts
for a person when it took place while they were a member (from the day they joined,
IntervisieLid.sinds), or when they brought the case or wrote the notes (then they were
there for sure). groepen keeps no attendance per intervisie meeting, so this is "held in
your group while you were in it"; a person who left a group keeps only the meetings they
brought a case to (we do not know when they left). Only counts leave this module, never
a theme, a question or a note.

The next step is a plain rule, explained on the page, never a score:
- someone who has been host, buddy, moderator or volunteer for at least six months and
  has done a training could be asked whether they would like to co-facilitate a group;
- someone who has co-facilitated for at least six months, has done a training for
  facilitators and has been at intervisie at least three times could be asked whether
  they would like to run a group themselves.
Whether they want it is theirs to say; the list only says whom a coordinator might ask.
"""

import datetime
from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import F, Q
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from deelnemers.models import User
from groepen.models import Intervisiebijeenkomst, Vrijwilligersrol

from .models import Ontwikkeling

RolSoort = Vrijwilligersrol.Soort
Soort = Ontwikkeling.Soort

MAANDEN_VOOR_VOLGENDE_STAP = 6
INTERVISIE_VOOR_EIGEN_GROEP = 3
# Roles from which co-facilitating is a next step.
NAAST_DE_GROEP = (RolSoort.GASTHEER, RolSoort.BUDDY, RolSoort.MODERATOR, RolSoort.VRIJWILLIGER)
TRAININGEN = (Soort.OCE, Soort.FACILITATORTRAINING, Soort.ANDERS)

NAAR_COFACILITATOR = _("could be asked whether they would like to co-facilitate a group")
NAAR_EIGEN_GROEP = _("could be asked whether they would like to run a group themselves")


def maanden_tussen(begin: datetime.date, eind: datetime.date) -> int:
    """Whole months from `begin` to `eind` (3 March to 2 September is 5)."""
    maanden = (eind.year - begin.year) * 12 + eind.month - begin.month
    if eind.day < begin.day:
        maanden -= 1
    return max(maanden, 0)


def duur_tekst(maanden: int) -> str:
    if maanden < 1:
        return str(_("less than a month"))
    return ngettext("%(n)s month", "%(n)s months", maanden) % {"n": maanden}


# --- Intervisie, read from groepen ------------------------------------------------------


def intervisie_per_persoon(user_ids, nu=None) -> dict[int, int]:
    """Intervisie meetings each person was at (see the module docstring). Two queries,
    however many people or meetings."""
    user_ids = list(user_ids)
    if not user_ids:
        return {}
    nu = nu or timezone.now()
    geweest = Intervisiebijeenkomst.objects.filter(begint_om__lt=nu)
    paren = set(
        geweest.filter(
            groep__leden__user__in=user_ids,
            groep__leden__actief=True,
            groep__leden__sinds__lte=F("begint_om"),
        ).values_list("groep__leden__user", "pk")
    )
    zelf = geweest.filter(Q(inbrenger__in=user_ids) | Q(aangemaakt_door__in=user_ids))
    for inbrenger, schrijver, pk in zelf.values_list("inbrenger", "aangemaakt_door", "pk"):
        for wie in {inbrenger, schrijver} & set(user_ids):
            paren.add((wie, pk))
    telling: dict[int, int] = defaultdict(int)
    for wie, _pk in paren:
        telling[wie] += 1
    return dict(telling)


# --- One person's path -------------------------------------------------------------------


@dataclass
class Rol:
    rol: Vrijwilligersrol
    actief: bool
    maanden: int

    @property
    def duur(self) -> str:
        return duur_tekst(self.maanden)


@dataclass
class Pad:
    rollen: list[Rol]
    ontwikkelingen: list[Ontwikkeling]
    intervisie: int
    vandaag: datetime.date

    @property
    def leeg(self) -> bool:
        return not (self.rollen or self.ontwikkelingen or self.intervisie)


def _rol(rol: Vrijwilligersrol, vandaag) -> Rol:
    actief = rol.is_actief(vandaag)
    tot = vandaag if actief or rol.eindigt_op is None else rol.eindigt_op
    return Rol(rol, actief, maanden_tussen(rol.begint_op, min(tot, vandaag)))


def pad_van(user, vandaag=None) -> Pad:
    """Everything on a person's path. Four queries."""
    vandaag = vandaag or timezone.localdate()
    rollen = Vrijwilligersrol.objects.filter(user=user).select_related("groep")
    ontwikkelingen = Ontwikkeling.objects.filter(user=user).select_related("vastgelegd_door")
    return Pad(
        rollen=sorted(
            (_rol(r, vandaag) for r in rollen),
            key=lambda r: (not r.actief, -r.rol.begint_op.toordinal(), -r.rol.pk),
        ),
        ontwikkelingen=list(ontwikkelingen.order_by("-datum", "-pk")),
        intervisie=intervisie_per_persoon([user.pk]).get(user.pk, 0),
        vandaag=vandaag,
    )


def heeft_pad(user) -> bool:
    return Vrijwilligersrol.objects.filter(user=user).exists()


# --- The coordinator's list ---------------------------------------------------------------


@dataclass
class Vrijwilliger:
    user: object
    rollen: list[Rol] = field(default_factory=list)
    trainingen: int = 0
    facilitatortraining: bool = False
    intervisie: int = 0
    volgende_stap: str = ""


def _volgende_stap(v: Vrijwilliger) -> str:
    lang_genoeg = [r for r in v.rollen if r.maanden >= MAANDEN_VOOR_VOLGENDE_STAP]
    if (
        any(r.rol.soort == RolSoort.COFACILITATOR for r in lang_genoeg)
        and v.facilitatortraining
        and v.intervisie >= INTERVISIE_VOOR_EIGEN_GROEP
    ):
        return str(NAAR_EIGEN_GROEP)
    if (
        not any(r.rol.soort == RolSoort.COFACILITATOR for r in v.rollen)
        and any(r.rol.soort in NAAST_DE_GROEP for r in lang_genoeg)
        and v.trainingen
    ):
        return str(NAAR_COFACILITATOR)
    return ""


def vrijwilligers(vandaag=None) -> list[Vrijwilliger]:
    """Everyone with a role today, by first name, with what the rule looks at. Five
    queries, however many people, roles or trainings."""
    vandaag = vandaag or timezone.localdate()
    per_persoon: dict[int, Vrijwilliger] = {}
    rollen = (
        Vrijwilligersrol.objects.actief(vandaag)
        .select_related("user", "groep")
        .order_by("user__roepnaam", "user_id", "begint_op", "pk")
    )
    for rol in rollen:
        v = per_persoon.setdefault(rol.user_id, Vrijwilliger(user=rol.user))
        v.rollen.append(_rol(rol, vandaag))
    gedaan = Ontwikkeling.objects.filter(user__in=list(per_persoon), soort__in=TRAININGEN).filter(
        Q(einddatum__lte=vandaag) | Q(einddatum__isnull=True, datum__lte=vandaag)
    )
    for user_id, soort in gedaan.values_list("user_id", "soort"):
        v = per_persoon[user_id]
        v.trainingen += 1
        v.facilitatortraining |= soort == Soort.FACILITATORTRAINING
    vastgelegd = Ontwikkeling.objects.filter(
        user__in=list(per_persoon), soort=Soort.INTERVISIE, datum__lte=vandaag
    ).values_list("user_id", flat=True)
    telling = intervisie_per_persoon(per_persoon)
    for user_id in vastgelegd:
        telling[user_id] = telling.get(user_id, 0) + 1
    for user_id, v in per_persoon.items():
        v.intervisie = telling.get(user_id, 0)
        v.volgende_stap = _volgende_stap(v)
    return list(per_persoon.values())


# --- Recording ------------------------------------------------------------------------------


def vrijwilliger_of_404(user_id):
    """The people a coordinator can open here: anyone who has or had a volunteer role."""
    user = (
        User.objects.filter(pk=user_id, is_active=True, vrijwilligersrollen__isnull=False)
        .distinct()
        .first()
    )
    if user is None:
        raise Http404
    return user


def vastleggen(user, door, *, soort, titel, datum, einddatum=None, notitie="") -> Ontwikkeling:
    return Ontwikkeling.objects.create(
        user=user,
        soort=soort,
        titel=titel.strip(),
        datum=datum,
        einddatum=einddatum,
        notitie=notitie.strip(),
        vastgelegd_door=door,
    )


def verwijderen(user, pk) -> bool:
    """Remove a record made by mistake. Only rows of this person; returns whether one went."""
    return bool(Ontwikkeling.objects.filter(user=user, pk=pk).delete()[0])

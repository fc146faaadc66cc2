"""The facilitator home's counts from the apps below, in one compiled query.

Unread shared reflections per group (herstelmodel) and open moderation cases (nazorg)
follow from deep rules (who may read what, which spaces someone moderates): building
them with the ORM took more of the home's time than running them. They are compiled
once per process (lib/gecompileerd.py) and share one round trip, with the questions of
the giving-back block (doorgroei/groei_home.py: four yes/no answers on the person's own
row, as bits of one number), which otherwise cost a query and its building of their own.
"""

from django.utils import timezone

from deelnemers.models import User
from doorgroei import groei_home
from herstelmodel.models import Reflectie
from herstelmodel.reflectie import ongelezen_orm, ongelezen_per_groep
from lib.gecompileerd import Gecompileerd
from nazorg import moderatie

# soort 0: a group and its unread count; soort 1: the open moderation cases; soort 2: the
# giving-back block's answers as bits (in the order of _GROEI).
_GROEI = ("heeft_pad", "deelt_verhaal", "open_uitnodiging", "aanbiedingen")
_TELLINGEN = Gecompileerd(
    Reflectie,
    lambda user, nu, vandaag, groep_ids: [
        ongelezen_orm(user).filter(groep__in=groep_ids),
        moderatie.open_voor_orm(user, vandaag),
        User.objects.filter(pk=user.pk).values(**groei_home.vragen(user, nu=nu)),
    ],
    "SELECT 0, ongelezen.groep, ongelezen.n FROM ({}) ongelezen"
    " UNION ALL SELECT 1, NULL, COUNT(*) FROM ({}) zaken"
    " UNION ALL SELECT 2, NULL, CASE WHEN groei.heeft_pad THEN 1 ELSE 0 END"
    " + CASE WHEN groei.deelt_verhaal THEN 2 ELSE 0 END"
    " + CASE WHEN groei.open_uitnodiging THEN 4 ELSE 0 END"
    " + CASE WHEN groei.aanbiedingen THEN 8 ELSE 0 END FROM ({}) groei",
)


def tellingen(user, groep_ids) -> tuple[dict[int, int], int]:
    """({group id: unread shared reflections}, open moderation cases) for `user`, the
    groups limited to `groep_ids`; as ongelezen_per_groep and moderatie.aantal_open_voor
    answer them. One query."""
    return home(user, groep_ids)[:2]


def home(user, groep_ids) -> tuple[dict[int, int], int, groei_home.Blok]:
    """The two counts of `tellingen` and the giving-back block (groei_home.blok), in one
    query."""
    groep_ids = sorted(set(groep_ids))
    nu = timezone.now()
    rijen = None
    # The moderation rules show an inactive person nothing: the ORM says so at once. No
    # groups: the ORM knows there is nothing unread without asking.
    if user.is_active and groep_ids:
        rijen = _TELLINGEN.rijen(user, nu, timezone.localdate(nu), groep_ids)
    if rijen is None:
        return (
            ongelezen_per_groep(user, groep_ids),
            moderatie.aantal_open_voor(user),
            groei_home.blok(user),
        )
    ongelezen, open_zaken, blok = {}, 0, groei_home.Blok()
    for soort, groep, n in rijen:
        if soort == 1:
            open_zaken = n
        elif soort == 2:
            blok = groei_home.Blok(**{v: bool(n & (1 << i)) for i, v in enumerate(_GROEI)})
        else:
            ongelezen[groep] = n
    return ongelezen, open_zaken, blok

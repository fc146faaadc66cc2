"""The facilitator home's two counts from the apps below, in one compiled query.

Unread shared reflections per group (herstelmodel) and open moderation cases (nazorg)
follow from deep rules (who may read what, which spaces someone moderates): building
them with the ORM took more of the home's time than running them. They are compiled
once per process (lib/gecompileerd.py) and share one round trip.
"""

from django.utils import timezone

from herstelmodel.models import Reflectie
from herstelmodel.reflectie import ongelezen_orm, ongelezen_per_groep
from lib.gecompileerd import Gecompileerd
from nazorg import moderatie

# soort 0: a group and its unread count; soort 1: the open moderation cases.
_TELLINGEN = Gecompileerd(
    Reflectie,
    lambda user, nu, vandaag, groep_ids: [
        ongelezen_orm(user).filter(groep__in=groep_ids),
        moderatie.open_voor_orm(user, vandaag),
    ],
    "SELECT 0, ongelezen.groep, ongelezen.n FROM ({}) ongelezen"
    " UNION ALL SELECT 1, NULL, COUNT(*) FROM ({}) zaken",
)


def tellingen(user, groep_ids) -> tuple[dict[int, int], int]:
    """({group id: unread shared reflections}, open moderation cases) for `user`, the
    groups limited to `groep_ids`; as ongelezen_per_groep and moderatie.aantal_open_voor
    answer them. One query."""
    groep_ids = sorted(set(groep_ids))
    nu = timezone.now()
    rijen = None
    # The moderation rules show an inactive person nothing: the ORM says so at once. No
    # groups: the ORM knows there is nothing unread without asking.
    if user.is_active and groep_ids:
        rijen = _TELLINGEN.rijen(user, nu, timezone.localdate(nu), groep_ids)
    if rijen is None:
        return ongelezen_per_groep(user, groep_ids), moderatie.aantal_open_voor(user)
    ongelezen, open_zaken = {}, 0
    for soort, groep, n in rijen:
        if soort == 1:
            open_zaken = n
        else:
            ongelezen[groep] = n
    return ongelezen, open_zaken

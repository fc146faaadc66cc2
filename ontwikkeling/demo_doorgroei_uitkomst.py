"""Demo check-ins (called by `manage.py demo`): twelve people of the demo history
(ontwikkeling/demo_impact.py) did a check-in this quarter, so the value report shows
"measured in this academy" next to the study's assumptions by default. The report keeps
using the assumed figures until the coordinator chooses otherwise. Idempotent.
"""

import datetime

from django.utils import timezone

from deelnemers.models import User
from doorgroei.models import Uitkomst

MINDER, NIET, GEEN = Uitkomst.Zorg.MINDER, Uitkomst.Zorg.NIET_MINDER, Uitkomst.Zorg.GEEN
MEER, ZELFDE, WISSELT = Uitkomst.Regie.MEER, Uitkomst.Regie.ZELFDE, Uitkomst.Regie.WISSELT
# volunteer work, paid work, study, care, more people, regie (None = skipped):
# volunteer work 3 of 12 (25.0%), paid work 1 of 11 (9.1%), care 7 of 10 fewer (70.0%).
ANTWOORDEN = [
    (True, False, None, MINDER, True, MEER),
    (True, False, False, MINDER, True, MEER),
    (True, None, True, NIET, None, ZELFDE),
    (False, True, False, MINDER, True, MEER),
    (False, False, False, GEEN, False, WISSELT),
    (False, False, True, MINDER, True, None),
    (False, False, False, NIET, None, ZELFDE),
    (False, False, None, MINDER, True, MEER),
    (False, False, False, NIET, False, WISSELT),
    (False, False, False, MINDER, True, MEER),
    (False, False, None, None, None, ZELFDE),
    (False, False, False, MINDER, True, MEER),
]


def maak_checkins():
    mensen = list(
        User.objects.filter(email__in=[f"deelnemer+{n}@demo.nl" for n in range(1, 13)]).order_by(
            "pk"
        )
    )
    if len(mensen) < len(ANTWOORDEN) or Uitkomst.objects.filter(user__in=mensen).exists():
        return
    nu = timezone.now()
    vandaag = timezone.localdate()
    kwartaal = datetime.date(vandaag.year, 3 * ((vandaag.month - 1) // 3) + 1, 1)
    begin = timezone.make_aware(datetime.datetime.combine(kwartaal, datetime.time(0, 5)))
    rijen = []
    for dag, (user, antwoord) in enumerate(zip(mensen, ANTWOORDEN, strict=True)):
        vw, werk, studie, zorg, mensen_, regie = antwoord
        rijen.append(
            Uitkomst(
                user=user,
                ingevuld_op=min(nu, max(begin, nu - datetime.timedelta(days=dag + 1))),
                vrijwilligerswerk=vw,
                betaald_werk=werk,
                studie=studie,
                minder_zorg=zorg,
                meer_mensen=mensen_,
                regie=regie,
            )
        )
    Uitkomst.objects.bulk_create(rijen)

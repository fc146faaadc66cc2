"""What audit exports for one person (registered with lib.privacy): their log.

Nothing is erased here: the trail is append-only and holds ids and short codes, never
words; after erasure the person's row is scrubbed, so the events point at nobody
(see the allow-list in tests/privacy/test_providers.py).
"""

from django.utils.translation import gettext_lazy as _l

from lib.privacy import Provider, Sectie, Veld, keuzes, registreer

from .models import AuditEvent

V = Veld

# fmt: off
SECTIES = (
    Sectie("logboek", _l("Your log: what happened with your account"),
           lambda u: AuditEvent.objects.over(u).order_by("tijd", "pk"), (
        V("soort", _l("What"), keuzes=keuzes(AuditEvent.Soort)), V("tijd", _l("When")),
        V("door_jou", _l("Done by you"), lambda o, u: o.actor_id == u.pk),
        V("over_jou", _l("About you"), lambda o, u: o.betreft_id == u.pk),
        V("details", _l("Numbers")),
    ), volgorde=190, modellen=(AuditEvent,)),
)
# fmt: on

registreer(Provider(naam="audit", secties=SECTIES))

import pytest
from django.core.cache import cache

from herstelmodel.models import Reflectie, Zichtbaarheid

# Words that must never reach the audit trail, whatever happens to the texts they are in.
CANARY = "KANARIE-geheim-7731"


@pytest.fixture(autouse=True)
def _engels(settings):
    """Assertions on wording hold whatever the Dutch translation says."""
    settings.LANGUAGE_CODE = "en"


@pytest.fixture(autouse=True)
def _geen_rate_limits():
    """allauth keeps login rate limits in the cache; each test starts clean."""
    cache.clear()


@pytest.fixture
def gedeelde_reflectie(groep, deelnemer):
    return Reflectie.objects.create(
        auteur=deelnemer,
        groep=groep,
        stap=2,
        tekst=f"Ik herkende mezelf. {CANARY}",
        zichtbaarheid=Zichtbaarheid.FACILITATORS,
    )


def events(**filters):
    from audit.models import AuditEvent

    return list(AuditEvent.objects.filter(**filters).order_by("tijd", "pk"))

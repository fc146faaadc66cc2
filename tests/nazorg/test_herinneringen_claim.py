"""The claim token: an explicit UUID per claim that says which run holds a row, next to
the lease time. A run only moves rows on that still carry its own token."""

import datetime
import uuid

import pytest
import time_machine
from django.core import mail
from django.core.mail import get_connection
from django.utils import timezone

from nazorg import herinneringen
from nazorg.models import Herinnering, Melding

from .conftest import maak_due

S = Herinnering.Status


def _telling():
    return dict.fromkeys(("verzonden", "later", "mislukt", "afgemeld", "teruggegeven"), 0)


@pytest.mark.django_db
def test_a_claim_holds_rows_with_a_new_token_and_the_lease_start(afgelopen):
    maak_due(Herinnering.objects.filter(moment__dagen_na_einde=14))
    nu = timezone.now()
    rijen, token = herinneringen.claim(batch=2, now=nu)
    assert isinstance(token, uuid.UUID)
    assert len(rijen) == 2
    for rij in Herinnering.objects.filter(pk__in=[r.pk for r in rijen]):
        assert (rij.status, rij.claim, rij.geclaimd_op, rij.pogingen) == (S.BEZIG, token, nu, 1)
    # A second claim at the very same moment gets the remaining row, with its own token.
    rest, ander = herinneringen.claim(batch=10, now=nu)
    assert len(rest) == 1
    assert ander != token
    assert {r.pk for r in rest}.isdisjoint(r.pk for r in rijen)


@pytest.mark.django_db
def test_rows_that_leave_bezig_are_held_by_nobody(afgelopen):
    maak_due(Herinnering.objects.filter(moment__dagen_na_einde=14))
    assert herinneringen.verstuur_herinneringen()["verzonden"] == 3
    assert not Herinnering.objects.filter(claim__isnull=False).exists()
    assert not Herinnering.objects.filter(geclaimd_op__isnull=False).exists()


@pytest.mark.django_db
def test_a_late_worker_cannot_touch_rows_another_run_has_claimed_since(afgelopen):
    """A worker stalls past its lease; its rows are taken back and claimed by a new run.
    When the stalled worker wakes up, its token no longer matches: it sends nothing and
    records nothing, and the new run sends each reminder once."""
    maak_due(Herinnering.objects.filter(moment__dagen_na_einde=14))
    oud, oud_token = herinneringen.claim(batch=10)
    later = timezone.now() + datetime.timedelta(minutes=11)
    with time_machine.travel(later):
        assert herinneringen.herstel_verlopen() == 3
        nieuw, nieuw_token = herinneringen.claim(batch=10)
    assert {r.pk for r in nieuw} == {r.pk for r in oud}
    assert nieuw_token != oud_token

    # The stalled worker's records change nothing...
    for rij in oud:
        assert herinneringen._record(rij, oud_token, status=S.VERZONDEN, verzonden_op=later) == 0
    assert set(
        Herinnering.objects.filter(pk__in=[r.pk for r in oud]).values_list("claim", flat=True)
    ) == {nieuw_token}

    # ...and the new run sends each reminder exactly once.
    telling = _telling()
    herinneringen.verwerk(nieuw, nieuw_token, get_connection(), telling)
    assert telling["verzonden"] == 3
    assert len(mail.outbox) == 3
    assert Melding.objects.count() == 3
    assert Herinnering.objects.filter(status=S.VERZONDEN, claim__isnull=True).count() == 3
